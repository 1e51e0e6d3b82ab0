import type { DocSnapshot } from '../model';
import { snapshotProblem } from '../protocol';
import { documentForUrl } from './index';
import { httpsUrl } from './probe';
import type { ProbedSite } from './readers';

/**
 * An LMS probe that says "read" on a page whose whole text it saw also sends the page as the
 * reader would (ProbedPage in core/sites/readers.ts), so the background can judge it before any
 * reader starts: a page with a plan's words that is no plan then costs the page the probe
 * alone (issue 5). The probe ran in the page's own world, where the page's scripts could have
 * changed its answer: it is checked here, and its docKey must be one of this page's own.
 */
export function probedSnapshot(site: ProbedSite, url: string, page: unknown): DocSnapshot | null {
  if (typeof page !== 'object' || page === null) return null;
  const { docKey, title, blocks } = page as Record<string, unknown>;
  const host = httpsUrl(url)?.hostname.toLowerCase();
  if (!host || typeof docKey !== 'string' || !docKey.startsWith(`${site}:${host}:`)) return null;
  // Where the address alone names the document, it must be that one (Moodle and Schoology take
  // their course from the page, as their readers do).
  const fromUrl = documentForUrl(url);
  if (fromUrl && fromUrl.docKey !== docKey) return null;
  const snapshot = { docKey, site, url, title, blocks };
  return snapshotProblem(snapshot) === null ? (snapshot as DocSnapshot) : null;
}
