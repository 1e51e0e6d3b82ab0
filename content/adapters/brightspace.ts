import {
  BRIGHTSPACE_SELECTORS,
  brightspaceDocKey,
  looksLikeBrightspace,
  parseBrightspaceUrl,
} from '../../core/sites/brightspace';
import type { DomAdapter } from '../run-page';
import { deepQuerySelector, frameBody, titleOf } from './lms-common';

/**
 * Brightspace content topics: an HTML topic's document (same-origin iframe) or the topic's
 * description block; in the editor, the d2l-htmleditor web component's TinyMCE body.
 */
export const brightspaceAdapter: DomAdapter = {
  site: 'brightspace',
  matchesUrl: (url) => parseBrightspaceUrl(url) !== null,
  detect(url, doc) {
    const ref = parseBrightspaceUrl(url);
    if (!ref || !looksLikeBrightspace(doc)) return null;
    const shownTitle = () => titleOf(doc, BRIGHTSPACE_SELECTORS.title) || doc.title.split(' - ')[0]?.trim() || '';
    let root: Element | null;
    if (ref.view === 'topicEdit') {
      const editor = deepQuerySelector(doc, BRIGHTSPACE_SELECTORS.editors);
      const frame = editor?.shadowRoot ? deepQuerySelector(editor.shadowRoot, 'iframe') : null;
      root = frameBody(frame ?? (editor ? editor.querySelector('iframe') : null));
      const editedTitle = () => {
        const input = deepQuerySelector(doc, BRIGHTSPACE_SELECTORS.editTitle) as HTMLInputElement | null;
        return typeof input?.value === 'string' ? input.value.trim() : '';
      };
      return {
        docKey: brightspaceDocKey(ref),
        site: 'brightspace',
        get title() {
          return editedTitle() || shownTitle();
        },
        root,
      };
    }
    root =
      frameBody(doc.querySelector(BRIGHTSPACE_SELECTORS.topicFrame)) ??
      doc.querySelector(BRIGHTSPACE_SELECTORS.htmlBlock);
    return {
      docKey: brightspaceDocKey(ref),
      site: 'brightspace',
      get title() {
        return shownTitle();
      },
      root,
    };
  },
};
