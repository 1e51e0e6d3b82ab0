import { type DocumentPanelState, parsePanelState, recordVisit, withCurrentStage } from '../core/coverage/visits';
import type { StageId } from '../core/model';
import type { PlanLensDb } from './db';
import { inTransaction } from './transaction';

/**
 * The side panel's per-document memory (chosen stage, visits) and the "stopped tracking" marks,
 * kept in the `settings` store under keys of their own. Not part of the document record:
 * re-analysis rewrites that record, and none of this is about the document's text.
 */
export const panelStateKey = (docKey: string) => `panel:${docKey}`;
export const stoppedKey = (docKey: string) => `stopped:${docKey}`;

async function updatePanelState(
  db: PlanLensDb,
  docKey: string,
  change: (previous: DocumentPanelState | undefined) => DocumentPanelState,
): Promise<DocumentPanelState> {
  const tx = db.transaction(['documents', 'settings'], 'readwrite');
  return inTransaction(tx, async () => {
    const settings = tx.objectStore('settings');
    const [record, stored] = await Promise.all([
      tx.objectStore('documents').get(docKey),
      settings.get(panelStateKey(docKey)),
    ]);
    // Memory about a document PlanLens does not keep would outlive it: refuse.
    if (!record) throw new Error('PlanLens has no record of this document.');
    const next = change((stored && parsePanelState(docKey, stored.value)) ?? undefined);
    const { docKey: _key, ...value } = next;
    await settings.put({ key: panelStateKey(docKey), value });
    return next;
  });
}

/** The panel showed the document at `now` (see core/coverage/visits.ts). */
export function saveVisit(db: PlanLensDb, docKey: string, now: number): Promise<DocumentPanelState> {
  return updatePanelState(db, docKey, (previous) => recordVisit(previous, docKey, now));
}

export function saveCurrentStage(db: PlanLensDb, docKey: string, stage: StageId | null): Promise<DocumentPanelState> {
  return updatePanelState(db, docKey, (previous) => withCurrentStage(previous, docKey, stage));
}

/** True when the user stopped tracking this document (and has not said "Track anyway" since). */
export async function isStopped(db: PlanLensDb, docKey: string): Promise<boolean> {
  return (await db.get('settings', stoppedKey(docKey))) !== undefined;
}

export async function clearStopped(db: PlanLensDb, docKey: string): Promise<void> {
  await db.delete('settings', stoppedKey(docKey));
}
