import { describe, expect, it } from 'vitest';
import { openPlanLensDb } from '../../../store/db';
import { DB_VERSION } from '../../../store/schema';
import { uniqueDbName } from '../helpers';

describe('database upgrade ladder', () => {
  it('creates every store and index of the current version on a fresh profile', async () => {
    const db = await openPlanLensDb(uniqueDbName());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['coverage', 'documents']);
    const tx = db.transaction('documents');
    expect([...tx.store.indexNames].sort()).toEqual(['by-site', 'by-updated']);
    db.close();
  });

  it('keeps what was stored when the database is opened again', async () => {
    const name = uniqueDbName();
    const db = await openPlanLensDb(name);
    await db.put('documents', {
      docKey: 'gdocs:abc',
      site: 'gdocs',
      url: 'https://docs.google.com/document/d/abc/edit',
      title: 'Plan',
      isPlan: true,
      planScore: 0.9,
      firstSeenAt: 1,
      lastReadAt: 2,
      updatedAt: 2,
      readError: null,
    });
    db.close();
    const reopened = await openPlanLensDb(name);
    expect((await reopened.get('documents', 'gdocs:abc'))?.title).toBe('Plan');
    reopened.close();
  });
});
