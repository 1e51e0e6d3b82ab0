import type { AutoStatus, CellId, DriverId, StageId } from '../model';
import type { StageHow } from './block';
import type { PlanSignals } from './plan';

/** One passage that answers (part of) a question. */
export interface Evidence {
  blockId: string;
  /** Source anchor of the block or of its nearest heading (e.g. a Google Docs `h.…` id). */
  anchor?: string;
  snippet: string;
  score: number;
  /** Words of the snippet that matched the question's concepts, as they appear in the text. */
  terms: string[];
}

export interface QuestionResult {
  questionId: string;
  cell: CellId;
  driver: DriverId;
  stage: StageId;
  status: AutoStatus;
  score: number;
  evidence: Evidence[];
  /**
   * Plain-language reasons for the status, in English (CLI output, exports): made by
   * `reasonTexts(reasonCodes, the bank's stage names)` (core/analyze/reasons.ts).
   */
  reasons: string[];
  /**
   * The same reasons as data, for a UI to say in its own language. Absent in reports stored or
   * exported before PlanLens wrote it: show `reasons` then (the next analysis adds it).
   */
  reasonCodes?: Reason[];
}

/**
 * One reason for a question's status, in the order the analyzer gives them. Words in `terms`,
 * `concepts` and `title` are the plan's or the bank's own (English) words, to be shown as data.
 */
export type Reason =
  /** No passage talks about the question's key ideas together. Only reason when present. */
  | { kind: 'noPassage' }
  /** The best passage's own words that matched, as written ("coaches" for the term "coach"). */
  | { kind: 'mentions'; terms: string[] }
  /** Concepts (by their first bank term) found only in the passage's heading or table header. */
  | { kind: 'headingAdds'; concepts: string[] }
  /** Concepts (by their first bank term) found neither in the passage nor in its context. */
  | { kind: 'missing'; concepts: string[] }
  /** The passage's stage and how it was found (a UI names the stage in its own words). */
  | { kind: 'stage'; stage: StageId; how: StageHow }
  /** No stage stated near the passage. */
  | { kind: 'stageUnknown' }
  /** The title of the section the passage is in. */
  | { kind: 'section'; title: string };

export type ReasonKind = Reason['kind'];

export interface CellResult {
  status: AutoStatus;
  score: number;
  covered: number;
  partial: number;
  total: number;
}

export interface CoverageReport {
  docKey: string;
  bankId: string;
  bankRevision: string;
  analyzerVersion: number;
  isPlan: boolean;
  /** 0–1: how much the document looks like an implementation plan. */
  planScore: number;
  planReasons: string[];
  /** The measurements plan detection weighed, for transparency and tuning. */
  planSignals: PlanSignals;
  /** Stage the document itself says it is in ("Current stage: Installation"), if any. */
  declaredStage: StageId | null;
  questions: QuestionResult[];
  cells: Record<CellId, CellResult>;
  blockCount: number;
  wordCount: number;
}
