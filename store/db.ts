import { type IDBPDatabase, openDB } from 'idb';
import { upgrade } from './migrations';
import { DB_NAME, DB_VERSION, type PlanLensSchema } from './schema';

export type PlanLensDb = IDBPDatabase<PlanLensSchema>;

/** Opens the database in the extension origin (background only; pages ask via messages). */
export function openPlanLensDb(name = DB_NAME): Promise<PlanLensDb> {
  return openDB<PlanLensSchema>(name, DB_VERSION, {
    upgrade,
    blocked() {
      // An older version is still open elsewhere; it closes itself on 'versionchange' below.
    },
    terminated() {
      // The browser closed the connection (storage pressure); the next call reopens it.
    },
  }).then((db) => {
    db.addEventListener('versionchange', () => db.close());
    return db;
  });
}
