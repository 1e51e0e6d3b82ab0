import { serialize } from 'node:v8';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistorySnapshot, OverrideRecord } from '../../../core/coverage/types';
import {
  buildExport,
  COVERAGE_VERSION,
  type CoverageExport,
  type DocumentExport,
  formatExportJson,
} from '../../../core/export/format';
import type { ImportPreview } from '../../../core/import/merge';
import { parseCoverageExport } from '../../../core/import/parse';
import type { AutoStatus, OverrideStatus } from '../../../core/model';
import type { ExportPage } from '../../../core/protocol';
import type { PlanLensDb } from '../../../store/db';
import { recordCount } from '../../security-counts';
import { readPlan, type TestRouter, testRouter } from '../background/router-harness';
import { documentOf, Q, recordOf, reportWith, snapshotPoint } from '../coverage-fixtures';
import { miniBank, uniqueDbName } from '../helpers';
import { anyText } from './arbitraries';
import { applyMutation, jsonLike, type Mutation, mutationOf, pathsOf } from './mutate';
import { holds, Tally } from './run';

/**
 * An import file is untrusted. Whatever it holds, the background either imports it whole or
 * refuses it with a message and changes nothing: the database afterwards is byte for byte what
 * it was (every object store, compared as structured-clone bytes). That holds for files that are
 * random, cut short, damaged or from a future version, and for a valid file whose writes fail
 * halfway (storage full, transaction aborted): the one transaction rolls back, and the same
 * import works once the storage does.
 */

/** Every object store's records, as the structured-clone bytes IndexedDB keeps. */
async function dump(db: PlanLensDb): Promise<Buffer> {
  const names = [...db.objectStoreNames].sort();
  const tx = db.transaction(names as never, 'readonly');
  const stores = await Promise.all(
    names.map(async (name) => {
      const store = tx.objectStore(name as never);
      return [name, await store.getAllKeys(), await store.getAll()] as const;
    }),
  );
  await tx.done;
  return serialize(stores);
}

async function exportAll(t: TestRouter): Promise<CoverageExport> {
  let page = await t.call<ExportPage>({ type: 'exportCoverage' });
  const documents = [...page.documents];
  while (page.next) {
    page = await t.call<ExportPage>({ type: 'exportCoverage', after: page.next });
    documents.push(...page.documents);
  }
  return buildExport(documents, Date.parse(page.exportedAt));
}

type Reply = { ok: true; value: unknown } | { ok: false; error: string };
const applyText = (t: TestRouter, text: string) => t.route({ type: 'applyImport', text }, PANEL) as Promise<Reply>;
const previewText = (t: TestRouter, text: string) => t.route({ type: 'previewImport', text }, PANEL) as Promise<Reply>;
let PANEL: Parameters<TestRouter['route']>[1];

const KEYS = [
  'gdocs:1LakeviewPbisPlanXq7Rt2026abcd',
  'gdocs:1RiversideLiteracyPlan2026abcdef',
  'canvas:district.instructure.com/courses/42/pages/plan',
  'custom:plans.example.org/mtss',
];

/** A few documents in the real shapes, for the files the properties damage. */
function sampleDocuments(): DocumentExport[] {
  const [, riverside = '', canvas = ''] = KEYS;
  return [
    documentOf(riverside, {
      record: recordOf(riverside, { title: 'Riverside <b>plan</b> "quoted"', lastReadAt: 9_000, updatedAt: 9_500 }),
      overrides: [
        {
          docKey: riverside,
          questionId: Q.observe,
          status: 'answered',
          statusAt: 7_000,
          note: 'n',
          noteAt: 7_100,
          updatedAt: 7_100,
        },
        {
          docKey: riverside,
          questionId: 'selection.exploration.retired-question',
          status: 'not_applicable',
          statusAt: 6_000,
          note: '',
          noteAt: null,
          updatedAt: 6_000,
        },
      ],
      history: [snapshotPoint(riverside, 3_000, 1), snapshotPoint(riverside, 4_000, 2)],
    }),
    documentOf(canvas, {
      record: {
        ...recordOf(canvas, { site: 'canvas', title: 'Canvas plan' }),
        url: 'https://district.instructure.com/courses/42/pages/plan',
      },
      report: null,
      overrides: [],
      history: [],
    }),
  ];
}

