import type { CoverageReport, Evidence } from '../core/analyze/report';
import type { BankFile } from '../core/bank/types';
import { csvField } from '../core/export/csv';
import type { AutoStatus, DriverId, StageId } from '../core/model';

/**
 * Analysis reports → what the CLI prints. Pure, so the output contract (JSON shape, CSV
 * columns, quoting) is tested without spawning the tool.
 */

/** How many passages a cell cites: enough to check the answer, few enough to read. */
const CELL_EVIDENCE = 3;

export interface CellOutput {
  status: AutoStatus;
  score: number;
  evidence: Evidence[];
}

export interface QuestionOutput {
  id: string;
  driver: DriverId;
  stage: StageId;
  text: string;
  status: AutoStatus;
  score: number;
  evidence: Evidence[];
  reasons: string[];
}

export interface FileResult {
  /** The path as the user gave it (or as found in a folder they gave). */
  file: string;
  title: string;
  isPlan: boolean;
  planScore: number;
  planReasons: string[];
  declaredStage: StageId | null;
  cells: Record<string, CellOutput>;
  questions: QuestionOutput[];
}

export function fileResult(file: string, title: string, report: CoverageReport, bank: BankFile): FileResult {
  const texts = new Map(bank.questions.map((q) => [q.id, q.text]));
  const questions: QuestionOutput[] = report.questions.map((q) => ({
    id: q.questionId,
    driver: q.driver,
    stage: q.stage,
    text: texts.get(q.questionId) ?? '',
    status: q.status,
    score: q.score,
    evidence: q.evidence,
    reasons: q.reasons,
  }));
  const cells: Record<string, CellOutput> = {};
  for (const [id, cell] of Object.entries(report.cells)) {
    const answered = questions.filter((q) => `${q.driver}.${q.stage}` === id && q.status !== 'unanswered');
    cells[id] = { status: cell.status, score: cell.score, evidence: bestEvidence(answered.flatMap((q) => q.evidence)) };
  }
  return {
    file,
    title,
    isPlan: report.isPlan,
    planScore: report.planScore,
    planReasons: report.planReasons,
    declaredStage: report.declaredStage,
    cells,
    questions,
  };
}

/** Best passages first, each block once (several questions often cite the same passage). */
function bestEvidence(evidence: Evidence[]): Evidence[] {
  const byBlock = new Map<string, Evidence>();
  for (const item of [...evidence].sort((a, b) => b.score - a.score)) {
    if (!byBlock.has(item.blockId)) byBlock.set(item.blockId, item);
  }
  return [...byBlock.values()].slice(0, CELL_EVIDENCE);
}

export function formatJson(results: FileResult[]): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

/** The CLI writes CSV with the same quoting and formula neutralizing as the extension's export. */
export { csvField };

export const CSV_COLUMNS = [
  'file',
  'title',
  'is_plan',
  'plan_score',
  'driver',
  'stage',
  'question_id',
  'question',
  'status',
  'score',
  'evidence',
] as const;

/** One row per file × question; CRLF line ends as RFC 4180 asks, so spreadsheets agree. */
export function formatCsv(results: FileResult[]): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const result of results) {
    for (const q of result.questions) {
      rows.push([
        result.file,
        result.title,
        String(result.isPlan),
        roundScore(result.planScore),
        q.driver,
        q.stage,
        q.id,
        q.text,
        q.status,
        roundScore(q.score),
        q.evidence[0]?.snippet ?? '',
      ]);
    }
  }
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

function roundScore(score: number): string {
  return String(Math.round(score * 1000) / 1000);
}
