import { CANVAS_SELECTORS, canvasDocKey, looksLikeCanvas, parseCanvasUrl } from '../../core/sites/canvas';
import type { DomAdapter } from '../run-page';
import { findRoot, titleOf } from './lms-common';

/** Canvas pages, assignments and their rich content editor. */
export const canvasAdapter: DomAdapter = {
  site: 'canvas',
  matchesUrl: (url) => parseCanvasUrl(url) !== null,
  detect(url, doc) {
    const ref = parseCanvasUrl(url);
    if (!ref || !looksLikeCanvas(doc)) return null;
    const where = CANVAS_SELECTORS[ref.view];
    return {
      docKey: canvasDocKey(ref),
      site: 'canvas',
      get title() {
        return titleOf(doc, where.title) || (doc.title.split(':')[0]?.trim() ?? '');
      },
      root: findRoot(doc, where.body, where.editorFrame),
    };
  },
};
