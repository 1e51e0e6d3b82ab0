import { DRIVERS, type DriverId, STAGES, type StageId } from '../model';
import type { EffectiveQuestion } from './effective';

/** What the side panel's list shows: one stage, optionally one driver (a grid cell), unanswered only, a search. */
export interface QuestionFilter {
  stage: StageId;
  driver: DriverId | null;
  unansweredOnly: boolean;
  /** Words to find in the question text or the user's note; '' matches everything. */
  search: string;
}

/** Lower case without accents, so "implementacion" finds "Implementación". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every word of the search must occur in the question's text or note (in any order). */
export function matchesSearch(q: EffectiveQuestion, search: string, textOf: (questionId: string) => string): boolean {
  const words = foldText(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldText(`${textOf(q.questionId)}\n${q.note}`);
  return words.every((w) => haystack.includes(w));
}

function keeps(
  q: EffectiveQuestion,
  filter: Omit<QuestionFilter, 'stage'>,
  textOf: (questionId: string) => string,
): boolean {
  if (filter.driver && q.driver !== filter.driver) return false;
  if (filter.unansweredOnly && q.status !== 'unanswered') return false;
  return matchesSearch(q, filter.search, textOf);
}

/** The questions of the filter's stage that it keeps, grouped by driver in the framework's order. */
export function filterQuestions(
  questions: readonly EffectiveQuestion[],
  filter: QuestionFilter,
  textOf: (questionId: string) => string,
): { driver: DriverId; questions: EffectiveQuestion[] }[] {
  const kept = questions.filter((q) => q.stage === filter.stage && keeps(q, filter, textOf));
  return DRIVERS.map((driver) => ({ driver, questions: kept.filter((q) => q.driver === driver) })).filter(
    (group) => group.questions.length > 0,
  );
}

/**
 * How many questions the same filter keeps in each other stage, so a search or a filter never
 * hides that the answer is one stage away. Stages with none are left out.
 */
export function matchesInOtherStages(
  questions: readonly EffectiveQuestion[],
  filter: QuestionFilter,
  textOf: (questionId: string) => string,
): { stage: StageId; count: number }[] {
  return STAGES.filter((s) => s !== filter.stage)
    .map((stage) => ({ stage, count: questions.filter((q) => q.stage === stage && keeps(q, filter, textOf)).length }))
    .filter((entry) => entry.count > 0);
}

/** True when the filter hides anything (so the panel can say what it is showing). */
export function isNarrowed(filter: QuestionFilter): boolean {
  return filter.driver !== null || filter.unansweredOnly || filter.search.trim() !== '';
}
