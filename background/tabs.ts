import { browser } from 'wxt/browser';
import { isDocKey } from '../core/protocol';
import { isKnownHost } from '../core/sites/custom';
import { probedSiteAt } from '../core/sites/readers';
import type { TabsAccess } from './jump';
import { gateVerdict, whichDocument } from './readers';

/** The browser's tabs, as "Show in document" uses them. */
export function browserTabs(): TabsAccess {
  return {
    // Without the "tabs" permission, only tabs on hosts PlanLens may access carry their address.
    query: async () => browser.tabs.query({}),
    navigate: async (tabId, url) => {
      await browser.tabs.update(tabId, { url, active: true });
      // A reload right after must reload the new address, not the old one: wait until the tab
      // reports it (a fragment-only change commits almost at once).
      await untilTabShows(tabId, url, 2000);
    },
    reload: async (tabId) => {
      await browser.tabs.reload(tabId);
    },
    activate: async (tab) => {
      if (tab.id !== undefined) await browser.tabs.update(tab.id, { active: true });
      if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
    },
    open: async (url) => {
      await browser.tabs.create({ url, active: true });
    },
    showPassage: async (tabId, command) => {
      try {
        const reply = (await browser.tabs.sendMessage(tabId, command)) as { shown?: boolean } | undefined;
        return reply?.shown === true;
      } catch {
        return false;
      }
    },
  };
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

async function untilTabShows(tabId: number, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const tab = await browser.tabs.get(tabId).catch(() => null);
    if (!tab || tab.url === url) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Looks at a tab on a known site where no reader answers (background/probes.ts), and says which
 * document its last look held as no plan (null for none).
 */
export type ProbeTab = (tabId: number, url: string) => string | null;

/**
 * Asks the active tab's content script which document it shows. undefined when no PlanLens
 * script runs there (the address then decides); null for none, or while it is being looked at.
 */
export async function activeTabDocKey(probe: ProbeTab): Promise<string | null | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id === undefined) return undefined;
  return tabDocKey(tab.id, probe);
}

/** The same question asked of one tab's content script (the tab an in-page panel is in). */
export async function tabDocKey(tabId: number, probe: ProbeTab): Promise<string | null | undefined> {
  const reply = await whichDocument(tabId);
  if (reply) return typeof reply.docKey === 'string' && isDocKey(reply.docKey) ? reply.docKey : null;
  // No reader there (yet). On a known site's document address, the probe looks at the page
  // (again, if it has not lately): a reader it starts sends a snapshot, which tells the panel
  // to ask again. Until then, no document, or the page held as no plan (the panel offers "Track
  // anyway"). (Stored documents still show: the router looks their address up.)
  const tab = await browser.tabs.get(tabId).catch(() => null);
  const url = tab?.url;
  if (url && probedSiteAt(url)) {
    // A page still loading is probed once it has loaded (tabs.onUpdated): a look now would make
    // two, and on Google Docs two export requests.
    if (tab.status === 'loading') return null;
    return probe(tabId, url);
  }
  // The known sites' other pages have no gate: no need to look (it would build an isolated
  // world in the page). A district site's gate, whatever it decided, means no document for now.
  if (!url || isKnownHost(hostOf(url))) return undefined;
  return (await gateVerdict(tabId)) === null ? undefined : null;
}
