import type { DBSchema } from 'idb';
import type { CoverageReport } from '../core/analyze/report';
import type { DocumentRecord } from '../core/protocol';

export const DB_NAME = 'planlens';
/** Bump with a new rung in migrations.ts; never edit an old rung. */
export const DB_VERSION = 1;

export interface CoverageRecord {
  docKey: string;
  analyzedAt: number;
  report: CoverageReport;
}

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
}
