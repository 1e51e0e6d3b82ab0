import { shownStatus } from '../coverage/labels';
import { DRIVER_LABELS, STAGE_LABELS } from '../model';
import type { CoverageExport } from './format';
import { effectiveOf, isoTime, type QuestionTexts } from './text';

export const COVERAGE_CSV_COLUMNS = [
  'document_title',
  'doc_key',
  'stage',
  'driver',
  'question_id',
  'question',
  'status',
  'source',
  'evidence',
  'note',
  'updated_at',
] as const;

/**
 * One row per document × question, including questions the bank no longer has but the user
 * answered. `status` is the manual status when there is one (answered, not_applicable,
 * unanswered), else the automatic one (covered, partial, unanswered); `updated_at` is the
 * user's last change, else the analysis time. CRLF line ends, as RFC 4180 asks.
 */
export function formatCoverageCsv(data: CoverageExport, texts: QuestionTexts): string {
  const rows: string[][] = [[...COVERAGE_CSV_COLUMNS]];
  for (const doc of data.documents) {
    const effective = effectiveOf(doc);
    for (const q of [...effective.questions, ...effective.retired]) {
      rows.push([
        doc.record.title,
        doc.record.docKey,
        STAGE_LABELS[q.stage],
        DRIVER_LABELS[q.driver],
        q.questionId,
        texts(q.questionId),
        shownStatus(q),
        q.source,
        q.auto?.evidence[0]?.snippet ?? '',
        q.note,
        isoTime(q.updatedAt ?? doc.record.lastReadAt),
      ]);
    }
  }
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/**
 * One CSV field. Document text and notes are untrusted: a cell starting with =, +, -, @, tab or
 * CR would run as a formula in Excel or Sheets, so it gets a leading apostrophe (OWASP's
 * advice). Fields with commas, quotes or line breaks are quoted, inner quotes doubled (RFC 4180).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
