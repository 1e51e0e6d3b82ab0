import { createAnalyzer } from '../../core/analyze/engine';
import type { CoverageReport } from '../../core/analyze/report';
import type { HistorySnapshot, OverrideRecord } from '../../core/coverage/types';
import type { DocumentExport } from '../../core/export/format';
import type { AutoStatus, OverrideStatus } from '../../core/model';
import type { DocumentRecord } from '../../core/protocol';
import { miniBank, snapshotOf } from './helpers';

/** Test data for coverage, overrides, export and import: small, explicit, and in the real shapes. */

export const Q = {
  coachingNeed: 'coaching.exploration.coaching-need',
  coachPosition: 'coaching.installation.coach-position',
  observe: 'coaching.initial_implementation.observe-feedback',
  trainingPlan: 'training.installation.training-plan',
  fidelityMeasure: 'fidelity.installation.fidelity-measure',
} as const;

/** A real analyzer report for the mini bank, with the given automatic statuses (others unanswered). */
export function reportWith(docKey: string, statuses: Partial<Record<string, AutoStatus>> = {}): CoverageReport {
  const report = createAnalyzer(miniBank()).analyze(snapshotOf('<p>nothing relevant here</p>', docKey));
  return {
    ...report,
    questions: report.questions.map((q) => {
      const status = statuses[q.questionId] ?? 'unanswered';
      return {
        ...q,
        status,
        score: status === 'covered' ? 0.9 : status === 'partial' ? 0.5 : 0,
        evidence:
          status === 'unanswered'
            ? []
            : [{ blockId: 'b1', snippet: `Evidence for ${q.questionId}`, score: 0.9, terms: ['coach'] }],
      };
    }),
  };
}

export function recordOf(docKey: string, fields: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    docKey,
    site: 'gdocs',
    url: `https://docs.google.com/document/d/${docKey.slice(6)}/edit`,
    title: 'Riverside literacy plan',
    isPlan: true,
    planScore: 0.8,
    firstSeenAt: 1_000,
    lastReadAt: 2_000,
    updatedAt: 2_000,
    readError: null,
    ...fields,
  };
}

export function overrideOf(
  docKey: string,
  questionId: string,
  fields: { status?: OverrideStatus | null; statusAt?: number | null; note?: string; noteAt?: number | null } = {},
): OverrideRecord {
  const status = fields.status ?? null;
  const note = fields.note ?? '';
  const statusAt = fields.statusAt ?? (status ? 5_000 : null);
  const noteAt = fields.noteAt ?? (note ? 5_000 : null);
  return {
    docKey,
    questionId,
    status,
    statusAt,
    note,
    noteAt,
    updatedAt: Math.max(statusAt ?? 0, noteAt ?? 0),
  };
}

export function snapshotPoint(docKey: string, at: number, covered: number): HistorySnapshot {
  return {
    docKey,
    at,
    byStage: { exploration: covered, installation: 0, initial_implementation: 0, full_implementation: 0 },
    byDriver: {
      selection: 0,
      training: 0,
      coaching: covered,
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

export function documentOf(docKey: string, fields: Partial<DocumentExport> = {}): DocumentExport {
  return {
    record: recordOf(docKey),
    report: reportWith(docKey, { [Q.coachPosition]: 'covered', [Q.trainingPlan]: 'partial' }),
    overrides: [],
    history: [],
    ...fields,
  };
}
