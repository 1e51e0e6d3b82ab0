import { describe, expect, it } from 'vitest';
import { markdownToBlocks, plainTextToBlocks } from '../../../core/extract/text';
import type { Block } from '../../../core/model';

/** [kind, text] or [kind, text, level] — the parts of a block a reader of the side panel sees. */
type Shape = [Block['kind'], string] | [Block['kind'], string, number];

const shapes = (blocks: Block[]): Shape[] =>
  blocks.map((b) => (b.level === undefined ? [b.kind, b.text] : [b.kind, b.text, b.level]));

describe('Markdown → blocks', () => {
  it.each<[string, string, Shape[]]>([
    [
      'ATX headings keep their level',
      '# Plan\n\n### Coaching ###',
      [
        ['heading', 'Plan', 1],
        ['heading', 'Coaching', 3],
      ],
    ],
    ['"#tag" without a space is text', '#coaching matters', [['paragraph', '#coaching matters']]],
    [
      'setext headings',
      'Literacy Plan\n=============\nInstallation\n---',
      [
        ['heading', 'Literacy Plan', 1],
        ['heading', 'Installation', 2],
      ],
    ],
    [
      'consecutive lines form one paragraph',
      'Coaches observe\nevery two weeks.\n\nNext paragraph.',
      [
        ['paragraph', 'Coaches observe every two weeks.'],
        ['paragraph', 'Next paragraph.'],
      ],
    ],
    [
      'list items of every marker, with wrapped lines joined',
      '- one\n  continues\n* two\n+ three\n1. four\n2) five\n- [x] done task',
      [
        ['listItem', 'one continues'],
        ['listItem', 'two'],
        ['listItem', 'three'],
        ['listItem', 'four'],
        ['listItem', 'five'],
        ['listItem', 'done task'],
      ],
    ],
    [
      'an indented paragraph after a blank line stays in its list item',
      '- Hire coaches\n\n  They start in August.\n\nAfter the list.',
      [
        ['listItem', 'Hire coaches They start in August.'],
        ['paragraph', 'After the list.'],
      ],
    ],
    [
      'inline markup is stripped, link text kept, images dropped',
      'A **bold** and _italic_ and *em* ~~old~~ `code_span` [job description](https://hr.example/jd "JD") ![chart](c.png) <https://x.example> <b>tag</b>',
      [['paragraph', 'A bold and italic and em old code_span job description https://x.example tag']],
    ],
    [
      'underscores inside words and lone stars are text',
      'snake_case_id and 2 * 3 * 4 and \\*not em\\* &amp; more',
      [['paragraph', 'snake_case_id and 2 * 3 * 4 and *not em* & more']],
    ],
    [
      'HTML comments are dropped, even across lines',
      'Keep <!-- hidden --> this\n<!-- a\nlong note -->\nand this',
      [
        ['paragraph', 'Keep this'],
        ['paragraph', 'and this'],
      ],
    ],
    [
      'fenced code is kept as a paragraph, markup and all',
      '```text\nCoaches **observe** weekly\n<!-- not a comment here -->\n```\nafter',
      [
        ['paragraph', 'Coaches **observe** weekly <!-- not a comment here -->'],
        ['paragraph', 'after'],
      ],
    ],
    [
      'block quotes, thematic breaks, front matter and link definitions leave only text',
      '---\ntitle: Plan\n---\n> Quoted **plan** text\n\n***\n[jd]: https://hr.example/jd\nEnd',
      [
        ['paragraph', 'Quoted plan text'],
        ['paragraph', 'End'],
      ],
    ],
  ])('%s', (_name, md, expected) => {
    expect(shapes(markdownToBlocks(md))).toEqual(expected);
  });

  it('reads pipe tables into cells with table index, row and column; row 0 is the header', () => {
    const md = [
      'Intro',
      '',
      '| Driver | Installation |',
      '|:-------|-------------:|',
      '| Coaching | **Hire** two coaches \\| August |',
      '| Training | |',
      '',
      'a | b',
      '--|--',
      '1 | 2',
    ].join('\n');
    const blocks = markdownToBlocks(md);
    const cells = blocks.filter((b) => b.kind === 'tableCell').map((b) => [b.text, b.table]);
    expect(cells).toEqual([
      ['Driver', { index: 0, row: 0, col: 0 }],
      ['Installation', { index: 0, row: 0, col: 1 }],
      ['Coaching', { index: 0, row: 1, col: 0 }],
      ['Hire two coaches | August', { index: 0, row: 1, col: 1 }],
      ['Training', { index: 0, row: 2, col: 0 }],
      ['a', { index: 1, row: 0, col: 0 }],
      ['b', { index: 1, row: 0, col: 1 }],
      ['1', { index: 1, row: 1, col: 0 }],
      ['2', { index: 1, row: 1, col: 1 }],
    ]);
    expect(blocks.map((b) => b.id)).toEqual(blocks.map((_b, i) => `b${i}`));
  });

  it('treats Windows line endings like Unix ones', () => {
    expect(markdownToBlocks('# Plan\r\n\r\nOne\r\ntwo\r\n')).toEqual(markdownToBlocks('# Plan\n\nOne\ntwo\n'));
  });

  it('gives nothing for an empty document', () => {
    expect(markdownToBlocks('')).toEqual([]);
    expect(markdownToBlocks('\n\n<!-- only a comment -->\n')).toEqual([]);
  });
});

