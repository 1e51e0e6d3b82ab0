import { cellResults } from '../analyze/engine';
import type { CellResult, CoverageReport, QuestionResult } from '../analyze/report';
import {
  type AutoStatus,
  type CellId,
  cellId,
  DRIVERS,
  type DriverId,
  type OverrideStatus,
  questionPlace,
  STAGES,
  type StageId,
} from '../model';
import type { CoverageCounts, OverrideRecord } from './types';

export type StatusSource = 'automatic' | 'manual';

/** One question as the user sees it: the automatic result with the user's manual status applied. */
export interface EffectiveQuestion {
  questionId: string;
  driver: DriverId;
  stage: StageId;
  cell: CellId;
  /** The analyzer's result; null for a question the bank no longer has (kept for its override). */
  auto: QuestionResult | null;
  /** The user's status, when they set one. */
  manual: OverrideStatus | null;
  note: string;
  /** When the user last changed the status or the note; null if never. */
  updatedAt: number | null;
  /**
   * The status that counts: a manual status always wins. "Answered" and "not applicable" both
   * count as covered: either way the team has settled the question and it needs no more work.
   */
  status: AutoStatus;
  source: StatusSource;
}

export interface EffectiveCoverage {
  /** The report's questions, in its order. */
  questions: EffectiveQuestion[];
  /** Overrides of questions the report does not have (removed from the bank): kept, not counted. */
  retired: EffectiveQuestion[];
  cells: Record<CellId, CellResult>;
  counts: CoverageCounts;
}

const MANUAL_TO_STATUS: Record<OverrideStatus, AutoStatus> = {
  answered: 'covered',
  not_applicable: 'covered',
  unanswered: 'unanswered',
};

/** Merges a report with the user's overrides. Pure; the report and overrides are not modified. */
export function effectiveCoverage(
  report: CoverageReport | null,
  overrides: readonly OverrideRecord[],
): EffectiveCoverage {
  const byQuestion = new Map(overrides.map((o) => [o.questionId, o]));
  const questions = (report?.questions ?? []).map((result) =>
    effectiveQuestion(result, byQuestion.get(result.questionId)),
  );
  const known = new Set(questions.map((q) => q.questionId));
  const retired: EffectiveQuestion[] = [];
  for (const override of overrides) {
    if (known.has(override.questionId)) continue;
    const place = questionPlace(override.questionId);
    if (!place) continue;
    retired.push({
      questionId: override.questionId,
      ...place,
      cell: cellId(place.driver, place.stage),
      auto: null,
      manual: override.status,
      note: override.note,
      updatedAt: override.updatedAt,
      status: override.status ? MANUAL_TO_STATUS[override.status] : 'unanswered',
      source: override.status ? 'manual' : 'automatic',
    });
  }
  return { questions, retired, cells: cellResults(questions), counts: countCoverage(questions) };
}

function effectiveQuestion(result: QuestionResult, override: OverrideRecord | undefined): EffectiveQuestion {
  const manual = override?.status ?? null;
  return {
    questionId: result.questionId,
    driver: result.driver,
    stage: result.stage,
    cell: result.cell,
    auto: result,
    manual,
    note: override?.note ?? '',
    updatedAt: override?.updatedAt ?? null,
    status: manual ? MANUAL_TO_STATUS[manual] : result.status,
    source: manual ? 'manual' : 'automatic',
  };
}

export function countCoverage(questions: readonly EffectiveQuestion[]): CoverageCounts {
  const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<StageId, number>;
  const byDriver = Object.fromEntries(DRIVERS.map((d) => [d, 0])) as Record<DriverId, number>;
  const counts: CoverageCounts = { byStage, byDriver, covered: 0, partial: 0, unanswered: 0, total: 0 };
  for (const q of questions) {
    counts.total++;
    counts[q.status]++;
    if (q.status === 'covered') {
      byStage[q.stage]++;
      byDriver[q.driver]++;
    }
  }
  return counts;
}
