import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectiveCoverage } from '../../../core/coverage/effective';
import { buildExport, formatExportJson } from '../../../core/export/format';
import type { DocumentView, ExportPage } from '../../../core/protocol';
import type { PlanLensDb } from '../../../store/db';
import { recordCount } from '../../security-counts';
import {
  DOC,
  fromContentScript,
  fromPanel,
  planSnapshot,
  readPlan,
  type TestRouter,
  testRouter,
} from '../background/router-harness';

/**
 * A full disk (issue 7, "Failure"): a write refused with QuotaExceededError, at any put of its
 * transaction or when the transaction commits, leaves nothing of itself behind and gives the
 * user a clear message; once space is back the same action works.
 *
 * The refusal is injected into fake-indexeddb the way a browser reports it: the put's request
 * fails asynchronously and aborts its transaction ('request'), or every request succeeds and
 * the transaction aborts at commit ('commit', how Chromium reports most quota failures). This
 * relies on fake-indexeddb's internals (_execRequestAsync, _markFinished, _abort), pinned in
 * package.json.
 */

interface FakeTransaction {
  mode: IDBTransactionMode;
  error: DOMException | null;
  _state: string;
  _rollbackLog: unknown[];
  _abort(errorName: string | null): void;
  _markFinished(): void;
  _execRequestAsync(request: { source: unknown; operation: () => unknown }): IDBRequest;
}

const QUOTA = /storage for PlanLens is full.*nothing was changed/i;
const OBSERVE = 'coaching.initial_implementation.observe-feedback';

type Injection = { kind: 'none' } | { kind: 'request'; atPut: number } | { kind: 'commit' };
let injection: Injection = { kind: 'none' };
let puts = 0;
/** Whether the armed failure actually happened (a write with fewer puts never meets it). */
let fired = false;

const storeProto = IDBObjectStore.prototype as unknown as { put: (...args: unknown[]) => IDBRequest };
const txProto = IDBTransaction.prototype as unknown as FakeTransaction;
const realPut = storeProto.put;
const realMarkFinished = txProto._markFinished;

beforeEach(() => {
  storeProto.put = function put(this: IDBObjectStore, ...args: unknown[]): IDBRequest {
    if (injection.kind === 'request' && this.transaction.mode === 'readwrite') {
      puts += 1;
      if (puts === injection.atPut) {
        fired = true;
        const tx = this.transaction as unknown as FakeTransaction;
        return tx._execRequestAsync({
          source: this,
          operation: () => {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          },
        });
      }
    }
    return realPut.apply(this, args);
  };
  txProto._markFinished = function markFinished(this: FakeTransaction): void {
    // Commit time of a readwrite transaction that wrote something: refuse it for quota.
    if (
      injection.kind === 'commit' &&
      this.mode === 'readwrite' &&
      this._state !== 'finished' &&
      !this.error &&
      this._rollbackLog.length > 0
    ) {
      fired = true;
      this._abort('QuotaExceededError');
      return;
    }
    realMarkFinished.call(this);
  };
});

afterEach(() => {
  storeProto.put = realPut;
  txProto._markFinished = realMarkFinished;
  injection = { kind: 'none' };
});

let tried = 0;
let survived = 0;
afterAll(() =>
  recordCount(
    'failures',
    tried,
    tried - survived,
    `tests/unit/store/failure-quota.test.ts: quota exceeded at every put and at commit`,
  ),
);

const STORES = ['documents', 'coverage', 'overrides', 'history', 'banks', 'settings'] as const;

/** Everything stored, to compare before and after a refused write. */
async function everything(db: PlanLensDb): Promise<Record<string, unknown[]>> {
  const all: Record<string, unknown[]> = {};
  for (const store of STORES) all[store] = await db.getAll(store);
  return all;
}

interface WriteCase {
  name: string;
  /** Brings the store to where the action happens (runs without any failure). */
  setup(t: TestRouter): Promise<void>;
  /** The user's action, as the router receives it. */
  message(t: TestRouter): unknown;
  sender: typeof fromPanel;
  /** What the action changed once it works (checked after space is back). */
  landed(t: TestRouter): Promise<void>;
}

const view = (t: TestRouter) => t.call<DocumentView>({ type: 'getDocument', docKey: DOC });

let exportText = '';

