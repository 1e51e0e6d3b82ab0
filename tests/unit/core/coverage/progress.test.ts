import { describe, expect, it } from 'vitest';
import { effectiveCoverage } from '../../../../core/coverage/effective';
import {
  addressedRatio,
  cellTallies,
  changeSince,
  coverageLevel,
  driverTallies,
  momentKind,
  readinessOf,
  stageTallies,
} from '../../../../core/coverage/progress';
import type { HistorySnapshot } from '../../../../core/coverage/types';
import { STAGES, type StageId } from '../../../../core/model';
import { overrideOf, Q, reportWith } from '../../coverage-fixtures';

const DOC = 'gdocs:1RiversideLiteracyPlan2026abcdef';

function point(at: number, covered: number, installation = 0): HistorySnapshot {
  const byStage = { exploration: 0, installation, initial_implementation: 0, full_implementation: 0 };
  return {
    docKey: DOC,
    at,
    byStage,
    byDriver: {
      selection: 0,
      training: 0,
      coaching: 0,
      fidelity: 0,
      decision_support_data_system: 0,
      facilitative_administration: 0,
      systems_intervention: 0,
      leadership_technical: 0,
      leadership_adaptive: 0,
    },
    covered,
    partial: 0,
    unanswered: 5 - covered,
    total: 5,
  };
}

describe('tallies per stage, driver and cell (manual statuses count)', () => {
  const report = reportWith(DOC, { [Q.coachPosition]: 'covered', [Q.trainingPlan]: 'partial' });
  const { questions } = effectiveCoverage(report, [overrideOf(DOC, Q.fidelityMeasure, { status: 'not_applicable' })]);

  it('counts addressed, partial and unanswered questions of each stage', () => {
    const stages = stageTallies(questions);
    expect(stages.installation).toEqual({ addressed: 2, partial: 1, unanswered: 0, total: 3 });
    expect(stages.exploration).toEqual({ addressed: 0, partial: 0, unanswered: 1, total: 1 });
    expect(stages.full_implementation).toEqual({ addressed: 0, partial: 0, unanswered: 0, total: 0 });
  });

  it('counts each driver across stages, and each cell', () => {
    expect(driverTallies(questions).coaching).toEqual({ addressed: 1, partial: 0, unanswered: 2, total: 3 });
    expect(driverTallies(questions).selection.total).toBe(0);
    const cells = cellTallies(questions);
    expect(Object.keys(cells)).toHaveLength(36);
    expect(cells['training.installation']).toEqual({ addressed: 0, partial: 1, unanswered: 0, total: 1 });
    expect(cells['fidelity.installation'].addressed).toBe(1);
  });

  it('colours a cell by its share addressed, and tells an empty cell apart', () => {
    expect(coverageLevel({ addressed: 0, partial: 0, unanswered: 0, total: 0 })).toBeNull();
    expect(coverageLevel({ addressed: 0, partial: 1, unanswered: 2, total: 3 })).toBe(0);
    expect(coverageLevel({ addressed: 1, partial: 0, unanswered: 2, total: 3 })).toBe(1);
    expect(coverageLevel({ addressed: 2, partial: 0, unanswered: 2, total: 4 })).toBe(2);
    expect(coverageLevel({ addressed: 3, partial: 0, unanswered: 0, total: 3 })).toBe(3);
    expect(addressedRatio({ addressed: 0, partial: 0, unanswered: 0, total: 0 })).toBeNull();
  });
});

describe('readiness hint', () => {
  const tallies = (addressed: number, total: number) =>
    Object.fromEntries(
      STAGES.map((s) => [s, { addressed: s === 'installation' ? addressed : 0, partial: 0, unanswered: 0, total }]),
    ) as Record<StageId, { addressed: number; partial: number; unanswered: number; total: number }>;

  it('appears when most (80 %) of a stage is addressed, naming the next stage', () => {
    expect(readinessOf(tallies(7, 10), 'installation')).toBeNull();
    expect(readinessOf(tallies(8, 10), 'installation')).toEqual({
      stage: 'installation',
      addressed: 8,
      total: 10,
      next: 'initial_implementation',
    });
  });

  it('has no next stage after Full Implementation and no hint for a stage without questions', () => {
    const full = tallies(0, 4);
    full.full_implementation = { addressed: 4, partial: 0, unanswered: 0, total: 4 };
    expect(readinessOf(full, 'full_implementation')?.next).toBeNull();
    expect(readinessOf(tallies(0, 0), 'installation')).toBeNull();
  });
});

describe('change since the last visit', () => {
  const history = [point(1_000, 1), point(2_000, 2, 1), point(5_000, 6, 4)];
  const now = {
    covered: 7,
    byStage: { exploration: 0, installation: 5, initial_implementation: 2, full_implementation: 0 },
  };

  it('compares now with the history point in effect at the end of the last visit', () => {
    const change = changeSince(history, 3_000, now);
    expect(change?.answered).toBe(5);
    expect(change?.byStage).toEqual({
      exploration: 0,
      installation: 4,
      initial_implementation: 2,
      full_implementation: 0,
    });
    // A point exactly at the visit counts as what the user saw.
    expect(changeSince(history, 2_000, now)?.answered).toBe(5);
    expect(changeSince(history, 9_000, now)?.answered).toBe(1);
  });

  it('says fewer when answers were taken back', () => {
    expect(changeSince(history, 5_000, { ...now, covered: 4 })?.answered).toBe(-2);
  });

  it('says nothing when the history does not reach back to the visit', () => {
    expect(changeSince(history, 500, now)).toBeNull();
    expect(changeSince([], 3_000, now)).toBeNull();
  });

  it('does not depend on the order of the points', () => {
    expect(changeSince([...history].reverse(), 3_000, now)?.answered).toBe(5);
  });
});

describe('naming the moment of the last visit', () => {
  const now = new Date(2026, 2, 12, 15, 0); // Thursday 12 March 2026, 15:00
  it('uses the time today, the weekday within six days, the date before', () => {
    expect(momentKind(new Date(2026, 2, 12, 9, 30), now)).toBe('time');
    expect(momentKind(new Date(2026, 2, 11, 23, 59), now)).toBe('weekday');
    expect(momentKind(new Date(2026, 2, 6, 8, 0), now)).toBe('weekday');
    expect(momentKind(new Date(2026, 2, 5, 8, 0), now)).toBe('date');
  });
});
