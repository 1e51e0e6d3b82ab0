import type { SiteId } from '../model';
import { googleDocKey, parseGoogleDocUrl } from './gdocs';

export interface PageDocument {
  site: SiteId;
  docKey: string;
}

/** Which document (if any) an address shows; the side panel uses it to follow the active tab. */
export function documentForUrl(url: string): PageDocument | null {
  const gdoc = parseGoogleDocUrl(url);
  if (gdoc) return { site: 'gdocs', docKey: googleDocKey(gdoc) };
  return null;
}
