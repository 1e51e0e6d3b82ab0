import { useEffect, useId, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  DEFAULT_SURFACE,
  parseSurface,
  SURFACE_KEY,
  type Surface,
  TOGGLE_OVERLAY_COMMAND,
} from '../background/surfaces';
import { t } from '../lib/i18n';

interface Shortcuts {
  open: string;
  toggle: string;
}

/**
 * Settings: "Open PlanLens as: side panel / in-page panel". Saved in browser.storage.local
 * (see background/surfaces.ts for why), where the background picks it up at once; the current
 * keyboard shortcuts are read from the browser, since the user may have changed them.
 */
export function SurfacePreference() {
  const id = useId();
  const [surface, setSurface] = useState<Surface | null>(null);
  const [shortcuts, setShortcuts] = useState<Shortcuts | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    browser.storage.local
      .get(SURFACE_KEY)
      .then((items) => setSurface(parseSurface(items[SURFACE_KEY])))
      .catch(() => setSurface(DEFAULT_SURFACE));
    browser.commands
      ?.getAll()
      .then((commands) => {
        const key = (name: string) => commands.find((c) => c.name === name)?.shortcut || t('overlay_prefNoShortcut');
        setShortcuts({ open: key('_execute_action'), toggle: key(TOGGLE_OVERLAY_COMMAND) });
      })
      .catch(() => undefined);
  }, []);

  const choose = async (next: Surface) => {
    setSurface(next);
    setMessage(null);
    try {
      await browser.storage.local.set({ [SURFACE_KEY]: next });
      setMessage({ text: t('overlay_prefSaved'), error: false });
    } catch (error) {
      setMessage({ text: t('overlay_prefFailed', { message: (error as Error).message }), error: true });
    }
  };

  const option = (value: Surface, label: string) => (
    <label class="surface-option">
      <input
        type="radio"
        name={`${id}-surface`}
        value={value}
        checked={surface === value}
        disabled={surface === null}
        onChange={() => void choose(value)}
      />{' '}
      {label}
    </label>
  );

  return (
    <section id="surface" class="options options-section surface-preference" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('overlay_prefTitle')}</h2>
      <fieldset>
        <legend>{t('overlay_prefLegend')}</legend>
        {option('sidePanel', t('overlay_prefSidePanel'))}
        {option('inPage', t('overlay_prefInPage'))}
      </fieldset>
      <p class="hint">{t('overlay_prefHint')}</p>
      {shortcuts && (
        <p class="hint">
          {t('overlay_prefShortcuts', { open: shortcuts.open, toggle: shortcuts.toggle })}{' '}
          {t('overlay_prefShortcutsChange')}
        </p>
      )}
      <p class={message?.error ? 'notice notice-error' : 'surface-saved'} role={message?.error ? 'alert' : 'status'}>
        {message?.text ?? ''}
      </p>
    </section>
  );
}