let local: TestRouter;
let validFile: CoverageExport;
let validText: string;
let validPaths: ReturnType<typeof pathsOf>;
/** Every key name a valid export uses, to tell an added key from a known one. */
let knownKeys: Set<string>;

beforeAll(async () => {
  // The database an import lands in: a real plan read by the router, with answers and notes.
  local = await testRouter();
  PANEL = { id: 'planlens-extension-id', url: 'chrome-extension://planlens-extension-id/sidepanel.html' };
  await readPlan(local);
  await local.call({ type: 'setManualStatus', docKey: KEYS[0], questionId: Q.observe, status: 'answered' });
  await local.call({ type: 'setNote', docKey: KEYS[0], questionId: Q.coachPosition, note: 'Ask HR <i>first</i>' });
  const own = await exportAll(local);
  validFile = buildExport([...own.documents, ...sampleDocuments()], Date.UTC(2026, 2, 1));
  validText = formatExportJson(validFile);
  expect(parseCoverageExport(validText).ok).toBe(true);
  validPaths = pathsOf(JSON.parse(validText));
  knownKeys = new Set(pathsOf(JSON.parse(validText)).flatMap((p) => p.filter((k) => typeof k === 'string')));
}, 60_000);

/** Damaged files: mutated, cut short, with a character changed, from a future version, random. */
const damagedFile = (): fc.Arbitrary<{ text: string; mutation?: Mutation }> =>
  fc
    .oneof(
      { weight: 6, arbitrary: mutationOf(JSON.parse(validText), validPaths).map((m) => ({ m })) },
      { weight: 2, arbitrary: fc.nat({ max: validText.length - 2 }).map((n) => ({ text: validText.slice(0, n) })) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            fc.nat({ max: validText.length - 1 }),
            fc.constantFrom('"', '{', '}', ']', ',', ':', 'x', '0', '\\', '\u0000'),
          )
          .map(([i, c]) => ({ text: `${validText.slice(0, i)}${c}${validText.slice(i + 1)}` })),
      },
      {
        weight: 1,
        arbitrary: fc
          .oneof(fc.integer({ min: COVERAGE_VERSION + 1, max: 1_000_000 }), jsonLike)
          .map((version) => ({ text: JSON.stringify({ ...JSON.parse(validText), version }) })),
      },
      {
        weight: 1,
        arbitrary: fc
          .oneof(
            anyText,
            fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
          )
          .map((text) => ({ text })),
      },
    )
    .map((x) =>
      'm' in x ? { text: JSON.stringify(applyMutation(JSON.parse(validText), x.m)) ?? '', mutation: x.m } : x,
    );

/** Keys a mutation added that a valid export never has; none of them may reach the database. */
function addedKey(m: Mutation | undefined): string | null {
  return m?.op === 'add-key' && !knownKeys.has(m.key) ? m.key : null;
}

function keysIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysIn(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysIn(v, out);
    }
  return out;
}

describe('import of arbitrary files (property)', () => {
  it('refuses a damaged, cut-short, future or random file with a message and changes nothing', async () => {
    const malformed = new Tally('malformed');
    let accepted = 0;
    await holds(
      fc.asyncProperty(damagedFile(), async ({ text, mutation }) => {
        const before = await dump(local.db);
        const preview = await previewText(local, text);
        expect((await dump(local.db)).equals(before), 'a preview wrote to the database').toBe(true);
        const reply = await applyText(local, text);
        const parsed = parseCoverageExport(text);
        expect(reply.ok).toBe(parsed.ok);
        expect(preview.ok).toBe(parsed.ok);
        if (!reply.ok) {
          const unchanged = (await dump(local.db)).equals(before);
          malformed.count(unchanged);
          expect(reply.error.length).toBeGreaterThan(10);
          expect(unchanged, `refused (${reply.error.slice(0, 200)}) but the database changed`).toBe(true);
          return;
        }
        // Accepted (the damage kept it a valid export): nothing unknown got in, and importing the
        // same file again changes nothing.
        accepted++;
        const extra = addedKey(mutation);
        if (extra !== null) expect(keysIn(await local.db.getAll('coverage')).has(extra)).toBe(false);
        for (const store of ['documents', 'overrides', 'history'] as const)
          if (extra !== null) expect(keysIn(await local.db.getAll(store)).has(extra)).toBe(false);
        const after = await dump(local.db);
        const again = await applyText(local, text);
        expect(again.ok).toBe(true);
        const totals = (again as { value: ImportPreview }).value.totals;
        expect(totals.new + totals.updated).toBe(0);
        expect((await dump(local.db)).equals(after)).toBe(true);
      }),
      300,
      malformed,
    );
    // The damage is not all harmless: some files stay valid, most do not.
    expect(malformed.tried).toBeGreaterThan(100);
    expect(accepted).toBeGreaterThan(0);
  }, 180_000);
});

