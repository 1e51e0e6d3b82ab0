import type { BankFile } from '../core/bank/types';
import { formatCoverageCsv } from '../core/export/csv';
import { type CoverageExport, formatExportJson } from '../core/export/format';
import { formatHtmlReport } from '../core/export/html';
import { formatMarkdownSummary } from '../core/export/markdown';
import { fileSlug, questionTexts } from '../core/export/text';
import { downloadText } from '../lib/download';

/** The file exports, shared by the side panel (one document) and the dashboard (all of them). */
export type FileFormat = 'json' | 'csv' | 'markdown' | 'report';

export const EXPORT_FILES: Record<
  FileFormat,
  { label: string; ext: string; mime: string; format: (d: CoverageExport, b: BankFile) => string }
> = {
  json: { label: 'JSON (for import)', ext: 'json', mime: 'application/json', format: (d) => formatExportJson(d) },
  csv: {
    label: 'CSV',
    ext: 'csv',
    mime: 'text/csv;charset=utf-8',
    format: (d, b) => formatCoverageCsv(d, questionTexts(b)),
  },
  markdown: {
    label: 'Markdown summary',
    ext: 'md',
    mime: 'text/markdown;charset=utf-8',
    format: (d, b) => formatMarkdownSummary(d, questionTexts(b)),
  },
  report: {
    label: 'Printable report',
    ext: 'html',
    mime: 'text/html;charset=utf-8',
    format: (d, b) => formatHtmlReport(d, questionTexts(b)),
  },
};

export const FILE_FORMATS = Object.keys(EXPORT_FILES) as FileFormat[];

/** Formats `data` and saves it as `planlens-<name>-<date>.<ext>`; returns the file name. */
export function saveExport(format: FileFormat, data: CoverageExport, bank: BankFile, name: string): string {
  const file = EXPORT_FILES[format];
  const fileName = `planlens-${fileSlug(name)}-${data.exportedAt.slice(0, 10)}.${file.ext}`;
  downloadText(fileName, file.mime, file.format(data, bank));
  return fileName;
}
