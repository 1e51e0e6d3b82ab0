import { describe, expect, it } from 'vitest';
import { effectiveCoverage } from '../../../../core/coverage/effective';
import {
  filterQuestions,
  foldText,
  isNarrowed,
  matchesInOtherStages,
  type QuestionFilter,
} from '../../../../core/coverage/filter';
import { overrideOf, Q, reportWith } from '../../coverage-fixtures';
import { miniBank } from '../../helpers';

const DOC = 'gdocs:1RiversideLiteracyPlan2026abcdef';
const texts = new Map(miniBank().questions.map((q) => [q.id, q.text]));
const textOf = (id: string) => texts.get(id) ?? '';
const base: QuestionFilter = { stage: 'installation', driver: null, unansweredOnly: false, search: '' };

const { questions } = effectiveCoverage(reportWith(DOC, { [Q.coachPosition]: 'covered' }), [
  overrideOf(DOC, Q.fidelityMeasure, { note: 'Ask the Fidélité team', status: 'answered' }),
]);
const ids = (groups: ReturnType<typeof filterQuestions>) => groups.flatMap((g) => g.questions.map((q) => q.questionId));

describe('the side panel’s question filter', () => {
  it('shows one stage, grouped by driver in the framework’s order', () => {
    const groups = filterQuestions(questions, base, textOf);
    expect(groups.map((g) => g.driver)).toEqual(['training', 'coaching', 'fidelity']);
    expect(ids(groups)).toEqual([Q.trainingPlan, Q.coachPosition, Q.fidelityMeasure]);
  });

  it('narrows to one driver (a grid cell) and to unanswered questions', () => {
    expect(ids(filterQuestions(questions, { ...base, driver: 'coaching' }, textOf))).toEqual([Q.coachPosition]);
    // Marked answered by hand and covered automatically are both settled.
    expect(ids(filterQuestions(questions, { ...base, unansweredOnly: true }, textOf))).toEqual([Q.trainingPlan]);
  });

  it('searches question text and notes, every word, ignoring case and accents', () => {
    expect(ids(filterQuestions(questions, { ...base, search: 'TRAINING dates' }, textOf))).toEqual([Q.trainingPlan]);
    expect(ids(filterQuestions(questions, { ...base, search: 'fidelite team' }, textOf))).toEqual([Q.fidelityMeasure]);
    expect(ids(filterQuestions(questions, { ...base, search: 'training nowhere' }, textOf))).toEqual([]);
    expect(foldText('Implementación')).toBe('implementacion');
  });

  it('counts what the same filter finds in the other stages', () => {
    expect(matchesInOtherStages(questions, { ...base, search: 'coach' }, textOf)).toEqual([
      { stage: 'exploration', count: 1 },
      { stage: 'initial_implementation', count: 1 },
    ]);
    expect(matchesInOtherStages(questions, { ...base, driver: 'training' }, textOf)).toEqual([]);
  });

  it('knows when it hides something', () => {
    expect(isNarrowed(base)).toBe(false);
    expect(isNarrowed({ ...base, search: '  ' })).toBe(false);
    expect(isNarrowed({ ...base, unansweredOnly: true })).toBe(true);
    expect(isNarrowed({ ...base, driver: 'coaching' })).toBe(true);
  });
});
