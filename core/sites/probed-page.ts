import { htmlToBlocks } from '../extract/html';
import type { DocSnapshot } from '../model';
import { snapshotProblem } from '../protocol';
import { documentForUrl } from './index';
import { httpsUrl } from './probe';
import { MAX_PROBED_HTML_CHARS, type ProbedSite } from './readers';

/**
 * An LMS probe that says "read" on a page whose whole text it saw also sends the page as the
 * reader would (ProbedPage in core/sites/readers.ts), so the background can judge it before any
 * reader starts: a page with a plan's words that is no plan then costs the page the probe
 * alone (issue 5). The probe ran in the page's own world, where the page's scripts could have
 * changed its answer: it is checked here, and its docKey must be one of this page's own.
 */
export function probedSnapshot(site: ProbedSite, url: string, page: unknown): DocSnapshot | null {
  if (typeof page !== 'object' || page === null) return null;
  const { docKey, title, html } = page as Record<string, unknown>;
  if (typeof html !== 'string' || html.length > MAX_PROBED_HTML_CHARS) return null;
  const host = httpsUrl(url)?.hostname.toLowerCase();
  if (!host || typeof docKey !== 'string' || !docKey.startsWith(`${site}:${host}:`)) return null;
  // Where the address alone names the document, it must be that one (Moodle and Schoology take
  // their course from the page, as their readers do).
  const fromUrl = documentForUrl(url);
  if (fromUrl && fromUrl.docKey !== docKey) return null;
  // Read here as the reader reads the page (core/extract/html.ts has the same block rules), and
  // never rendered: the page's markup stays text.
  const snapshot = { docKey, site, url, title, blocks: htmlToBlocks(html) };
  return snapshotProblem(snapshot) === null ? (snapshot as DocSnapshot) : null;
}
