import type { StoreNames } from 'idb';
import type { BankFile } from '../core/bank/types';
import { validateBank } from '../core/bank/validate';
import type { PlanLensDb } from './db';
import type { BankRecord, PlanLensSchema } from './schema';
import { inTransaction } from './transaction';

/**
 * The question bank in use, and "delete everything". A district's bank is stored in `banks`
 * (keyed by the bank's own id, so importing a new revision of the same bank replaces it) and
 * the setting ACTIVE_BANK names the one in use; without that setting the built-in bank is used.
 */
export const ACTIVE_BANK = 'activeBank';

/** The district bank in use, or null when PlanLens uses its built-in bank. */
export async function activeBankRecord(db: PlanLensDb): Promise<BankRecord | null> {
  const tx = db.transaction(['settings', 'banks'], 'readonly');
  const setting = await tx.objectStore('settings').get(ACTIVE_BANK);
  const record = typeof setting?.value === 'string' ? await tx.objectStore('banks').get(setting.value) : undefined;
  await tx.done;
  if (!record) return null;
  // Checked again on the way out: a record written by another version must not reach the analyzer.
  return validateBank(record.bank).ok ? record : null;
}

/**
 * Stores a bank (already validated by the caller, and checked again here) and makes it the one
 * in use, in one transaction: a bank with errors changes nothing.
 */
export async function installBank(db: PlanLensDb, bank: BankFile, now: number): Promise<BankRecord> {
  const checked = validateBank(bank);
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  const record: BankRecord = { id: checked.bank.id, installedAt: now, bank: checked.bank };
  const tx = db.transaction(['banks', 'settings'], 'readwrite');
  return inTransaction(tx, async () => {
    await tx.objectStore('banks').put(record);
    await tx.objectStore('settings').put({ key: ACTIVE_BANK, value: record.id });
    return record;
  });
}

/**
 * Back to the built-in bank. The district's bank record stays stored (for when banks become
 * selectable; "delete all data" removes it); only the choice is undone.
 */
export async function useDefaultBank(db: PlanLensDb): Promise<void> {
  const tx = db.transaction('settings', 'readwrite');
  await inTransaction(tx, () => tx.store.delete(ACTIVE_BANK));
}

/**
 * Deletes everything PlanLens stored (every object store, including ones added by later
 * versions) in one transaction: all of it goes, or on a failure nothing does.
 * @returns the docKeys of the documents that were deleted, so their views can be told.
 */
export async function deleteAllData(db: PlanLensDb): Promise<string[]> {
  const names = [...db.objectStoreNames] as StoreNames<PlanLensSchema>[];
  const tx = db.transaction(names, 'readwrite');
  return inTransaction(tx, async () => {
    const docKeys = (await tx.objectStore('documents').getAllKeys()) as string[];
    await Promise.all(names.map((name) => tx.objectStore(name).clear()));
    return docKeys;
  });
}
