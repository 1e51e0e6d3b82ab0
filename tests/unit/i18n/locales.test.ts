import { describe, expect, it } from 'vitest';
import {
  format,
  localeProblems,
  mergeSources,
  paramsOf,
  substitutions,
  toChromeMessage,
  toChromeMessages,
} from '../../../core/i18n/messages';
import { t } from '../../../lib/i18n';
import { DEFAULT_LOCALE, localeNames, readLocale } from '../../../scripts/locales';

describe('message sources', () => {
  it('ship English and Spanish, and every language has every English message with the same parameters', () => {
    const languages = localeNames();
    expect(languages).toEqual(expect.arrayContaining(['en', 'es']));
    const english = readLocale(DEFAULT_LOCALE);
    expect(localeProblems('en', english, english)).toEqual([]);
    for (const lang of languages) expect(localeProblems(lang, readLocale(lang), english)).toEqual([]);
  });

  it('become valid browser messages', () => {
    for (const lang of localeNames()) {
      const chrome = toChromeMessages(readLocale(lang));
      for (const [key, value] of Object.entries(chrome)) {
        expect(key).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
        expect(value.message.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('toChromeMessage', () => {
  it('numbers parameters alphabetically, whatever order the text uses', () => {
    expect(paramsOf('{since}: +{count} answered, {count} in all')).toEqual(['count', 'since']);
    expect(toChromeMessage('+{count} answered since {since}')).toEqual({
      message: '+$COUNT$ answered since $SINCE$',
      placeholders: { count: { content: '$1' }, since: { content: '$2' } },
    });
    expect(toChromeMessage('desde el {since}: {count} más').placeholders).toEqual({
      count: { content: '$1' },
      since: { content: '$2' },
    });
    expect(substitutions({ since: 'Tuesday', count: 3 })).toEqual(['3', 'Tuesday']);
  });

  it('keeps a dollar sign literal', () => {
    expect(toChromeMessage('Costs $5').message).toBe('Costs $$5');
  });
});

describe('localeProblems', () => {
  const english = { a: 'One {n}', b: 'Two' };
  it('names a missing, extra, empty or mismatched message', () => {
    expect(localeProblems('es', { a: 'Uno {m}', b: ' ', c: 'x' }, english)).toEqual([
      'es: "a" has parameters {m}, English has {n}.',
      'es: "b" is empty.',
      'es: "c" is not in English.',
    ]);
    expect(localeProblems('es', { b: 'Dos' }, english)).toEqual(['es: "a" is missing.']);
  });

  it('refuses a key defined in two area files', () => {
    expect(() =>
      mergeSources([
        { name: 'en/a.json', messages: { x: '1' } },
        { name: 'en/b.json', messages: { x: '2' } },
      ]),
    ).toThrow(/"x" is defined in both en\/a.json and en\/b.json/);
  });
});

describe('t', () => {
  it('reads the message through browser.i18n, with named parameters', () => {
    expect(t('extName')).toBe('PlanLens');
    expect(format('+{count} since {since}', { count: 2, since: 'Tuesday' })).toBe('+2 since Tuesday');
  });
});
