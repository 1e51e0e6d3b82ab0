import { beforeEach, describe, expect, it } from 'vitest';
import { activeAnalyzer } from '../../../background/active-bank';
import { createRouter, type SenderInfo } from '../../../background/router';
import { defaultBank } from '../../../core/bank/default';
import type { BankFile } from '../../../core/bank/types';
import type { ActiveBankInfo, BankImportResult, DocumentView } from '../../../core/protocol';
import { ACTIVE_BANK, activeBankRecord, deleteAllData, installBank, useDefaultBank } from '../../../store/bank-store';
import { openPlanLensDb, type PlanLensDb } from '../../../store/db';
import { DOC, EXT, fromContentScript, fromPanel, PAGES, planSnapshot } from '../background/router-harness';
import { miniBank, uniqueDbName } from '../helpers';

const OTHER = 'gdocs:1OtherPlanDocumentXq7Rt2026abcd';

/** A district's bank: the mini bank under its own id, with one question reworded. */
function districtBank(): BankFile {
  const bank = miniBank();
  const [first, ...rest] = bank.questions;
  return {
    ...bank,
    id: 'district-42',
    title: 'Lakeview district bank',
    revision: '2026.1',
    questions: [{ ...(first as BankFile['questions'][number]), text: 'Who coaches the coaches in Lakeview?' }, ...rest],
  };
}

/** Everything in every store, for "nothing changed" checks. */
async function dump(db: PlanLensDb) {
  const names = [...db.objectStoreNames] as (
    | 'documents'
    | 'coverage'
    | 'overrides'
    | 'history'
    | 'banks'
    | 'settings'
  )[];
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await db.getAll(n)] as const)));
}

/** A router whose analyzer follows the store, as the background's does. */
async function setup() {
  const db = await openPlanLensDb(uniqueDbName());
  const changed: string[] = [];
  const clock = { now: 1_700_000_000_000 };
  const bank = activeAnalyzer(async () => db);
  const route = createRouter(
    {
      db: async () => db,
      analyzer: () => bank.get(),
      bankChanged: () => bank.invalidate(),
      activeTabUrl: async () => null,
      notifyChanged: (docKey) => changed.push(docKey),
      now: () => clock.now,
    },
    EXT,
    PAGES,
  );
  const call = async <T>(message: unknown, sender: SenderInfo = fromPanel): Promise<T> => {
    const reply = await route(message, sender);
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as T;
  };
  const refused = async (message: unknown, sender: SenderInfo = fromPanel): Promise<string> => {
    const reply = await route(message, sender);
    if (reply.ok) throw new Error('accepted');
    return reply.error;
  };
  const read = (docKey = DOC) => call({ type: 'snapshot', snapshot: planSnapshot(docKey) }, fromContentScript);
  const view = (docKey = DOC) => call<DocumentView | null>({ type: 'getDocument', docKey });
  return { db, changed, clock, call, refused, read, view };
}

describe('bank store', () => {
  let db: PlanLensDb;
  beforeEach(async () => {
    db = await openPlanLensDb(uniqueDbName());
  });

  it('has no district bank until one is installed, then names it; reset goes back to none', async () => {
    expect(await activeBankRecord(db)).toBeNull();
    const record = await installBank(db, districtBank(), 5);
    expect(record).toMatchObject({ id: 'district-42', installedAt: 5 });
    expect((await activeBankRecord(db))?.bank.title).toBe('Lakeview district bank');
    await useDefaultBank(db);
    expect(await activeBankRecord(db)).toBeNull();
    // The bank itself stays stored; only the choice is undone.
    expect(await db.get('banks', 'district-42')).toBeDefined();
  });

  it('refuses a bank with errors and changes nothing', async () => {
    await installBank(db, miniBank(), 1);
    const before = await dump(db);
    const broken = { ...districtBank(), questions: [{ ...districtBank().questions[0], stage: 'launch' }] };
    await expect(installBank(db, broken as unknown as BankFile, 2)).rejects.toThrow(/stage "launch" is not one of/);
    expect(await dump(db)).toEqual(before);
  });

  it('ignores a stored bank that no longer validates (the built-in bank is used instead)', async () => {
    await installBank(db, districtBank(), 1);
    const record = await db.get('banks', 'district-42');
    await db.put('banks', { ...(record as NonNullable<typeof record>), bank: { ...districtBank(), questions: [] } });
    expect(await activeBankRecord(db)).toBeNull();
  });

  it('deletes every record of every store in one go and reports the documents', async () => {
    await installBank(db, districtBank(), 1);
    await db.put('settings', { key: 'surface', value: 'overlay' });
    await db.put('documents', {
      docKey: DOC,
      site: 'gdocs',
      url: 'https://docs.google.com/document/d/x/edit',
      title: 'Plan',
      isPlan: true,
      planScore: 1,
      firstSeenAt: 1,
      lastReadAt: 1,
      updatedAt: 1,
      readError: null,
    });
    expect(await deleteAllData(db)).toEqual([DOC]);
    const after = await dump(db);
    expect(Object.keys(after).sort()).toEqual(['banks', 'coverage', 'documents', 'history', 'overrides', 'settings']);
    for (const records of Object.values(after)) expect(records).toEqual([]);
    expect(await db.get('settings', ACTIVE_BANK)).toBeUndefined();
  });
});

