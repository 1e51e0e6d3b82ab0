import { browser } from 'wxt/browser';
import { SITE_SCRIPTS } from '../core/sites/readers';

/** A content script registered at run time (a district site's gate), as reinjection needs it. */
export interface ManifestContentScript {
  matches?: string[];
  js?: string[];
  all_frames?: boolean;
}

/** What re-injection needs from the browser, passed in so tests can run it in Node. */
export interface ReinjectApi {
  /** The content scripts registered at run time (district sites; the manifest declares none). */
  contentScripts(): Promise<ManifestContentScript[]>;
  /** Open tabs whose address matches one of the patterns (only hosts PlanLens may access). */
  tabsMatching(patterns: string[]): Promise<Array<{ id?: number | undefined; discarded?: boolean | undefined }>>;
  inject(tabId: number, files: string[], allFrames: boolean): Promise<void>;
}

/**
 * After PlanLens is updated (or reloaded), the content scripts in tabs already open are orphaned:
 * the browser runs the new ones only when a page loads again, so an open plan would go unread
 * until the user reloads it. This runs the new scripts (district sites' gates) in those tabs at
 * once; tabs on the known sites are probed again instead (probeOpenTabs below). The orphaned
 * script stops by itself at its next event (its context finds the extension gone), so the two
 * never both send. A tab that refuses (closed meanwhile, an error page) is skipped.
 *
 * @returns how many tabs got a script
 */
export async function reinjectContentScripts(api: ReinjectApi): Promise<number> {
  let injected = 0;
  for (const script of await api.contentScripts().catch(() => [])) {
    if (!script.matches?.length || !script.js?.length) continue;
    const tabs = await api.tabsMatching(script.matches).catch(() => []);
    for (const tab of tabs) {
      // A discarded tab loads its page again when shown, which runs the new script anyway.
      if (tab.id === undefined || tab.discarded) continue;
      try {
        await api.inject(tab.id, script.js, script.all_frames ?? false);
        injected += 1;
      } catch {
        // Skipped: see above.
      }
    }
  }
  return injected;
}

/** The browser's runtime, scripting and tabs APIs, as reinjectContentScripts uses them. */
export function browserReinject(): ReinjectApi {
  return {
    contentScripts: async () => {
      const registered = await browser.scripting.getRegisteredContentScripts().catch(() => []);
      return registered.map((script) => ({ matches: script.matches, js: script.js, all_frames: script.allFrames }));
    },
    tabsMatching: (patterns) => browser.tabs.query({ url: patterns }),
    inject: async (tabId, files, allFrames) => {
      // Paths come from the manifest at run time, which WXT's typed list of files cannot know.
      await browser.scripting.executeScript({ target: { tabId, allFrames }, files: files as never[] });
    },
  };
}

/** Looks at every open tab on a known site's document addresses (after an update or reload). */
export async function probeOpenTabs(probe: (tabId: number, url: string) => Promise<unknown>): Promise<void> {
  const patterns = Object.entries(SITE_SCRIPTS).flatMap(([, { matches }]) => matches);
  const tabs = await browser.tabs.query({ url: patterns }).catch(() => []);
  for (const tab of tabs) {
    // A discarded tab loads its page again when shown, and is looked at then.
    if (tab.id !== undefined && tab.url && !tab.discarded) await probe(tab.id, tab.url).catch(() => undefined);
  }
}
