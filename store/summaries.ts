import { type DocumentSummary, summarizeDocument } from '../core/coverage/summary';
import type { PlanLensDb } from './db';
import { docRange } from './keys';

export interface SummarySlice {
  summaries: DocumentSummary[];
  /** docKey to continue after, or null when every document was listed. */
  next: string | null;
}

/** Documents per summary page: about 2 KB each, far below Chrome's 64 MiB per message. */
export const SUMMARY_PAGE = 250;

/**
 * One page of dashboard rows (in docKey order, after `after`), computed here so that pages
 * never receive whole reports. Each page is one consistent read; all its requests are issued
 * together (IndexedDB pipelines the requests of one transaction).
 */
export async function listDocumentSummaries(
  db: PlanLensDb,
  options: { after?: string; limit?: number } = {},
): Promise<SummarySlice> {
  const limit = Math.max(1, Math.min(options.limit ?? SUMMARY_PAGE, SUMMARY_PAGE));
  const tx = db.transaction(['documents', 'coverage', 'overrides'], 'readonly');
  const range = options.after === undefined ? null : IDBKeyRange.lowerBound(options.after, true);
  const records = await tx.objectStore('documents').getAll(range, limit + 1);
  const page = records.slice(0, limit);
  const summaries = await Promise.all(
    page.map(async (record) => {
      const [coverage, overrides] = await Promise.all([
        tx.objectStore('coverage').get(record.docKey),
        tx.objectStore('overrides').getAll(docRange(record.docKey)),
      ]);
      return summarizeDocument(record, coverage?.report ?? null, overrides);
    }),
  );
  await tx.done;
  return { summaries, next: records.length > limit ? (page.at(-1)?.docKey ?? null) : null };
}
