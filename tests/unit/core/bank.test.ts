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

  it('carries a Spanish translation of every question, different from the English text', () => {
    for (const q of bank.questions) {
      const es = q.translations?.es?.text ?? '';
      expect(es.trim().length, q.id).toBeGreaterThan(10);
      expect(es, q.id).not.toBe(q.text);
      // A Spanish question opens with ¿ (possibly after a lead-in such as "Con base en …,") and
      // closes with ?, one pair per question.
      expect(es, q.id).toMatch(/¿[^?]+\?$/);
      expect(es.split('¿').length, q.id).toBe(es.split('?').length);
    }
  });

  it('keeps the Spanish in one register and glossary (Latin-American district usage)', () => {
    const all = bank.questions.map((q) => [q.id, q.translations?.es?.text ?? ''] as const);
    // Peninsular or informal forms the glossary replaces: capacitación, estudiantes, financiamiento,
    // recopilar, credenciales; impersonal "se" or "nosotros", never tú or vosotros. (\b is ASCII-only in
    // JavaScript, so word edges are written with \p{L}.)
    const avoid =
      /(?<!\p{L})(formación|formador(es)?|alumn[oa]s?|alumnado|financiación|recoger|recogerán|cualificaci\p{L}*|tú|tu|tus|vosotros|vuestr[oa]s?)(?!\p{L})/iu;
    for (const [id, es] of all) expect(es, id).not.toMatch(avoid);
    for (const q of bank.questions.filter((x) => /\btrain/i.test(x.text)))
      expect(q.translations?.es?.text, q.id).toMatch(/capacit/);
    for (const q of bank.questions.filter((x) => /\bcoach/i.test(x.text)))
      expect(q.translations?.es?.text, q.id).toMatch(/coach/);
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

  describe('translations', () => {
    const withTranslations = (translations: unknown) => {
      const bank = miniBank() as unknown as { questions: Array<Record<string, unknown>> };
      const q = bank.questions[0];
      if (!q) throw new Error('mini bank empty');
      q.translations = translations;
      return { bank, id: q.id as string };
    };
    const errorsFor = (translations: unknown) => {
      const { bank } = withTranslations(translations);
      const result = validateBank(bank);
      return result.ok ? [] : result.errors;
    };

    it.each([
      ['es'],
      ['es-419'],
      ['pt-BR'],
      ['zh-Hant'],
      ['zh-Hant-TW'],
      ['EN-gb'],
      ['haw'],
    ])('accepts the language tag %s', (tag) => {
      expect(errorsFor({ [tag]: { text: 'Una pregunta traducida' } })).toEqual([]);
    });

    it('accepts several languages on one question', () => {
      expect(
        errorsFor({ es: { text: '¿Pregunta?' }, 'es-419': { text: '¿Pregunta?' }, fr: { text: 'Question ?' } }),
      ).toEqual([]);
    });

    it.each([
      ['spanish'],
      ['e'],
      ['es-'],
      ['es-MEX1'],
      ['es--419'],
      ['1es'],
      [''],
      ['es MX'],
    ])('rejects the language tag %j, naming the question and field', (tag) => {
      const { id } = withTranslations({});
      expect(errorsFor({ [tag]: { text: 'Texto' } })).toEqual([
        `question "${id}": translations.${JSON.stringify(tag)} is not a language tag like "es", "es-419" or "pt-BR".`,
      ]);
    });

    it('suggests the hyphen for an underscore tag', () => {
      expect(errorsFor({ es_MX: { text: 'Texto' } }).join('\n')).toMatch(
        /translations\."es_MX" is not a language tag .*\(write "es-MX"\)/,
      );
    });

    it('rejects two tags that differ only in case', () => {
      const { id } = withTranslations({});
      expect(errorsFor({ es: { text: 'uno' }, ES: { text: 'dos' } })).toEqual([
        `question "${id}": translations."ES" names the same language as "es".`,
      ]);
    });

    it.each([
      [{ es: { text: '' } }, /translations\."es"\.text must be a non-empty string/],
      [{ es: { text: '   ' } }, /translations\."es"\.text must be a non-empty string/],
      [{ es: { text: 42 } }, /translations\."es"\.text must be a non-empty string/],
      [{ es: {} }, /translations\."es"\.text must be a non-empty string/],
      [{ es: 'texto' }, /translations\."es"\.text must be a non-empty string/],
      [{ es: { text: 'x'.repeat(501) } }, /translations\."es"\.text is longer than 500 characters/],
      [[{ es: { text: 'texto' } }], /translations must be an object of language tag/],
      ['es', /translations must be an object of language tag/],
    ])('rejects translations %#', (translations, message) => {
      const { id } = withTranslations({});
      const errors = errorsFor(translations);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(message);
      expect(errors[0]?.startsWith(`question "${id}": translations`)).toBe(true);
    });

    it('accepts a text of exactly the length limit', () => {
      expect(errorsFor({ es: { text: 'x'.repeat(500) } })).toEqual([]);
    });

    it('limits the number of languages', () => {
      const many = Object.fromEntries(
        Array.from({ length: 51 }, (_, i) => [
          `x${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
          { text: 't' },
        ]),
      );
      expect(errorsFor(many).join('\n')).toMatch(/translations has more than 50 languages/);
    });
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
