import fc from 'fast-check';
import { defaultBank } from '../../../core/bank/default';
import { type Block, type DocSnapshot, DRIVERS, STAGES } from '../../../core/model';

/**
 * Generators shared by the property tests. Random text alone rarely says anything a bank knows,
 * so text mixes the default bank's own vocabulary (stage names, cues, driver terms, concept
 * terms) with arbitrary Unicode, right-to-left scripts, emoji, markup and pathological words.
 */

const bank = defaultBank();
const VOCABULARY = [
  ...new Set([
    ...STAGES.flatMap((s) => [...bank.stages[s].names, ...bank.stages[s].cues]),
    ...DRIVERS.flatMap((d) => bank.drivers[d].terms),
    ...bank.questions.flatMap((q) => q.concepts.flatMap((c) => c.terms)),
    'current stage: installation',
    'stage 2',
    'implementation plan',
  ]),
]
  .map((term) => term.replace(/\*$/, 'ing'))
  .sort();

export const RTL = ['خطة التنفيذ', 'مرحلة الاستكشاف', 'תוכנית יישום', 'שלב ההתקנה', 'آموزش', '\u200fמאמן\u200e'];
export const EMOJI = ['📚', '👩🏽‍🏫', '🏳️‍🌈', '✅', '🇺🇸', '1️⃣', '\u{1F600}\u{FE0F}', '🧑‍🤝‍🧑'];
export const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'; DROP TABLE x; --",
  '&lt;b&gt;',
  '&amp;',
  '[link](javascript:alert(1))',
  '![img](http://evil.example/x.png)',
  '`code`',
  '**bold** _em_ ~~del~~',
  '| a | b |',
  '# heading',
  '\\',
  '=HYPERLINK("http://evil.example")',
  '+1',
  '-2',
  '@SUM(A1)',
  '\t=1+1',
  '\r=1+1',
];
const ODD = ['\u0000', '\uFFFD', '\uD800', '\uDC00', '\u200B', '\u2028', '\u00A0', '\u0301', 'ß', 'İ', 'ﬁ', 'Ⅻ'];
const SEPARATORS = [' ', ' ', ' ', '\n', '\t', '', '  ', ': ', ', ', '. ', ' — ', '\u00A0', '\r\n', ' / ', '-'];

const word = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...VOCABULARY) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom(...RTL, ...EMOJI, ...MARKUP, ...ODD) },
  { weight: 1, arbitrary: fc.integer({ min: -99999, max: 99999 }).map(String) },
);

/**
 * A pathological word: one letter, emoji or mark repeated thousands of times, up to the 20,000
 * characters a block may have (core/protocol.ts LIMITS.blockChars; a cut may split an emoji).
 */
export const hugeWord = fc
  .tuple(fc.constantFrom('a', 'é', 'ب', '📚', 'x\u0301', '-', '.', ' '), fc.integer({ min: 500, max: 20_000 }))
  .map(([unit, n]) => unit.repeat(n).slice(0, 20_000));

/** Text of one block: mostly short runs of words, sometimes empty, sometimes one huge word. */
export const blockText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .array(fc.tuple(word, fc.constantFrom(...SEPARATORS)), { maxLength: 30, size: 'medium' })
      .map((parts) => parts.map(([w, sep]) => `${w}${sep}`).join('')),
  },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: hugeWord },
);

/** Any text at all, for the pieces that are not block texts (titles, notes). */
export const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .array(fc.constantFrom(...MARKUP, ...RTL, ...EMOJI, ...ODD, ...SEPARATORS, 'plan', 'x'), { maxLength: 8 })
    .map((a) => a.join('')),
);

const KINDS: Block['kind'][] = ['heading', 'paragraph', 'listItem', 'tableCell'];

/** A block as an adapter could send it, including odd levels, tables and ids. */
export const block: fc.Arbitrary<Omit<Block, 'id'> & { id?: string }> = fc.record(
  {
    kind: fc.constantFrom(...KINDS),
    text: blockText,
    level: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: -3, max: 12 })),
    anchor: fc.oneof(fc.constantFrom('h.abc123', 'h.x', ''), fc.string({ maxLength: 10 })),
    table: fc.record({
      index: fc.nat({ max: 4 }),
      row: fc.oneof(fc.nat({ max: 12 }), fc.nat()),
      col: fc.oneof(fc.nat({ max: 6 }), fc.nat({ max: 5000 })),
    }),
    id: fc.constantFrom('dup', 'b', ''),
  },
  { requiredKeys: ['kind', 'text'] },
);

/** Block lists: ids unique (as adapters give) unless the block asked for a duplicate one. */
export const blocks = (maxLength = 40): fc.Arbitrary<Block[]> =>
  fc
    .array(block, { maxLength, size: 'medium' })
    .map((list) => list.map((b, i) => ({ ...b, id: b.id === undefined ? `b${i}` : b.id })));

export function snapshot(list: Block[], docKey = 'file:property'): DocSnapshot {
  return { docKey, site: 'file', url: 'file:///property', title: 'Property document', blocks: list };
}

/**
 * A small edit of a block list, as a user's typing makes: change, insert, delete or move a block.
 * Returns a new list; the input is not changed.
 */
export const edit = (list: Block[]): fc.Arbitrary<Block[]> =>
  fc
    .record({
      op: fc.constantFrom('change', 'insert', 'delete', 'move', 'append-text'),
      at: fc.nat(),
      to: fc.nat(),
      other: block,
      text: blockText,
    })
    .map(({ op, at, to, other, text }) => {
      const next = list.map((b) => ({ ...b }));
      const i = next.length ? at % next.length : 0;
      const target = next[i];
      switch (op) {
        case 'change':
          if (target) target.text = text;
          break;
        case 'append-text':
          if (target) target.text = `${target.text} ${text}`;
          break;
        case 'insert':
          next.splice(i, 0, { ...other, id: `new${at}` });
          break;
        case 'delete':
          next.splice(i, 1);
          break;
        case 'move': {
          const [moved] = next.splice(i, 1);
          if (moved) next.splice(next.length ? to % (next.length + 1) : 0, 0, moved);
          break;
        }
      }
      return next;
    });
