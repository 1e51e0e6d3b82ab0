import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { activeAnalyzer } from '../background/active-bank';
import { createProbes } from '../background/probes';
import { browserProbes, injectReader } from '../background/readers';
import { browserReinject, probeOpenTabs, reinjectContentScripts } from '../background/reinject';
import { createRouter } from '../background/router';
import { reconcileSites } from '../background/sites';
import { browserSites } from '../background/sites-browser';
import { setupSurfaces } from '../background/surfaces';
import { activeTabDocKey, browserTabs, tabDocKey } from '../background/tabs';
import type { ChangeNotice } from '../core/protocol';
import { planLensConnection } from '../store/db';

export default defineBackground({
  type: 'module',
  main() {
    // One connection, opened again after it failed or was closed (a newer version's upgrade, or
    // the browser ending it): a closed connection must never stay cached.
    const openDb = planLensConnection();
    // The bank in use (a district's imported bank, or the built-in one), cached until it changes.
    const bank = activeAnalyzer(openDb);
    // Toolbar button, keyboard commands, and the in-page panel's tabs (background/surfaces.ts).
    const surfaces = setupSurfaces();
    // Known sites: the page's probe (core/sites/readers.ts) decides whether its reader starts.
    // The router judges the pages probes send (it is made below; probes run only once events come).
    const probes = createProbes({ ...browserProbes(), readerWanted: (snapshot) => route.readerWanted(snapshot) });
    const probeAsked = (tabId: number, url: string) => {
      void probes.check(tabId, url, 'asked');
      return probes.heldDocument(tabId, url);
    };
    browser.tabs.onUpdated.addListener((tabId, change, tab) => {
      if (change.status === 'complete') void probes.check(tabId, tab.url, 'loaded');
      // A single-page site moved to another item without loading a page.
      else if (change.url && tab.status === 'complete') void probes.check(tabId, change.url, 'address');
    });
    browser.tabs.onRemoved.addListener((tabId) => probes.forget(tabId));
    const route = createRouter(
      {
        db: openDb,
        analyzer: () => bank.get(),
        bankChanged: () => bank.invalidate(),
        activeTabUrl: async () => {
          const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
          return tab?.url ?? null;
        },
        notifyChanged: (docKey) => {
          const notice: ChangeNotice = { type: 'documentChanged', docKey };
          // No extension page may be open to hear it; that is fine.
          browser.runtime.sendMessage(notice).catch(() => undefined);
          surfaces.notify(notice);
        },
        now: () => Date.now(),
        tabs: browserTabs(),
        activeTabDocKey: () => activeTabDocKey(probeAsked),
        tabDocKey: (tabId) => tabDocKey(tabId, probeAsked),
        overlayOpenIn: (sender) => surfaces.overlays.allows(sender),
        injectReader,
        takeExport: (tabId, documentId, docKey) => probes.takeExport(tabId, documentId, docKey),
        allowHeld: (docKey) => probes.allow(docKey),
        forgetHeld: () => probes.forgetHeld(),
      },
      browser.runtime.id,
      browser.runtime.getURL('/'),
    );
    browser.runtime.onMessage.addListener((message, sender) =>
      route(message, {
        id: sender.id,
        tabId: sender.tab?.id,
        url: sender.url,
        frameId: sender.frameId,
        documentId: (sender as { documentId?: string }).documentId,
      }),
    );
    // District sites: their run-time content scripts follow the permissions the user granted
    // (after a restart, or when access is removed from the browser's own settings).
    const sites = browserSites();
    const reconcile = () => void reconcileSites(sites).catch((error: unknown) => console.warn('PlanLens:', error));
    browser.permissions.onAdded.addListener(reconcile);
    browser.permissions.onRemoved.addListener(reconcile);
    reconcile();
    // Installed, or the browser started: pages that loaded before this worker could hear them
    // are looked at now. Updated or reloaded: the scripts in open tabs are orphaned; run the new
    // ones (district sites' gates), and look at the open tabs of known sites again.
    const probeAll = () => void probeOpenTabs((tabId, url) => probes.check(tabId, url, 'installed'));
    browser.runtime.onInstalled.addListener(({ reason }) => {
      if (reason === 'update') void reinjectContentScripts(browserReinject());
      if (reason === 'install' || reason === 'update') probeAll();
    });
    browser.runtime.onStartup.addListener(probeAll);
  },
});
