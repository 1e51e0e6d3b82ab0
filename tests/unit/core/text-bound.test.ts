import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToBlocks } from '../../../core/extract/html';
import { TextLowerBound } from '../../../core/extract/text-bound';
import { readFixture } from '../helpers';

const textOf = (html: string): number => htmlToBlocks(html).reduce((sum, block) => sum + block.text.length, 0);

const bound = (pieces: string[]): number => {
  const counter = new TextLowerBound();
  for (const piece of pieces) counter.feed(piece);
  return counter.count;
};

describe('the lower bound of a document’s text, counted as it streams in', () => {
  it('stays under the text the reader finds, and near it, on a real Google Docs export', () => {
    const html = readFixture('gdocs/lakeview-pbis.export.html');
    const exact = textOf(html);
    const counted = bound([html]);
    expect(counted).toBeLessThanOrEqual(exact);
    expect(counted).toBeGreaterThan(exact * 0.7);
  });

  it('counts the same however the bytes are split, even inside tags and comments', () => {
    const html =
      '<html><head><style>p{color:red}</style><title>Plan</title></head><body><!-- a > b --><h1 id="h.1">Stage: Installation</h1><p>Coach&nbsp;meets &amp; team</p><svg><text>skipped</text></svg><p>Data</p></body></html>';
    const whole = bound([html]);
    for (let at = 1; at < html.length; at++) expect(bound([html.slice(0, at), html.slice(at)])).toBe(whole);
    expect(bound([...html])).toBe(whole);
    expect(whole).toBeLessThanOrEqual(textOf(html));
    // Skipped: the style sheet, the title, the comment and the drawing's text.
    expect(whole).toBeGreaterThan(0);
    expect(whole).toBeLessThanOrEqual('Stage:InstallationCoachmeetsteamData'.length);
  });

  it('is a lower bound on any mix of tags, entities, spaces and text', () => {
    const part = fc.oneof(
      fc.constantFrom('<p>', '</p>', '<h2 id="h.x">', '</h2>', '<li>', '<td>', '<br>', '<span class="c1">', '</span>'),
      fc.constantFrom('&nbsp;', '&amp;', '&#233;', '&#x2013;', '&lt;', '&unknown;', '&', '\u00a0', '\u200b', ' \n\t'),
      fc.constantFrom('<style>x{}</style>', '<script>var a = "<p>";</script>', '<!-- c > d -->', '<svg><t>s</t></svg>'),
      fc.string({ maxLength: 12 }).map((text) => text.replace(/[<>&]/g, '')),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 40 }), fc.nat(), (parts, cut) => {
        const html = `<html><body>${parts.join('')}</body></html>`;
        const at = cut % html.length;
        expect(bound([html.slice(0, at), html.slice(at)])).toBeLessThanOrEqual(textOf(html));
      }),
      { numRuns: 500 },
    );
  });
});
