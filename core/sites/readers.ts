/**
 * Which scripts run where (pure; wxt.config.ts builds the manifest from it, the background
 * checks requests against it).
 *
 * Two scripts per site family, so a page that is not a plan pays for almost nothing:
 * - the **gate**, declared in the manifest and run on every matching page: a few KB with no
 *   framework, no message listener and no extension API touched while it only looks. It reads
 *   the page's text once (and again after edits) and stops there unless the text talks like a
 *   plan (content/plan-hint.ts);
 * - the **reader** (WXT content script, registered `runtime`): reads the document into blocks,
 *   sends it to the background, follows edits, answers the side panel, highlights passages. The
 *   background injects it into the gate's frame when the gate asks (`startReader`).
 */

export type ReaderSite = 'gdocs' | 'canvas' | 'schoology' | 'brightspace' | 'moodle' | 'classroom' | 'custom';

export interface SiteScripts {
  /** Match patterns of the gate (empty for district sites: registered per granted host). */
  matches: string[];
  /** The gate's file in the build (WXT unlisted script `entrypoints/<site>-gate.ts`). */
  gate: `/${ReaderSite}-gate.js`;
  /** The reader's file in the build (WXT content script `entrypoints/<site>.content.ts`). */
  reader: `/content-scripts/${ReaderSite}.js`;
}

const scripts = (site: ReaderSite, matches: string[]): SiteScripts => ({
  matches,
  gate: `/${site}-gate.js`,
  reader: `/content-scripts/${site}.js`,
});

export const SITE_SCRIPTS: Record<ReaderSite, SiteScripts> = {
  gdocs: scripts('gdocs', ['https://docs.google.com/document/*']),
  // Only addresses that can show a document: every other Canvas page runs nothing.
  canvas: scripts('canvas', [
    'https://*.instructure.com/courses/*/pages/*',
    'https://*.instructure.com/courses/*/assignments/*',
  ]),
  // Only pages and assignments.
  schoology: scripts('schoology', ['https://*.schoology.com/page/*', 'https://*.schoology.com/assignment/*']),
  // Only the content tool (topics and their editor).
  brightspace: scripts('brightspace', ['https://*.brightspace.com/d2l/le/content/*']),
  // Only the page activity and its settings form.
  moodle: scripts('moodle', [
    'https://*.moodlecloud.com/mod/page/view.php*',
    'https://*.moodlecloud.com/course/modedit.php*',
  ]),
  // The whole app: Classroom moves between its views without loading pages.
  classroom: scripts('classroom', ['https://classroom.google.com/*']),
  custom: scripts('custom', []),
};

export function isReaderSite(value: unknown): value is ReaderSite {
  return typeof value === 'string' && Object.hasOwn(SITE_SCRIPTS, value);
}

/**
 * Whether `url` matches a manifest match pattern (`https://*.host/path*`): scheme exact, `*.`
 * any subdomain or none, `*` in the path any characters. Query strings are part of the path.
 */
export function matchesPattern(pattern: string, url: string): boolean {
  const parts = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!parts) return false;
  const [, scheme, host = '', path = ''] = parts;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== `${scheme}:`) return false;
  const hostname = parsed.hostname.toLowerCase();
  const hostOk = host.startsWith('*.')
    ? hostname === host.slice(2) || hostname.endsWith(host.slice(1))
    : hostname === host;
  if (!hostOk) return false;
  const escaped = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`).test(`${parsed.pathname}${parsed.search}`);
}

/**
 * The reader to start for a gate of `site` in a page at `url`, or null when that page is not
 * one the site's gate runs on. District sites: any https page (the browser itself refuses to
 * inject where the user granted nothing).
 */
export function readerFor(site: ReaderSite, url: string | undefined): SiteScripts['reader'] | null {
  if (!url) return null;
  const { matches, reader } = SITE_SCRIPTS[site];
  if (site === 'custom') return /^https:\/\/[^/]+\//.test(url) ? reader : null;
  return matches.some((pattern) => matchesPattern(pattern, url)) ? reader : null;
}
