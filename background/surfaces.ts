import { browser } from 'wxt/browser';

interface ChromeSidePanel {
  setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
}
interface FirefoxSidebarAction {
  toggle(): Promise<void>;
}

/**
 * The toolbar button opens PlanLens's panel: Chrome's side panel (which can open itself on
 * click), or Firefox's sidebar (toggled from the click, which counts as the user gesture).
 */
export function openSurfaceOnActionClick(): void {
  const api = browser as unknown as { sidePanel?: ChromeSidePanel; sidebarAction?: FirefoxSidebarAction };
  if (api.sidePanel) {
    api.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
    return;
  }
  const sidebar = api.sidebarAction;
  if (sidebar) browser.action.onClicked.addListener(() => void sidebar.toggle());
}
