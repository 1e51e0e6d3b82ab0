import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page, Request } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { htmlToBlocks } from '../../core/extract/html';
import {
  googleDocUrl,
  launch,
  panelUrl,
  ROOT,
  removeProfileDir,
  type Session,
  serveGoogleDoc,
  waitForStored,
} from './harness';
import { fillTemplate, lmsFixture, servePage } from './lms';

/**
 * No network: one session across every fixture site (Google Docs, Canvas, Moodle, Schoology,
 * Brightspace, Classroom) while the side panel, the dashboard, exports, an import preview and
 * "Show in document" are used. Every request PlanLens makes must be the read of the viewed Google
 * Doc's export from the page's own origin. (A granted district site is not included: granting
 * needs the browser's permission prompt, an X display and xdotool; district-site.e2e.test.ts
 * covers that flow.)
 *
 * How requests are attributed to PlanLens (the page's own requests are the page's):
 * - Pages (fixture sites and PlanLens's own pages) are opened blank, a CDP session enables the
 *   Network domain, and only then the address is loaded, so no request is missed. Each
 *   Network.requestWillBeSent carries its initiator: for a script-initiated request, a stack of
 *   call frames (with async parents). A request is PlanLens's when any frame of that stack is in
 *   chrome-extension://<PlanLens id>/ (its content scripts run in the page's renderer, and their
 *   fetches otherwise look exactly like the page's own), or when the requesting document is one of
 *   PlanLens's pages.
 * - The background service worker: Playwright reports a worker's requests on the context with
 *   request.serviceWorker() set; every one from PlanLens's worker is PlanLens's.
 * The method is checked at the end: the Google Docs export read must have been seen and
 * attributed to the content script, and probe requests made from the service worker, from an
 * extension page and from the content script's world must each be caught.
 */

interface Seen {
  url: string;
  method: string;
  /** Who made it: 'content-script', 'extension-page', 'service-worker' or 'page'. */
  by: 'content-script' | 'extension-page' | 'service-worker' | 'page';
  /** The address of the document (or worker) that made it. */
  from: string;
}

interface Initiator {
  type: string;
  url?: string;
  stack?: CallStack;
}
interface CallStack {
  callFrames: Array<{ url: string }>;
  parent?: CallStack;
}

function stackUrls(stack: CallStack | undefined): string[] {
  const urls: string[] = [];
  for (let s = stack; s; s = s.parent) for (const f of s.callFrames) urls.push(f.url);
  return urls;
}

class Recorder {
  seen: Seen[] = [];
  private readonly origin: string;
  constructor(readonly session: Session) {
    this.origin = `chrome-extension://${session.extensionId}/`;
    session.context.on('request', (request: Request) => {
      const worker = request.serviceWorker();
      if (worker?.url().startsWith(this.origin))
        this.seen.push({ url: request.url(), method: request.method(), by: 'service-worker', from: worker.url() });
    });
  }

  /** Opens `url` in a new tab with its network recorded from the first request. */
  async open(url: string): Promise<Page> {
    const page = await this.session.context.newPage();
    await this.watch(page);
    await page.goto(url);
    return page;
  }

  private async watch(page: Page): Promise<CDPSession> {
    const cdp = await this.session.context.newCDPSession(page);
    cdp.on(
      'Network.requestWillBeSent',
      (e: { request: { url: string; method: string }; initiator: Initiator; documentURL: string }) => {
        const { url, method } = e.request;
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        const fromExtensionPage = e.documentURL.startsWith(this.origin);
        const byScript = stackUrls(e.initiator.stack).some((u) => u.startsWith(this.origin));
        const by = fromExtensionPage ? 'extension-page' : byScript ? 'content-script' : 'page';
        // An extension page's own files (its scripts, styles) are not network.
        if (by === 'extension-page' && url.startsWith(this.origin)) return;
        this.seen.push({ url, method, by, from: e.documentURL });
      },
    );
    await cdp.send('Network.enable');
    return cdp;
  }

