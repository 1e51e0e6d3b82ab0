// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { canvasAdapter } from '../../../content/adapters/canvas';
import { customAdapter } from '../../../content/adapters/custom';
import { domToBlocks } from '../../../content/dom-blocks';
import { probeDomPage } from '../../../content/dom-probe';
import { htmlToBlocks } from '../../../core/extract/html';
import { textFingerprint } from '../../../core/sites/readers';

/**
 * The probe of DOM pages (content/dom-probe.ts), as the background runs it in a page: a verdict
 * on the text where the site's reader would read, and nothing left behind.
 */

const PLAN_TEXT =
  'Implementation plan, Installation stage. The coaching team schedules fidelity checks; training for all staff by October; data reviewed monthly.';
const NOT_PLAN_TEXT = 'Staff potluck on Friday. Bring a dish to share: soups, salads and desserts welcome.';
const CANVAS_PAGE = 'https://hcusd.instructure.com/courses/4821/pages/plan';

const setUrl = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

const canvasPage = (text: string) => {
  document.body.innerHTML = `<div id="application" class="ic-app"><div id="wiki_page_show"><h1 class="page-title">Plan</h1><div class="show-content user_content"><p>${text}</p></div></div></div>`;
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the probe of a DOM page', () => {
  it('says "read" where the text talks like a plan, and "skip" where it does not', async () => {
    setUrl(CANVAS_PAGE);
    canvasPage(PLAN_TEXT);
    expect((await probeDomPage(canvasAdapter)).verdict).toBe('read');
    canvasPage(NOT_PLAN_TEXT);
    expect(await probeDomPage(canvasAdapter)).toEqual({ verdict: 'skip' });
  });

  it('looks only where the reader reads: plan words elsewhere in the page do not count', async () => {
    setUrl(CANVAS_PAGE);
    canvasPage(NOT_PLAN_TEXT);
    document.body.insertAdjacentHTML('beforeend', `<nav>${PLAN_TEXT}</nav>`);
    expect(await probeDomPage(canvasAdapter)).toEqual({ verdict: 'skip' });
  });

  it('says "none" on a page that is not the site’s document, without waiting', async () => {
    setUrl(CANVAS_PAGE);
    document.body.innerHTML = `<main>${PLAN_TEXT}</main>`;
    const started = performance.now();
    expect(await probeDomPage(canvasAdapter, { waitLimitMs: 5000 })).toEqual({ verdict: 'none' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('waits for text that renders late, and gives up on text that never does', async () => {
    setUrl(CANVAS_PAGE);
    canvasPage('');
    const answer = probeDomPage(canvasAdapter, { waitStepMs: 10, waitLimitMs: 2000 });
    setTimeout(() => canvasPage(PLAN_TEXT), 50);
    expect((await answer).verdict).toBe('read');
    canvasPage('   ');
    expect(await probeDomPage(canvasAdapter, { waitStepMs: 10, waitLimitMs: 60 })).toEqual({ verdict: 'none' });
  });

  it('says which text it saw on single-page sites, and only there', async () => {
    setUrl('https://intranet.district.org/plans/reading');
    document.body.innerHTML = `<main><p>${NOT_PLAN_TEXT}</p></main>`;
    const answer = await probeDomPage(customAdapter, { fingerprint: true });
    expect(answer.verdict).toBe('skip');
    expect(answer.fingerprint).toMatch(/^\d+:[0-9a-z]+$/);
    setUrl(CANVAS_PAGE);
    canvasPage(NOT_PLAN_TEXT);
    expect(await probeDomPage(canvasAdapter)).not.toHaveProperty('fingerprint');
  });

  it('reads only the start of a very long text, where the plan words are looked for', async () => {
    setUrl(CANVAS_PAGE);
    const filler = '<p>Potluck on Friday, bring a dish to share.</p>'.repeat(20_000);
    canvasPage(`${filler}</p><p>${PLAN_TEXT}`);
    // The plan words come after the first 200,000 characters: not looked at.
    expect(await probeDomPage(canvasAdapter)).toEqual({ verdict: 'skip' });
    canvasPage(`${PLAN_TEXT}</p>${filler}<p>`);
    // Read, but not sent: a page that large is the reader's to read, in its own time.
    expect(await probeDomPage(canvasAdapter)).toEqual({ verdict: 'read' });
  });

  it('sends the HTML of a page it says "read" for, for the background to judge', async () => {
    setUrl(CANVAS_PAGE);
    canvasPage(PLAN_TEXT);
    document
      .querySelector('.show-content')
      ?.insertAdjacentHTML('beforeend', '<h2>Coaching</h2><ul><li>Monthly cycles</li></ul>');
    const answer = await probeDomPage(canvasAdapter);
    const target = canvasAdapter.detect(CANVAS_PAGE, document);
    expect(answer.page).toEqual({
      docKey: 'canvas:hcusd.instructure.com:4821:plan',
      title: target?.title,
      html: target?.root?.innerHTML,
    });
    // The background reads it into the blocks the reader would send.
    expect(htmlToBlocks(answer.page?.html ?? '').map(({ kind, text }) => ({ kind, text }))).toEqual(
      domToBlocks(target?.root as Element).blocks.map(({ kind, text }) => ({ kind, text })),
    );
    canvasPage(NOT_PLAN_TEXT);
    expect(await probeDomPage(canvasAdapter)).not.toHaveProperty('page');
  });

  // No global either: that is the build's doing (scripts/probe-build.ts, tested in
  // sites-readers.test.ts and, on the built file in a page, in lms.e2e.test.ts).
  it('changes nothing in the document it looks at', async () => {
    setUrl(CANVAS_PAGE);
    canvasPage(PLAN_TEXT);
    const htmlBefore = document.documentElement.outerHTML;
    await probeDomPage(canvasAdapter);
    expect(document.documentElement.outerHTML).toBe(htmlBefore);
  });
});

describe('text fingerprints', () => {
  it('are equal for equal texts and differ for different ones', () => {
    expect(textFingerprint(PLAN_TEXT)).toBe(textFingerprint(`${PLAN_TEXT}`));
    expect(textFingerprint(PLAN_TEXT)).not.toBe(textFingerprint(`${PLAN_TEXT}.`));
    expect(textFingerprint('ab')).not.toBe(textFingerprint('ba'));
  });
});
