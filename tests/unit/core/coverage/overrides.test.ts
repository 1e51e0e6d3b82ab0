import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, mergeHistory, nextSnapshot } from '../../../../core/coverage/history';
import { applyOverridePatch } from '../../../../core/coverage/overrides';
import { overrideOf, Q, snapshotPoint } from '../../coverage-fixtures';

const DOC = 'gdocs:1RiversideLiteracyPlan2026abcdef';

describe('applying a user action to a question’s record', () => {
  it('sets the status only, keeping the note and its time', () => {
    const previous = overrideOf(DOC, Q.observe, { note: 'Coaches meet weekly', noteAt: 1_000 });
    const { record, changed } = applyOverridePatch(DOC, Q.observe, previous, { status: 'answered' }, 9_000);
    expect(changed).toBe(true);
    expect(record).toEqual({ ...previous, status: 'answered', statusAt: 9_000, updatedAt: 9_000 });
  });

  it('saves the note only, keeping the status and its time', () => {
    const previous = overrideOf(DOC, Q.observe, { status: 'not_applicable', statusAt: 1_000 });
    const { record } = applyOverridePatch(DOC, Q.observe, previous, { note: 'Not in our grant' }, 9_000);
    expect(record).toMatchObject({
      status: 'not_applicable',
      statusAt: 1_000,
      note: 'Not in our grant',
      noteAt: 9_000,
    });
  });

  it('going back to automatic keeps a record of when (a later import must not undo it)', () => {
    const previous = overrideOf(DOC, Q.observe, { status: 'answered', statusAt: 1_000 });
    const { record, changed } = applyOverridePatch(DOC, Q.observe, previous, { status: null }, 9_000);
    expect(changed).toBe(true);
    expect(record).toMatchObject({ status: null, statusAt: 9_000, note: '' });
  });

  const unchanged = [
    {
      name: 'the same status again',
      previous: overrideOf(DOC, Q.observe, { status: 'answered' }),
      patch: { status: 'answered' as const },
    },
    { name: 'the same note again', previous: overrideOf(DOC, Q.observe, { note: 'x' }), patch: { note: 'x' } },
    { name: 'automatic on a question never touched', previous: undefined, patch: { status: null } },
    { name: 'an empty note on a question never touched', previous: undefined, patch: { note: '' } },
  ];
  it.each(unchanged)('$name changes nothing', ({ previous, patch }) => {
    expect(applyOverridePatch(DOC, Q.observe, previous, patch, 9_000).changed).toBe(false);
  });

  it('refuses a note longer than 5000 characters', () => {
    expect(() => applyOverridePatch(DOC, Q.observe, undefined, { note: 'x'.repeat(5001) }, 1)).toThrow(/at most 5000/);
    expect(applyOverridePatch(DOC, Q.observe, undefined, { note: 'x'.repeat(5000) }, 1).changed).toBe(true);
  });
});

describe('history points', () => {
  it('are added only when the counts move', () => {
    const first = nextSnapshot(undefined, DOC, snapshotPoint(DOC, 0, 1), 100);
    expect(first).toMatchObject({ docKey: DOC, at: 100, covered: 1 });
    expect(nextSnapshot(first ?? undefined, DOC, snapshotPoint(DOC, 0, 1), 200)).toBeNull();
    expect(nextSnapshot(first ?? undefined, DOC, snapshotPoint(DOC, 0, 2), 200)).toMatchObject({ at: 200, covered: 2 });
  });

  it('merge two series once per time, oldest first, keeping the newest 50', () => {
    const local = [snapshotPoint(DOC, 10, 1), snapshotPoint(DOC, 30, 3)];
    const imported = [snapshotPoint(DOC, 20, 2), { ...snapshotPoint(DOC, 30, 4) }];
    expect(mergeHistory(local, imported).map((h) => [h.at, h.covered])).toEqual([
      [10, 1],
      [20, 2],
      [30, 3],
    ]);
    const long = Array.from({ length: 70 }, (_, i) => snapshotPoint(DOC, i, i % 5));
    const merged = mergeHistory(long, []);
    expect(merged).toHaveLength(HISTORY_LIMIT);
    expect(merged[0]?.at).toBe(20);
  });
});
