import { forceCloseDatabase } from 'fake-indexeddb';
import { unwrap } from 'idb';
import { afterAll, describe, expect, it } from 'vitest';
import { openPlanLensDb, planLensConnection } from '../../../store/db';
import { describeStorageError } from '../../../store/errors';
import { DB_VERSION } from '../../../store/schema';
import { recordCount } from '../../security-counts';
import { Q, recordOf, reportWith } from '../coverage-fixtures';
import { uniqueDbName } from '../helpers';

/**
 * Failure scenarios around opening the database (issue 7, "Failure"): an upgrade blocked by a
 * PlanLens page of the previous version that still holds the database open, and a connection
 * the background holds being closed under it (a newer version's upgrade, the browser ending it).
 */

const DOC = 'gdocs:1AaaaaaaaaaaaaaaaaaaaaaaaaaaaaA';
const PREVIOUS = DB_VERSION - 1;

let tried = 0;
let survived = 0;
afterAll(() =>
  recordCount(
    'failures',
    tried,
    tried - survived,
    `tests/unit/store/failure-upgrade.test.ts: database upgrade blocked / connection closed`,
  ),
);

/** Counts a scenario; it survived only if `check` ran to the end. */
async function scenario(check: () => Promise<void>): Promise<void> {
  tried += 1;
  await check();
  survived += 1;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

const seededDocument = recordOf(DOC, { title: 'Plan A', lastReadAt: 2_000 });
const seededCoverage = { docKey: DOC, analyzedAt: 2_000, report: reportWith(DOC, { [Q.coachPosition]: 'covered' }) };

/**
 * The database as the previous release left it, still open in that release's page (raw
 * IndexedDB, as that code would have used it), with the user's data in it.
 */
async function previousVersionOpen(name: string): Promise<IDBDatabase> {
  expect(PREVIOUS).toBe(1); // The seed below is version 1's schema; add a rung when DB_VERSION moves.
  const open = indexedDB.open(name, PREVIOUS);
  open.onupgradeneeded = () => {
    const documents = open.result.createObjectStore('documents', { keyPath: 'docKey' });
    documents.createIndex('by-site', 'site');
    documents.createIndex('by-updated', 'updatedAt');
    open.result.createObjectStore('coverage', { keyPath: 'docKey' });
  };
  const db = await request(open);
  const tx = db.transaction(['documents', 'coverage'], 'readwrite');
  tx.objectStore('documents').put(seededDocument);
  tx.objectStore('coverage').put(seededCoverage);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  return db;
}

describe('a database upgrade blocked by a page of the previous version', () => {
  it('proceeds at once when the old page closes its connection on versionchange; nothing is lost', async () => {
    await scenario(async () => {
      const name = uniqueDbName();
      const old = await previousVersionOpen(name);
      const heard: number[] = [];
      old.onversionchange = (event) => {
        heard.push(event.newVersion ?? -1);
        old.close();
      };
      const db = await openPlanLensDb(name, { blockedTimeoutMs: 50 });
      expect(heard).toEqual([DB_VERSION]);
      expect(db.version).toBe(DB_VERSION);
      expect(await db.getAll('documents')).toEqual([seededDocument]);
      expect(await db.getAll('coverage')).toEqual([seededCoverage]);
      expect((await db.getAll('history')).map((h) => [h.docKey, h.at])).toEqual([[DOC, 2_000]]);
      db.close();
    });
  });

  it('says clearly what to do when the old page keeps it open, changes nothing, and upgrades once it closes', async () => {
    await scenario(async () => {
      const name = uniqueDbName();
      const old = await previousVersionOpen(name);
      // The old page ignores versionchange (a build without the handler, or a page that is stuck).
      const error = await openPlanLensDb(name, { blockedTimeoutMs: 50 }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: 'DatabaseBlockedError' });
      expect(describeStorageError(error)).toMatch(
        /page from before the update still holds its data open.*Close or reload the other PlanLens tabs.*nothing was changed/is,
      );

      // The old page still works on its data, untouched.
      expect(old.version).toBe(PREVIOUS);
      const tx = old.transaction(['documents', 'coverage']);
      expect(await request(tx.objectStore('documents').getAll())).toEqual([seededDocument]);
      expect(await request(tx.objectStore('coverage').getAll())).toEqual([seededCoverage]);

      // The user closes the old tab: the next request opens (and upgrades) with everything kept.
      old.close();
      const db = await openPlanLensDb(name, { blockedTimeoutMs: 50 });
      expect(db.version).toBe(DB_VERSION);
      expect(await db.getAll('documents')).toEqual([seededDocument]);
      expect(await db.getAll('coverage')).toEqual([seededCoverage]);
      expect(await db.count('history')).toBe(1);
      db.close();

      // The connection the first (given up) open obtained late was closed, not leaked: a later
      // upgrade is not blocked by it.
      let blocked = false;
      const next = indexedDB.open(name, DB_VERSION + 1);
      next.onblocked = () => {
        blocked = true;
      };
      (await request(next)).close();
      expect(blocked).toBe(false);
    });
  });
});

