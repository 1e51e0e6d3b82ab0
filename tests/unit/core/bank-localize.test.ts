import { describe, expect, it } from 'vitest';
import { defaultBank } from '../../../core/bank/default';
import { pickTranslation, questionText } from '../../../core/bank/localize';
import type { BankQuestion } from '../../../core/bank/types';

const question = (translations?: BankQuestion['translations']) => ({ text: 'Is there a plan?', translations });

describe('questionText', () => {
  const q = question({
    es: { text: '¿Hay un plan?' },
    'es-MX': { text: '¿Hay un plan? (MX)' },
    'pt-BR': { text: 'Há um plano?' },
    'zh-Hant': { text: '有計劃嗎？' },
  });

  it.each([
    ['es', '¿Hay un plan?'],
    ['es-MX', '¿Hay un plan? (MX)'],
    ['es-419', '¿Hay un plan?'],
    ['es-US', '¿Hay un plan?'],
    ['pt-BR', 'Há um plano?'],
    ['zh-Hant-TW', '有計劃嗎？'],
    ['en', 'Is there a plan?'],
    ['en-US', 'Is there a plan?'],
    ['fr', 'Is there a plan?'],
    ['', 'Is there a plan?'],
  ])('in %j shows %j', (ui, expected) => {
    expect(questionText(q, ui)).toBe(expected);
  });

  it('ignores case and accepts underscores, as browsers report languages both ways', () => {
    expect(questionText(q, 'ES-mx')).toBe('¿Hay un plan? (MX)');
    expect(questionText(q, 'es_MX')).toBe('¿Hay un plan? (MX)');
    expect(questionText(q, 'pt_br')).toBe('Há um plano?');
    expect(questionText(question({ 'PT-br': { text: 'Há um plano?' } }), 'pt-BR')).toBe('Há um plano?');
  });

  it('prefers another variant of the same language to the bank text', () => {
    const regional = question({ 'es-419': { text: '¿Hay un plan?' }, 'pt-PT': { text: 'Existe um plano?' } });
    expect(questionText(regional, 'es')).toBe('¿Hay un plan?');
    expect(questionText(regional, 'es-ES')).toBe('¿Hay un plan?');
    expect(questionText(regional, 'pt-BR')).toBe('Existe um plano?');
    expect(questionText(regional, 'en')).toBe('Is there a plan?');
  });

  it('falls back to the bank text without translations', () => {
    expect(questionText(question(), 'es')).toBe('Is there a plan?');
    expect(questionText(question({}), 'es')).toBe('Is there a plan?');
  });

  it('skips blank translations of an unvalidated bank', () => {
    const blank = question({ 'es-MX': { text: '  ' }, es: { text: '¿Hay un plan?' } });
    expect(questionText(blank, 'es-MX')).toBe('¿Hay un plan?');
    expect(questionText(question({ es: { text: '' } }), 'es')).toBe('Is there a plan?');
  });

  it('shows the default bank in Spanish for every Spanish-speaking UI', () => {
    for (const bankQuestion of defaultBank().questions) {
      const es = bankQuestion.translations?.es?.text;
      for (const ui of ['es', 'es-419', 'es-MX', 'es_US']) expect(questionText(bankQuestion, ui)).toBe(es);
      expect(questionText(bankQuestion, 'en-US')).toBe(bankQuestion.text);
    }
  });
});

describe('pickTranslation', () => {
  it('names the tag as the bank writes it, for a lang attribute', () => {
    expect(pickTranslation(question({ 'pt-BR': { text: 'Há um plano?' } }), 'pt_br')).toEqual({
      tag: 'pt-BR',
      text: 'Há um plano?',
    });
    expect(pickTranslation(question({ es: { text: '¿Hay un plan?' } }), 'es-MX')).toEqual({
      tag: 'es',
      text: '¿Hay un plan?',
    });
  });

  it('is undefined when the bank text is the one to show', () => {
    expect(pickTranslation(question({ es: { text: '¿Hay un plan?' } }), 'en')).toBeUndefined();
    expect(pickTranslation(question(), 'es')).toBeUndefined();
  });
});
