import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildExport, type CoverageExport, formatExportJson } from '../../../core/export/format';
import type { ImportPreview } from '../../../core/import/merge';
import type { DocumentView, ExportPage } from '../../../core/protocol';
import { exportDocuments } from '../../../store/transfer';
import { DOC, readPlan, type TestRouter, testRouter } from './router-harness';

const OBSERVE = 'coaching.initial_implementation.observe-feedback';
const POSITION = 'coaching.installation.coach-position';
const OTHER = 'gdocs:1OtherPlanDocumentXq7Rt2026abcd';

let t: TestRouter;
beforeEach(async () => {
  t = await testRouter();
});

const view = (router: TestRouter, docKey = DOC) => router.call<DocumentView>({ type: 'getDocument', docKey });
/** All pages of the export, assembled as lib/transfer.ts does. */
async function exportAll(router: TestRouter): Promise<CoverageExport> {
  let page = await router.call<ExportPage>({ type: 'exportCoverage' });
  const documents = [...page.documents];
  while (page.next) {
    page = await router.call<ExportPage>({ type: 'exportCoverage', after: page.next });
    documents.push(...page.documents);
  }
  return buildExport(documents, Date.parse(page.exportedAt));
}

/** Everything in a database, for "nothing changed" checks. */
async function dump(router: TestRouter) {
  const stores = ['documents', 'coverage', 'overrides', 'history'] as const;
  return Object.fromEntries(await Promise.all(stores.map(async (s) => [s, await router.db.getAll(s)] as const)));
}

describe('export', () => {
  it('exports one document or all of them, with record, report, overrides and history', async () => {
    await readPlan(t);
    await readPlan(t, OTHER);
    await t.call({ type: 'setNote', docKey: DOC, questionId: OBSERVE, note: 'n' });
    const one = await t.call<ExportPage>({ type: 'exportCoverage', docKey: DOC });
    expect(one).toMatchObject({ exportedAt: new Date(t.clock.now).toISOString(), next: null });
    expect(one.documents).toHaveLength(1);
    const v = await view(t);
    expect(one.documents[0]).toEqual({
      record: v.record,
      report: v.report,
      overrides: v.overrides,
      history: v.history,
    });
    const all = await exportAll(t);
    expect(all.documents.map((d) => d.record.docKey).sort()).toEqual([DOC, OTHER].sort());
    expect(all.documents.find((d) => d.record.docKey === OTHER)?.overrides).toEqual([]);
    expect(await t.refused({ type: 'exportCoverage', docKey: 'gdocs:1NeverSeenDocument000000000000' })).toMatch(
      /no record/,
    );
  });

  it('pages a large store so that no message passes Chrome’s 64 MiB limit, each document whole', async () => {
    const keys = Array.from({ length: 5 }, (_, i) => `gdocs:1PagedPlan${i}XxxxxxxxxxxxxxxxxxxxX`);
    for (const key of keys) await readPlan(t, key);
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 1; ; pages++) {
      const page = await exportDocuments(t.db, { after, maxChars: 1 });
      expect(page.documents).toHaveLength(1);
      seen.push(...page.documents.map((d) => d.record.docKey));
      if (!page.next) {
        expect(pages).toBe(5);
        break;
      }
      after = page.next;
    }
    expect(seen).toEqual([...keys].sort());
    // The real page size holds them all in one page.
    expect((await t.call<ExportPage>({ type: 'exportCoverage' })).next).toBeNull();
    expect(await t.refused({ type: 'exportCoverage', after: 'not a key' })).toMatch(/bad page/);
  });
});