describe('the background’s connection closed under it', () => {
  it('closes for a newer version’s upgrade instead of blocking it, and reports the newer data clearly', async () => {
    await scenario(async () => {
      const name = uniqueDbName();
      const connect = planLensConnection(name, { blockedTimeoutMs: 50 });
      const db = await connect();
      await db.put('documents', seededDocument);

      // The next release opens the database at a higher version while this one is running.
      let blocked = false;
      const newer = indexedDB.open(name, DB_VERSION + 1);
      newer.onblocked = () => {
        blocked = true;
      };
      const upgraded = await request(newer);
      expect(blocked).toBe(false);
      const tx = upgraded.transaction('documents');
      expect(await request(tx.objectStore('documents').getAll())).toEqual([seededDocument]);
      upgraded.close();

      // This (older) code now reopens, and is told plainly that its data is newer than it is.
      const error = await connect().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: 'VersionError' });
      expect(describeStorageError(error)).toMatch(/newer version of PlanLens.*nothing was changed/i);
    });
  });

  it('reconnects on the next request after the browser ended the connection, with the data intact', async () => {
    await scenario(async () => {
      const name = uniqueDbName();
      const connect = planLensConnection(name);
      const first = await connect();
      await first.put('documents', seededDocument);
      // What the browser does on storage trouble: the connection closes and fires 'close'.
      // (fake-indexeddb types its parameter as the IDBDatabase class; it takes a connection.)
      forceCloseDatabase(unwrap(first) as never);
      const second = await connect();
      expect(second).not.toBe(first);
      expect(await second.getAll('documents')).toEqual([seededDocument]);
      await second.put('documents', { ...seededDocument, title: 'Plan A, renamed' });
      expect((await second.get('documents', DOC))?.title).toBe('Plan A, renamed');
      second.close();
    });
  });

  it('reconnects after the database was deleted under it (versionchange), instead of failing every request', async () => {
    await scenario(async () => {
      const name = uniqueDbName();
      const connect = planLensConnection(name);
      const first = await connect();
      await first.put('documents', seededDocument);
      await request(indexedDB.deleteDatabase(name) as unknown as IDBRequest<undefined>);
      const second = await connect();
      expect(second).not.toBe(first);
      expect(await second.count('documents')).toBe(0);
      await second.put('documents', seededDocument);
      expect(await second.getAll('documents')).toEqual([seededDocument]);
      second.close();
    });
  });

  it('keeps one connection while nothing closes it', async () => {
    const connect = planLensConnection(uniqueDbName());
    const [a, b] = await Promise.all([connect(), connect()]);
    expect(a).toBe(b);
    expect(await connect()).toBe(a);
    a.close();
  });
});
