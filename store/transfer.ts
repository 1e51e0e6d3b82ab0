import type { IDBPTransaction } from 'idb';
import type { CoverageExport, DocumentExport } from '../core/export/format';
import { type ImportPreview, planImport } from '../core/import/merge';
import type { PlanLensDb } from './db';
import { docRange } from './keys';
import type { PlanLensSchema } from './schema';
import { inTransaction, requestBatch } from './transaction';

type ReadStores = 'documents' | 'coverage' | 'overrides' | 'history';
const STORES: ReadStores[] = ['documents', 'coverage', 'overrides', 'history'];

export interface ExportSlice {
  documents: DocumentExport[];
  /** docKey to continue after, or null when every document was read. */
  next: string | null;
}

/**
 * JSON characters per export page. Chrome refuses extension messages above 64 MiB; a
 * character is at most 3 bytes of UTF-8 once JSON-escaped, so 8 M characters always fit.
 */
export const EXPORT_PAGE_CHARS = 8_000_000;
const EXPORT_BATCH = 50;

/**
 * Everything stored about one document, or one page of all of them (in docKey order, starting
 * after `after`). Each page is one consistent read; a page holds whole documents only.
 */
export async function exportDocuments(
  db: PlanLensDb,
  options: { docKey?: string; after?: string; maxChars?: number } = {},
): Promise<ExportSlice> {
  const tx = db.transaction(STORES, 'readonly');
  if (options.docKey !== undefined) {
    const [doc] = await Promise.all([readDocument(tx, options.docKey), tx.done]);
    return { documents: doc ? [doc] : [], next: null };
  }
  const budget = options.maxChars ?? EXPORT_PAGE_CHARS;
  const documents: DocumentExport[] = [];
  let chars = 0;
  let after = options.after;
  // Records in batches, each batch's other reads issued together: IndexedDB pipelines requests
  // of one transaction, where awaiting them one by one costs a round trip each.
  for (;;) {
    const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
    const records = await tx.objectStore('documents').getAll(range, EXPORT_BATCH);
    const batch = await Promise.all(records.map((record) => readDocument(tx, record.docKey)));
    for (const doc of batch) {
      if (!doc) continue;
      documents.push(doc);
      chars += JSON.stringify(doc).length;
      if (chars >= budget) {
        const next = doc.record.docKey;
        const more = (await tx.objectStore('documents').count(IDBKeyRange.lowerBound(next, true))) > 0;
        await tx.done;
        return { documents, next: more ? next : null };
      }
    }
    if (records.length < EXPORT_BATCH) break;
    after = records.at(-1)?.docKey;
  }
  await tx.done;
  return { documents, next: null };
}

/** What importing `data` would change; reads only. */
export async function previewImport(db: PlanLensDb, data: CoverageExport, now: number): Promise<ImportPreview> {
  const tx = db.transaction(STORES, 'readonly');
  const [stored] = await Promise.all([readDocuments(tx, data), tx.done]);
  return planImport(stored, data, now).preview;
}

/**
 * Imports `data` in ONE readwrite transaction: the merge is planned from what is stored at that
 * moment (not from an earlier preview) and written whole; any failure aborts every write.
 */
export async function applyImport(db: PlanLensDb, data: CoverageExport, now: number): Promise<ImportPreview> {
  const tx = db.transaction(STORES, 'readwrite');
  return inTransaction(tx, async () => {
    const stored = await readDocuments(tx, data);
    const { preview, writes } = planImport(stored, data, now);
    const documents = tx.objectStore('documents');
    const coverage = tx.objectStore('coverage');
    const overrides = tx.objectStore('overrides');
    const history = tx.objectStore('history');
    const batch = requestBatch();
    for (const write of writes) {
      const { docKey } = write.record;
      batch.add(documents.put(write.record));
      if (write.report) {
        const analyzedAt = write.record.lastReadAt ?? write.record.updatedAt;
        batch.add(coverage.put({ docKey, analyzedAt, report: write.report }));
      }
      for (const o of write.overrides) batch.add(overrides.put(o));
      batch.add(history.delete(docRange(docKey)));
      for (const h of write.history) batch.add(history.put(h));
    }
    await batch.all();
    return preview;
  });
}

type Tx = IDBPTransaction<PlanLensSchema, ReadStores[], IDBTransactionMode>;

async function readDocuments(tx: Tx, data: CoverageExport): Promise<Map<string, DocumentExport>> {
  const found = await Promise.all(data.documents.map((d) => readDocument(tx, d.record.docKey)));
  return new Map(found.filter((d): d is DocumentExport => d !== null).map((d) => [d.record.docKey, d]));
}

async function readDocument(tx: Tx, docKey: string): Promise<DocumentExport | null> {
  const [record, coverage, overrides, history] = await Promise.all([
    tx.objectStore('documents').get(docKey),
    tx.objectStore('coverage').get(docKey),
    tx.objectStore('overrides').getAll(docRange(docKey)),
    tx.objectStore('history').getAll(docRange(docKey)),
  ]);
  return record ? { record, report: coverage?.report ?? null, overrides, history } : null;
}
