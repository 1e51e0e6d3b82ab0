import type { ComponentChildren } from 'preact';
import { t } from '../../lib/i18n';

/**
 * The in-page panel's frame: a non-modal dialog docked at the right of the page, with a close
 * button; Escape closes it too (mount.tsx moves the focus into it). Keys typed in it stop here, so
 * the page's own shortcuts (which see only the shadow host) do not fire while the user types a
 * note.
 */
export function Overlay({ onClose, children }: { onClose: () => void; children: ComponentChildren }) {
  const keep = (event: Event) => event.stopPropagation();
  return (
    <div
      class="overlay"
      role="dialog"
      aria-modal="false"
      aria-label={t('overlay_label')}
      tabIndex={-1}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onClose();
        }
      }}
      onKeyUp={keep}
      onKeyPress={keep}
      onInput={keep}
    >
      <div class="overlay-bar">
        <span class="overlay-brand">{t('extName')}</span>
        <button
          type="button"
          class="button button-small overlay-close"
          title={t('overlay_closeHint')}
          onClick={onClose}
        >
          {t('overlay_close')}
        </button>
      </div>
      <div class="overlay-body">{children}</div>
    </div>
  );
}