  ours(): Seen[] {
    return this.seen.filter((s) => s.by !== 'page');
  }
}

/** The one kind of request PlanLens may make: the viewed Google Doc's export, same origin, GET. */
function allowed(request: Seen): boolean {
  if (request.by !== 'content-script' || request.method !== 'GET') return false;
  const from = /^https:\/\/docs\.google\.com\/document\/(?:u\/\d+\/)?d\/([\w-]+)\//.exec(request.from);
  if (!from) return false;
  const target = new URL(request.url);
  return (
    target.origin === 'https://docs.google.com' &&
    new RegExp(`^/document/(?:u/\\d+/)?d/${from[1]}/export$`).test(target.pathname) &&
    target.searchParams.get('format') === 'html'
  );
}

const DOC_ID = '1NetworkPlanXq7Rt2026abcdefghijklmno';
const DOC_KEY = `gdocs:${DOC_ID}`;
const EXPORT = readFileSync(path.join(ROOT, 'tests/fixtures/gdocs/lakeview-pbis.export.html'), 'utf8');

const CANVAS_URL = 'https://hcusd.instructure.com/courses/4821/pages/check-and-connect-implementation-plan';
const CANVAS_KEY = 'canvas:hcusd.instructure.com:4821:check-and-connect-implementation-plan';
const MOODLE_URL = 'https://pinecrest.moodlecloud.com/mod/page/view.php?id=567';
const MOODLE_KEY = 'moodle:pinecrest.moodlecloud.com:42:567';
const SCHOOLOGY_URL = 'https://pinecrestsd.schoology.com/page/7315502913';
const SCHOOLOGY_KEY = 'schoology:pinecrestsd.schoology.com:6650213801:page-7315502913';
const D2L = 'https://pinecrest.brightspace.com';
const D2L_URL = `${D2L}/d2l/le/content/6606/viewContent/41877/View`;
const D2L_FILE = '/content/enforced/6606-DIT-2025/k3-reading-mtss-plan.html';
const D2L_KEY = 'brightspace:pinecrest.brightspace.com:6606:41877';
const CLASSROOM_COURSE = 'NzE2NjQ5MDc1ODcy';
const CLASSROOM_ITEM = 'ODI4MzM1NTk0NTQ5';
const CLASSROOM_URL = `https://classroom.google.com/u/0/c/${CLASSROOM_COURSE}/m/${CLASSROOM_ITEM}/details`;
const CLASSROOM_KEY = `classroom:classroom.google.com:${CLASSROOM_COURSE}:m-${CLASSROOM_ITEM}`;

async function serveAll(s: Session): Promise<void> {
  await serveGoogleDoc(s.context, { id: DOC_ID, title: 'Lakeview MS PBIS Implementation Plan', exportHtml: EXPORT });
  const plan = lmsFixture('canvas-plan-body.html');
  await servePage(
    s.context,
    CANVAS_URL,
    fillTemplate(lmsFixture('canvas-page.html'), {
      TITLE: 'Check & Connect Implementation Plan',
      COURSE: 'HCUSD District Implementation Team',
      COURSE_ID: '4821',
      SLUG: 'check-and-connect-implementation-plan',
      ASSIGNMENT_ID: '77',
      BODY: plan,
    }),
  );
  await servePage(
    s.context,
    MOODLE_URL,
    fillTemplate(lmsFixture('moodle-page.html'), {
      TITLE: 'K-3 Reading MTSS Implementation Plan',
      COURSE: 'District Implementation Team – Reading MTSS',
      SHORTNAME: 'DIT-MTSS',
      COURSE_ID: '42',
      CONTEXT_ID: '1234',
      CMID: '567',
      BODY: lmsFixture('moodle-plan-body.html'),
    }),
  );
  await servePage(
    s.context,
    SCHOOLOGY_URL,
    fillTemplate(lmsFixture('schoology-page.html'), {
      TITLE: 'Check & Connect Implementation Plan',
      COURSE: 'District Implementation Team: Section 1',
      COURSE_ID: '6650213801',
      PAGE_ID: '7315502913',
      BODY: plan,
    }),
  );
  const d2l = {
    TITLE: 'K-3 Reading MTSS Implementation Plan',
    COURSE: 'District Implementation Team',
    OU: '6606',
    TOPIC: '41877',
    FILE: D2L_FILE,
  };
  await servePage(s.context, D2L_URL, fillTemplate(lmsFixture('brightspace-topic.html'), d2l));
  await servePage(
    s.context,
    `${D2L}${D2L_FILE}?ou=6606`,
    fillTemplate(lmsFixture('brightspace-topic-file.html'), { ...d2l, BODY: lmsFixture('moodle-plan-body.html') }),
  );
  const lines = htmlToBlocks(lmsFixture('moodle-plan-body.html')).map((b) => b.text);
  const items = { first: { itemId: CLASSROOM_ITEM, title: 'K-3 Reading MTSS Implementation Plan', lines } };
  await servePage(
    s.context,
    CLASSROOM_URL,
    fillTemplate(
      lmsFixture('classroom.html'),
      { COURSE: 'District Implementation Team', COURSE_ID: CLASSROOM_COURSE },
      { ITEMS: JSON.stringify(items).replace(/</g, '\\u003c'), FIRST: 'first' },
    ),
  );
}

