import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../lib/i18n';

interface ChromeSidePanelOpen {
  open(options: { windowId: number }): Promise<void>;
}

/**
 * Shown when the panel's page is open in a normal tab (from the dashboard or a link): moves
 * PlanLens into the browser's side panel for this window. Chrome needs the click as a gesture.
 */
export function OpenSidePanelButton() {
  const [error, setError] = useState<string | null>(null);
  const sidePanel = (browser as unknown as { sidePanel?: ChromeSidePanelOpen }).sidePanel;
  if (!sidePanel) return null;
  const open = async () => {
    try {
      const current = await browser.windows.getCurrent();
      if (current.id === undefined) throw new Error('no window');
      await sidePanel.open({ windowId: current.id });
    } catch {
      setError(t('panel_openPanelFailed'));
    }
  };
  return (
    <p class="open-panel">
      <button type="button" class="button" onClick={open}>
        {t('panel_openInSidePanel')}
      </button>
      {error && <span role="alert"> {error}</span>}
    </p>
  );
}
