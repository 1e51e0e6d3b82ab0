import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlTitle, htmlToBlocks } from '../../../core/extract/html';

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../fixtures', name), 'utf8');

describe('HTML → blocks', () => {
  it('reads a Google Docs export: headings keep their h.… ids, table cells know their row and column', () => {
    const blocks = htmlToBlocks(fixture('gdocs/lakeview-pbis.export.html'));
    const first = blocks[0];
    expect(first).toMatchObject({ kind: 'heading', level: 1, anchor: 'h.q2mz8r1kq0ab' });
    expect(first?.text).toBe('Lakeview Middle School PBIS Implementation Plan, 2026–27');
    const installation = blocks.find((b) => b.text.startsWith('Installation'));
    expect(installation).toMatchObject({ kind: 'heading', level: 2, anchor: 'h.7fy3kd0wz1cu' });
    expect(blocks.filter((b) => b.kind === 'listItem')).toHaveLength(5);
    const cell = blocks.find((b) => b.text === 'T. Vaughn');
    expect(cell).toMatchObject({ kind: 'tableCell', table: { index: 0, row: 1, col: 1 } });
    // Style sheets and empty paragraphs leave no blocks behind.
    expect(blocks.some((b) => b.text.includes('{'))).toBe(false);
    expect(blocks.every((b) => b.text.trim().length > 0)).toBe(true);
  });

  it('drops scripts and styles and keeps markup-looking text as plain text', () => {
    const blocks = htmlToBlocks(
      '<p>Before<script>alert(1)</script> after</p><style>p{}</style><p>&lt;img src=x onerror=alert(1)&gt;</p>',
    );
    expect(blocks.map((b) => b.text)).toEqual(['Before after', '<img src=x onerror=alert(1)>']);
  });

  it('merges paragraphs inside one list item or table cell', () => {
    const blocks = htmlToBlocks(
      '<ul><li><p>One</p><p>two</p></li></ul><table><tr><td><p>a</p><p>b</p></td></tr></table>',
    );
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['listItem', 'One two'],
      ['tableCell', 'a b'],
    ]);
  });

  it('keeps loose text and unclosed paragraphs', () => {
    const blocks = htmlToBlocks('Loose words<p>first<p>second<h2>Title</h2>');
    expect(blocks.map((b) => b.text)).toEqual(['Loose words', 'first', 'second', 'Title']);
  });

  it('decodes entities, including numeric ones, and leaves unknown ones alone', () => {
    expect(decodeEntities('a &amp; b &#8211; &#x2014; &nbsp;&bogus; &#0;')).toBe('a & b – —  &bogus; &#0;');
  });

  it('finds the title', () => {
    expect(htmlTitle('<html><head><title> My &amp; Plan </title></head></html>')).toBe('My & Plan');
    expect(htmlTitle('<p>none</p>')).toBe('');
  });
});
