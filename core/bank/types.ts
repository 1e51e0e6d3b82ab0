import type { DriverId, StageId } from '../model';

/**
 * A question bank file: versioned JSON (format "planlens-bank"). Everything the analyzer needs
 * lives here as data, so a district can load its own bank without touching code.
 *
 * Term syntax (used in stage names, cues, driver terms and concept terms): a lowercase word or
 * phrase. Matching ignores case and punctuation and compares words after light stemming (plural
 * -s/-es, -ing, -ed), so "coach" matches "coaches", "coaching", "coached". A trailing `*` on a
 * word makes it a prefix ("observ*" matches observe, observation, observer).
 */
export interface BankFile {
  format: 'planlens-bank';
  version: 1;
  /** Stable id of this bank, e.g. "planlens-default" or "district-42". */
  id: string;
  title: string;
  /** Free-form revision label of the bank's content, e.g. "2026.11". */
  revision: string;
  language: string;
  stages: Record<StageId, StageVocabulary>;
  drivers: Record<DriverId, DriverVocabulary>;
  questions: BankQuestion[];
}

export interface StageVocabulary {
  label: string;
  /** Names that, in a heading or table column, say "this part is about this stage". */
  names: string[];
  /** Activity words that suggest this stage when no heading says so. */
  cues: string[];
}

export interface DriverVocabulary {
  label: string;
  /** Words practitioners use for this driver ("PD", "professional learning" for training). */
  terms: string[];
}

export interface BankQuestion {
  /** Stable slug that survives bank edits: `<driver>.<stage>.<slug>`. */
  id: string;
  driver: DriverId;
  stage: StageId;
  text: string;
  /** What an answer must talk about; each concept is a group of interchangeable terms. */
  concepts: BankConcept[];
  /** Extra words that place an answering passage at this question's stage. */
  stageCues?: string[];
  /**
   * The question's text in other languages, by BCP 47 tag ("es", "es-419", "pt-BR"). For reading
   * only: the analyzer never matches question text. `questionText` in ./localize picks one.
   */
  translations?: Record<string, { text: string }>;
}

export interface BankConcept {
  terms: string[];
  /** Relative importance, default 1. */
  weight?: number;
  /** When true, a passage that lacks this concept cannot cover the question. */
  required?: boolean;
}
