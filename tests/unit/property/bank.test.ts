import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../core/analyze/engine';
import { type BankValidation, validateBank } from '../../../core/bank/validate';
import { miniBank } from '../helpers';
import { blocks, snapshot } from './arbitraries';
import { applyMutation, jsonLike, type Mutation, mutationOf, pathsOf } from './mutate';
import { holds, SEED, Tally } from './run';

/**
 * A district's bank file is untrusted. validateBank must answer every input (never throw, never
 * change it), every bank it accepts must be one the analyzer can run on, and every refusal must
 * say where the problem is: the question (by id, or by position when the id is unusable) and
 * the field, or the path of a stage or driver entry.
 */

const base = miniBank();
const BASE_PATHS = pathsOf(base);
const sampleDocs = fc.sample(blocks(12), { numRuns: 4, seed: 11 }).map((list) => snapshot(list));

/**
 * Validates without letting an exception escape, counting the input as malformed when refused
 * and as partially applied when validation changed it (then failing).
 */
function validateUntouched(input: unknown, tally?: Tally): BankValidation {
  const before = JSON.stringify(input);
  const result = validateBank(input);
  const untouched = JSON.stringify(input) === before;
  if (!result.ok) tally?.count(untouched);
  expect(untouched, 'validation changed its input').toBe(true);
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const e of result.errors) expect(typeof e === 'string' && e.length > 0).toBe(true);
  }
  return result;
}

/** An accepted bank is used at once: compiling it and analyzing any document must work. */
function expectUsable(result: BankValidation): void {
  if (!result.ok) return;
  const analyzer = createAnalyzer(result.bank);
  for (const doc of sampleDocs) {
    const report = analyzer.analyze(doc);
    expect(report.questions).toHaveLength(result.bank.questions.length);
  }
}

/** Where an error about the mutated place must point, given the mutated bank. */
function expectedLocators(m: Mutation, mutated: Record<string, unknown>): { place: string[]; field: string[] } {
  const [top, second, third] = m.path;
  if (top === 'questions' && typeof second === 'number' && Array.isArray(mutated.questions)) {
    const q = mutated.questions[second] as Record<string, unknown> | undefined;
    const place = [`questions[${second}]`];
    if (q && typeof q === 'object' && typeof q.id === 'string' && q.id) place.push(`question "${q.id}"`);
    // A whole question replaced or removed: the place is enough. A changed driver or stage that
    // is still a valid id shows up as an id that does not start with it.
    if (third === undefined || m.op === 'add-key') return { place, field: [] };
    const field = [String(third)];
    if (third === 'driver' || third === 'stage') field.push('id');
    return { place, field };
  }
  if ((top === 'stages' || top === 'drivers') && second !== undefined && m.op !== 'add-key')
    return { place: [`${top}.${second}`], field: [] };
  return { place: top === undefined ? [] : [String(top)], field: [] };
}

describe('bank validation on arbitrary input (property)', () => {
  it('answers any JSON value without throwing, and rejects what is not a bank', async () => {
    const malformed = new Tally('malformed');
    await holds(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (input) => {
        const result = validateUntouched(input, malformed);
        // Random values are never banks.
        expect(result.ok).toBe(false);
      }),
      300,
      malformed,
    );
  });

  it('refuses a damaged bank with a message naming the question and field, or accepts a usable one', async () => {
    const malformed = new Tally('malformed');
    await holds(
      fc.property(mutationOf(base, BASE_PATHS), (m) => {
        const mutated = applyMutation(base, m);
        const result = validateUntouched(mutated, malformed);
        if (result.ok) {
          expectUsable(result);
          return;
        }
        if (!mutated || typeof mutated !== 'object' || Array.isArray(mutated)) return;
        const { place, field } = expectedLocators(m, mutated as Record<string, unknown>);
        const named = result.errors.filter((e) => place.length === 0 || place.some((p) => e.includes(p)));
        expect(named, `no error names ${place.join(' or ')}: ${result.errors.join(' | ')}`).not.toHaveLength(0);
        if (field.length)
          expect(
            named.some((e) => field.some((f) => new RegExp(`: ${f}\\b|: ${f}\\[|: ${f}\\.`).test(e))),
            `no error names field ${field.join(' or ')}: ${named.join(' | ')}`,
          ).toBe(true);
      }),
      400,
      malformed,
    );
  });

  it('never throws on several kinds of damage at once, and what it accepts the analyzer can run', async () => {
    const malformed = new Tally('malformed');
    const damaged = fc
      .array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'replace', 'replace', 'add-key'), jsonLike), {
        minLength: 2,
        maxLength: 5,
      })
      .map((steps) =>
        steps.reduce<unknown>((bank, [pick, op, value]) => {
          const paths = pathsOf(bank);
          const path = paths[pick % paths.length] ?? [];
          return applyMutation(bank, { path, op: op as Mutation['op'], value, key: 'extra' });
        }, base),
      );
    await holds(
      fc.property(damaged, (input) => {
        const result = validateUntouched(input, malformed);
        expectUsable(result);
      }),
      300,
      malformed,
    );
  });

  it('accepts the unchanged bank and banks with edited but valid terms, weights and texts', () => {
    const edits = fc.record({
      text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).filter((t) => t.trim().length > 0),
      weight: fc.double({ min: 0.01, max: 10, noNaN: true }),
      term: fc.stringMatching(/^[a-z][a-z0-9 '’/&.-]{0,20}\*?$/),
    });
    fc.assert(
      fc.property(edits, ({ text, weight, term }) => {
        const bank = structuredClone(base);
        const q = bank.questions[0];
        const concept = q?.concepts[0];
        if (!q || !concept) throw new Error('the mini bank has questions with concepts');
        q.text = text;
        concept.weight = weight;
        concept.terms.push(term);
        const result = validateUntouched(bank);
        expect(result.ok, result.ok ? '' : result.errors.join(' | ')).toBe(true);
        expectUsable(result);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