describe('import', () => {
  it('restores a teammate’s export into an empty profile: preview first (changing nothing), then apply', async () => {
    await readPlan(t);
    await t.call({ type: 'setManualStatus', docKey: DOC, questionId: OBSERVE, status: 'not_applicable' });
    await t.call({ type: 'setNote', docKey: DOC, questionId: OBSERVE, note: 'Not funded this year' });
    const text = formatExportJson(await exportAll(t));

    const fresh = await testRouter();
    const preview = await fresh.call<ImportPreview>({ type: 'previewImport', text });
    expect(preview.totals).toEqual({ new: 1, updated: 0, unchanged: 0, conflicts: 0 });
    expect(preview.documents[0]).toMatchObject({ docKey: DOC, action: 'new', overridesAdded: 1 });
    expect(await fresh.db.count('documents')).toBe(0);

    const applied = await fresh.call<ImportPreview>({ type: 'applyImport', text });
    expect(applied.totals.new).toBe(1);
    expect(fresh.changed).toEqual([DOC]);
    const restored = await view(fresh);
    const original = await view(t);
    expect(restored.record).toEqual(original.record);
    expect(restored.report).toEqual(original.report);
    expect(restored.overrides).toEqual(original.overrides);
    expect(restored.history).toEqual(original.history);

    // Importing the same file again changes nothing.
    const again = await fresh.call<ImportPreview>({ type: 'applyImport', text });
    expect(again.totals).toEqual({ new: 0, updated: 0, unchanged: 1, conflicts: 0 });
  });

  it('merges into existing data: the later manual change wins, per field', async () => {
    await readPlan(t);
    const teammate = await testRouter();
    teammate.clock.now = t.clock.now;
    await readPlan(teammate);
    t.clock.now += 1_000;
    await t.call({ type: 'setManualStatus', docKey: DOC, questionId: OBSERVE, status: 'answered' });
    teammate.clock.now += 2_000;
    await teammate.call({ type: 'setManualStatus', docKey: DOC, questionId: OBSERVE, status: 'unanswered' });
    await teammate.call({ type: 'setNote', docKey: DOC, questionId: POSITION, note: 'from teammate' });

    const text = formatExportJson(await exportAll(teammate));
    const preview = await t.call<ImportPreview>({ type: 'previewImport', text });
    expect(preview.conflicts).toEqual([
      expect.objectContaining({ questionId: OBSERVE, field: 'status', winner: 'imported' }),
    ]);
    await t.call({ type: 'applyImport', text });
    const overrides = (await view(t)).overrides;
    expect(overrides.find((o) => o.questionId === OBSERVE)?.status).toBe('unanswered');
    expect(overrides.find((o) => o.questionId === POSITION)?.note).toBe('from teammate');
  });

  it('refuses damaged files with a clear message, changing nothing', async () => {
    await readPlan(t);
    await t.call({ type: 'setNote', docKey: DOC, questionId: OBSERVE, note: 'mine' });
    const good = formatExportJson(await exportAll(t));
    const before = await dump(t);
    t.changed.length = 0;
    const bad: Array<[string, RegExp]> = [
      ['', /empty/],
      [good.slice(0, Math.floor(good.length / 2)), /incomplete/],
      ['not json', /not valid JSON/],
      [good.replace('"planlens-coverage"', '"planlens-bank"'), /question bank/],
      [good.replace('"version": 1', '"version": 7'), /newer PlanLens/],
      [good.replace('"status": "covered"', '"status": "maybe"'), /damaged/],
    ];
    for (const [text, message] of bad) {
      expect(await t.refused({ type: 'previewImport', text })).toMatch(message);
      expect(await t.refused({ type: 'applyImport', text })).toMatch(message);
    }
    expect(await t.refused({ type: 'applyImport' })).toMatch(/file text missing/);
    expect(await t.refused({ type: 'applyImport', importId: 'never-staged-0000' })).toMatch(/Choose the file again/);
    expect(await dump(t)).toEqual(before);
    expect(t.changed).toEqual([]);
  });
});

