import type { DriverId, OverrideStatus, StageId } from '../model';

/**
 * What a user recorded about one question of one document. Status and note carry their own
 * times so that two teammates' changes to the same question merge field by field on import
 * (one marks it answered, the other adds a note: both survive).
 *
 * A record whose status is null and note empty is kept, not deleted: it remembers *when* the
 * user went back to the automatic result, which a later import must not undo with an older mark.
 */
export interface OverrideRecord {
  docKey: string;
  questionId: string;
  /** The manual status; null means "use the automatic result". */
  status: OverrideStatus | null;
  /** When the status was last set or cleared; null if never. */
  statusAt: number | null;
  note: string;
  /** When the note was last saved; null if never. */
  noteAt: number | null;
  /** The later of statusAt and noteAt. */
  updatedAt: number;
}

/** Coverage of one document, counted after manual statuses are applied. */
export interface CoverageCounts {
  /** Addressed questions (covered automatically, or marked answered / not applicable) per stage. */
  byStage: Record<StageId, number>;
  /** Addressed questions per driver. */
  byDriver: Record<DriverId, number>;
  covered: number;
  partial: number;
  unanswered: number;
  total: number;
}

/** One point of a document's coverage over time; appended only when the counts change. */
export interface HistorySnapshot extends CoverageCounts {
  docKey: string;
  at: number;
}

/** Longest note a user may save (about two pages of text). */
export const NOTE_MAX_CHARS = 5000;
