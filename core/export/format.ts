import type { CoverageReport } from '../analyze/report';
import type { HistorySnapshot, OverrideRecord } from '../coverage/types';
import type { DocumentRecord } from '../protocol';

/**
 * The JSON export, PlanLens's one interchange format (docs/export-format.md). Everything needed
 * to restore a document is here; CSV, Markdown and the HTML report are derived from it.
 * Every version ever written stays importable: a new shape gets a new version number and
 * core/import/parse.ts keeps a reader for each.
 */
export const COVERAGE_FORMAT = 'planlens-coverage';
export const COVERAGE_VERSION = 1;

export interface DocumentExport {
  record: DocumentRecord;
  /** The last automatic analysis; null when the document was never read successfully. */
  report: CoverageReport | null;
  overrides: OverrideRecord[];
  /** Oldest first. */
  history: HistorySnapshot[];
}

export interface CoverageExport {
  format: typeof COVERAGE_FORMAT;
  version: typeof COVERAGE_VERSION;
  /** ISO 8601 time of the export. */
  exportedAt: string;
  documents: DocumentExport[];
}

export function buildExport(documents: DocumentExport[], exportedAt: number): CoverageExport {
  return {
    format: COVERAGE_FORMAT,
    version: COVERAGE_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    documents,
  };
}

export function formatExportJson(data: CoverageExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