describe('large import files, staged in slices', () => {
  it('are previewed and applied as one file, in one transaction', async () => {
    const source = await testRouter();
    await readPlan(source);
    await source.call({ type: 'setNote', docKey: DOC, questionId: OBSERVE, note: 'staged' });
    const text = formatExportJson(await exportAll(source));
    const importId = 'import-0001-test';
    const slice = Math.ceil(text.length / 3);
    for (let part = 0; part < 3; part++) {
      const { receivedChars } = await t.call<{ receivedChars: number }>({
        type: 'stageImport',
        importId,
        part,
        text: text.slice(part * slice, (part + 1) * slice),
      });
      expect(receivedChars).toBe(Math.min(text.length, (part + 1) * slice));
    }
    expect(await t.db.count('documents')).toBe(0);
    expect((await t.call<ImportPreview>({ type: 'previewImport', importId })).totals.new).toBe(1);
    expect((await t.call<ImportPreview>({ type: 'applyImport', importId })).totals.new).toBe(1);
    expect((await view(t)).overrides[0]?.note).toBe('staged');
    // Applied files are forgotten.
    expect(await t.refused({ type: 'previewImport', importId })).toMatch(/Choose the file again/);
  });

  it('refuses slices out of order, and bad staging requests', async () => {
    await t.call({ type: 'stageImport', importId: 'import-0002-test', part: 0, text: '{"format":' });
    expect(await t.refused({ type: 'stageImport', importId: 'import-0002-test', part: 2, text: 'x' })).toMatch(
      /did not arrive in one piece/,
    );
    expect(await t.refused({ type: 'previewImport', importId: 'import-0002-test' })).toMatch(/Choose the file again/);
    expect(await t.refused({ type: 'stageImport', importId: 'BAD ID', part: 0, text: 'x' })).toMatch(/bad importId/);
    expect(await t.refused({ type: 'stageImport', importId: 'import-0003-test', part: -1, text: 'x' })).toMatch(
      /bad part/,
    );
    expect(await t.refused({ type: 'previewImport', importId: 'import-0003-test', text: '{}' } as unknown)).toMatch(
      /bad importId/,
    );
    expect(await t.refused({ type: 'previewImport', text: 'x'.repeat(8_000_001) })).toMatch(/stage a file this large/);
  });
});

describe('storage failures', () => {
  const realPut = IDBObjectStore.prototype.put;
  afterEach(() => {
    IDBObjectStore.prototype.put = realPut;
  });

  /** Makes the browser refuse puts into one store (the n-th and later), as a full disk would. */
  function failPuts(storeName: string, error: DOMException, after = 0) {
    let calls = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === storeName && calls++ >= after) throw error;
      return realPut.apply(this, args);
    };
  }

  it('a full disk while saving a manual answer: a clear message and no partial write', async () => {
    await readPlan(t);
    const before = await dump(t);
    t.changed.length = 0;
    // The override put succeeds; the history point after it fails: the override must not land either.
    failPuts('history', new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const status = (await view(t)).report?.questions.find((q) => q.questionId === OBSERVE)?.status;
    const error = await t.refused({
      type: 'setManualStatus',
      docKey: DOC,
      questionId: OBSERVE,
      status: status === 'covered' ? 'unanswered' : 'answered',
    });
    expect(error).toMatch(/storage for PlanLens is full.*nothing was changed/);
    IDBObjectStore.prototype.put = realPut;
    expect(await dump(t)).toEqual(before);
    expect(t.changed).toEqual([]);
  });

  it('any other storage failure while reading a plan: a clear message, the old record intact', async () => {
    await readPlan(t);
    const before = await dump(t);
    t.clock.now += 1_000;
    failPuts('coverage', new DOMException('Internal error.', 'UnknownError'));
    const error = await t.refused(
      { type: 'snapshot', snapshot: (await import('./router-harness')).planSnapshot() },
      (await import('./router-harness')).fromContentScript,
    );
    expect(error).toMatch(/could not use the browser’s storage \(UnknownError.*Nothing was changed/);
    IDBObjectStore.prototype.put = realPut;
    expect(await dump(t)).toEqual(before);
  });

  it('an import that fails halfway writes nothing at all', async () => {
    const source = await testRouter();
    await readPlan(source);
    await readPlan(source, OTHER);
    await source.call({ type: 'setNote', docKey: OTHER, questionId: OBSERVE, note: 'x' });
    const text = formatExportJson(await exportAll(source));
    const before = await dump(t);
    failPuts('overrides', new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    expect(await t.refused({ type: 'applyImport', text })).toMatch(/full/);
    IDBObjectStore.prototype.put = realPut;
    expect(await dump(t)).toEqual(before);
    expect(t.changed).toEqual([]);
  });
});
