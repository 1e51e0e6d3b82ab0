import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
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
  _tx: UpgradeTx,
): void {
  if (oldVersion < 1) {
    const documents = db.createObjectStore('documents', { keyPath: 'docKey' });
    documents.createIndex('by-site', 'site');
    documents.createIndex('by-updated', 'updatedAt');
    db.createObjectStore('coverage', { keyPath: 'docKey' });
  }
}
