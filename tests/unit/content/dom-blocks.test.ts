// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { domToBlockSteps, domToBlocks } from '../../../content/dom-blocks';
import { passageRange } from '../../../content/highlight';
import { htmlToBlocks } from '../../../core/extract/html';
import { readFixture } from '../helpers';

function rootOf(html: string): Element {
  const root = document.createElement('div');
  // Test input only: parsing fixture HTML to build a DOM for the walker.
  root.innerHTML = html;
  document.body.replaceChildren(root);
  return root;
}

describe('DOM → blocks', () => {
  it('reads headings, paragraphs, list items and table cells in order, with anchors', () => {
    const { blocks, elements } = domToBlocks(
      rootOf(
        '<h2 id="coaching">Coaching</h2><p>Coaches observe <b>every</b> teacher.</p><ul><li>Monthly feedback</li><li><p>Logs</p><p>reviewed</p></li></ul>' +
          '<table><tr><th>Activity</th><th>Who</th></tr><tr><td>Walkthrough</td><td>Principal</td></tr></table><div>Loose text<br>after a break</div>',
      ),
    );
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Coaching'],
      ['paragraph', 'Coaches observe every teacher.'],
      ['listItem', 'Monthly feedback'],
      ['listItem', 'Logs reviewed'],
      ['tableCell', 'Activity'],
      ['tableCell', 'Who'],
      ['tableCell', 'Walkthrough'],
      ['tableCell', 'Principal'],
      ['paragraph', 'Loose text'],
      ['paragraph', 'after a break'],
    ]);
    expect(blocks[0]).toMatchObject({ level: 2, anchor: 'coaching' });
    expect(blocks[7]?.table).toEqual({ index: 0, row: 1, col: 1 });
    expect(elements.get('b1')?.localName).toBe('p');
  });

  it('skips screen-reader hints, scripts, hidden parts and editor scaffolding', () => {
    const { blocks } = domToBlocks(
      rootOf(
        '<p>Visit the site<span class="screenreader-only">Links to an external site.</span></p><script>var x = 1;</script>' +
          '<p hidden>Hidden</p><p aria-hidden="true">Decor</p><p data-mce-bogus="all">bogus</p><p>Kept</p>',
      ),
    );
    expect(blocks.map((b) => b.text)).toEqual(['Visit the site', 'Kept']);
  });

  it('reads a Canvas plan body like the HTML extractor does', () => {
    const html = readFixture('lms/canvas-plan-body.html');
    const fromDom = domToBlocks(rootOf(html)).blocks.map((b) => [b.kind, b.text]);
    const fromHtml = htmlToBlocks(html.replace(/<span class="screenreader-only">[^<]*<\/span>/, '')).map((b) => [
      b.kind,
      b.text,
    ]);
    expect(fromDom).toEqual(fromHtml);
  });
});

describe('DOM → blocks on a page too large to read', () => {
  it('stops walking once it holds more text than PlanLens reads', () => {
    const root = rootOf('<p>Coaching cycle notes for the grade team.</p>'.repeat(2000));
    const steps = domToBlockSteps(root, 60000, 1000);
    let step = steps.next();
    while (!step.done) step = steps.next();
    const total = step.value.blocks.reduce((sum, block) => sum + block.text.length, 0);
    // Just past the limit (so the page is said to be too large), far from all 2,000 paragraphs.
    expect(total).toBeGreaterThan(1000);
    expect(step.value.blocks.length).toBeLessThan(40);
  });
});

describe('passage ranges for highlighting', () => {
  it('finds the snippet across inline elements, ignoring case, spacing and the … ends', () => {
    const root = rootOf('<p>The district   coordinator <b>coaches</b> each mentor every two weeks.</p>');
    const p = root.querySelector('p') as Element;
    const range = passageRange(p, '…Coordinator coaches each mentor…');
    expect(range.toString()).toBe('coordinator coaches each mentor');
  });

  it('falls back to the whole block when the text moved on', () => {
    const root = rootOf('<p>Something else entirely.</p>');
    const p = root.querySelector('p') as Element;
    expect(passageRange(p, 'not here').toString()).toBe('Something else entirely.');
  });
});
