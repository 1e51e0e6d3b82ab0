import { httpsUrl } from './probe';

/**
 * District sites the user lets PlanLens read ("Use PlanLens on this site"), as pure functions:
 * which origin a typed address names, the match pattern requested for it, the id of its
 * run-time content script, and the docKey of a page there (host + path: such sites have no
 * course, and the query string is usually navigation state).
 */

/** Hosts PlanLens reads without asking (manifest host permissions); granting them is pointless. */
export const KNOWN_HOST_PATTERNS = [
  /^docs\.google\.com$/,
  /(^|\.)instructure\.com$/,
  /(^|\.)moodlecloud\.com$/,
  /(^|\.)schoology\.com$/,
  /(^|\.)brightspace\.com$/,
  /^classroom\.google\.com$/,
];

export function isKnownHost(host: string): boolean {
  return KNOWN_HOST_PATTERNS.some((pattern) => pattern.test(host));
}

/** Why an address cannot be allowed (the settings page words each one in the UI language). */
export type SiteGrantProblem = 'empty' | 'not_https' | 'not_address' | 'numeric' | 'known';

export type SiteGrant =
  | { ok: true; origin: string; host: string; pattern: string }
  | { ok: false; reason: SiteGrantProblem; host?: string; message: string };

/** What "Use PlanLens on this site" asks for, from an address as the user typed or copied it. */
export function siteGrantFor(input: string): SiteGrant {
  const text = input.trim();
  if (!text) return { ok: false, reason: 'empty', message: 'Type the address of a page on the district site.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  if (/^http:/i.test(withScheme))
    return {
      ok: false,
      reason: 'not_https',
      message: 'PlanLens only reads sites served over https (the address starts with https://).',
    };
  const url = httpsUrl(withScheme);
  if (!url || !url.hostname.includes('.') || url.username || url.password)
    return {
      ok: false,
      reason: 'not_address',
      message: 'That is not a web address PlanLens can use, for example https://plans.district.org.',
    };
  const host = url.hostname.toLowerCase();
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('['))
    return { ok: false, reason: 'numeric', message: 'Use the site’s name, not its numeric address.' };
  if (isKnownHost(host))
    return { ok: false, reason: 'known', host, message: `PlanLens already reads ${host}; there is nothing to allow.` };
  const origin = url.port ? `https://${host}:${url.port}` : `https://${host}`;
  // Match patterns have no port: the pattern covers the host on any https port.
  return { ok: true, origin, host, pattern: `https://${host}/*` };
}

/** The run-time content script's id for a host (ids may not contain every character of a host). */
export function siteScriptId(host: string): string {
  return `planlens-site-${host.replace(/[^a-z0-9.-]/g, '_')}`;
}

/** The host a granted origin pattern names (`https://plans.district.org/*`), or null. */
export function hostOfPattern(pattern: string): string | null {
  const match = /^https:\/\/([a-z0-9.-]+)\/\*$/.exec(pattern);
  return match?.[1] ?? null;
}

/** docKey of a page on a granted site: `custom:<host><path>` (no trailing slash, no query). */
export function customDocKey(url: string): string | null {
  const parsed = httpsUrl(url);
  if (!parsed) return null;
  const path = parsed.pathname.replace(/\/+$/, '') || '/';
  const key = `custom:${parsed.hostname.toLowerCase()}${path}`;
  return /\s/.test(key) || key.length > 600 ? null : key;
}
