import type { SiteId } from '../model';
import { brightspaceDocKey, parseBrightspaceUrl } from './brightspace';
import { canvasDocKey, parseCanvasUrl } from './canvas';
import { classroomDocKey, parseClassroomUrl } from './classroom';
import { googleDocKey, parseGoogleDocUrl } from './gdocs';

export interface PageDocument {
  site: SiteId;
  docKey: string;
}

/**
 * Which document (if any) an address shows; the side panel uses it to follow the active tab.
 * Sites whose key needs the page itself (Moodle's and Schoology's course comes from the page)
 * return null here;
 * the background then asks the tab's content script.
 */
export function documentForUrl(url: string): PageDocument | null {
  const gdoc = parseGoogleDocUrl(url);
  if (gdoc) return { site: 'gdocs', docKey: googleDocKey(gdoc) };
  const canvas = parseCanvasUrl(url);
  if (canvas) return { site: 'canvas', docKey: canvasDocKey(canvas) };
  const brightspace = parseBrightspaceUrl(url);
  if (brightspace) return { site: 'brightspace', docKey: brightspaceDocKey(brightspace) };
  const classroom = parseClassroomUrl(url);
  if (classroom) return { site: 'classroom', docKey: classroomDocKey(classroom) };
  return null;
}