const CASES: WriteCase[] = [
  {
    name: 'the first analysis of a document',
    setup: async () => undefined,
    message: () => ({ type: 'snapshot', snapshot: planSnapshot() }),
    sender: fromContentScript,
    landed: async (t) => {
      const v = await view(t);
      expect(v.report?.questions.length).toBeGreaterThan(0);
      expect(v.history).toHaveLength(1);
    },
  },
  {
    name: 're-analysis after an edit',
    setup: async (t) => {
      await readPlan(t);
      t.clock.now += 60_000;
    },
    message: () => {
      const snapshot = planSnapshot();
      return {
        type: 'snapshot',
        snapshot: { ...snapshot, title: 'Lakeview PBIS plan (edited)', blocks: snapshot.blocks.slice(0, 3) },
      };
    },
    sender: fromContentScript,
    landed: async (t) => {
      const v = await view(t);
      expect(v.record.title).toBe('Lakeview PBIS plan (edited)');
      expect(v.report?.blockCount).toBe(3);
    },
  },
  {
    name: 'a read failure of a tracked document',
    setup: async (t) => {
      await readPlan(t);
    },
    message: () => ({
      type: 'readFailed',
      docKey: DOC,
      site: 'gdocs',
      url: 'https://docs.google.com/document/d/x/edit',
      title: 'Lakeview PBIS plan',
      reason: 'signed_out',
      message: 'Signed out.',
    }),
    sender: fromContentScript,
    landed: async (t) => {
      expect((await view(t)).record.readError?.reason).toBe('signed_out');
    },
  },
  {
    name: 'a manual status',
    setup: async (t) => {
      await readPlan(t);
      t.clock.now += 60_000;
    },
    message: () => ({ type: 'setManualStatus', docKey: DOC, questionId: OBSERVE, status: 'unanswered' }),
    sender: fromPanel,
    landed: async (t) => {
      const v = await view(t);
      expect(v.overrides).toEqual([expect.objectContaining({ questionId: OBSERVE, status: 'unanswered' })]);
      // Its history point landed with it: the latest point counts the manual status.
      const counts = effectiveCoverage(v.report, v.overrides).counts;
      expect(v.history.at(-1)).toMatchObject({ covered: counts.covered, total: counts.total, at: t.clock.now });
    },
  },
  {
    name: 'a note',
    setup: async (t) => {
      await readPlan(t);
    },
    message: () => ({ type: 'setNote', docKey: DOC, questionId: OBSERVE, note: 'Coaches observe every two weeks.' }),
    sender: fromPanel,
    landed: async (t) => {
      expect((await view(t)).overrides).toEqual([
        expect.objectContaining({ questionId: OBSERVE, note: 'Coaches observe every two weeks.' }),
      ]);
    },
  },
  {
    name: 'an import',
    setup: async () => {
      // A teammate's export: the plan, read and answered in another profile.
      const teammate = await testRouter();
      await readPlan(teammate);
      await teammate.call({ type: 'setManualStatus', docKey: DOC, questionId: OBSERVE, status: 'answered' });
      await teammate.call({ type: 'setNote', docKey: DOC, questionId: OBSERVE, note: 'From the team meeting.' });
      const page = await teammate.call<ExportPage>({ type: 'exportCoverage' });
      exportText = formatExportJson(buildExport(page.documents, Date.parse(page.exportedAt)));
      teammate.db.close();
    },
    message: () => ({ type: 'applyImport', text: exportText }),
    sender: fromPanel,
    landed: async (t) => {
      const v = await view(t);
      expect(v.overrides).toEqual([expect.objectContaining({ status: 'answered', note: 'From the team meeting.' })]);
    },
  },
];

describe('quota exceeded', () => {
  for (const c of CASES) {
    it(`${c.name}: refused at any put or at commit, nothing of it is stored, the message is clear, and it works once space is back`, async () => {
      const t = await testRouter();
      await c.setup(t);
      const before = await everything(t.db);
      t.changed.length = 0;

      // Refused at commit, then at the 1st put, the 2nd, … : every position of this write.
      // Once the position is past its last put nothing is refused (space is back) and it lands.
      const attempts: Injection[] = [{ kind: 'commit' }];
      for (let atPut = 1; atPut <= 50; atPut++) attempts.push({ kind: 'request', atPut });
      let refusals = 0;
      for (const attempt of attempts) {
        injection = attempt;
        puts = 0;
        fired = false;
        const reply = await t.route(c.message(t), c.sender);
        injection = { kind: 'none' };
        if (!fired) {
          expect(reply).toEqual({ ok: true, value: expect.anything() });
          break;
        }
        // Each refusal is a failure scenario: survived when nothing of it stayed and it said so.
        refusals += 1;
        tried += 1;
        expect(reply).toEqual({ ok: false, error: expect.stringMatching(QUOTA) });
        expect(await everything(t.db)).toEqual(before);
        expect(t.changed).toEqual([]);
        survived += 1;
      }
      // The commit and at least one put were refused; the write then landed.
      expect(refusals).toBeGreaterThanOrEqual(2);
      expect(refusals).toBeLessThan(attempts.length);
      await c.landed(t);
    });
  }
});
