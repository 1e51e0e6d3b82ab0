import { beforeEach, describe, expect, it, vi } from 'vitest';
import { formatExportJson } from '../../../core/export/format';
import { readPlan, type TestRouter, testRouter } from '../background/router-harness';

// lib/transfer.ts talks to the background through send(); here send() goes to a real router.
let t: TestRouter;
const sent: Array<{ type: string }> = [];
vi.mock('../../../lib/messaging', () => ({
  send: (request: { type: string }) => {
    sent.push(request);
    return t.call(request);
  },
}));
const { applyImportFile, fetchExport, previewImportFile, stageImportFile } = await import('../../../lib/transfer');

beforeEach(async () => {
  t = await testRouter();
  sent.length = 0;
});

describe('export and import across the message size limit', () => {
  it('assembles an export of every document into one JSON export', async () => {
    await readPlan(t, 'gdocs:1FirstPlanXxxxxxxxxxxxxxxxxxxxxX');
    await readPlan(t, 'gdocs:1SecondPlanXxxxxxxxxxxxxxxxxxxxX');
    const data = await fetchExport();
    expect(data).toMatchObject({ format: 'planlens-coverage', version: 1 });
    expect(data.documents.map((d) => d.record.title)).toEqual(['Lakeview PBIS plan', 'Lakeview PBIS plan']);
    expect((await fetchExport('gdocs:1FirstPlanXxxxxxxxxxxxxxxxxxxxxX')).documents).toHaveLength(1);
  });

  it('sends a small file whole and a large one in slices, then previews and applies it', async () => {
    await readPlan(t);
    const text = formatExportJson(await fetchExport());
    expect(await stageImportFile(text)).toEqual({ text });

    const target = t;
    t = await testRouter();
    sent.length = 0;
    const source = await stageImportFile(text, 1000);
    expect(source).toEqual({ importId: expect.stringMatching(/^[a-z0-9-]{36}$/) });
    expect(sent.filter((r) => r.type === 'stageImport')).toHaveLength(Math.ceil(text.length / 1000));
    expect((await previewImportFile(source)).totals.new).toBe(1);
    expect((await applyImportFile(source)).totals.new).toBe(1);
    expect(await t.db.getAll('coverage')).toEqual(await target.db.getAll('coverage'));
  });
});
