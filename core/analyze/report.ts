import type { AutoStatus, CellId, DriverId, StageId } from '../model';
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
  /** Plain-language reasons for the status, for the question detail view. */
  reasons: string[];
}

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
