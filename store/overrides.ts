import { effectiveCoverage } from '../core/coverage/effective';
import { applyOverridePatch, type OverridePatch } from '../core/coverage/overrides';
import type { OverrideRecord } from '../core/coverage/types';
import type { PlanLensDb } from './db';
import { appendHistory } from './history';
import { docRange } from './keys';
import { inTransaction } from './transaction';

export interface SavedOverride {
  record: OverrideRecord;
  /** False when the action repeated what was stored (nothing written). */
  changed: boolean;
}

/**
 * Applies one user action to one question's record, in one readwrite transaction with the
 * history point it causes. IndexedDB runs readwrite transactions on the same stores one after
 * another, and each touches only its own question's record (and only the field the user
 * changed), so two panels editing at once never overwrite each other.
 */
export async function saveOverride(
  db: PlanLensDb,
  docKey: string,
  questionId: string,
  patch: OverridePatch,
  now: number,
): Promise<SavedOverride> {
  const tx = db.transaction(['documents', 'coverage', 'overrides', 'history'], 'readwrite');
  return inTransaction(tx, async () => {
    const overrides = tx.objectStore('overrides');
    const [record, coverage, previous] = await Promise.all([
      tx.objectStore('documents').get(docKey),
      tx.objectStore('coverage').get(docKey),
      overrides.get([docKey, questionId]),
    ]);
    if (!record) throw new Error('PlanLens has no record of this document; open it once so PlanLens can read it.');
    // A question must be one the document's analysis knows, or one the user already answered
    // (a question since removed from the bank keeps its answer, which stays editable).
    const known = previous !== undefined || coverage?.report.questions.some((q) => q.questionId === questionId);
    if (!known) throw new Error(`The question ${questionId} is not one of this document’s questions.`);
    const result = applyOverridePatch(docKey, questionId, previous, patch, now);
    if (!result.changed) return result;
    await overrides.put(result.record);
    if (coverage) {
      const all = await overrides.getAll(docRange(docKey));
      await appendHistory(tx.objectStore('history'), docKey, effectiveCoverage(coverage.report, all).counts, now);
    }
    return result;
  });
}