/* ---------------------------------------------------------------------------------------- */
/* Failing writes                                                                             */
/* ---------------------------------------------------------------------------------------- */

type StoreProto = Record<'put' | 'add' | 'delete' | 'clear', (...args: unknown[]) => unknown>;
const storeProto = (globalThis as unknown as { IDBObjectStore: { prototype: StoreProto } }).IDBObjectStore.prototype;
const WRITES = ['put', 'add', 'delete', 'clear'] as const;
const originals = Object.fromEntries(WRITES.map((w) => [w, storeProto[w]])) as StoreProto;

/**
 * Makes the `nth` write request (put, add, delete, clear; counted from 1) of the next
 * transactions fail: `throw` as a refused put does (QuotaExceededError, synchronously), `abort`
 * as the browser does when it gives up on a transaction (the request is issued, then the
 * transaction aborts). Returns a probe that tells whether the failure fired.
 */
function failWrite(nth: number, how: 'throw' | 'abort'): { fired: () => boolean } {
  let writes = 0;
  let fired = false;
  for (const name of WRITES) {
    storeProto[name] = function (this: { transaction: { abort(): void } }, ...args: unknown[]) {
      writes++;
      if (writes !== nth) return originals[name].apply(this, args);
      fired = true;
      if (how === 'throw') throw new DOMException('The quota has been exceeded (injected).', 'QuotaExceededError');
      const request = originals[name].apply(this, args);
      this.transaction.abort();
      return request;
    };
  }
  return { fired: () => fired };
}

function restoreWrites(): void {
  for (const name of WRITES) storeProto[name] = originals[name];
}
afterEach(restoreWrites);

/** A small valid export, different from run to run: documents, answers, notes and history. */
const validExport = (): fc.Arbitrary<CoverageExport> => {
  const statuses = fc.constantFrom<AutoStatus>('covered', 'partial', 'unanswered');
  const override = (docKey: string) =>
    fc
      .record({
        questionId: fc.constantFrom<string>(...Object.values(Q), 'selection.exploration.retired-question'),
        status: fc.constantFrom<OverrideStatus | null>('answered', 'not_applicable', 'unanswered', null),
        note: anyText.map((t) => t.slice(0, 200)),
        at: fc.integer({ min: 1_000, max: 20_000 }),
      })
      .map(
        ({ questionId, status, note, at }): OverrideRecord => ({
          docKey,
          questionId,
          status,
          statusAt: status === null ? null : at,
          note,
          noteAt: note ? at + 1 : null,
          updatedAt: at + 1,
        }),
      );
  const doc = fc.constantFrom(...KEYS.slice(1)).chain((docKey) =>
    fc
      .record({
        title: anyText.map((t) => t.slice(0, 300)),
        lastReadAt: fc.option(fc.integer({ min: 2_000, max: 30_000 }), { nil: null }),
        statuses: fc.array(statuses, { minLength: 5, maxLength: 5 }),
        hasReport: fc.boolean(),
        overrides: fc.uniqueArray(override(docKey), { selector: (o) => o.questionId, maxLength: 4 }),
        history: fc.uniqueArray(fc.integer({ min: 1_000, max: 9_000 }), { maxLength: 4 }),
      })
      .map(
        (d): DocumentExport => ({
          record: {
            ...recordOf(docKey, { title: d.title, lastReadAt: d.lastReadAt, updatedAt: 30_000 }),
            site: docKey.startsWith('gdocs') ? 'gdocs' : docKey.startsWith('canvas') ? 'canvas' : 'custom',
          },
          report: d.hasReport ? reportFor(docKey, d.statuses) : null,
          overrides: d.overrides,
          history: [...d.history]
            .sort((a, b) => a - b)
            .map((at, i): HistorySnapshot => snapshotPoint(docKey, at, i % 5)),
        }),
      ),
  );
  return fc
    .uniqueArray(doc, { selector: (d) => d.record.docKey, minLength: 1, maxLength: 3 })
    .map((documents) => buildExport(documents, Date.UTC(2026, 3, 1)));
};

