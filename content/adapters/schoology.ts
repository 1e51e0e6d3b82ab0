import {
  looksLikeSchoology,
  parseSchoologyUrl,
  SCHOOLOGY_COURSE_LINKS,
  SCHOOLOGY_SELECTORS,
  schoologyCourseId,
  schoologyDocKey,
} from '../../core/sites/schoology';
import type { DomAdapter } from '../run-page';
import { findRoot, titleOf } from './lms-common';

/** Schoology pages and assignments (rendered body; the course comes from the page's links). */
export const schoologyAdapter: DomAdapter = {
  site: 'schoology',
  matchesUrl: (url) => parseSchoologyUrl(url) !== null,
  detect(url, doc) {
    const ref = parseSchoologyUrl(url);
    if (!ref || !looksLikeSchoology(doc)) return null;
    const hrefs = [...doc.querySelectorAll(SCHOOLOGY_COURSE_LINKS)].map((a) => a.getAttribute('href') ?? '');
    const courseId = schoologyCourseId(hrefs);
    const docKey = courseId ? schoologyDocKey(ref, courseId) : null;
    if (!docKey) return null;
    const where = SCHOOLOGY_SELECTORS[ref.view];
    return {
      docKey,
      site: 'schoology',
      get title() {
        return titleOf(doc, where.title) || doc.title.split('|')[0]?.trim() || '';
      },
      root: findRoot(doc, where.body),
    };
  },
};
