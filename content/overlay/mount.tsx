import { render } from 'preact';
import panelCss from '../../components/panel.css?inline';
import { SidePanel } from '../../components/SidePanel';
import { Overlay } from './Overlay';
import overlayCss from './overlay.css?inline';
import { shadowRootCss } from './styles';

/** The element the in-page panel hangs from: a child of <html>, outside the page's <body>. */
export const OVERLAY_HOST_TAG = 'planlens-overlay';

export interface OverlayHandle {
  /** Closes the panel (idempotent) and gives the focus back to where it was. */
  close(): void;
  isOpen(): boolean;
}

export interface MountOptions {
  /**
   * 'closed' in the product: the page's scripts get no handle on the panel (host.shadowRoot is
   * null for them). Unit tests mount it 'open' to look inside.
   */
  mode: ShadowRootMode;
  /** Called once the panel closed, however it was closed. */
  onClosed?: () => void;
}

/**
 * Shows the coverage panel (the same SidePanel component as the browser's panel, following this
 * tab's document) in a shadow root at the right of the page. Nothing is written into the page's
 * content: one host element is appended to <html>, its shadow root holds the styles and the UI,
 * and closing removes the host again. Text is rendered by Preact as text nodes only.
 */
export function mountOverlay(doc: Document, options: MountOptions): OverlayHandle {
  const previousFocus = doc.activeElement;
  const host = doc.createElement(OVERLAY_HOST_TAG);
  const root = host.attachShadow({ mode: options.mode });
  const style = doc.createElement('style');
  style.textContent = shadowRootCss(panelCss, overlayCss);
  const mountPoint = doc.createElement('div');
  root.append(style, mountPoint);
  doc.documentElement.append(host);

  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    render(null, mountPoint);
    host.remove();
    // Back to where the user was (the editor, a link), if it is still there.
    if (previousFocus instanceof HTMLElement && previousFocus.isConnected && previousFocus !== doc.body)
      previousFocus.focus();
    options.onClosed?.();
  };
  render(
    <Overlay onClose={close}>
      <SidePanel requestedDocKey={null} inPage />
    </Overlay>,
    mountPoint,
  );
  // Into the panel, so that keyboard and screen reader users land in what they just opened.
  mountPoint.querySelector<HTMLElement>('[role=dialog]')?.focus();
  // The page may have removed the host: then there is nothing open to close.
  return { close, isOpen: () => open && host.isConnected };
}
