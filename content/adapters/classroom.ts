import { classroomDocKey, classroomTitleFromTabTitle, parseClassroomUrl } from '../../core/sites/classroom';
import type { DomAdapter } from '../run-page';

/**
 * Google Classroom stream items (materials, assignments, questions). Classroom's class names
 * are generated and change, so the text is the main region (role=main) and the title its first
 * heading. Navigation between items happens without page loads (wxt:locationchange).
 */
export const classroomAdapter: DomAdapter = {
  site: 'classroom',
  matchesUrl: (url) => parseClassroomUrl(url) !== null,
  detect(url, doc) {
    const ref = parseClassroomUrl(url);
    if (!ref) return null;
    const main = doc.querySelector('[role="main"]');
    const heading = main?.querySelector('h1, [role="heading"][aria-level="1"]');
    const title = heading?.textContent?.replace(/\s+/g, ' ').trim() || classroomTitleFromTabTitle(doc.title);
    // Until the item's heading is there, the region still shows the previous view (or nothing).
    return { docKey: classroomDocKey(ref), site: 'classroom', title, root: heading ? main : null };
  },
};
