import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browsers,
  type ExportAnswer,
  googleDocUrl,
  LAKEVIEW,
  LAKEVIEW_EDITED_HTML,
  panelUrl,
  type Session,
  serveLiveGoogleDoc,
  storedDocument,
  waitForStored,
} from './harness';

const { id: DOC_ID, docKey: DOC_KEY, title: TITLE, exportHtml: EXPORT } = LAKEVIEW;
const EDITED = LAKEVIEW_EDITED_HTML;
const ok = (body: string): ExportAnswer => ({ status: 200, body });

const browser = browsers();
const start = (): Promise<Session> => browser.launch();

async function blockCount(s: Session, page: Page): Promise<number> {
  const view = (await storedDocument(page, DOC_KEY)) as { report?: { blockCount?: number } } | null;
  void s;
  return view?.report?.blockCount ?? 0;
}

/** What the editor does on an edit: its DOM changes and the save indicator says "Saving…". */
async function typeInEditor(doc: Page, saving: string): Promise<void> {
  await doc.evaluate((text) => {
    const badge = document.querySelector('#docs-save-indicator-badge');
    if (badge) badge.textContent = text;
    const editor = document.querySelector('.kix-appview-editor');
    editor?.appendChild(document.createElement('div')).setAttribute('class', 'kix-cursor');
  }, saving);
}

async function setSaveIndicator(doc: Page, text: string): Promise<void> {
  await doc.evaluate((t) => {
    const badge = document.querySelector('#docs-save-indicator-badge');
    if (badge) badge.textContent = t;
  }, text);
}

/** A panel page that follows the active tab (no ?doc=), placed behind the document's tab. */
async function followingPanel(s: Session, doc: Page): Promise<Page> {
  const panel = await s.context.newPage();
  await panel.goto(panelUrl(s));
  await doc.bringToFront();
  return panel;
}

describe('Google Docs, live', () => {
  it('reads the document again after an edit, once the editor has saved', async () => {
    const s = await start();
    let text = EXPORT;
    const live = await serveLiveGoogleDoc(s.context, { id: DOC_ID, title: TITLE }, () => ok(text));
    const doc = await s.context.newPage();
    await doc.goto(googleDocUrl(DOC_ID));
    await waitForStored(s, DOC_KEY);
    const probe = await s.context.newPage();
    await probe.goto(panelUrl(s, DOC_KEY));
    const before = await blockCount(s, probe);
    expect(before).toBeGreaterThan(0);
    expect(live.exports).toHaveLength(1);

    text = EDITED;
    await typeInEditor(doc, 'Saving…');
    // Still saving well past the debounce: the export would not hold the edit yet.
    await doc.waitForTimeout(7000);
    expect(live.exports).toHaveLength(1);
    await setSaveIndicator(doc, 'All changes saved in Drive');
    await expect.poll(() => blockCount(s, probe), { timeout: 15000 }).toBe(before + 2);
    expect(live.exports).toHaveLength(2);
    // Quiet page, nothing new: no more reads.
    await doc.waitForTimeout(3000);
    expect(live.exports).toHaveLength(2);
  });

  it('finds a plan written from scratch in an open document while the panel is open', async () => {
    const s = await start();
    // A new document: a few words that are no plan yet.
    let text = '<html><body><p>Notes from Tuesday.</p></body></html>';
    const live = await serveLiveGoogleDoc(s.context, { id: DOC_ID, title: TITLE }, () => ok(text));
    const doc = await s.context.newPage();
    await doc.goto(googleDocUrl(DOC_ID));
    const panel = await followingPanel(s, doc);
    await expect.poll(() => panel.locator('.empty p').first().textContent()).toMatch(/Open an implementation plan/);
    await expect.poll(() => live.exports.length).toBeGreaterThan(0);
    const looks = live.exports.length;
    // The team writes the plan; the page is not loaded again.
    text = EXPORT;
    await expect.poll(() => panel.locator('.doc-title').textContent(), { timeout: 40000 }).toBe(TITLE);
    expect(await panel.locator('li.question').count()).toBeGreaterThan(0);
    // The plan was looked at once more (and handed to the reader): no reading in a loop.
    expect(live.exports.length).toBe(looks + 1);
  });

  it('backs off on 429 and 5xx answers, then reads the document', async () => {
    const s = await start();
    const answers: ExportAnswer[] = [{ status: 429 }, { status: 503 }, ok(EXPORT)];
    const live = await serveLiveGoogleDoc(s.context, { id: DOC_ID, title: TITLE }, (n) => answers[n - 1] ?? ok(EXPORT));
    const doc = await s.context.newPage();
    await doc.goto(googleDocUrl(DOC_ID));
    await waitForStored(s, DOC_KEY, 30000);
    expect(live.exports).toHaveLength(3);
    const [a = 0, b = 0, c = 0] = live.exports;
    expect(b - a).toBeGreaterThanOrEqual(1900);
    expect(c - b).toBeGreaterThanOrEqual(3900);
  });

  it('gives up after a few tries and says so in the side panel', async () => {
    const s = await start();
    const live = await serveLiveGoogleDoc(s.context, { id: DOC_ID, title: TITLE }, () => ({ status: 503 }));
    const doc = await s.context.newPage();
    await doc.goto(googleDocUrl(DOC_ID));
    const panel = await followingPanel(s, doc);
    await expect
      .poll(() => panel.locator('[role=alert]').textContent(), { timeout: 40000 })
      .toMatch(/stopped after 4 tries/);
    expect(live.exports).toHaveLength(4);
  });

  it.each([
    [403, /refused to export this document.*turned off download/i],
    [404, /not found.*deleted/i],
    [401, /signed out/i],
  ])('explains an export answered %i in the side panel following the tab', async (status, message) => {
    const s = await start();
    await serveLiveGoogleDoc(s.context, { id: DOC_ID, title: TITLE }, () => ({ status }));
    const doc = await s.context.newPage();
    await doc.goto(googleDocUrl(DOC_ID));
    const panel = await followingPanel(s, doc);
    await expect.poll(() => panel.locator('[role=alert]').textContent(), { timeout: 15000 }).toMatch(message);
  });

  it('"Show in document" reopens the Google Doc at the heading that holds the evidence', async () => {
    const s = await start();
    const live = await serveLiveGoogleDoc(s.context, { id: DOC_ID, title: TITLE }, () => ok(EXPORT));
    const doc = await s.context.newPage();
    await doc.goto(googleDocUrl(DOC_ID));
    await waitForStored(s, DOC_KEY);
    expect(live.editorLoads).toHaveLength(1);

    const panel = await s.context.newPage();
    await panel.goto(panelUrl(s, DOC_KEY));
    const coaching = panel.locator('section.driver[data-driver=coaching] .question-covered').first();
    await expect.poll(() => coaching.count()).toBeGreaterThan(0);
    await coaching.getByRole('button', { name: 'Show in document' }).click();
    // The tab is pointed at the heading and loaded again, so the editor scrolls there.
    await expect.poll(() => live.editorLoads.length, { timeout: 10000 }).toBe(2);
    await expect.poll(() => doc.url()).toMatch(new RegExp(`/document/d/${DOC_ID}/edit#heading=h\\.[a-z0-9]+$`));
    await doc.waitForLoadState();
    await expect.poll(() => doc.evaluate(() => location.hash).catch(() => '')).toMatch(/^#heading=h\.[a-z0-9]+$/);
  });
});
