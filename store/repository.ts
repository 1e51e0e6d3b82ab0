import type { CoverageReport } from '../core/analyze/report';
import { effectiveCoverage } from '../core/coverage/effective';
import type { DocSnapshot } from '../core/model';
import type { DocumentRecord, DocumentView, ReadError } from '../core/protocol';
import type { PlanLensDb } from './db';
import { appendHistory } from './history';
import { docRange } from './keys';
import { panelStateKey, stoppedKey } from './panel-state';
import { inTransaction } from './transaction';

/**
 * Stores a successful read and its analysis together: both land or neither does. The user's
 * overrides are only read (to count coverage for the history point), never written: re-analysis
 * cannot change or lose a manual answer or note.
 */
export async function saveAnalysisUnlessStopped(
  db: PlanLensDb,
  snapshot: DocSnapshot,
  report: CoverageReport,
  now: number,
): Promise<DocumentRecord | null> {
  return writeAnalysis(db, snapshot, report, now, 'respect');
}

/** The user said "Track anyway": stores the analysis and forgets "Stop tracking", together. */
export async function saveAnalysisTrackingAgain(
  db: PlanLensDb,
  snapshot: DocSnapshot,
  report: CoverageReport,
  now: number,
): Promise<DocumentRecord> {
  return (await writeAnalysis(db, snapshot, report, now, 'clear')) as DocumentRecord;
}

/**
 * `respect`: held back (null) when the user stopped tracking the document and it has no record
 * (an import brings a record back, and then it is tracked again). Checked in the same
 * transaction as the write, so a "Stop tracking" that lands while the page is being analyzed is
 * never undone. `clear`: the stopped mark is removed in the same transaction.
 */
async function writeAnalysis(
  db: PlanLensDb,
  snapshot: DocSnapshot,
  report: CoverageReport,
  now: number,
  stoppedMark: 'respect' | 'clear',
): Promise<DocumentRecord | null> {
  const tx = db.transaction(['documents', 'coverage', 'overrides', 'history', 'settings'], 'readwrite');
  return inTransaction(tx, async () => {
    const documents = tx.objectStore('documents');
    const settings = tx.objectStore('settings');
    const [previous, overrides, stopped] = await Promise.all([
      documents.get(snapshot.docKey),
      tx.objectStore('overrides').getAll(docRange(snapshot.docKey)),
      settings.get(stoppedKey(snapshot.docKey)),
    ]);
    if (stopped !== undefined) {
      if (stoppedMark === 'clear') await settings.delete(stoppedKey(snapshot.docKey));
      else if (!previous) return null;
    }
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
    await documents.put(record);
    await tx.objectStore('coverage').put({ docKey: snapshot.docKey, analyzedAt: now, report });
    await appendHistory(tx.objectStore('history'), snapshot.docKey, effectiveCoverage(report, overrides).counts, now);
    return record;
  });
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
  return inTransaction(tx, async () => {
    const previous = await tx.store.get(docKey);
    if (!previous) return null;
    const record: DocumentRecord = { ...previous, readError: error, updatedAt: error.at };
    await tx.store.put(record);
    return record;
  });
}

export async function getDocumentView(db: PlanLensDb, docKey: string): Promise<DocumentView | null> {
  const tx = db.transaction(['documents', 'coverage', 'overrides', 'history'], 'readonly');
  const [record, coverage, overrides, history] = await Promise.all([
    tx.objectStore('documents').get(docKey),
    tx.objectStore('coverage').get(docKey),
    tx.objectStore('overrides').getAll(docRange(docKey)),
    tx.objectStore('history').getAll(docRange(docKey)),
    tx.done,
  ]);
  return record ? { record, report: coverage?.report ?? null, overrides, history } : null;
}

/**
 * "Stop tracking": removes everything PlanLens keeps about one document (its record, coverage,
 * the user's answers and notes, history and panel memory) in one transaction, and remembers
 * that the user stopped, so the next reading of the page does not bring the record back until
 * they say "Track anyway". Returns false when there was no record (nothing else is changed then).
 */
export async function stopTracking(db: PlanLensDb, docKey: string, now: number): Promise<boolean> {
  const tx = db.transaction(['documents', 'coverage', 'overrides', 'history', 'settings'], 'readwrite');
  return inTransaction(tx, async () => {
    if (!(await tx.objectStore('documents').get(docKey))) return false;
    await Promise.all([
      tx.objectStore('documents').delete(docKey),
      tx.objectStore('coverage').delete(docKey),
      tx.objectStore('overrides').delete(docRange(docKey)),
      tx.objectStore('history').delete(docRange(docKey)),
      tx.objectStore('settings').delete(panelStateKey(docKey)),
      tx.objectStore('settings').put({ key: stoppedKey(docKey), value: { at: now } }),
    ]);
    return true;
  });
}
