import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launch, panelUrl, removeProfileDir, type Session, storedDocument, waitForStored } from './harness';
import { fillTemplate, lmsFixture, readerInTab, servePage } from './lms';

let session: Session | null = null;

afterEach(async () => {
  if (session) {
    await session.context.close().catch(() => undefined);
    removeProfileDir(session.userDataDir);
  }
  session = null;
});

async function start(): Promise<Session> {
  session = await launch();
  return session;
}

const CANVAS_HOST = 'https://hcusd.instructure.com';
const CANVAS_FIELDS = {
  TITLE: 'Check & Connect Implementation Plan',
  COURSE: 'HCUSD District Implementation Team',
  COURSE_ID: '4821',
  SLUG: 'check-and-connect-implementation-plan',
  ASSIGNMENT_ID: '77',
};
const CANVAS_PAGE = `${CANVAS_HOST}/courses/4821/pages/check-and-connect-implementation-plan`;
const CANVAS_KEY = 'canvas:hcusd.instructure.com:4821:check-and-connect-implementation-plan';

const MOODLE_HOST = 'https://pinecrest.moodlecloud.com';
const MOODLE_FIELDS = {
  TITLE: 'K-3 Reading MTSS Implementation Plan',
  COURSE: 'District Implementation Team – Reading MTSS',
  SHORTNAME: 'DIT-MTSS',
  COURSE_ID: '42',
  CONTEXT_ID: '1234',
  CMID: '567',
};
const MOODLE_VIEW = `${MOODLE_HOST}/mod/page/view.php?id=567`;
const MOODLE_EDIT = `${MOODLE_HOST}/course/modedit.php?update=567&return=1`;
const MOODLE_KEY = 'moodle:pinecrest.moodlecloud.com:42:567';

interface StoredView {
  record: { title: string; site: string; isPlan: boolean };
  report: { blockCount: number; isPlan: boolean } | null;
}

async function stored(s: Session, docKey: string): Promise<StoredView | null> {
  const page = await s.context.newPage();
  try {
    await page.goto(panelUrl(s, docKey));
    return (await storedDocument(page, docKey)) as StoredView | null;
  } finally {
    await page.close();
  }
}

/** A panel page that follows the active tab (no ?doc=), placed behind the page's tab. */
async function followingPanel(s: Session, page: Page): Promise<Page> {
  const panel = await s.context.newPage();
  await panel.goto(panelUrl(s));
  await page.bringToFront();
  return panel;
}

/** The text the page's evidence highlight covers (CSS Custom Highlight API), '' when none. */
async function highlighted(page: Page, frameSelector?: string): Promise<string> {
  return page.evaluate((selector) => {
    const win = selector ? (document.querySelector(selector) as HTMLIFrameElement | null)?.contentWindow : window;
    const registry = (win as unknown as { CSS: { highlights: Map<string, Set<Range>> } } | null)?.CSS.highlights;
    const highlight = registry?.get('planlens-evidence');
    return highlight ? [...highlight].map((r) => r.toString()).join(' | ') : '';
  }, frameSelector);
}

async function showFirstCoachingEvidence(s: Session, docKey: string): Promise<string> {
  const panel = await s.context.newPage();
  await panel.goto(panelUrl(s, docKey));
  const covered = panel.locator('section.driver[data-driver=coaching] li.question:has(blockquote.evidence)').first();
  await expect.poll(() => covered.count()).toBeGreaterThan(0);
  const evidence = (await covered.locator('blockquote.evidence').textContent()) ?? '';
  await covered.getByRole('button', { name: 'Show in document' }).click();
  return evidence;
}

