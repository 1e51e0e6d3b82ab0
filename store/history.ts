import type { IDBPObjectStore, StoreNames } from 'idb';
import { HISTORY_LIMIT, nextSnapshot } from '../core/coverage/history';
import type { CoverageCounts, HistorySnapshot } from '../core/coverage/types';
import { docRange } from './keys';
import type { PlanLensSchema } from './schema';

type HistoryStore = IDBPObjectStore<PlanLensSchema, ArrayLike<StoreNames<PlanLensSchema>>, 'history', 'readwrite'>;

/**
 * Adds a point to a document's history when its counts moved since the last point, then drops
 * the oldest beyond HISTORY_LIMIT. Runs inside the caller's transaction, so the point lands
 * exactly when the change that caused it does.
 */
export async function appendHistory(
  store: HistoryStore,
  docKey: string,
  counts: CoverageCounts,
  at: number,
): Promise<HistorySnapshot | null> {
  const lastCursor = await store.openCursor(docRange(docKey), 'prev');
  const point = nextSnapshot(lastCursor?.value, docKey, counts, at);
  if (!point) return null;
  await store.put(point);
  const keys = await store.getAllKeys(docRange(docKey));
  const excess = keys.slice(0, Math.max(0, keys.length - HISTORY_LIMIT));
  if (excess.length > 0) await store.delete(IDBKeyRange.bound(excess[0], excess[excess.length - 1]));
  return point;
}
