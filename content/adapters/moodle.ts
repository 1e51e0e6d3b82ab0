import {
  isMoodlePageActivity,
  looksLikeMoodle,
  MOODLE_SELECTORS,
  moodleCourseId,
  moodleDocKey,
  moodleTitleFromTabTitle,
  parseMoodleUrl,
} from '../../core/sites/moodle';
import type { DomAdapter } from '../run-page';
import { bodySignature, findRoot, titleOf } from './lms-common';

/** Moodle page activities: the page view and its TinyMCE editor (the activity settings form). */
export const moodleAdapter: DomAdapter = {
  site: 'moodle',
  matchesUrl: (url) => parseMoodleUrl(url) !== null,
  detect(url, doc) {
    const ref = parseMoodleUrl(url);
    if (!ref || !looksLikeMoodle(doc)) return null;
    const body = bodySignature(doc);
    const courseId = moodleCourseId(body);
    if (!courseId || !isMoodlePageActivity(body, ref)) return null;
    const where = MOODLE_SELECTORS[ref.view];
    return {
      docKey: moodleDocKey(ref.host, courseId, ref.cmid),
      site: 'moodle',
      get title() {
        return titleOf(doc, where.title) || moodleTitleFromTabTitle(doc.title);
      },
      root: findRoot(doc, where.body, where.editorFrame),
    };
  },
};