const words = (text: string) => text.replace(/…/g, '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 4).join(' ');

describe('Canvas', () => {
  it('detects and reads a Canvas page, and the side panel following the tab shows its questions', async () => {
    const s = await start();
    await servePage(
      s.context,
      CANVAS_PAGE,
      fillTemplate(lmsFixture('canvas-page.html'), { ...CANVAS_FIELDS, BODY: lmsFixture('canvas-plan-body.html') }),
    );
    const page = await s.context.newPage();
    await page.goto(CANVAS_PAGE);
    await waitForStored(s, CANVAS_KEY);
    const view = await stored(s, CANVAS_KEY);
    expect(view?.record).toMatchObject({ title: CANVAS_FIELDS.TITLE, site: 'canvas', isPlan: true });

    const panel = await followingPanel(s, page);
    await expect.poll(() => panel.locator('.doc-title').textContent(), { timeout: 10000 }).toBe(CANVAS_FIELDS.TITLE);
    expect(await panel.locator('li.question').count()).toBeGreaterThan(20);
    await expect.poll(() => panel.locator('.question-covered').count()).toBeGreaterThan(0);
    expect(await panel.locator('.doc-meta').textContent()).toMatch(/Canvas/);
  });

  it('"Show in document" highlights the passage in the page without changing its content', async () => {
    const s = await start();
    await servePage(
      s.context,
      CANVAS_PAGE,
      fillTemplate(lmsFixture('canvas-page.html'), { ...CANVAS_FIELDS, BODY: lmsFixture('canvas-plan-body.html') }),
    );
    const page = await s.context.newPage();
    await page.goto(CANVAS_PAGE);
    await waitForStored(s, CANVAS_KEY);
    // A short window, so the passage starts out of view.
    await page.setViewportSize({ width: 900, height: 300 });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const before = await page.evaluate(() => document.body.innerHTML);
    const evidence = await showFirstCoachingEvidence(s, CANVAS_KEY);
    expect(words(evidence)).not.toBe('');
    await expect
      .poll(async () => (await highlighted(page)).toLowerCase(), { timeout: 10000 })
      .toContain(words(evidence));
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(before);
    // …and scrolled there: the passage is in view.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
          const range = [...(registry.get('planlens-evidence') ?? [])][0];
          const rect = range?.getBoundingClientRect();
          return !!rect && window.scrollY > 0 && rect.top >= 0 && rect.top <= window.innerHeight;
        }),
      )
      .toBe(true);
  });

  it('reads the page editor (rich content editor iframe) as the same document and follows edits', async () => {
    const s = await start();
    await servePage(
      s.context,
      `${CANVAS_PAGE}/edit`,
      fillTemplate(lmsFixture('canvas-page-edit.html'), {
        ...CANVAS_FIELDS,
        BODY: lmsFixture('canvas-plan-body.html'),
      }),
    );
    const page = await s.context.newPage();
    await page.goto(`${CANVAS_PAGE}/edit`);
    await waitForStored(s, CANVAS_KEY);
    const first = (await stored(s, CANVAS_KEY))?.report?.blockCount ?? 0;
    expect(first).toBeGreaterThan(10);
    const editor = page.frameLocator('#wiki_page_body_ifr');
    await editor.locator('#tinymce').evaluate((body) => {
      const p = body.ownerDocument.createElement('p');
      p.textContent = 'Fidelity data are reviewed by the DIT each quarter and shared with principals.';
      body.appendChild(p);
    });
    await expect
      .poll(async () => (await stored(s, CANVAS_KEY))?.report?.blockCount, { timeout: 15000 })
      .toBe(first + 1);
  });

  it('reads an assignment', async () => {
    const s = await start();
    const url = `${CANVAS_HOST}/courses/4821/assignments/77`;
    await servePage(
      s.context,
      url,
      fillTemplate(lmsFixture('canvas-assignment.html'), {
        ...CANVAS_FIELDS,
        BODY: lmsFixture('canvas-plan-body.html'),
      }),
    );
    const page = await s.context.newPage();
    await page.goto(url);
    await waitForStored(s, 'canvas:hcusd.instructure.com:4821:assignments/77');
  });

  it('does not keep a Canvas page that is not a plan, unless the user says "Track anyway"', async () => {
    const s = await start();
    const url = `${CANVAS_HOST}/courses/4821/pages/aquarium-field-trip`;
    const key = 'canvas:hcusd.instructure.com:4821:aquarium-field-trip';
    await servePage(
      s.context,
      url,
      fillTemplate(lmsFixture('canvas-page.html'), {
        ...CANVAS_FIELDS,
        TITLE: 'Aquarium field trip',
        SLUG: 'aquarium-field-trip',
        BODY: lmsFixture('job-posting-body.html'),
      }),
    );
    const page = await s.context.newPage();
    await page.goto(url);
    const panel = await followingPanel(s, page);
    await expect
      .poll(() => panel.locator('[role=alert]').textContent(), { timeout: 10000 })
      .toMatch(/does not look like an implementation plan/);
    expect(await stored(s, key)).toBeNull();
    // The background judged the page its probe sent: no reader was started in it (issue 5).
    expect(await readerInTab(s.context, url)).toBeNull();
    // Checking the store opened (and closed) another tab: make the Canvas page active again.
    await page.bringToFront();
    await panel.getByRole('button', { name: 'Track anyway' }).click();
    await expect.poll(() => panel.locator('.doc-title').textContent(), { timeout: 10000 }).toBe('Aquarium field trip');
    expect((await stored(s, key))?.record.isPlan).toBe(false);
    // Kept now: its reader runs in the page, to follow its edits.
    await expect.poll(() => readerInTab(s.context, url), { timeout: 10000 }).toBe(key);
  });

  it('keeps the text of a page plainly not a plan in the page', async () => {
    const s = await start();
    const url = `${CANVAS_HOST}/courses/4821/pages/field-trip`;
    await servePage(
      s.context,
      url,
      fillTemplate(lmsFixture('canvas-page.html'), {
        ...CANVAS_FIELDS,
        TITLE: 'Aquarium field trip',
        SLUG: 'field-trip',
        BODY: lmsFixture('canvas-nonplan-body.html'),
      }),
    );
    const page = await s.context.newPage();
    await page.goto(url);
    const panel = await followingPanel(s, page);
    await page.waitForTimeout(2000);
    // "No document" (not "Reading…", which the address alone would give): the page's script
    // looked and answered that this page is none; and its text was not sent.
    await expect.poll(() => panel.locator('.empty p').first().textContent()).toMatch(/Open an implementation plan/);
    expect(await panel.locator('[role=alert]').count()).toBe(0);
    expect(await stored(s, 'canvas:hcusd.instructure.com:4821:field-trip')).toBeNull();
    // The probe ran in the page's own world and left no name there (the build drops WXT's).
    expect(await page.evaluate(() => Object.keys(window).filter((key) => /probe|gate|planlens/i.test(key)))).toEqual(
      [],
    );
  });

  it('leaves Canvas pages that are not documents alone', async () => {
    const s = await start();
    const url = `${CANVAS_HOST}/courses/4821/pages/not-canvas`;
    // Same address shape, but not Canvas's page frame (no #application.ic-app).
    await servePage(s.context, url, '<!DOCTYPE html><title>Status</title><h1>Status</h1><p>All systems normal.</p>');
    const page = await s.context.newPage();
    await page.goto(url);
    const panel = await followingPanel(s, page);
    await page.waitForTimeout(2000);
    // The script ran and answered "no document" (a dead script would leave the address's guess).
    await expect.poll(() => panel.locator('.empty p').first().textContent()).toMatch(/Open an implementation plan/);
    expect(await panel.locator('[role=alert]').count()).toBe(0);
    expect(await stored(s, 'canvas:hcusd.instructure.com:4821:not-canvas')).toBeNull();
  });
});

