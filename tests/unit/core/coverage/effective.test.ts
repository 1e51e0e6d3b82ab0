import { describe, expect, it } from 'vitest';
import { cellStatus } from '../../../../core/analyze/engine';
import { effectiveCoverage } from '../../../../core/coverage/effective';
import type { AutoStatus, OverrideStatus } from '../../../../core/model';
import { overrideOf, Q, reportWith } from '../../coverage-fixtures';

const DOC = 'gdocs:1RiversideLiteracyPlan2026abcdef';

describe('effective status: a manual status always wins', () => {
  const cases: Array<{ auto: AutoStatus; manual: OverrideStatus | null; status: AutoStatus; source: string }> = [
    { auto: 'unanswered', manual: null, status: 'unanswered', source: 'automatic' },
    { auto: 'partial', manual: null, status: 'partial', source: 'automatic' },
    { auto: 'covered', manual: null, status: 'covered', source: 'automatic' },
    { auto: 'unanswered', manual: 'answered', status: 'covered', source: 'manual' },
    { auto: 'partial', manual: 'not_applicable', status: 'covered', source: 'manual' },
    { auto: 'covered', manual: 'unanswered', status: 'unanswered', source: 'manual' },
    { auto: 'covered', manual: 'answered', status: 'covered', source: 'manual' },
  ];
  it.each(cases)('automatic $auto + manual $manual → $status ($source)', ({ auto, manual, status, source }) => {
    const report = reportWith(DOC, { [Q.coachPosition]: auto });
    const overrides = manual ? [overrideOf(DOC, Q.coachPosition, { status: manual })] : [];
    const q = effectiveCoverage(report, overrides).questions.find((x) => x.questionId === Q.coachPosition);
    expect(q).toMatchObject({ status, source, manual, auto: { status: auto } });
  });

  it('a note alone (status back to automatic) keeps the automatic status but carries the note', () => {
    const report = reportWith(DOC, { [Q.coachPosition]: 'partial' });
    const note = overrideOf(DOC, Q.coachPosition, { note: 'Ask HR <b>today</b>', statusAt: 4_000 });
    const q = effectiveCoverage(report, [note]).questions.find((x) => x.questionId === Q.coachPosition);
    expect(q).toMatchObject({ status: 'partial', source: 'automatic', note: 'Ask HR <b>today</b>', updatedAt: 5_000 });
  });

  it('does not modify the report or the overrides it merges', () => {
    const report = reportWith(DOC);
    const overrides = [overrideOf(DOC, Q.observe, { status: 'answered' })];
    const before = JSON.stringify([report, overrides]);
    effectiveCoverage(report, overrides);
    expect(JSON.stringify([report, overrides])).toBe(before);
  });
});

describe('effective cells and counts', () => {
  it('derive cell status from effective question statuses with the analyzer’s own rule', () => {
    const report = reportWith(DOC, { [Q.trainingPlan]: 'partial' });
    // coaching.installation has one question: unanswered automatically, answered by hand.
    const effective = effectiveCoverage(report, [overrideOf(DOC, Q.coachPosition, { status: 'answered' })]);
    expect(effective.cells['coaching.installation']).toMatchObject({ status: 'covered', covered: 1, total: 1 });
    expect(effective.cells['training.installation']).toMatchObject({ status: 'unanswered', partial: 1, total: 1 });
    expect(effective.cells['selection.exploration']).toMatchObject({ status: 'unanswered', total: 0 });
    for (const cell of Object.values(effective.cells)) expect(cell.status).toBe(cellStatus(cell));
  });

  it('counts addressed questions per stage and driver (covered, answered or not applicable)', () => {
    const report = reportWith(DOC, { [Q.coachingNeed]: 'covered', [Q.trainingPlan]: 'partial' });
    const { counts } = effectiveCoverage(report, [
      overrideOf(DOC, Q.fidelityMeasure, { status: 'not_applicable' }),
      overrideOf(DOC, Q.coachingNeed, { status: 'unanswered' }),
      overrideOf(DOC, Q.observe, { status: 'answered' }),
    ]);
    expect(counts).toMatchObject({ covered: 2, partial: 1, unanswered: 2, total: 5 });
    expect(counts.byStage).toEqual({
      exploration: 0,
      installation: 1,
      initial_implementation: 1,
      full_implementation: 0,
    });
    expect(counts.byDriver.coaching).toBe(1);
    expect(counts.byDriver.fidelity).toBe(1);
    expect(counts.byDriver.training).toBe(0);
  });

  it('keeps the answer of a question the bank no longer has, without counting it', () => {
    const report = reportWith(DOC);
    const retired = overrideOf(DOC, 'selection.exploration.old-question', { status: 'answered', note: 'kept' });
    const effective = effectiveCoverage(report, [retired]);
    expect(effective.retired).toEqual([
      expect.objectContaining({
        questionId: 'selection.exploration.old-question',
        auto: null,
        manual: 'answered',
        note: 'kept',
      }),
    ]);
    expect(effective.counts.total).toBe(5);
    expect(effective.counts.byDriver.selection).toBe(0);
  });

  it('with no report, every override is a retired question and nothing is counted', () => {
    const effective = effectiveCoverage(null, [overrideOf(DOC, Q.observe, { status: 'answered' })]);
    expect(effective.questions).toEqual([]);
    expect(effective.retired).toHaveLength(1);
    expect(effective.counts.total).toBe(0);
  });
});