let session: Session | null = null;

afterAll(async () => {
  if (!session) return;
  await session.context.close().catch(() => undefined);
  removeProfileDir(session.userDataDir);
});

describe('no network', () => {
  it('across every fixture site, the panel, the dashboard and exports, PlanLens only reads the viewed Google Doc from its own origin', async () => {
    const s = await launch();
    session = s;
    const recorder = new Recorder(s);
    await serveAll(s);

    const pages: Record<string, Page> = {};
    for (const [name, url, key] of [
      ['gdocs', googleDocUrl(DOC_ID), DOC_KEY],
      ['canvas', CANVAS_URL, CANVAS_KEY],
      ['moodle', MOODLE_URL, MOODLE_KEY],
      ['schoology', SCHOOLOGY_URL, SCHOOLOGY_KEY],
      ['brightspace', D2L_URL, D2L_KEY],
      ['classroom', CLASSROOM_URL, CLASSROOM_KEY],
    ] as const) {
      pages[name] = await recorder.open(url);
      await waitForStored(s, key);
    }

    // The side panel: a manual status, a note, every export, "Show in document".
    const panel = await recorder.open(panelUrl(s, DOC_KEY));
    await expect.poll(() => panel.locator('li.question-unanswered').count()).toBeGreaterThan(0);
    const questionId = await panel.locator('li.question-unanswered').first().getAttribute('data-question');
    const item = panel.locator(`li.question[data-question="${questionId}"]`);
    await item.getByLabel('Status').selectOption('answered');
    await item.getByRole('button', { name: 'Add note' }).click();
    await item.getByLabel('Note').fill('Checked with the coaching lead.');
    await item.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => item.locator('.note-saved').textContent()).toBe('Saved');
    await panel.locator('details.export-menu > summary').click();
    for (const name of ['JSON (for import)', 'CSV', 'Markdown summary', 'Printable report']) {
      const [file] = await Promise.all([
        panel.waitForEvent('download'),
        panel.getByRole('button', { name, exact: true }).click(),
      ]);
      await file.path();
    }
    const canvasPanel = await recorder.open(panelUrl(s, CANVAS_KEY));
    const evidence = canvasPanel.locator('li.question:has(blockquote.evidence)').first();
    await expect.poll(() => evidence.count()).toBeGreaterThan(0);
    await evidence.getByRole('button', { name: 'Show in document' }).click();
    await expect
      .poll(() =>
        (pages.canvas as Page).evaluate(
          () => (globalThis as unknown as { CSS: { highlights: Map<string, unknown> } }).CSS.highlights.size,
        ),
      )
      .toBe(1);

    // The dashboard: list, filters, every export, an import preview; the settings page.
    const dashboard = await recorder.open(`chrome-extension://${s.extensionId}/dashboard.html`);
    await expect.poll(() => dashboard.locator('.doc-count').getAttribute('data-count')).toBe('6');
    await dashboard.getByLabel('Site').selectOption('canvas');
    await dashboard.getByLabel('Site').selectOption('all');
    await dashboard.getByRole('button', { name: 'Export', exact: true }).click();
    let json = '';
    for (const name of ['JSON', 'CSV', 'Markdown', 'Report']) {
      const [file] = await Promise.all([
        dashboard.waitForEvent('download'),
        dashboard.getByRole('button', { name, exact: true }).click(),
      ]);
      if (name === 'JSON') json = readFileSync((await file.path()) as string, 'utf8');
    }
    const [chooser] = await Promise.all([
      dashboard.waitForEvent('filechooser'),
      dashboard.getByRole('button', { name: 'Import', exact: true }).click(),
    ]);
    await chooser.setFiles({ name: 'back.json', mimeType: 'application/json', buffer: Buffer.from(json) });
    await expect.poll(() => dashboard.locator('.import-totals').textContent()).toMatch(/0 new/);
    await recorder.open(`chrome-extension://${s.extensionId}/options.html`);
    // Edits: the Canvas page changes and is read again.
    await (pages.canvas as Page).evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Coaches meet monthly.';
      document.querySelector('.show-content, .user_content, #wiki_page_show')?.append(p);
    });
    await (pages.canvas as Page).waitForTimeout(2500);

    const ours = recorder.ours();
    const pageOwn = recorder.seen.filter((r) => r.by === 'page');
    console.log(
      `network: ${recorder.seen.length} requests recorded; PlanLens's: ${ours.map((r) => `${r.by} ${r.method} ${r.url}`).join(', ')}; ` +
        `the pages' own: ${pageOwn.length} (${[...new Set(pageOwn.map((r) => new URL(r.url).host))].join(', ')})`,
    );
    expect(ours.filter((r) => !allowed(r))).toEqual([]);
    // The method works: the export read was seen, from the content script, on the document's page.
    expect(ours.filter(allowed).map((r) => r.url)).toContain(
      `https://docs.google.com/document/d/${DOC_ID}/export?format=html`,
    );

    // …and catches PlanLens's other ways out: its service worker, its pages, its content script.
    const before = recorder.seen.length;
    const worker = s.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${s.extensionId}/`));
    await worker?.evaluate(() => fetch('https://probe.planlens.test/from-worker').catch(() => null));
    await dashboard.evaluate(() => fetch('https://probe.planlens.test/from-page').catch(() => null));
    // (The page's network is already recorded; this session only reaches the content script's world.)
    const cdp = await s.context.newCDPSession(pages.gdocs as Page);
    const worlds: Array<{ id: number; name: string; auxData?: { type?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof worlds)[number] }) => worlds.push(e.context));
    await cdp.send('Runtime.enable');
    await expect.poll(() => worlds.some((w) => w.name === 'PlanLens')).toBe(true);
    await cdp.send('Runtime.evaluate', {
      contextId: (worlds.find((w) => w.name === 'PlanLens') as { id: number }).id,
      awaitPromise: true,
      // Named in a source URL of PlanLens's origin, as its own content-script code is.
      expression: `fetch('https://probe.planlens.test/from-content-script').catch(() => null)\n//# sourceURL=chrome-extension://${s.extensionId}/content-scripts/probe.js`,
    });
    await expect
      .poll(() =>
        recorder.seen
          .slice(before)
          .filter((r) => r.url.startsWith('https://probe.planlens.test/'))
          .map((r) => `${r.by} ${new URL(r.url).pathname}`)
          .sort(),
      )
      .toEqual(['content-script /from-content-script', 'extension-page /from-page', 'service-worker /from-worker']);
  }, 150_000);
});