describe('Moodle', () => {
  it('detects and reads a Moodle page; the side panel following the tab shows its questions', async () => {
    const s = await start();
    await servePage(
      s.context,
      MOODLE_VIEW,
      fillTemplate(lmsFixture('moodle-page.html'), { ...MOODLE_FIELDS, BODY: lmsFixture('moodle-plan-body.html') }),
    );
    const page = await s.context.newPage();
    await page.goto(MOODLE_VIEW);
    await waitForStored(s, MOODLE_KEY);
    expect((await stored(s, MOODLE_KEY))?.record).toMatchObject({ title: MOODLE_FIELDS.TITLE, site: 'moodle' });
    // The address does not name the course: the panel learns the document from the page.
    const panel = await followingPanel(s, page);
    await expect.poll(() => panel.locator('.doc-title').textContent(), { timeout: 10000 }).toBe(MOODLE_FIELDS.TITLE);
    await expect.poll(() => panel.locator('.question-covered').count()).toBeGreaterThan(0);
  });

  it('"Show in document" highlights the passage on the Moodle page', async () => {
    const s = await start();
    await servePage(
      s.context,
      MOODLE_VIEW,
      fillTemplate(lmsFixture('moodle-page.html'), { ...MOODLE_FIELDS, BODY: lmsFixture('moodle-plan-body.html') }),
    );
    const page = await s.context.newPage();
    await page.goto(MOODLE_VIEW);
    await waitForStored(s, MOODLE_KEY);
    const evidence = await showFirstCoachingEvidence(s, MOODLE_KEY);
    expect(words(evidence)).not.toBe('');
    await expect
      .poll(async () => (await highlighted(page)).toLowerCase(), { timeout: 10000 })
      .toContain(words(evidence));
  });

  it('reads the TinyMCE editor of the page settings as the same document and follows edits', async () => {
    const s = await start();
    await servePage(
      s.context,
      MOODLE_EDIT,
      fillTemplate(lmsFixture('moodle-modedit.html'), { ...MOODLE_FIELDS, BODY: lmsFixture('moodle-plan-body.html') }),
    );
    const page = await s.context.newPage();
    await page.goto(MOODLE_EDIT);
    await waitForStored(s, MOODLE_KEY);
    const view = await stored(s, MOODLE_KEY);
    expect(view?.record.title).toBe(MOODLE_FIELDS.TITLE);
    const first = view?.report?.blockCount ?? 0;
    // The description editor's text is not the page's.
    expect(first).toBeGreaterThan(5);
    await page
      .frameLocator('#id_page_ifr')
      .locator('#tinymce')
      .evaluate((body) => {
        const p = body.ownerDocument.createElement('p');
        p.textContent = 'Selection: interview questions are revised each spring.';
        body.appendChild(p);
      });
    await expect
      .poll(async () => (await stored(s, MOODLE_KEY))?.report?.blockCount, { timeout: 15000 })
      .toBe(first + 1);
  });

  it('does not keep a Moodle page that is not a plan', async () => {
    const s = await start();
    const url = `${MOODLE_HOST}/mod/page/view.php?id=590`;
    await servePage(
      s.context,
      url,
      fillTemplate(lmsFixture('moodle-page.html'), {
        ...MOODLE_FIELDS,
        TITLE: 'Staff wellness corner',
        CMID: '590',
        BODY: lmsFixture('job-posting-body.html'),
      }),
    );
    const page = await s.context.newPage();
    await page.goto(url);
    const panel = await followingPanel(s, page);
    await expect
      .poll(() => panel.locator('[role=alert]').textContent(), { timeout: 10000 })
      .toMatch(/does not look like an implementation plan/);
    expect(await stored(s, 'moodle:pinecrest.moodlecloud.com:42:590')).toBeNull();
  });
});