describe('plain text → blocks', () => {
  it.each<[string, string, Shape[]]>([
    [
      'paragraphs are separated by blank lines and wrapped lines joined',
      'Coaches observe\nevery two weeks.\n\nSecond paragraph.',
      [
        ['paragraph', 'Coaches observe every two weeks.'],
        ['paragraph', 'Second paragraph.'],
      ],
    ],
    [
      'ALL CAPS lines are headings, even with a mixed-case date range',
      'Intro.\n\nLITERACY PLAN\n\nINSTALLATION (June - August 2026)\nWe hire coaches.',
      [
        ['paragraph', 'Intro.'],
        ['heading', 'LITERACY PLAN', 3],
        ['heading', 'INSTALLATION (June - August 2026)', 3],
        ['paragraph', 'We hire coaches.'],
      ],
    ],
    [
      'a first line set as a title is the top heading; a first line of prose is not',
      'Oak Street Elementary - Morning Meeting Plan (2025-26)\nPrepared by: L. Jennings\n\nCoaches observe each teacher\nevery two weeks.',
      [
        ['heading', 'Oak Street Elementary - Morning Meeting Plan (2025-26)', 1],
        ['paragraph', 'Prepared by: L. Jennings'],
        ['paragraph', 'Coaches observe each teacher every two weeks.'],
      ],
    ],
    [
      'stage and phase lines rank above numbered sections, and those above "Key Dates:" labels',
      'Stage 2: Installation\n\n3. Coaching\n\nKey Dates and Owners:\nAugust 12 training.',
      [
        ['heading', 'Stage 2: Installation', 2],
        ['heading', '3. Coaching', 4],
        ['heading', 'Key Dates and Owners', 6],
        ['paragraph', 'August 12 training.'],
      ],
    ],
    [
      'roman numerals, parts and steps',
      'IV. Fidelity\n\nPart 2 - Budget\n\nStep 1: Hire coaches\nPost the job.',
      [
        ['heading', 'IV. Fidelity', 1],
        ['heading', 'Part 2 - Budget', 1],
        ['heading', 'Step 1: Hire coaches', 5],
        ['paragraph', 'Post the job.'],
      ],
    ],
    [
      'lines that only look like headings stay text',
      'Stage 2 will begin in August when\nthe coaches are hired.\n\nPlan owner:\nK. Tran\n\nTHE END.\nmore\n\nLAST LINE',
      [
        ['paragraph', 'Stage 2 will begin in August when the coaches are hired.'],
        ['paragraph', 'Plan owner: K. Tran'],
        ['paragraph', 'THE END. more'],
        ['paragraph', 'LAST LINE'],
      ],
    ],
    [
      'bullet-ish lines are list items; indented or unfinished lines continue them',
      '- one\n  wraps\n* two\n• three and\nmore.\no four\n1. five\n2) six.\nAfter.',
      [
        ['listItem', 'one wraps'],
        ['listItem', 'two'],
        ['listItem', 'three and more.'],
        ['listItem', 'four'],
        ['listItem', 'five'],
        ['listItem', 'six.'],
        ['paragraph', 'After.'],
      ],
    ],
    [
      'a numbered line with a list under it is a heading; a run of numbered lines is a list',
      '1. Training\n   - Four days in August.\n\nNext steps\n1. Hire coaches\n2. Buy the kit',
      [
        ['heading', '1. Training', 4],
        ['listItem', 'Four days in August.'],
        ['paragraph', 'Next steps'],
        ['listItem', 'Hire coaches'],
        ['listItem', 'Buy the kit'],
      ],
    ],
    [
      'rule lines frame sections like blank lines',
      '----------\n1. WHY WE NEED THIS\n----------\nBecause.',
      [
        ['heading', '1. WHY WE NEED THIS', 4],
        ['paragraph', 'Because.'],
      ],
    ],
  ])('%s', (_name, text, expected) => {
    expect(shapes(plainTextToBlocks(text))).toEqual(expected);
  });

  it.each([
    ['tab', 'Driver\tInstallation\nCoaching\t\tHire two coaches\nTraining\tAugust institute'],
    ['pipe', 'Driver | Installation\n-------+-------------\nCoaching | Hire two coaches\nTraining | August institute'],
  ])('reads %s-separated aligned lines as a table', (_sep, text) => {
    const cells = plainTextToBlocks(text).map((b) => [b.kind, b.text, b.table]);
    expect(cells).toEqual([
      ['tableCell', 'Driver', { index: 0, row: 0, col: 0 }],
      ['tableCell', 'Installation', { index: 0, row: 0, col: 1 }],
      ['tableCell', 'Coaching', { index: 0, row: 1, col: 0 }],
      ['tableCell', 'Hire two coaches', { index: 0, row: 1, col: 1 }],
      ['tableCell', 'Training', { index: 0, row: 2, col: 0 }],
      ['tableCell', 'August institute', { index: 0, row: 2, col: 1 }],
    ]);
  });

  it('needs two aligned lines with the same number of cells for a table', () => {
    const blocks = plainTextToBlocks('Plan owner | K. Tran\nDates are in August.\n\na | b | c\nd | e');
    expect(blocks.every((b) => b.kind === 'paragraph')).toBe(true);
  });

  it('numbers blocks in order and treats CRLF like LF', () => {
    const crlf = plainTextToBlocks('PLAN\r\n\r\nOne\r\ntwo\r\n\r\n- item\r\n');
    expect(crlf).toEqual(plainTextToBlocks('PLAN\n\nOne\ntwo\n\n- item\n'));
    expect(crlf.map((b) => b.id)).toEqual(['b0', 'b1', 'b2']);
  });
});
