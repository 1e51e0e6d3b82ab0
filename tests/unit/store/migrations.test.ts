import { describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../../core/analyze/report';
import type { DocumentRecord } from '../../../core/protocol';
import { openPlanLensDb } from '../../../store/db';
import { DB_VERSION } from '../../../store/schema';
import { Q, recordOf, reportWith } from '../coverage-fixtures';
import { uniqueDbName } from '../helpers';

const DOC_A = 'gdocs:1AaaaaaaaaaaaaaaaaaaaaaaaaaaaaA';
const DOC_B = 'gdocs:1BbbbbbbbbbbbbbbbbbbbbbbbbbbbbB:t.0';

/** Raw IndexedDB, as the code of an earlier version would have used it (no idb, no current schema). */
function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

interface Seeded {
  documents: DocumentRecord[];
  coverage: Array<{ docKey: string; analyzedAt: number; report: CoverageReport }>;
}

/**
 * One entry per schema version ever shipped: builds that version's database BY HAND (its stores
 * and indexes exactly as that release created them) and fills it with what a user had then.
 * Add an entry when DB_VERSION moves; never change an existing one.
 */
const EARLIER_VERSIONS: Record<number, { create(db: IDBDatabase): void; data: Seeded }> = {
  1: {
    create(db) {
      const documents = db.createObjectStore('documents', { keyPath: 'docKey' });
      documents.createIndex('by-site', 'site');
      documents.createIndex('by-updated', 'updatedAt');
      db.createObjectStore('coverage', { keyPath: 'docKey' });
    },
    data: {
      documents: [
        recordOf(DOC_A, { title: 'Plan A', lastReadAt: 2_000 }),
        recordOf(DOC_B, {
          title: 'Plan B',
          readError: { reason: 'signed_out', message: 'Signed out.', at: 3_000 },
          lastReadAt: 1_500,
        }),
      ],
      coverage: [
        { docKey: DOC_A, analyzedAt: 2_000, report: reportWith(DOC_A, { [Q.coachPosition]: 'covered' }) },
        { docKey: DOC_B, analyzedAt: 1_500, report: reportWith(DOC_B, {}) },
      ],
    },
  },
};

async function seed(name: string, version: number): Promise<void> {
  const entry = EARLIER_VERSIONS[version];
  if (!entry) throw new Error(`no seed for version ${version}`);
  const open = indexedDB.open(name, version);
  open.onupgradeneeded = () => entry.create(open.result);
  const db = await request(open);
  const tx = db.transaction(['documents', 'coverage'], 'readwrite');
  for (const doc of entry.data.documents) tx.objectStore('documents').put(doc);
  for (const c of entry.data.coverage) tx.objectStore('coverage').put(c);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

const CURRENT_STORES = ['banks', 'coverage', 'documents', 'history', 'overrides', 'settings'];

describe('database upgrade ladder', () => {
  it('creates every store and index of the current version on a fresh profile', async () => {
    const db = await openPlanLensDb(uniqueDbName());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(CURRENT_STORES);
    const tx = db.transaction('documents');
    expect([...tx.store.indexNames].sort()).toEqual(['by-site', 'by-updated']);
    db.close();
  });

  it('has a seeded test for every earlier version', () => {
    expect(Object.keys(EARLIER_VERSIONS).map(Number)).toEqual(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1));
  });

  for (const version of Object.keys(EARLIER_VERSIONS).map(Number)) {
    it(`upgrades a version-${version} database without losing anything`, async () => {
      const name = uniqueDbName();
      await seed(name, version);
      const { data } = EARLIER_VERSIONS[version] as { data: Seeded };

      const db = await openPlanLensDb(name);
      expect(db.version).toBe(DB_VERSION);
      expect([...db.objectStoreNames].sort()).toEqual(CURRENT_STORES);
      expect(await db.getAll('documents')).toEqual(data.documents);
      expect(await db.getAll('coverage')).toEqual(data.coverage);
      expect(await db.getAllFromIndex('documents', 'by-site', 'gdocs')).toHaveLength(data.documents.length);
      // History starts from the coverage the user already had, one point per document.
      const history = await db.getAll('history');
      expect(history.map((h) => [h.docKey, h.at, h.covered])).toEqual([
        [DOC_A, 2_000, 1],
        [DOC_B, 1_500, 0],
      ]);
      expect(await db.count('overrides')).toBe(0);
      db.close();

      // And a second open (the next browser start) changes nothing.
      const again = await openPlanLensDb(name);
      expect(await again.getAll('documents')).toEqual(data.documents);
      expect(await again.count('history')).toBe(2);
      again.close();
    });
  }

  it('keeps what was stored when the database is opened again', async () => {
    const name = uniqueDbName();
    const db = await openPlanLensDb(name);
    await db.put('documents', recordOf('gdocs:abc', { title: 'Plan' }));
    db.close();
    const reopened = await openPlanLensDb(name);
    expect((await reopened.get('documents', 'gdocs:abc'))?.title).toBe('Plan');
    reopened.close();
  });
});
