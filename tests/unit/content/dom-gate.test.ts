// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { verdictInPage } from '../../../background/readers';
import { customAdapter } from '../../../content/adapters/custom';
import { runDomGate } from '../../../content/dom-gate';
import { GATE_VERDICT_KEY } from '../../../content/gate';

/**
 * The gate of DOM pages (content/dom-gate.ts) in a page: it asks for the reader only when the
 * page's text talks like a plan, once, and keeps looking after edits until then.
 */

const PLAN_TEXT =
  'Implementation plan, Installation stage. The coaching team schedules fidelity checks; training for all staff by October; data reviewed monthly.';
const NOT_PLAN_TEXT = 'Staff potluck on Friday. Bring a dish to share: soups, salads and desserts welcome.';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let asked: unknown[] = [];
let reply: unknown = { ok: true, value: { started: true } };

beforeEach(() => {
  fakeBrowser.reset();
  asked = [];
  reply = { ok: true, value: { started: true } };
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    asked.push(message);
    return Promise.resolve(reply);
  });
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    'https://intranet.district.org/plans/reading',
  );
});

afterEach(() => {
  // A gate in a later test takes the frame over, which stops this one.
  document.body.innerHTML = '';
});

const page = (text: string) => {
  document.body.innerHTML = `<main><h1>Page</h1><p id="text">${text}</p></main>`;
};

describe('the gate of a DOM page', () => {
  it('leaves a page that does not talk like a plan alone: no reader, nothing sent', async () => {
    page(NOT_PLAN_TEXT);
    runDomGate('custom', customAdapter);
    await sleep(20);
    expect(verdictInPage()).toBe('declined');
    expect(asked).toEqual([]);
  });

  it('asks for the reader once when the page talks like a plan', async () => {
    page(PLAN_TEXT);
    runDomGate('custom', customAdapter);
    await sleep(20);
    expect(asked).toEqual([{ type: 'startReader', site: 'custom' }]);
    expect(verdictInPage()).toBe('handed-over');
    // Later edits are the reader's business.
    (document.getElementById('text') as HTMLElement).textContent = `${PLAN_TEXT} More.`;
    await sleep(1700);
    expect(asked).toHaveLength(1);
  });

  it('looks again after edits pause, and hands over once the text becomes a plan', async () => {
    page(NOT_PLAN_TEXT);
    runDomGate('custom', customAdapter);
    await sleep(20);
    expect(verdictInPage()).toBe('declined');
    (document.getElementById('text') as HTMLElement).textContent = PLAN_TEXT;
    await sleep(200);
    expect(asked).toEqual([]); // still debouncing
    await sleep(1600);
    expect(asked).toEqual([{ type: 'startReader', site: 'custom' }]);
  });

  it('waits for a page that has not rendered its text yet', async () => {
    document.body.innerHTML = '<main></main>';
    runDomGate('custom', customAdapter);
    await sleep(20);
    expect(verdictInPage()).toBe('waiting');
    (document.querySelector('main') as HTMLElement).textContent = PLAN_TEXT;
    await sleep(400);
    expect(asked).toEqual([{ type: 'startReader', site: 'custom' }]);
  });

  it('stops when a newer gate takes the frame (the extension was updated)', async () => {
    page(NOT_PLAN_TEXT);
    runDomGate('custom', customAdapter);
    runDomGate('custom', customAdapter);
    await sleep(20);
    (document.getElementById('text') as HTMLElement).textContent = PLAN_TEXT;
    await sleep(1800);
    expect(asked).toEqual([{ type: 'startReader', site: 'custom' }]);
  });

  it('says "declined" again when the background starts no reader, so the panel does not wait', async () => {
    reply = { ok: true, value: { started: false } };
    page(PLAN_TEXT);
    runDomGate('custom', customAdapter);
    await sleep(50);
    expect(asked).toHaveLength(1);
    expect(verdictInPage()).toBe('declined');
  });

  it('on a single-page site, looks again after a navigation, not at the previous item’s text', async () => {
    page(NOT_PLAN_TEXT);
    runDomGate('custom', customAdapter, true);
    await sleep(20);
    expect(verdictInPage()).toBe('declined');
    // The address changes first; the old item's text is still there.
    history.pushState(null, '', '/plans/next');
    await sleep(1300);
    expect(verdictInPage()).toBe('waiting');
    expect(asked).toEqual([]);
    // The new item renders.
    (document.getElementById('text') as HTMLElement).textContent = PLAN_TEXT;
    await sleep(500);
    expect(asked).toEqual([{ type: 'startReader', site: 'custom' }]);
  });
});

describe('the gate verdict as the background reads it', () => {
  it('is read by the function the background sends into the page', async () => {
    page(NOT_PLAN_TEXT);
    runDomGate('custom', customAdapter);
    await sleep(20);
    expect(verdictInPage()).toBe('declined');
    expect((globalThis as Record<string, unknown>)[GATE_VERDICT_KEY]).toBe('declined');
  });
});
