import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter } from '../background/router';
import { reconcileSites } from '../background/sites';
import { browserSites } from '../background/sites-browser';
import { openSurfaceOnActionClick } from '../background/surfaces';
import { activeTabDocKey, browserTabs } from '../background/tabs';
import { type Analyzer, createAnalyzer } from '../core/analyze/engine';
import { defaultBank } from '../core/bank/default';
import type { ChangeNotice } from '../core/protocol';
import { openPlanLensDb, type PlanLensDb } from '../store/db';

export default defineBackground({
  type: 'module',
  main() {
    let db: Promise<PlanLensDb> | undefined;
    let analyzer: Analyzer | undefined;
    const route = createRouter(
      {
        db: () => {
          db ??= openPlanLensDb().catch((error: unknown) => {
            db = undefined;
            throw error;
          });
          return db;
        },
        analyzer: () => {
          analyzer ??= createAnalyzer(defaultBank());
          return analyzer;
        },
        activeTabUrl: async () => {
          const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
          return tab?.url ?? null;
        },
        notifyChanged: (docKey) => {
          const notice: ChangeNotice = { type: 'documentChanged', docKey };
          // No extension page may be open to hear it; that is fine.
          browser.runtime.sendMessage(notice).catch(() => undefined);
        },
        now: () => Date.now(),
        tabs: browserTabs(),
        activeTabDocKey,
      },
      browser.runtime.id,
      browser.runtime.getURL('/'),
    );
    browser.runtime.onMessage.addListener((message, sender) =>
      route(message, { id: sender.id, tabId: sender.tab?.id, url: sender.url }),
    );
    openSurfaceOnActionClick();
    // District sites: their run-time content scripts follow the permissions the user granted
    // (after a restart, or when access is removed from the browser's own settings).
    const sites = browserSites();
    const reconcile = () => void reconcileSites(sites).catch((error: unknown) => console.warn('PlanLens:', error));
    browser.permissions.onAdded.addListener(reconcile);
    browser.permissions.onRemoved.addListener(reconcile);
    reconcile();
  },
});
