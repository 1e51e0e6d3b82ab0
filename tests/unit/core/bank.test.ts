import { describe, expect, it } from 'vitest';
import { defaultBank } from '../../../core/bank/default';
import { validateBank } from '../../../core/bank/validate';
import { allCellIds, DRIVERS, STAGES } from '../../../core/model';
import { miniBank } from '../helpers';

describe('default question bank', () => {
  const bank = defaultBank();

  it('has at least three questions in every one of the 36 stage × driver cells', () => {
    const perCell = new Map<string, number>();
    for (const q of bank.questions)
      perCell.set(`${q.driver}.${q.stage}`, (perCell.get(`${q.driver}.${q.stage}`) ?? 0) + 1);
    expect(allCellIds()).toHaveLength(36);
    for (const cell of allCellIds()) expect(perCell.get(cell) ?? 0, cell).toBeGreaterThanOrEqual(3);
    expect(bank.questions.length).toBeGreaterThanOrEqual(108);
  });

  it('follows the coaching stage questions and practices of the source notes', () => {
    const coaching = bank.questions
      .filter((q) => q.driver === 'coaching')
      .map((q) => `${q.stage} ${q.text}`.toLowerCase());
    const has = (stage: string, pattern: RegExp) => coaching.some((t) => t.startsWith(stage) && pattern.test(t));
    expect(has('exploration', /resource/)).toBe(true);
    expect(has('installation', /position description|job description/)).toBe(true);
    expect(has('installation', /criteria/)).toBe(true);
    expect(has('installation', /coaches themselves|coach(ing)? (the )?coaches/)).toBe(true);
    expect(coaching.some((t) => /accountable|responsible/.test(t))).toBe(true);
    expect(coaching.some((t) => /coaching plan|service delivery plan/.test(t))).toBe(true);
    expect(coaching.some((t) => /multiple|more than one|several/.test(t))).toBe(true);
    expect(has('full_implementation', /effective/)).toBe(true);
  });

  it('carries Spanish translations', () => {
    expect(bank.questions.every((q) => (q.translations?.es?.text ?? '').length > 10)).toBe(true);
  });

  it('has vocabulary for every stage and driver', () => {
    for (const s of STAGES) expect(bank.stages[s].names.length).toBeGreaterThan(2);
    for (const d of DRIVERS) expect(bank.drivers[d].terms.length).toBeGreaterThan(5);
  });
});

describe('bank validation', () => {
  it('accepts a valid bank', () => {
    expect(validateBank(miniBank()).ok).toBe(true);
  });

  it('names the question and field of every problem', () => {
    const bank = miniBank() as unknown as { questions: Array<Record<string, unknown>> };
    const [first, second, third] = bank.questions;
    if (!first || !second || !third) throw new Error('mini bank too small');
    first.stage = 'launch';
    second.concepts = [];
    third.id = 'coaching.exploration.coaching-need';
    const result = validateBank(bank);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/question "coaching\.exploration\.coaching-need": stage "launch" is not one of/),
        expect.stringMatching(/question "coaching\.installation\.coach-position": concepts must be a non-empty list/),
        expect.stringMatching(/question "coaching\.exploration\.coaching-need": id is used twice/),
      ]),
    );
  });

  it.each([
    [null, /JSON object/],
    [{ format: 'other', version: 1 }, /format/],
    [{ ...miniBank(), version: 2 }, /version: 2 is not supported/],
    [{ ...miniBank(), questions: [] }, /no questions/],
    [{ ...miniBank(), stages: { exploration: miniBank().stages.exploration } }, /stages\.installation: missing/],
    [
      { ...miniBank(), questions: [{ ...miniBank().questions[0], concepts: [{ terms: ['<b>x</b>'] }] }] },
      /is not a term/,
    ],
  ])('rejects %#', (input, message) => {
    const result = validateBank(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(message);
  });
});
