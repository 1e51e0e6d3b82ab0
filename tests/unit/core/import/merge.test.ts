import { describe, expect, it } from 'vitest';
import { buildExport, type DocumentExport } from '../../../../core/export/format';
import { planImport } from '../../../../core/import/merge';
import { documentOf, overrideOf, Q, recordOf, reportWith, snapshotPoint } from '../../coverage-fixtures';

const A = 'gdocs:1AaaaaaaaaaaaaaaaaaaaaaaaaaaaaA';
const B = 'gdocs:1BbbbbbbbbbbbbbbbbbbbbbbbbbbbbB';
const NOW = 50_000;

const stored = (...docs: DocumentExport[]) => new Map(docs.map((d) => [d.record.docKey, d]));
const file = (...docs: DocumentExport[]) => buildExport(docs, 40_000);

describe('planning an import', () => {
  it('adds documents PlanLens does not have, whole, with a history point for their coverage', () => {
    const incoming = documentOf(B, {
      overrides: [overrideOf(B, Q.observe, { status: 'answered' })],
      history: [snapshotPoint(B, 10, 0)],
    });
    const { preview, writes } = planImport(stored(documentOf(A)), file(incoming), NOW);
    expect(preview.documents).toEqual([
      {
        docKey: B,
        title: incoming.record.title,
        action: 'new',
        coverage: 'imported',
        overridesAdded: 1,
        overridesChanged: 0,
        historyAdded: 1,
      },
    ]);
    expect(preview.totals).toEqual({ new: 1, updated: 0, unchanged: 0, conflicts: 0 });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({
      record: incoming.record,
      report: incoming.report,
      overrides: incoming.overrides,
    });
    expect(writes[0]?.history.map((h) => [h.at, h.covered])).toEqual([
      [10, 0],
      [NOW, 2],
    ]);
  });

  it('changes nothing when the file holds what is stored', () => {
    const doc = documentOf(A, {
      overrides: [overrideOf(A, Q.observe, { note: 'same' })],
      history: [snapshotPoint(A, 10, 1)],
    });
    const { preview, writes } = planImport(stored(doc), file(structuredClone(doc)), NOW);
    expect(preview.documents[0]?.action).toBe('unchanged');
    expect(preview.totals).toEqual({ new: 0, updated: 0, unchanged: 1, conflicts: 0 });
    expect(writes).toEqual([]);
  });

  it('takes the analysis read more recently, and never lets it touch manual answers', () => {
    const local = documentOf(A, {
      record: recordOf(A, { lastReadAt: 2_000, firstSeenAt: 1_000 }),
      report: reportWith(A, {}),
      overrides: [overrideOf(A, Q.coachPosition, { status: 'unanswered', statusAt: 1_500 })],
    });
    const newer = documentOf(A, {
      record: recordOf(A, { lastReadAt: 9_000, firstSeenAt: 500, title: 'Renamed plan' }),
      report: reportWith(A, { [Q.coachPosition]: 'covered' }),
    });
    const { preview, writes } = planImport(stored(local), file(newer), NOW);
    expect(preview.documents[0]).toMatchObject({ action: 'updated', coverage: 'imported', title: 'Renamed plan' });
    expect(writes[0]?.report).toBe(newer.report);
    expect(writes[0]?.record).toMatchObject({ lastReadAt: 9_000, firstSeenAt: 500 });
    expect(writes[0]?.overrides).toEqual([]);
    // Manual beats automatic: the local "unanswered" still wins over the imported "covered".
    expect(writes[0]?.history.at(-1)).toMatchObject({ covered: 0 });

    const older = documentOf(A, {
      record: recordOf(A, { lastReadAt: 1_000 }),
      report: reportWith(A, { [Q.observe]: 'covered' }),
    });
    const kept = planImport(stored(local), file(older), NOW);
    expect(kept.preview.documents[0]).toMatchObject({ action: 'unchanged', coverage: 'kept' });
  });

  it('resolves conflicting manual answers field by field: the later change wins, and says so', () => {
    const local = documentOf(A, {
      overrides: [
        overrideOf(A, Q.observe, { status: 'answered', statusAt: 3_000, note: 'ours', noteAt: 9_000 }),
        overrideOf(A, Q.coachPosition, { status: 'not_applicable', statusAt: 8_000 }),
      ],
    });
    const incoming = documentOf(A, {
      overrides: [
        overrideOf(A, Q.observe, { status: 'unanswered', statusAt: 7_000, note: 'theirs', noteAt: 4_000 }),
        overrideOf(A, Q.coachPosition, { status: 'answered', statusAt: 2_000 }),
        overrideOf(A, Q.trainingPlan, { note: 'new from a teammate', noteAt: 6_000 }),
      ],
    });
    const { preview, writes } = planImport(stored(local), file(incoming), NOW);
    expect(preview.documents[0]).toMatchObject({ action: 'updated', overridesAdded: 1, overridesChanged: 1 });
    expect(preview.conflicts).toEqual([
      {
        docKey: A,
        questionId: Q.observe,
        field: 'status',
        local: 'answered',
        imported: 'unanswered',
        localAt: 3_000,
        importedAt: 7_000,
        winner: 'imported',
      },
      {
        docKey: A,
        questionId: Q.observe,
        field: 'note',
        local: 'ours',
        imported: 'theirs',
        localAt: 9_000,
        importedAt: 4_000,
        winner: 'local',
      },
      {
        docKey: A,
        questionId: Q.coachPosition,
        field: 'status',
        local: 'not_applicable',
        imported: 'answered',
        localAt: 8_000,
        importedAt: 2_000,
        winner: 'local',
      },
    ]);
    expect(preview.totals.conflicts).toBe(3);
    const written = new Map(writes[0]?.overrides.map((o) => [o.questionId, o]));
    expect(written.get(Q.observe)).toMatchObject({
      status: 'unanswered',
      statusAt: 7_000,
      note: 'ours',
      noteAt: 9_000,
      updatedAt: 9_000,
    });
    expect(written.has(Q.coachPosition)).toBe(false);
    expect(written.get(Q.trainingPlan)).toMatchObject({ note: 'new from a teammate' });
  });

  it('a later "back to automatic" beats an older manual mark', () => {
    const local = documentOf(A, { overrides: [overrideOf(A, Q.observe, { status: null, statusAt: 9_000 })] });
    const incoming = documentOf(A, { overrides: [overrideOf(A, Q.observe, { status: 'answered', statusAt: 5_000 })] });
    const { preview, writes } = planImport(stored(local), file(incoming), NOW);
    expect(preview.documents[0]?.action).toBe('unchanged');
    expect(preview.conflicts[0]).toMatchObject({ winner: 'local', local: null, imported: 'answered' });
    expect(writes).toEqual([]);
  });

  it('joins history series without repeating points', () => {
    const local = documentOf(A, { history: [snapshotPoint(A, 10, 1), snapshotPoint(A, 30, 2)] });
    const incoming = documentOf(A, { history: [snapshotPoint(A, 10, 1), snapshotPoint(A, 20, 1)] });
    const { preview, writes } = planImport(stored(local), file(incoming), NOW);
    expect(preview.documents[0]).toMatchObject({ action: 'updated', historyAdded: 1 });
    // …then a point for the merged coverage, which differs from these made-up counts.
    expect(writes[0]?.history.map((h) => h.at)).toEqual([10, 20, 30, NOW]);
  });
});
