import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { effectiveCoverage } from '../core/coverage/effective';
import { nextSnapshot } from '../core/coverage/history';
import type { PlanLensSchema } from './schema';

type UpgradeTx = IDBPTransaction<PlanLensSchema, StoreNames<PlanLensSchema>[], 'versionchange'>;

/**
 * The upgrade ladder: each rung runs once, in order, from whatever version the user's database
 * is at. Rungs only add; data a user recorded is carried forward, never dropped.
 */
export function upgrade(
  db: IDBPDatabase<PlanLensSchema>,
  oldVersion: number,
  _newVersion: number | null,
  tx: UpgradeTx,
): void {
  if (oldVersion < 1) {
    const documents = db.createObjectStore('documents', { keyPath: 'docKey' });
    documents.createIndex('by-site', 'site');
    documents.createIndex('by-updated', 'updatedAt');
    db.createObjectStore('coverage', { keyPath: 'docKey' });
  }
  if (oldVersion < 2) {
    db.createObjectStore('overrides', { keyPath: ['docKey', 'questionId'] });
    db.createObjectStore('history', { keyPath: ['docKey', 'at'] });
    db.createObjectStore('banks', { keyPath: 'id' });
    db.createObjectStore('settings', { keyPath: 'key' });
    if (oldVersion >= 1) void seedHistoryFromCoverage(tx);
  }
}

/**
 * Documents stored before version 2 get their first history point from the coverage they
 * already had (at its analysis time), so their history starts where the user's record starts.
 * A record this cannot read is skipped: a missing first point must never block the upgrade.
 */
async function seedHistoryFromCoverage(tx: UpgradeTx): Promise<void> {
  const history = tx.objectStore('history');
  let cursor = await tx.objectStore('coverage').openCursor();
  while (cursor) {
    const { docKey, analyzedAt, report } = cursor.value;
    let point = null;
    try {
      point = nextSnapshot(undefined, docKey, effectiveCoverage(report, []).counts, analyzedAt);
    } catch {
      point = null;
    }
    if (point) await history.put(point);
    cursor = await cursor.continue();
  }
}
