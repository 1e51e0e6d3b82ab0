import { browser } from 'wxt/browser';
import type { SitesApi } from './sites';

/** The browser's permissions, scripting and tabs APIs, as background/sites.ts uses them. */
export function browserSites(): SitesApi {
  return {
    getAllOrigins: async () => (await browser.permissions.getAll()).origins ?? [],
    removeOrigins: (origins) => browser.permissions.remove({ origins }),
    registered: async () => browser.scripting.getRegisteredContentScripts(),
    register: async (scripts) => {
      await browser.scripting.registerContentScripts(scripts);
    },
    unregister: async (ids) => {
      await browser.scripting.unregisterContentScripts({ ids });
    },
    injectIntoOpenTabs: async (pattern, file) => {
      const tabs = await browser.tabs.query({ url: pattern });
      await Promise.all(
        tabs.map((tab) =>
          tab.id === undefined
            ? undefined
            : browser.scripting.executeScript({ target: { tabId: tab.id }, files: [file] }).catch(() => undefined),
        ),
      );
    },
  };
}
