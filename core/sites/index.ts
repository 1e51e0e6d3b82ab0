import type { SiteId } from '../model';
import { canvasDocKey, parseCanvasUrl } from './canvas';
import { googleDocKey, parseGoogleDocUrl } from './gdocs';

export interface PageDocument {
  site: SiteId;
  docKey: string;
}

/**
 * Which document (if any) an address shows; the side panel uses it to follow the active tab.
 * Sites whose key needs the page itself (Moodle's course comes from the body) return null here;
 * the background then asks the tab's content script.
 */
export function documentForUrl(url: string): PageDocument | null {
  const gdoc = parseGoogleDocUrl(url);
  if (gdoc) return { site: 'gdocs', docKey: googleDocKey(gdoc) };
  const canvas = parseCanvasUrl(url);
  if (canvas) return { site: 'canvas', docKey: canvasDocKey(canvas) };
  return null;
}
