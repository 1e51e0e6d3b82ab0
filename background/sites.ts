import { hostOfPattern, isKnownHost, siteScriptId } from '../core/sites/custom';
import { DISTRICT_GATE } from '../core/sites/readers';

/**
 * District sites the user granted ("Use PlanLens on this site"): each one is an optional host
 * permission the user accepted from a click, plus a content script registered at run time for
 * it. Removing a site unregisters the script and gives the permission back. The browser APIs are
 * passed in, so this runs in unit tests; the options page and the background both use it.
 */

/** What runs at page load on a granted site: its gate (the reader starts when the gate asks). */
export const SITE_SCRIPT_FILE = DISTRICT_GATE;

interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
}

export interface SitesApi {
  getAllOrigins(): Promise<string[]>;
  removeOrigins(origins: string[]): Promise<boolean>;
  registered(): Promise<RegisteredScript[]>;
  register(
    scripts: Array<{
      id: string;
      matches: string[];
      js: string[];
      runAt: 'document_idle';
      persistAcrossSessions: boolean;
    }>,
  ): Promise<void>;
  unregister(ids: string[]): Promise<void>;
  /** Runs the site's script in tabs already open there (the registration only covers new loads). */
  injectIntoOpenTabs(pattern: string, file: typeof DISTRICT_GATE): Promise<void>;
}

/** Hosts the user granted, from the optional host permissions the browser holds. */
export async function grantedHosts(api: SitesApi): Promise<string[]> {
  const hosts = (await api.getAllOrigins())
    .map(hostOfPattern)
    .filter((host): host is string => host !== null && !isKnownHost(host));
  return [...new Set(hosts)].sort();
}

const isSiteScript = (script: RegisteredScript) => script.id.startsWith('planlens-site-');
/** Registered by this version: an older one registered the reader itself (browsers may keep it across an update). */
const isCurrent = (script: RegisteredScript) =>
  script.js?.length === 1 && script.js[0]?.replace(/^\//, '') === SITE_SCRIPT_FILE.slice(1);

/** Registers the site's content script (once) and runs it in tabs already open on the site. */
export async function registerSite(api: SitesApi, host: string): Promise<void> {
  const id = siteScriptId(host);
  const pattern = `https://${host}/*`;
  const existing = await api.registered();
  if (!existing.some((script) => script.id === id)) {
    try {
      await api.register([
        { id, matches: [pattern], js: [SITE_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true },
      ]);
    } catch (error) {
      // Registered meanwhile by the other side (page or background): that is the goal.
      if (!/duplicate|already/i.test(String(error))) throw error;
    }
  }
  await api.injectIntoOpenTabs(pattern, SITE_SCRIPT_FILE).catch(() => undefined);
}

/** Stops reading a site: its script is unregistered and its permission given back. */
export async function removeSite(api: SitesApi, host: string): Promise<void> {
  const id = siteScriptId(host);
  const existing = await api.registered();
  if (existing.some((script) => script.id === id)) await api.unregister([id]);
  await api.removeOrigins([`https://${host}/*`]);
}

/**
 * Makes the registered scripts match the granted sites: after a browser restart (where scripts
 * did not persist), or when the user removed a site's access from the browser's own settings.
 */
export async function reconcileSites(api: SitesApi): Promise<void> {
  const hosts = await grantedHosts(api);
  const scripts = (await api.registered()).filter(isSiteScript);
  const wanted = new Set(hosts.map(siteScriptId));
  const stale = scripts.filter((script) => !wanted.has(script.id) || !isCurrent(script)).map((script) => script.id);
  if (stale.length) await api.unregister(stale);
  const kept = scripts.filter((script) => !stale.includes(script.id));
  for (const host of hosts) {
    if (!kept.some((script) => script.id === siteScriptId(host))) await registerSite(api, host);
  }
}
