import type { DBSchema } from 'idb';
import type { CoverageReport } from '../core/analyze/report';
import type { BankFile } from '../core/bank/types';
import type { HistorySnapshot, OverrideRecord } from '../core/coverage/types';
import type { DocumentRecord } from '../core/protocol';

export const DB_NAME = 'planlens';
/** Bump with a new rung in migrations.ts; never edit an old rung. */
export const DB_VERSION = 2;

export interface CoverageRecord {
  docKey: string;
  analyzedAt: number;
  report: CoverageReport;
}

/** A question bank the user loaded (a district's own), kept for when banks become selectable. */
export interface BankRecord {
  id: string;
  installedAt: number;
  bank: BankFile;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * Version history:
 * - 1: documents, coverage.
 * - 2: overrides (manual status and note per document × question), history (coverage snapshots
 *   per document), banks, settings. Overrides and history are their own records, never fields of
 *   the coverage record, so re-analysis (which replaces coverage) cannot touch them.
 */
export interface PlanLensSchema extends DBSchema {
  documents: {
    key: string;
    value: DocumentRecord;
    indexes: { 'by-site': string; 'by-updated': number };
  };
  coverage: {
    key: string;
    value: CoverageRecord;
  };
  overrides: {
    /** [docKey, questionId]: one record per question, so concurrent edits of different questions never collide. */
    key: [string, string];
    value: OverrideRecord;
  };
  history: {
    /** [docKey, at]: a document's points are contiguous and in time order. */
    key: [string, number];
    value: HistorySnapshot;
  };
  banks: {
    key: string;
    value: BankRecord;
  };
  settings: {
    key: string;
    value: SettingRecord;
  };
}