const reports = new Map<string, ReturnType<typeof reportWith>>();
/** A real analyzer report per document (made once), with the given automatic statuses. */
function reportFor(docKey: string, statuses: AutoStatus[]): ReturnType<typeof reportWith> {
  let report = reports.get(docKey);
  if (!report) {
    report = reportWith(docKey);
    reports.set(docKey, report);
  }
  return { ...report, questions: report.questions.map((q, i) => ({ ...q, status: statuses[i] ?? 'unanswered' })) };
}

describe('bank import through the background (property)', () => {
  it('a refused bank file changes nothing stored; an accepted one becomes the active bank', async () => {
    const malformed = new Tally('malformed');
    const bank = miniBank();
    const bankFile = fc.oneof(
      {
        weight: 4,
        arbitrary: mutationOf(bank, pathsOf(bank)).map((m) => JSON.stringify(applyMutation(bank, m)) ?? ''),
      },
      { weight: 1, arbitrary: fc.nat({ max: 2000 }).map((n) => JSON.stringify(bank).slice(0, n)) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          anyText,
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
        ),
      },
    );
    await holds(
      fc.asyncProperty(bankFile, async (text) => {
        const before = await dump(local.db);
        const reply = (await local.route({ type: 'importBank', text }, PANEL)) as Reply;
        const value = reply.ok ? (reply.value as { ok: boolean; errors?: string[] }) : null;
        if (value?.ok) {
          expect((await local.db.get('settings', 'activeBank'))?.value).toBe(bank.id);
          return;
        }
        const unchanged = (await dump(local.db)).equals(before);
        malformed.count(unchanged);
        expect(reply.ok ? value?.errors?.length : reply.error.length).toBeGreaterThan(0);
        expect(unchanged, 'a refused bank changed the database').toBe(true);
      }),
      200,
      malformed,
    );
    expect(malformed.tried).toBeGreaterThan(50);
  }, 120_000);
});

describe('import keeps only what PlanLens knows', () => {
  it('drops a key added to any object of a valid export, wherever it is', () => {
    const base = JSON.parse(validText) as unknown;
    const objects = validPaths.filter((p) => {
      const node = p.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], base);
      return node !== null && typeof node === 'object' && !Array.isArray(node);
    });
    expect(objects.length).toBeGreaterThan(50);
    const malformed = new Tally('malformed');
    for (const path of objects) {
      const file = applyMutation(base, { path, op: 'add-key', key: 'smuggled', value: { nested: '<b>x</b>' } });
      const parsed = parseCoverageExport(JSON.stringify(file));
      if (!parsed.ok) {
        malformed.count(true);
        continue;
      }
      expect(keysIn(parsed.data).has('smuggled'), `kept a key added at ${path.join('.')}`).toBe(false);
    }
    if (malformed.tried) recordCount('malformed', malformed.tried, malformed.failed);
  });
});

describe('import whose writes fail halfway (property)', () => {
  it('rolls the whole import back with a clear message, and the same import works afterwards', async () => {
    const failures = new Tally('failures');
    await holds(
      fc.asyncProperty(
        validExport(),
        validExport(),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom('throw', 'abort' as const),
        async (seed, incoming, nth, how) => {
          const t = await testRouter(uniqueDbName());
          try {
            expect((await applyText(t, formatExportJson(seed))).ok).toBe(true);
            const text = formatExportJson(incoming);
            const before = await dump(t.db);
            const probe = failWrite(nth, how as 'throw' | 'abort');
            const reply = await applyText(t, text);
            restoreWrites();
            if (!probe.fired()) {
              // Fewer writes than nth: the import simply succeeded.
              expect(reply.ok).toBe(true);
              return;
            }
            const unchanged = (await dump(t.db)).equals(before);
            const retried = await applyText(t, text);
            failures.count(!reply.ok && unchanged && retried.ok);
            expect(reply.ok).toBe(false);
            if (!reply.ok) expect(reply.error).toMatch(/nothing was changed/i);
            expect(unchanged, 'a failed import left part of its writes behind').toBe(true);
            expect(retried.ok).toBe(true);
          } finally {
            restoreWrites();
            t.db.close();
          }
        },
      ),
      150,
      failures,
    );
    expect(failures.tried).toBeGreaterThan(50);
  }, 180_000);
});
