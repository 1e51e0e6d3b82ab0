import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { htmlToBlocks } from '../../core/extract/html';
import { launch, panelUrl, removeProfileDir, type Session, storedDocument, waitForStored } from './harness';
import { fillTemplate, lmsFixture, servePage } from './lms';

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

interface StoredView {
  record: { title: string; site: string; isPlan: boolean };
  report: { blockCount: number } | null;
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

async function followingPanel(s: Session, page: Page): Promise<Page> {
  const panel = await s.context.newPage();
  await panel.goto(panelUrl(s));
  await page.bringToFront();
  return panel;
}

const words = (text: string) => text.replace(/…/g, '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 4).join(' ');

describe('Schoology', () => {
  const URL = 'https://pinecrestsd.schoology.com/page/7315502913';
  const KEY = 'schoology:pinecrestsd.schoology.com:6650213801:page-7315502913';
  const fields = {
    TITLE: 'Check & Connect Implementation Plan',
    COURSE: 'District Implementation Team: Section 1',
    COURSE_ID: '6650213801',
    PAGE_ID: '7315502913',
  };

  it('detects and reads a Schoology page; the panel following the tab shows its questions', async () => {
    const s = await start();
    await servePage(
      s.context,
      URL,
      fillTemplate(lmsFixture('schoology-page.html'), { ...fields, BODY: lmsFixture('canvas-plan-body.html') }),
    );
    const page = await s.context.newPage();
    await page.goto(URL);
    await waitForStored(s, KEY);
    expect((await stored(s, KEY))?.record).toMatchObject({ title: fields.TITLE, site: 'schoology', isPlan: true });
    await page.bringToFront();
    const panel = await followingPanel(s, page);
    await expect.poll(() => panel.locator('.doc-title').textContent(), { timeout: 10000 }).toBe(fields.TITLE);
    await expect.poll(() => panel.locator('.question-covered').count()).toBeGreaterThan(0);
  });

  it('does not keep a Schoology page that is not a plan', async () => {
    const s = await start();
    await servePage(
      s.context,
      URL,
      fillTemplate(lmsFixture('schoology-page.html'), {
        ...fields,
        TITLE: 'Aquarium field trip',
        BODY: lmsFixture('job-posting-body.html'),
      }),
    );
    const page = await s.context.newPage();
    await page.goto(URL);
    const panel = await followingPanel(s, page);
    await expect
      .poll(() => panel.locator('[role=alert]').textContent(), { timeout: 10000 })
      .toMatch(/does not look like an implementation plan/);
    // Held back, not stored: nothing is kept until the user says "Track anyway".
    expect(await stored(s, KEY)).toBeNull();
  });
});

describe('Brightspace', () => {
  const HOST = 'https://pinecrest.brightspace.com';
  const VIEW = `${HOST}/d2l/le/content/6606/viewContent/41877/View`;
  const EDIT = `${HOST}/d2l/le/content/6606/contentfile/41877/EditFile`;
  const FILE = '/content/enforced/6606-DIT-2025/k3-reading-mtss-plan.html';
  const KEY = 'brightspace:pinecrest.brightspace.com:6606:41877';
  const fields = {
    TITLE: 'K-3 Reading MTSS Implementation Plan',
    COURSE: 'District Implementation Team',
    OU: '6606',
    TOPIC: '41877',
    FILE,
  };

  async function serveTopic(s: Session): Promise<void> {
    await servePage(s.context, VIEW, fillTemplate(lmsFixture('brightspace-topic.html'), fields));
    await servePage(
      s.context,
      `${HOST}${FILE}?ou=6606`,
      fillTemplate(lmsFixture('brightspace-topic-file.html'), { ...fields, BODY: lmsFixture('moodle-plan-body.html') }),
    );
  }

  it('reads an HTML content topic (its same-origin frame) and shows it in the panel following the tab', async () => {
    const s = await start();
    await serveTopic(s);
    const page = await s.context.newPage();
    await page.goto(VIEW);
    await waitForStored(s, KEY);
    expect((await stored(s, KEY))?.record).toMatchObject({ title: fields.TITLE, site: 'brightspace', isPlan: true });
    const panel = await followingPanel(s, page);
    await expect.poll(() => panel.locator('.doc-title').textContent(), { timeout: 10000 }).toBe(fields.TITLE);
    await expect.poll(() => panel.locator('.question-covered').count()).toBeGreaterThan(0);
  });

  it('"Show in document" highlights the passage inside the topic frame', async () => {
    const s = await start();
    await serveTopic(s);
    const page = await s.context.newPage();
    await page.goto(VIEW);
    await waitForStored(s, KEY);
    const panel = await s.context.newPage();
    await panel.goto(panelUrl(s, KEY));
    const covered = panel.locator('section.driver[data-driver=coaching] li.question:has(blockquote.evidence)').first();
    await expect.poll(() => covered.count()).toBeGreaterThan(0);
    const evidence = (await covered.locator('blockquote.evidence').textContent()) ?? '';
    expect(words(evidence)).not.toBe('');
    await covered.getByRole('button', { name: 'Show in document' }).click();
    const frame = page.frameLocator('iframe.d2l-iframe');
    await expect
      .poll(
        async () =>
          (
            await frame.locator('body').evaluate(() => {
              const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS
                .highlights;
              const highlight = registry.get('planlens-evidence');
              return highlight ? [...highlight].map((r) => r.toString()).join(' ') : '';
            })
          ).toLowerCase(),
        { timeout: 10000 },
      )
      .toContain(words(evidence));
  });

  it('reads the d2l-htmleditor web component (TinyMCE in its shadow root) and follows edits', async () => {
    const s = await start();
    await servePage(
      s.context,
      EDIT,
      fillTemplate(lmsFixture('brightspace-edit.html'), { ...fields, BODY: lmsFixture('moodle-plan-body.html') }),
    );
    const page = await s.context.newPage();
    await page.goto(EDIT);
    await waitForStored(s, KEY);
    const view = await stored(s, KEY);
    expect(view?.record.title).toBe(fields.TITLE);
    const first = view?.report?.blockCount ?? 0;
    expect(first).toBeGreaterThan(5);
    await page.evaluate(() => {
      const editor = document.querySelector('d2l-htmleditor');
      const frame = editor?.shadowRoot?.querySelector('iframe');
      const body = frame?.contentDocument?.body;
      const p = body?.ownerDocument.createElement('p');
      if (!body || !p) throw new Error('editor not ready');
      p.textContent = 'Selection: interview questions are revised each spring.';
      body.appendChild(p);
    });
    await expect.poll(async () => (await stored(s, KEY))?.report?.blockCount, { timeout: 15000 }).toBe(first + 1);
  });
});

describe('Google Classroom', () => {
  const COURSE_ID = 'NzE2NjQ5MDc1ODcy';
  const ITEM_A = 'ODI4MzM1NTk0NTQ5';
  const ITEM_B = 'ODI4MzM2MTE0MDYz';
  const URL_A = `https://classroom.google.com/u/0/c/${COURSE_ID}/m/${ITEM_A}/details`;
  const KEY_A = `classroom:classroom.google.com:${COURSE_ID}:m-${ITEM_A}`;
  const KEY_B = `classroom:classroom.google.com:${COURSE_ID}:m-${ITEM_B}`;
  const lines = (file: string) => htmlToBlocks(lmsFixture(file)).map((b) => b.text);
  const items = {
    first: { itemId: ITEM_A, title: 'K-3 Reading MTSS Implementation Plan', lines: lines('moodle-plan-body.html') },
    second: { itemId: ITEM_B, title: 'Check & Connect Implementation Plan', lines: lines('canvas-plan-body.html') },
  };
  const page = () =>
    fillTemplate(
      lmsFixture('classroom.html'),
      { COURSE: 'District Implementation Team', COURSE_ID },
      { ITEMS: JSON.stringify(items).replace(/</g, '\\u003c'), FIRST: 'first' },
    );

  it('reads a stream item, then another one reached by single-page navigation', async () => {
    const s = await start();
    const served = await servePage(s.context, URL_A, page());
    const tab = await s.context.newPage();
    await tab.goto(URL_A);
    await waitForStored(s, KEY_A);
    const a = await stored(s, KEY_A);
    expect(a?.record).toMatchObject({ title: items.first.title, site: 'classroom', isPlan: true });

    await tab.bringToFront();
    await tab.click('a[data-item="m-second"]');
    await expect.poll(() => tab.url()).toContain(`/m/${ITEM_B}/details`);
    await waitForStored(s, KEY_B);
    const b = await stored(s, KEY_B);
    expect(b?.record.title).toBe(items.second.title);
    // The second item was read from its own text, not from what the page showed before.
    expect(b?.report?.blockCount).not.toBe(a?.report?.blockCount);
    expect((await stored(s, KEY_A))?.report?.blockCount).toBe(a?.report?.blockCount);
    expect(served.loads).toBe(1);

    const panel = await followingPanel(s, tab);
    await expect.poll(() => panel.locator('.doc-title').textContent(), { timeout: 10000 }).toBe(items.second.title);
  });
});
