import { describe, expect, it } from 'vitest';
import { scannedWords, TermIndex } from '../../../../core/analyze/terms';
import { stem, words } from '../../../../core/analyze/text';

function indexOf(...terms: string[]): TermIndex {
  const index = new TermIndex();
  for (const term of terms) index.add(term);
  return index;
}

const found = (index: TermIndex, text: string): string[] => {
  const match = index.match(text);
  return [...match.found.entries()].map(([, at]) => match.words[at] ?? '');
};

describe('term index', () => {
  it('matches inflections, phrases and prefixes, and reports where each term first occurs', () => {
    const index = indexOf('coach', 'position description', 'observ*', 'data review');
    const match = index.match('Coaches will write Position Descriptions; observers observed the data reviews.');
    const at = (term: string) => match.found.get(index.add(term));
    expect(at('coach')).toBe(0);
    expect(at('position description')).toBe(3);
    expect(at('observ*')).toBe(5);
    expect(at('data review')).toBe(8);
  });

  it('does not match across a word boundary or a missing phrase word', () => {
    const index = indexOf('coach', 'data review');
    expect(found(index, 'Cockroach data, then a later review')).toEqual([]);
  });

  it('ignores stop words and one-letter terms as whole terms', () => {
    const index = new TermIndex();
    expect(index.add('the')).toBe(-1);
    expect(index.add('a')).toBe(-1);
    expect(index.add('by when')).toBeGreaterThanOrEqual(0);
  });

  it('reads the same words as words() on ASCII text, whatever the case, digits and apostrophes', () => {
    const index = indexOf('coach');
    const samples = [
      "The TEACHER'S coach didn't meet on 3/14; Q2 data (2026-27) are due.",
      'ALL-CAPS HEADING: Stage 2 — Installation',
      "rock'n'roll o'clock teachers' lounge it's 9:30",
      '',
      '   ',
      'x',
    ];
    // Also a deterministic pseudo-random sample of ASCII strings.
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const alphabet = "abcXYZ019 '-.,;:\n\t";
    for (let n = 0; n < 300; n++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      samples.push(text);
    }
    for (const text of samples) expect(scannedWords(index.scan(text)), JSON.stringify(text)).toEqual(words(text));
  });

  it('keeps working after thousands of distinct words (the intern table grows)', () => {
    const index = indexOf('coach');
    const text = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
    expect(index.scan(text).wordCount).toBe(20_000);
    expect(found(index, `${text} coach`)).toEqual(['coach']);
  });

  it('stems symmetrically for bank terms and plan text', () => {
    for (const [a, b] of [
      ['coaches', 'coaching'],
      ['policies', 'policy'],
      ['observed', 'observe'],
      ['planning', 'plan'],
      ['schedules', 'scheduling'],
    ]) {
      expect(stem(a as string)).toBe(stem(b as string));
    }
  });
});