describe('router: question bank and delete all', () => {
  let t: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    t = await setup();
  });

  it('uses the built-in bank until a district bank is imported; new analyses then use the district bank', async () => {
    const start = await t.call<ActiveBankInfo>({ type: 'getActiveBank' });
    expect(start.installedAt).toBeNull();
    expect(start.bank.id).toBe(defaultBank().id);
    await t.read();
    expect((await t.view())?.report?.bankId).toBe(defaultBank().id);

    t.clock.now += 1000;
    const imported = await t.call<BankImportResult>({ type: 'importBank', text: JSON.stringify(districtBank()) });
    expect(imported).toEqual({ ok: true, active: { bank: districtBank(), installedAt: t.clock.now } });
    expect((await t.call<BankFile>({ type: 'getBank' })).id).toBe('district-42');
    // The stored coverage stays until the document is read again…
    expect((await t.view())?.report?.bankId).toBe(defaultBank().id);
    // …and the next read is analysed with the district's questions.
    await t.read();
    const report = (await t.view())?.report;
    expect(report?.bankId).toBe('district-42');
    expect(report?.questions.map((q) => q.questionId).sort()).toEqual(
      districtBank()
        .questions.map((q) => q.id)
        .sort(),
    );

    const reset = await t.call<ActiveBankInfo>({ type: 'resetBank' });
    expect(reset).toEqual({ bank: defaultBank(), installedAt: null });
    await t.read();
    expect((await t.view())?.report?.bankId).toBe(defaultBank().id);
  });

  it('keeps the analyzer of the bank in use until told the bank changed', async () => {
    const bank = activeAnalyzer(async () => t.db);
    const first = await bank.get();
    expect(await bank.get()).toBe(first);
    // Written behind its back: still the cached analyzer (the store is not read on every analysis).
    await installBank(t.db, districtBank(), 1);
    expect((await bank.get()).bank.id).toBe(defaultBank().id);
    bank.invalidate();
    expect((await bank.get()).bank.id).toBe('district-42');
  });

  it('refuses an invalid bank with messages naming question and field, and changes nothing', async () => {
    await t.read();
    await t.call({ type: 'importBank', text: JSON.stringify(miniBank()) });
    const before = await dump(t.db);
    const bad = districtBank();
    const q0 = bad.questions[0] as BankFile['questions'][number];
    const broken = {
      ...bad,
      questions: [{ ...q0, stage: 'launch' }, { ...bad.questions[1], text: '' }, ...bad.questions.slice(2)],
    };
    const result = await t.call<BankImportResult>({ type: 'importBank', text: JSON.stringify(broken) });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toContain(
      `question "${q0.id}": stage "launch" is not one of exploration, installation, initial_implementation, full_implementation.`,
    );
    expect(errors).toContain(`question "${bad.questions[1]?.id}": text must be a non-empty string.`);
    expect(await t.call<BankImportResult>({ type: 'importBank', text: '{"format": "planlens-bank",' })).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^The file is not valid JSON/)],
    });
    expect(await dump(t.db)).toEqual(before);
    expect((await t.call<ActiveBankInfo>({ type: 'getActiveBank' })).bank.id).toBe('mini-test-bank');
  });

  it('deletes all data after confirmation: documents, answers, the district bank; pages hear of each document', async () => {
    await t.read();
    await t.read(OTHER);
    const questionId = (await t.view())?.report?.questions[0]?.questionId;
    await t.call({ type: 'setNote', docKey: DOC, questionId, note: 'n' });
    expect(await t.db.count('overrides')).toBe(1);
    await t.call({ type: 'importBank', text: JSON.stringify(districtBank()) });
    t.changed.length = 0;
    expect(await t.refused({ type: 'deleteAllData' })).toMatch(/not confirmed/);
    expect(await t.view()).not.toBeNull();

    expect(await t.call({ type: 'deleteAllData', confirm: 'delete-all' })).toEqual({ documents: 2 });
    expect(t.changed.sort()).toEqual([DOC, OTHER].sort());
    for (const records of Object.values(await dump(t.db))) expect(records).toEqual([]);
    expect(await t.view()).toBeNull();
    expect((await t.call<{ summaries: unknown[] }>({ type: 'listDocuments' })).summaries).toEqual([]);
    // The built-in bank is back for the next analysis.
    expect((await t.call<ActiveBankInfo>({ type: 'getActiveBank' })).installedAt).toBeNull();
    await t.read();
    expect((await t.view())?.report?.bankId).toBe(defaultBank().id);
  });

  it('lets only PlanLens’s own pages import or reset a bank or delete data', async () => {
    await t.read();
    const before = await dump(t.db);
    for (const message of [
      { type: 'importBank', text: JSON.stringify(districtBank()) },
      { type: 'resetBank' },
      { type: 'deleteAllData', confirm: 'delete-all' },
      { type: 'getActiveBank' },
    ]) {
      expect(await t.refused(message, fromContentScript)).toMatch(/may only come from PlanLens’s own pages/);
      expect(await t.refused(message, { id: 'another-extension', url: 'chrome-extension://another/' })).toMatch(
        /did not come from PlanLens/,
      );
    }
    expect(await dump(t.db)).toEqual(before);
    expect(await t.refused({ type: 'importBank' })).toMatch(/bank text missing/);
  });
});
