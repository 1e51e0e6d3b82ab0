import { type IDBPDatabase, openDB } from 'idb';
import { upgrade } from './migrations';
import { DB_NAME, DB_VERSION, type PlanLensSchema } from './schema';

export type PlanLensDb = IDBPDatabase<PlanLensSchema>;

/**
 * The database could not be opened because a connection at an older version (a PlanLens page
 * from before an update, or the old background) kept it open past `blockedTimeoutMs`. Nothing
 * was changed; once that connection closes, the next open proceeds (and upgrades).
 */
export class DatabaseBlockedError extends Error {
  override name = 'DatabaseBlockedError';
  constructor() {
    super('The PlanLens database is held open by an older PlanLens page, so it cannot be upgraded yet.');
  }
}

/** How long an upgrade waits for older connections to close before the caller hears about it. */
export const BLOCKED_TIMEOUT_MS = 10_000;

export interface OpenOptions {
  /** See BLOCKED_TIMEOUT_MS. */
  blockedTimeoutMs?: number;
  /**
   * This connection was closed for the caller: a newer version of PlanLens wants to upgrade the
   * database (the connection closes itself so that upgrade is not blocked), or the browser ended
   * it (storage cleared, disk trouble). The caller must open a new connection for further work.
   */
  onClose?: (why: 'versionchange' | 'terminated') => void;
}

/** Opens the database in the extension origin (background only; pages ask via messages). */
export function openPlanLensDb(name = DB_NAME, options: OpenOptions = {}): Promise<PlanLensDb> {
  const { blockedTimeoutMs = BLOCKED_TIMEOUT_MS, onClose } = options;
  return new Promise<PlanLensDb>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let gaveUp = false;
    const opening = openDB<PlanLensSchema>(name, DB_VERSION, {
      upgrade,
      blocked() {
        // An older connection did not close on 'versionchange' (at once). Give it some time
        // (a page closing its connection asynchronously), then tell the caller instead of
        // leaving every request waiting without a word.
        timer ??= setTimeout(() => {
          gaveUp = true;
          reject(new DatabaseBlockedError());
        }, blockedTimeoutMs);
      },
      terminated() {
        onClose?.('terminated');
      },
    });
    opening.then(
      (db) => {
        clearTimeout(timer);
        // The old connection closed after the caller was told: the upgrade has now run, but
        // nobody waits for this connection, and an open one would block the next upgrade.
        if (gaveUp) {
          db.close();
          return;
        }
        // A newer version (or a deleteDatabase) is waiting for this connection: close it at once
        // so it proceeds, and let the owner reopen for its next request.
        db.addEventListener('versionchange', () => {
          db.close();
          onClose?.('versionchange');
        });
        resolve(db);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * One shared connection for the background: opened on first use, and opened again on the next
 * call after it failed to open or was closed (by a newer version's upgrade, or by the browser).
 * Without this, a closed connection would stay cached and every later request would fail.
 */
export function planLensConnection(
  name = DB_NAME,
  options: Omit<OpenOptions, 'onClose'> = {},
): () => Promise<PlanLensDb> {
  let current: Promise<PlanLensDb> | undefined;
  return () => {
    if (current) return current;
    const forget = (): void => {
      if (current === opening) current = undefined;
    };
    const opening: Promise<PlanLensDb> = openPlanLensDb(name, { ...options, onClose: forget }).catch(
      (error: unknown) => {
        forget();
        throw error;
      },
    );
    current = opening;
    return opening;
  };
}
