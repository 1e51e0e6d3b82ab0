import type { OverrideStatus } from '../model';
import { NOTE_MAX_CHARS, type OverrideRecord } from './types';

/** One user action on one question: set or clear the manual status, or save the note. */
export type OverridePatch = { status: OverrideStatus | null } | { note: string };

export interface PatchResult {
  record: OverrideRecord;
  /** False when the action repeats what is stored (nothing to write, nobody to tell). */
  changed: boolean;
}

/**
 * Applies one action to the stored record of a question (or to none). Only the field the user
 * touched changes, so a status set in one panel and a note saved in another both survive.
 */
export function applyOverridePatch(
  docKey: string,
  questionId: string,
  previous: OverrideRecord | undefined,
  patch: OverridePatch,
  now: number,
): PatchResult {
  const base: OverrideRecord = previous ?? {
    docKey,
    questionId,
    status: null,
    statusAt: null,
    note: '',
    noteAt: null,
    updatedAt: now,
  };
  if ('status' in patch) {
    if ((previous?.status ?? null) === patch.status) return { record: previous ?? base, changed: false };
    return { record: { ...base, status: patch.status, statusAt: now, updatedAt: now }, changed: true };
  }
  if (patch.note.length > NOTE_MAX_CHARS) {
    throw new Error(`A note can be at most ${NOTE_MAX_CHARS} characters; this one has ${patch.note.length}.`);
  }
  if ((previous?.note ?? '') === patch.note) return { record: previous ?? base, changed: false };
  return { record: { ...base, note: patch.note, noteAt: now, updatedAt: now }, changed: true };
}
