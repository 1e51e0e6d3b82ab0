import type { CoverageReport } from '../core/analyze/report';
import type { DocSnapshot } from '../core/model';
import type { DocumentRecord, DocumentView, ReadError } from '../core/protocol';
import type { PlanLensDb } from './db';

/** Stores a successful read and its analysis together: both land or neither does. */
export async function saveAnalysis(
  db: PlanLensDb,
  snapshot: DocSnapshot,
  report: CoverageReport,
  now: number,
): Promise<DocumentRecord> {
  const tx = db.transaction(['documents', 'coverage'], 'readwrite');
  const documents = tx.objectStore('documents');
  const previous = await documents.get(snapshot.docKey);
  const record: DocumentRecord = {
    docKey: snapshot.docKey,
    site: snapshot.site,
    url: snapshot.url,
    title: snapshot.title || previous?.title || 'Untitled document',
    isPlan: report.isPlan,
    planScore: report.planScore,
    firstSeenAt: previous?.firstSeenAt ?? now,
    lastReadAt: now,
    updatedAt: now,
    readError: null,
  };
  await Promise.all([
    documents.put(record),
    tx.objectStore('coverage').put({ docKey: snapshot.docKey, analyzedAt: now, report }),
    tx.done,
  ]);
  return record;
}

/**
 * Remembers that a document could not be read, without touching its stored coverage. Documents
 * never read successfully are recorded only if they were tracked before (no record for strangers).
 */
export async function saveReadFailure(
  db: PlanLensDb,
  docKey: string,
  error: ReadError,
): Promise<DocumentRecord | null> {
  const tx = db.transaction('documents', 'readwrite');
  const previous = await tx.store.get(docKey);
  if (!previous) {
    await tx.done;
    return null;
  }
  const record: DocumentRecord = { ...previous, readError: error, updatedAt: error.at };
  await Promise.all([tx.store.put(record), tx.done]);
  return record;
}

export async function getDocumentView(db: PlanLensDb, docKey: string): Promise<DocumentView | null> {
  const tx = db.transaction(['documents', 'coverage'], 'readonly');
  const [record, coverage] = await Promise.all([
    tx.objectStore('documents').get(docKey),
    tx.objectStore('coverage').get(docKey),
    tx.done,
  ]);
  return record ? { record, report: coverage?.report ?? null } : null;
}
