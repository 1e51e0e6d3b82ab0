import { beforeEach, describe, expect, it } from 'vitest';
import type { DocumentSummaryPage, DocumentView } from '../../../core/protocol';
import { listDocumentSummaries } from '../../../store/summaries';
import { DOC, fromContentScript, fromPanel, readPlan, type TestRouter, testRouter } from './router-harness';

let t: TestRouter;
beforeEach(async () => {
  t = await testRouter();
});

describe('listDocuments (dashboard)', () => {
  it('lists every tracked document with coverage per cell, manual answers counted', async () => {
    await readPlan(t);
    const before = await t.call<DocumentSummaryPage>({ type: 'listDocuments' });
    expect(before.next).toBeNull();
    expect(before.summaries).toHaveLength(1);
    const [row] = before.summaries;
    expect(row).toMatchObject({ docKey: DOC, site: 'gdocs', title: 'Lakeview PBIS plan', manual: 0 });
    expect(Object.keys(row?.cells ?? {})).toHaveLength(36);
    // No report text travels: the row is small.
    expect(JSON.stringify(row).length).toBeLessThan(4000);

    const view = await t.call<DocumentView>({ type: 'getDocument', docKey: DOC });
    const open = view.report?.questions.find((q) => q.status === 'unanswered');
    if (!open) throw new Error('the fixture plan has no unanswered question');
    const addressed = row?.cells[open.cell].addressed ?? -1;
    await t.call({ type: 'setManualStatus', docKey: DOC, questionId: open.questionId, status: 'answered' });
    const after = await t.call<DocumentSummaryPage>({ type: 'listDocuments' });
    expect(after.summaries[0]?.manual).toBe(1);
    expect(after.summaries[0]?.cells[open.cell].addressed).toBe(addressed + 1);
    expect(after.summaries[0]?.overall.addressed).toBe((row?.overall.addressed ?? 0) + 1);
  });

  it('pages a large store: every document exactly once, in docKey order', async () => {
    const keys = Array.from({ length: 7 }, (_, i) => `gdocs:1DashPlan${i}Xxxxxxxxxxxxxxxxxxxxxxx`);
    for (const key of keys) await readPlan(t, key);
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await listDocumentSummaries(t.db, { after, limit: 3 });
      pages++;
      seen.push(...page.summaries.map((s) => s.docKey));
      if (!page.next) break;
      after = page.next;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...keys].sort());
    expect((await t.call<DocumentSummaryPage>({ type: 'listDocuments', after: keys[5] })).summaries).toHaveLength(1);
  });

  it('is refused from content scripts and with a bad page key', async () => {
    expect(await t.refused({ type: 'listDocuments' }, fromContentScript)).toMatch(/own pages/);
    expect(await t.refused({ type: 'listDocuments', after: 'not a key' }, fromPanel)).toMatch(/bad page/);
    expect(await t.call<DocumentSummaryPage>({ type: 'listDocuments' })).toEqual({ summaries: [], next: null });
  });
});
