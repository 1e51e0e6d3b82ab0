import type { StageId } from '../model';

/** Document-level facts plan detection weighs; gathered by the engine in its single pass. */
export interface PlanSignals {
  wordCount: number;
  /** Drivers with at least one question covered or partly covered. */
  driversTouched: number;
  driversCovered: number;
  /** Distinct stages named in headings, header rows or first columns. */
  explicitStages: number;
  /** Distinct action-plan structure terms (person responsible, timeline, status, …). */
  structureTerms: number;
  /** Distinct implementation-work terms (fidelity, implementation team, MTSS, …). */
  implementationTerms: number;
  /** The other genre (sports news, lesson plan, …) with most distinct terms, and how many. */
  strongestGenre: string;
  strongestGenreTerms: number;
  questionsCovered: number;
  declaredStage: StageId | null;
}

export interface PlanVerdict {
  isPlan: boolean;
  score: number;
  reasons: string[];
}

const saturate = (value: number, at: number): number => Math.min(value, at) / at;

/**
 * A weighted vote, not a word count: breadth across drivers and action-plan structure raise the
 * score; the signature of another genre lowers it. Weights were set against the labelled corpus
 * in tests/fixtures/corpus and are printed with their figures by the corpus test.
 */
export function detectPlan(s: PlanSignals): PlanVerdict {
  const reasons: string[] = [];
  const breadth = saturate(s.driversCovered, 5) * 0.3 + saturate(s.driversTouched, 7) * 0.15;
  const stages = saturate(s.explicitStages, 2) * 0.15;
  const structure = saturate(s.structureTerms, 6) * 0.2;
  const implementation = saturate(s.implementationTerms, 5) * 0.2;
  const genrePenalty = s.strongestGenreTerms >= 3 ? saturate(s.strongestGenreTerms - 2, 6) * 0.45 : 0;
  const shortPenalty = s.wordCount < 120 ? 0.25 : 0;
  const raw = breadth + stages + structure + implementation - genrePenalty - shortPenalty;
  const score = Math.max(0, Math.min(1, Math.round(raw * 1000) / 1000));

  reasons.push(`Answers questions for ${s.driversCovered} of 9 drivers (${s.driversTouched} touched).`);
  if (s.explicitStages > 0) reasons.push(`Names ${s.explicitStages} implementation stage(s) in headings or tables.`);
  else reasons.push('Names no implementation stage in a heading or table.');
  reasons.push(`Action-plan structure: ${s.structureTerms} marker(s) such as who, by when, status.`);
  reasons.push(`Implementation vocabulary: ${s.implementationTerms} distinct term(s).`);
  if (genrePenalty > 0) reasons.push(`Reads like ${s.strongestGenre} (${s.strongestGenreTerms} telltale terms).`);
  if (shortPenalty > 0) reasons.push(`Very short (${s.wordCount} words).`);
  if (s.declaredStage) reasons.push(`Says its current stage is ${s.declaredStage.replace('_', ' ')}.`);
  return { isPlan: score >= 0.5, score, reasons };
}
