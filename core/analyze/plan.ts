import type { StageId } from '../model';

/** Document-level facts plan detection weighs; gathered by the engine in its single pass. */
export interface PlanSignals {
  wordCount: number;
  /** Drivers with at least one question covered or partly covered. */
  driversTouched: number;
  driversCovered: number;
  /** Most questions covered within any one driver (depth, for single-driver plans). */
  deepestDriverCovered: number;
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
  /** Content blocks (not headings, four words or more) and how many carry each text feature. */
  blocks: {
    content: number;
    intent: number;
    timeframe: number;
    clock: number;
    firstPerson: number;
    reported: number;
    retrospective: number;
  };
}

export interface PlanVerdict {
  isPlan: boolean;
  score: number;
  reasons: string[];
}

const saturate = (value: number, at: number): number => Math.max(0, Math.min(value, at)) / at;
const share = (count: number, of: number): number => (of > 0 ? count / of : 0);

/**
 * A weighted vote, not a word count. A plan has implementation content (questions answered for
 * several drivers) in the form of a plan (time frames, commitments, who-does-what structure,
 * stages, a declared current stage) and implementation vocabulary; texts of another genre carry
 * that genre's signature (agenda clock times, reported speech, first-person narration, its own
 * terms), which lowers the score. Weights were set by reasoning about those genres and checked
 * against the labelled corpus in tests/fixtures/corpus, whose test prints the figures.
 */
export function detectPlan(s: PlanSignals): PlanVerdict {
  const b = s.blocks;
  const timeframes = share(b.timeframe, b.content);
  const commitments = share(b.intent, b.content);
  // Breadth across drivers, or depth in one (a coaching service plan answers many coaching questions).
  const reach = Math.max(saturate(s.driversCovered, 5), saturate(s.deepestDriverCovered, 8));
  const content = reach * 0.25 + saturate(s.driversTouched, 7) * 0.1;
  const form =
    saturate(timeframes, 0.3) * 0.2 +
    saturate(commitments, 0.2) * 0.1 +
    saturate(s.structureTerms, 4) * 0.1 +
    saturate(s.explicitStages, 2) * 0.1 +
    (s.declaredStage ? 0.15 : 0);
  const vocabulary = saturate(s.implementationTerms, 4) * 0.15;

  const penalties: Array<[number, string]> = [
    [Math.min(0.6, 0.12 * Math.max(0, s.strongestGenreTerms - 2)), `reads like a ${s.strongestGenre}`],
    [saturate(share(b.clock, b.content), 0.3) * 0.5, 'runs on clock times like an agenda'],
    [saturate(share(b.reported, b.content) - 0.05, 0.2) * 0.4, 'reports what people said, like news'],
    [saturate(share(b.firstPerson, b.content) - 0.1, 0.3) * 0.4, 'is narrated in the first person'],
    [saturate(share(b.retrospective, b.content) - 0.05, 0.15) * 0.3, 'looks back rather than ahead'],
    [s.wordCount < 150 ? 0.3 : 0, `is very short (${s.wordCount} words)`],
    [
      commitments < 0.03 && s.structureTerms < 3 ? 0.15 : 0,
      'commits to no future work (no will, by when, responsible)',
    ],
  ];
  const penalty = penalties.reduce((sum, [value]) => sum + value, 0);
  const score = Math.max(0, Math.min(1, Math.round((content + form + vocabulary - penalty) * 1000) / 1000));

  const reasons = [
    `Answers questions for ${s.driversCovered} of 9 drivers (${s.driversTouched} touched; up to ${s.deepestDriverCovered} for one driver).`,
    `Time frames in ${Math.round(timeframes * 100)}% and commitments (will, by when, responsible) in ${Math.round(commitments * 100)}% of passages.`,
    s.explicitStages > 0
      ? `Names ${s.explicitStages} implementation stage(s) in headings or tables.`
      : 'Names no implementation stage in a heading or table.',
    `Action-plan structure: ${s.structureTerms} marker(s) such as person responsible, timeline, status.`,
    `Implementation vocabulary: ${s.implementationTerms} distinct term(s).`,
  ];
  if (s.declaredStage) reasons.push(`Says its current stage is ${s.declaredStage.replaceAll('_', ' ')}.`);
  for (const [value, text] of penalties) if (value >= 0.05) reasons.push(`Counts against: it ${text}.`);
  return { isPlan: score >= 0.5, score, reasons };
}
