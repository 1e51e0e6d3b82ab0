import { mountOverlay, type OverlayHandle } from './mount';

/**
 * Where the open panel is remembered between injections: the content-script world's global
 * object, which the page's own scripts cannot see (each injection of overlay.js is a fresh copy
 * of the bundle, so module variables do not survive it).
 */
const OPEN = '__planlensOverlay';

type OverlayGlobal = typeof globalThis & { [OPEN]?: OverlayHandle };

/**
 * Shows the in-page panel, or closes it when it is open (the background injects overlay.js
 * once per toolbar click or shortcut). Returns what it did, for the background.
 */
export function toggleOverlay(doc: Document = document, scope: OverlayGlobal = globalThis): 'opened' | 'closed' {
  const current = scope[OPEN];
  if (current?.isOpen()) {
    current.close();
    return 'closed';
  }
  // A panel whose host the page removed: let it go, and show a new one.
  current?.close();
  const handle = mountOverlay(doc, {
    mode: 'closed',
    onClosed: () => {
      if (scope[OPEN] === handle) delete scope[OPEN];
    },
  });
  scope[OPEN] = handle;
  return 'opened';
}
