import { FNV_OFFSET, fnv1a } from '../hash';

/**
 * Which scripts run where (pure; the background decides from it where to probe, and checks
 * requests against it; the budget and the tests read it too).
 *
 * A page that is not a plan should pay for almost nothing, so no PlanLens script is declared to
 * run at page load on the known sites. Instead:
 * - the background, when a tab on a known site's document address has loaded (or changed its
 *   address in place), runs the site's **probe** in the page's own world (scripting.executeScript,
 *   world MAIN): a few KB that find the document's text, apply the cheap plan-words test
 *   (content/plan-hint.ts) and return a verdict, nothing else. In the page's own world the browser
 *   builds no isolated world and no extension bindings, which cost a content script 2–3 ms of the
 *   page's thread before its first line. The probe leaves nothing behind (no global, no listener)
 *   and its verdict is only a hint: a page that lies can at most get itself read. On an LMS page
 *   it says "read" for, it also sends the page's HTML when the page is small enough, and the
 *   background's analysis decides before any reader starts (a job posting that uses a plan's
 *   words is held without one; core/sites/probed-page.ts).
 * - the **reader** (WXT content script, registered `runtime`, in the isolated world): reads the
 *   document into blocks, sends it to the background, follows edits, answers the side panel,
 *   highlights passages. The background injects it where the probe said "read".
 * - District sites the user granted keep a **gate** registered with
 *   scripting.registerContentScripts (content/dom-gate.ts), which asks for the reader itself.
 */

export type ReaderSite = 'gdocs' | 'canvas' | 'schoology' | 'brightspace' | 'moodle' | 'classroom' | 'custom';
/** The known sites, probed by the background. */
export type ProbedSite = Exclude<ReaderSite, 'custom'>;

export interface SiteScripts {
  /** The addresses that can show a document (empty for district sites: granted per host). */
  matches: string[];
  /** The reader's file in the build (WXT content script `entrypoints/<site>.content.ts`). */
  reader: `/content-scripts/${ReaderSite}.js`;
}

const scripts = (site: ReaderSite, matches: string[]): SiteScripts => ({
  matches,
  reader: `/content-scripts/${site}.js`,
});

export const SITE_SCRIPTS: Record<ReaderSite, SiteScripts> = {
  gdocs: scripts('gdocs', ['https://docs.google.com/document/*']),
  // Only addresses that can show a document: every other Canvas page is never probed.
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

/** The probe's file in the build (WXT unlisted script `entrypoints/<site>-probe.ts`). */
export function probeFile(site: ProbedSite): `/${ProbedSite}-probe.js` {
  return `/${site}-probe.js`;
}

/** The gate registered on each granted district site (WXT unlisted script `entrypoints/custom-gate.ts`). */
export const DISTRICT_GATE = '/custom-gate.js';

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

/** The known site whose document addresses include `url` (its probe runs there), or null. */
export function probedSiteAt(url: string | undefined): ProbedSite | null {
  if (!url) return null;
  for (const [site, { matches }] of Object.entries(SITE_SCRIPTS) as Array<[ReaderSite, SiteScripts]>) {
    if (site !== 'custom' && matches.some((pattern) => matchesPattern(pattern, url))) return site;
  }
  return null;
}

/**
 * The reader to start for `site` in a page at `url`, or null when that page is not one of the
 * site's document addresses. District sites: any https page (the browser itself refuses to
 * inject where the user granted nothing).
 */
export function readerFor(site: ReaderSite, url: string | undefined): SiteScripts['reader'] | null {
  if (!url) return null;
  const { matches, reader } = SITE_SCRIPTS[site];
  if (site === 'custom') return /^https:\/\/[^/]+\//.test(url) ? reader : null;
  return matches.some((pattern) => matchesPattern(pattern, url)) ? reader : null;
}

/**
 * What a probe answers: "read" (start the reader: a likely plan, or a failure only the reader
 * can explain), "skip" (the text does not talk like a plan), or "none" (no document here, or
 * its text never rendered). Single-page sites add a fingerprint of the text they saw, so the
 * background can tell the previous item's text from the new one's after an address change.
 */
export interface ProbeAnswer {
  verdict: 'read' | 'skip' | 'none';
  fingerprint?: string;
  /**
   * Google Docs, "read": what the export answered, when the probe's look took all of it (a
   * refusal, or a document of at most MAX_HANDED_EXPORT_CHARS). The background hands it to the
   * reader, so Google Docs is asked once, and a refusal's back-off starts from the probe's.
   */
  export?: ExportAnswer;
  /**
   * LMS pages, "read", when the probe saw the page's whole text: the document's HTML, which the
   * background reads and judges first (core/sites/probed-page.ts checks it): a page that is no
   * plan is held without a reader. asProbeAnswer leaves it out.
   */
  page?: ProbedPage;
}

/** A page as an LMS probe read it: docKey and title from the site's adapter, and its document element's HTML. */
export interface ProbedPage {
  docKey: string;
  title: string;
  html: string;
}

/** A page whose text is under PLAN_HINT_CHARS has rarely more markup than this; a larger one is the reader's to read. */
export const MAX_PROBED_HTML_CHARS = 2_000_000;

/** What the Google Docs export answered: its status, and its HTML when it was sent (a 200 of a readable size). */
export interface ExportAnswer {
  status: number;
  /** Redirected (to the sign-in page): fetch with redirect "manual" sees an opaque redirect. */
  redirected: boolean;
  retryAfter: string | null;
  html: string | null;
}

export const MAX_HANDED_EXPORT_CHARS = 1_000_000;

/** An export answer from a page (whose scripts could have changed it), checked; null if malformed. */
export function asExportAnswer(value: unknown): ExportAnswer | null {
  if (typeof value !== 'object' || value === null) return null;
  const { status, redirected, retryAfter, html } = value as Record<string, unknown>;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 0 || status > 999) return null;
  if (typeof redirected !== 'boolean') return null;
  if (retryAfter !== null && (typeof retryAfter !== 'string' || retryAfter.length > 100)) return null;
  if (html !== null && (typeof html !== 'string' || html.length > MAX_HANDED_EXPORT_CHARS)) return null;
  return { status, redirected, retryAfter, html };
}

/** A probe's answer as it comes back from the page (whose scripts could have changed it): checked. */
export function asProbeAnswer(value: unknown): ProbeAnswer | null {
  if (typeof value !== 'object' || value === null) return null;
  const { verdict, fingerprint, export: handed } = value as Record<string, unknown>;
  if (verdict !== 'read' && verdict !== 'skip' && verdict !== 'none') return null;
  if (fingerprint !== undefined && (typeof fingerprint !== 'string' || fingerprint.length > 64)) return null;
  const exportAnswer = handed === undefined ? undefined : asExportAnswer(handed);
  if (exportAnswer === null || (exportAnswer && verdict !== 'read')) return null;
  const answer: ProbeAnswer = { verdict };
  if (fingerprint !== undefined) answer.fingerprint = fingerprint;
  if (exportAnswer) answer.export = exportAnswer;
  return answer;
}

/** A short fingerprint of a text (its FNV-1a hash and length): equal texts, equal prints. */
export function textFingerprint(text: string): string {
  return `${text.length}:${(fnv1a(FNV_OFFSET, text) >>> 0).toString(36)}`;
}
