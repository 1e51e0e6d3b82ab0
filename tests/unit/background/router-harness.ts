import { createRouter, type RouterDeps, type SenderInfo } from '../../../background/router';
import type { Analyzer } from '../../../core/analyze/engine';
import { createAnalyzer } from '../../../core/analyze/engine';
import type { BankFile } from '../../../core/bank/types';
import { openPlanLensDb, type PlanLensDb } from '../../../store/db';
import { miniBank, readFixture, snapshotOf, uniqueDbName } from '../helpers';

/** A router over a fresh fake-indexeddb database, with a clock and a record of change notices. */
export const EXT = 'planlens-extension-id';
export const PAGES = `chrome-extension://${EXT}/`;
export const fromContentScript: SenderInfo = { id: EXT, tabId: 7, url: 'https://docs.google.com/document/d/x/edit' };
export const fromPanel: SenderInfo = { id: EXT, url: `${PAGES}sidepanel.html` };
export const fromPanelTab: SenderInfo = { id: EXT, tabId: 9, url: `${PAGES}sidepanel.html?doc=x` };

export const DOC = 'gdocs:1LakeviewPbisPlanXq7Rt2026abcd';

export interface TestRouter {
  db: PlanLensDb;
  route: ReturnType<typeof createRouter>;
  changed: string[];
  clock: { now: number };
  useBank(bank: BankFile): void;
  /** Sends a request and returns its value, throwing the router's error message. */
  call<T = unknown>(message: unknown, sender?: SenderInfo): Promise<T>;
  /** Sends a request that must fail, and returns its error message. */
  refused(message: unknown, sender?: SenderInfo): Promise<string>;
}

export async function testRouter(dbName = uniqueDbName(), extra: Partial<RouterDeps> = {}): Promise<TestRouter> {
  const db = await openPlanLensDb(dbName);
  const changed: string[] = [];
  const clock = { now: 1_700_000_000_000 };
  let analyzer: Analyzer = createAnalyzer(miniBank());
  const route = createRouter(
    {
      db: async () => db,
      analyzer: () => analyzer,
      activeTabUrl: async () => null,
      notifyChanged: (docKey) => changed.push(docKey),
      now: () => clock.now,
      ...extra,
    },
    EXT,
    PAGES,
  );
  return {
    db,
    route,
    changed,
    clock,
    useBank(bank) {
      analyzer = createAnalyzer(bank);
    },
    async call<T>(message: unknown, sender = fromPanel) {
      const reply = await route(message, sender);
      if (!reply.ok) throw new Error(reply.error);
      return reply.value as T;
    },
    async refused(message: unknown, sender = fromPanel) {
      const reply = await route(message, sender);
      if (reply.ok) throw new Error(`accepted: ${JSON.stringify(message).slice(0, 80)}`);
      return reply.error;
    },
  };
}

export function planSnapshot(docKey = DOC) {
  return {
    ...snapshotOf(readFixture('gdocs/lakeview-pbis.export.html'), docKey),
    site: 'gdocs' as const,
    title: 'Lakeview PBIS plan',
  };
}

/** Reads the plan as its content script would. */
export async function readPlan(t: TestRouter, docKey = DOC): Promise<void> {
  await t.call({ type: 'snapshot', snapshot: planSnapshot(docKey) }, fromContentScript);
}
