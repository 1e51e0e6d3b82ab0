import { customDocKey } from '../../core/sites/custom';
import type { DomAdapter } from '../run-page';

/** Where a district page usually keeps its text; the body when none of these is there. */
const MAIN = 'main, [role="main"], article, #content, #main-content, .main-content, #main';

/**
 * Any page on a district site the user granted: its main region (or body), keyed by host and
 * path. Pages that do not look like plans are not kept unless the user says "Track anyway".
 */
export const customAdapter: DomAdapter = {
  site: 'custom',
  matchesUrl: (url) => customDocKey(url) !== null,
  detect(url, doc) {
    const docKey = customDocKey(url);
    if (!docKey) return null;
    return {
      docKey,
      site: 'custom',
      get title() {
        return doc.title.trim() || (doc.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
      },
      root: doc.querySelector(MAIN) ?? doc.body,
    };
  },
};
