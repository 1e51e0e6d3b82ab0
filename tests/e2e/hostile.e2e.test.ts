import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { recordCount } from '../security-counts';
import {
  type ExtensionGlobals,
  googleDocUrl,
  launch,
  panelUrl,
  ROOT,
  removeProfileDir,
  type Session,
  serveGoogleDoc,
  storedDocument,
  waitForStored,
} from './harness';
import { fillTemplate, lmsFixture, servePage } from './lms';

/**
 * Hostile content: document text (headings, paragraphs), titles, notes and import files carrying
 * HTML, script, URL, Markdown and spreadsheet-formula payloads (tests/fixtures/hostile) are shown
 * as text in the side panel and the dashboard, and stay inert in every export made through the
 * real Export menus (the HTML report is opened as a page).
 *
 * Execution is detected three ways, each proven to fire by the self-check test below:
 * - every payload calls __plHit(id): a binding exposed in every page and frame of the browser;
 * - every payload that loads something asks https://sentinel.planlens.test/<id>…, a route that counts;
 * - the DOM of every page shown is scanned for what a payload would create (inline scripts, on*
 *   attributes, iframes, objects, base, meta refresh, javascript:/data: links, sentinel addresses).
 */

const PAYLOADS = (
  JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/hostile/payloads.json'), 'utf8')) as {
    payloads: Array<{ name: string; text: string }>;
  }
).payloads;
const SENTINEL = 'https://sentinel.planlens.test';

/** The payload texts, each with its own id (`<prefix>-<name>`). */
const payloads = (prefix: string): string[] => PAYLOADS.map((p) => p.text.replaceAll('{ID}', `${prefix}-${p.name}`));
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Detector {
  /** Ids passed to __plHit, with the page that called it. */
  hits: string[];
  /** Sentinel addresses requested. */
  sentinel: string[];
}

async function installDetectors(context: BrowserContext): Promise<Detector> {
  const detector: Detector = { hits: [], sentinel: [] };
  await context.exposeBinding('__plHit', (source, id: unknown) => {
    detector.hits.push(`${String(id)} @ ${source.page?.url() ?? source.frame.url()}`);
  });
  await context.route(`${SENTINEL}/**`, async (route) => {
    detector.sentinel.push(route.request().url());
    await route.fulfill({ status: 204, body: '' });
  });
  return detector;
}

/** What a payload would have created in the page's DOM; [] when the page holds only its own markup. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const own = location.protocol === 'chrome-extension:' ? location.origin : null;
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const tag = el.localName;
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`${tag}[${attr.name}]`);
        // Text in aria-label, title or value is text; addresses and styles load things.
        const loads = /^(href|src|srcset|srcdoc|action|formaction|data|poster|background|style|xlink:href|content)$/i;
        if (loads.test(attr.name) && /__plHit|sentinel\.planlens/i.test(attr.value))
          found.push(`${tag}[${attr.name}=${attr.value.slice(0, 60)}]`);
        if (
          /^(href|src|action|formaction|data|srcdoc|xlink:href)$/i.test(attr.name) &&
          /^\s*(javascript|data|vbscript):/i.test(attr.value)
        )
          found.push(`${tag}[${attr.name}=${attr.value.slice(0, 40)}]`);
      }
      if (/^(iframe|frame|frameset|object|embed|applet|base|template|noscript|math|mglyph|portal)$/.test(tag))
        found.push(tag);
      if (
        tag === 'meta' &&
        el.hasAttribute('http-equiv') &&
        !/content-security-policy/i.test(el.getAttribute('http-equiv') ?? '')
      )
        found.push('meta[http-equiv]');
      if (tag === 'script' && !(own && (el as HTMLScriptElement).src.startsWith(own))) found.push('script');
      if (tag === 'link' && !(own && (el as HTMLLinkElement).href.startsWith(own))) found.push('link');
      // PlanLens's pages draw no images; nothing of theirs takes focus by itself.
      if (tag === 'img' || tag === 'image' || tag === 'svg') found.push(tag);
      if (el.hasAttribute('autofocus')) found.push(`${tag}[autofocus]`);
      if (tag === 'style' && /sentinel|@import/i.test(el.textContent ?? '')) found.push('style[@import]');
    }
    return found;
  });
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** CSV cells a spreadsheet would run as formulas. */
function formulaCells(csv: string): string[] {
  return parseCsv(csv)
    .flat()
    .filter((cell) => /^[=+\-@\t\r]/.test(cell));
}

/** Markup in a Markdown export that a renderer would turn into HTML, links or images. */
function markdownMarkup(markdown: string): string[] {
  const found: string[] = [];
  for (const pattern of [/(^|[^\\])<[a-z!/?]/gi, /(^|[^\\])!\[/g, /(^|[^\\])\]\(/g, /(^|[^\\])&[a-z#]/gi]) {
    for (const match of markdown.matchAll(pattern)) found.push(markdown.slice(match.index, match.index + 40));
  }
  return found;
}

let session: Session | null = null;
const dirs: string[] = [];
const counts = { tried: 0, executed: 0 };

afterEach(async () => {
  if (session) {
    await session.context.close().catch(() => undefined);
    removeProfileDir(session.userDataDir);
  }
  session = null;
});

afterAll(() => {
  for (const dir of dirs.splice(0)) removeProfileDir(dir);
  recordCount('payloads', counts.tried, counts.executed, 'tests/e2e/hostile.e2e.test.ts (all surfaces)');
  console.log(`hostile content: ${counts.tried} payload renderings tried, ${counts.executed} executed or injected`);
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'planlens-hostile-'));
  dirs.push(dir);
  return dir;
}

/** Counts one surface's payloads and asserts none ran, loaded or left an element. */
async function assertInert(detector: Detector, page: Page, surface: string, payloadCount: number): Promise<void> {
  // Give anything a payload might have started (image errors, frame loads, refreshes) time to land.
  await page.waitForTimeout(300);
  const elements = await injected(page);
  counts.tried += payloadCount;
  counts.executed += elements.length + detector.hits.length + detector.sentinel.length;
  expect({ surface, elements, hits: detector.hits, sentinel: detector.sentinel }).toEqual({
    surface,
    elements: [],
    hits: [],
    sentinel: [],
  });
}

async function download(page: Page, click: () => Promise<void>, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const target = path.join(dir, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

/** Opens a saved HTML report as the user would (a file in the browser) and checks it. */
async function checkReport(s: Session, detector: Detector, file: string, expectText: string[], label: string) {
  const page = await s.context.newPage();
  await page.goto(pathToFileURL(file).href);
  const text = (await page.locator('body').textContent()) ?? '';
  for (const t of expectText) expect(text, `${label} shows ${t.slice(0, 30)} as text`).toContain(t);
  await assertInert(detector, page, label, expectText.length);
  await page.close();
}

const DOC_ID = '1HostilePlanXq7Rt2026abcdefghijklmno';
const DOC_KEY = `gdocs:${DOC_ID}`;
const LAKEVIEW = readFileSync(path.join(ROOT, 'tests/fixtures/gdocs/lakeview-pbis.export.html'), 'utf8');
/** One line (Google Docs titles are one line), under the 500-character title limit, starting with a formula. */
const GDOC_TITLE = [
  `=HYPERLINK("${SENTINEL}/title-csv","plan")`,
  `<img src=x onerror="__plHit('title-img')">`,
  `"><iframe srcdoc="<script>parent.__plHit('title-iframe')</script>"></iframe>`,
  `<script>__plHit('title-script')</script>`,
  'Lakeview \u202efdp.exe\u202c plan',
].join(' ');

/** The Lakeview plan with payloads (as text, HTML-escaped, as Google Docs exports them) in every block. */
function hostileExport(): string {
  const list = payloads('doc');
  let n = 0;
  const next = () => escapeHtml(list[n++ % list.length] as string);
  const withText = LAKEVIEW.replace(/<(p|li|h[1-6])([^>]*)>/g, (open) => `${open}${next()} `).replace(
    /<\/(p|li)>/g,
    (close) => ` ${next()}${close}`,
  );
  // …and the same payloads as real markup, which the reader must drop or keep as plain text.
  const raw = payloads('docraw')
    .map((p) => `<p>Coaches observe every classroom twice a month ${p} and share fidelity data.</p>`)
    .join('\n');
  return withText.replace('</body>', `${raw}\n</body>`);
}

const CANVAS_URL = 'https://hcusd.instructure.com/courses/4821/pages/hostile-plan';
const CANVAS_KEY = 'canvas:hcusd.instructure.com:4821:hostile-plan';
const CANVAS_TITLE = `<svg onload="__plHit('canvas-title')"> Check & Connect plan <img src=x onerror="__plHit('canvas-title2')">`;

function hostileCanvasBody(): string {
  const list = payloads('canvas');
  let n = 0;
  return lmsFixture('canvas-plan-body.html').replace(
    /<(p|li|h[1-6])([^>]*)>/g,
    (open) => `${open}${escapeHtml(list[n++ % list.length] as string)} `,
  );
}

async function openPanel(s: Session, docKey: string, title: string): Promise<Page> {
  const panel = await s.context.newPage();
  await panel.goto(panelUrl(s, docKey));
  await expect.poll(() => panel.locator('.doc-title').textContent()).toBe(title);
  return panel;
}

/** Evidence passages shown that carry payload characters (so the path was really exercised). */
async function payloadEvidence(panel: Page): Promise<number> {
  const texts = await panel.locator('blockquote.evidence').allTextContents();
  return texts.filter((t) => /<(img|script|svg|iframe|a |details|template|meta|base|object)/.test(t)).length;
}

describe('hostile content renders as text', () => {
  it('documents, titles and notes: side panel, dashboard and every export stay inert', async () => {
    const s = await launch();
    session = s;
    const detector = await installDetectors(s.context);
    const dir = tempDir();

    await serveGoogleDoc(s.context, { id: DOC_ID, title: GDOC_TITLE, exportHtml: hostileExport() });
    await servePage(
      s.context,
      CANVAS_URL,
      fillTemplate(lmsFixture('canvas-page.html'), {
        TITLE: CANVAS_TITLE,
        COURSE: 'HCUSD <b>District</b> Team',
        COURSE_ID: '4821',
        SLUG: 'hostile-plan',
        ASSIGNMENT_ID: '77',
        BODY: hostileCanvasBody(),
      }),
    );
    const doc = await s.context.newPage();
    await doc.goto(googleDocUrl(DOC_ID));
    await waitForStored(s, DOC_KEY);
    const canvas = await s.context.newPage();
    await canvas.goto(CANVAS_URL);
    await waitForStored(s, 'canvas:hcusd.instructure.com:4821:hostile-plan');

    // Side panel: the title and the document's passages as text.
    const panel = await openPanel(s, DOC_KEY, GDOC_TITLE);
    await expect.poll(() => panel.locator('blockquote.evidence').count()).toBeGreaterThan(0);
    const shownDoc = await payloadEvidence(panel);
    console.log(`hostile: ${shownDoc} evidence passages with payloads in the Google Doc's panel`);
    expect(shownDoc).toBeGreaterThan(0);
    // A note made of every payload, typed by hand, shown back verbatim.
    const note = payloads('note').join('\n');
    // On an unanswered question, so the printable report (which lists those) carries it too.
    const questionId = await panel.locator('li.question-unanswered').first().getAttribute('data-question');
    const question = panel.locator(`li.question[data-question="${questionId}"]`);
    await question.getByRole('button', { name: 'Add note' }).click();
    await question.getByLabel('Note').fill(note);
    await question.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => question.locator('.note-saved').textContent()).toBe('Saved');
    expect(await question.locator('p.note').textContent()).toBe(note);
    await assertInert(detector, panel, 'side panel (Google Doc)', PAYLOADS.length * 3);

    const canvasPanel = await openPanel(s, CANVAS_KEY, CANVAS_TITLE);
    await expect.poll(() => payloadEvidence(canvasPanel)).toBeGreaterThan(0);
    await assertInert(detector, canvasPanel, 'side panel (Canvas)', PAYLOADS.length + 1);
    // "Show in document" on a passage full of payloads highlights it without touching the page's DOM.
    const before = await canvas.evaluate(() => document.body.innerHTML);
    // The Canvas page's own markup (its editor frame) is the page's, not PlanLens's: compare.
    const pageOwn = await injected(canvas);
    await canvasPanel
      .locator('li.question:has(blockquote.evidence)')
      .first()
      .getByRole('button', { name: 'Show in document' })
      .click();
    await expect
      .poll(() =>
        canvas.evaluate(
          () => (globalThis as unknown as { CSS: { highlights: Map<string, unknown> } }).CSS.highlights.size,
        ),
      )
      .toBe(1);
    expect(await canvas.evaluate(() => document.body.innerHTML)).toBe(before);
    expect(await injected(canvas)).toEqual(pageOwn);
    counts.tried += PAYLOADS.length;
    expect({ hits: detector.hits, sentinel: detector.sentinel }).toEqual({ hits: [], sentinel: [] });
    await canvasPanel.close();

    // The side panel's Export menu: every file format.
    const exportAs = async (name: string): Promise<string> => {
      if ((await panel.locator('details.export-menu').getAttribute('open')) === null)
        await panel.locator('details.export-menu > summary').click();
      return download(panel, () => panel.getByRole('button', { name, exact: true }).click(), dir);
    };
    const json = readFileSync(await exportAs('JSON (for import)'), 'utf8');
    const csv = readFileSync(await exportAs('CSV'), 'utf8');
    const markdown = readFileSync(await exportAs('Markdown summary'), 'utf8');
    const report = await exportAs('Printable report');
    const exported = JSON.parse(json) as {
      documents: Array<{ record: { title: string }; overrides: Array<{ note: string }> }>;
    };
    expect(exported.documents[0]?.record.title).toBe(GDOC_TITLE);
    expect(exported.documents[0]?.overrides.map((o) => o.note)).toContain(note);
    expect(formulaCells(csv)).toEqual([]);
    expect(csv).toContain(`'=HYPERLINK(""${SENTINEL}/title-csv""`);
    expect(csv).toContain("'+cmd|' /C calc'!A0");
    expect(markdownMarkup(markdown)).toEqual([]);
    expect(markdown).toContain('\\<img src=x onerror="\\_\\_plHit');
    counts.tried += 3 * (PAYLOADS.length + 5);
    await checkReport(s, detector, report, [GDOC_TITLE, ...payloads('note')], 'HTML report (side panel)');

    // An import file whose titles, notes, passages and addresses are payloads (one document each).
    interface ExportedDoc {
      record: Record<string, unknown>;
      report: Record<string, unknown> & { questions: Array<{ evidence: Array<{ snippet: string }> }> };
      overrides: Array<Record<string, unknown>>;
      history: Array<Record<string, unknown>>;
    }
    const base = JSON.parse(json) as { documents: ExportedDoc[] };
    const template = base.documents[0] as ExportedDoc;
    const titles = payloads('import');
    const documents = titles.map((title, i) => {
      const docKey = `canvas:hcusd.instructure.com:4821:hostile-import-${i}`;
      const clone = JSON.parse(JSON.stringify(template)) as ExportedDoc;
      clone.record = {
        ...clone.record,
        docKey,
        site: 'canvas',
        title,
        url: `data:text/html,<script>__plHit('url-${i}')</script>`,
      };
      clone.report = { ...clone.report, docKey };
      for (const q of clone.report.questions) for (const e of q.evidence) e.snippet = `${title} coaching`;
      clone.overrides = clone.overrides.map((o) => ({ ...o, docKey, note: title }));
      clone.history = clone.history.map((h) => ({ ...h, docKey }));
      return clone;
    });
    const importFile = path.join(dir, 'hostile-import.json');
    writeFileSync(importFile, JSON.stringify({ ...base, documents }));

    const dashboard = await s.context.newPage();
    await dashboard.goto(`chrome-extension://${s.extensionId}/dashboard.html`);
    await expect.poll(() => dashboard.locator('.doc-count').getAttribute('data-loaded')).toBe('yes');
    const [chooser] = await Promise.all([
      dashboard.waitForEvent('filechooser'),
      dashboard.getByRole('button', { name: 'Import', exact: true }).click(),
    ]);
    await chooser.setFiles(importFile);
    await expect
      .poll(() => dashboard.locator('.import-totals').textContent())
      .toMatch(new RegExp(`^${titles.length} new`));
    const previewed = await dashboard.locator('.import-docs li').allTextContents();
    for (const title of titles) expect(previewed.some((t) => t.includes(title.replace(/\s+/g, ' ').trim()))).toBe(true);
    await assertInert(detector, dashboard, 'dashboard import preview', titles.length);
    await dashboard.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect
      .poll(() => dashboard.locator('.import-done').textContent())
      .toMatch(new RegExp(`${titles.length} new`));
    await expect.poll(() => dashboard.locator('.doc-count').getAttribute('data-count')).toBe(String(titles.length + 2));
    const rowTitles = await dashboard.locator('tr.dashboard-row .row-title').allTextContents();
    expect(rowTitles).toContain(GDOC_TITLE);
    expect(rowTitles).toContain(CANVAS_TITLE);
    await assertInert(detector, dashboard, 'dashboard list', titles.length + 2);

    // Each imported document in the side panel: title, notes and passages as text; "Show in
    // document" with a data: address opens nothing that runs.
    const imported = await s.context.newPage();
    for (const [i, title] of titles.entries()) {
      const docKey = `canvas:hcusd.instructure.com:4821:hostile-import-${i}`;
      await imported.goto(panelUrl(s, docKey));
      await expect.poll(() => imported.locator('.doc-title').textContent()).toBe(title);
      if (i === 0) {
        expect(await imported.locator('p.note').first().textContent()).toBe(title);
        const pages = s.context.pages().length;
        const evidence = imported.locator('li.question:has(blockquote.evidence)').first();
        await evidence.getByRole('button', { name: 'Show in document' }).click();
        await expect.poll(() => evidence.locator('[role=alert]').textContent()).toMatch(/Open the document first/);
        expect(
          s.context
            .pages()
            .slice(pages)
            .map((p) => p.url()),
        ).toEqual([]);
      }
      const elements = await injected(imported);
      counts.tried += 3;
      counts.executed += elements.length;
      expect({ title, elements }).toEqual({ title, elements: [] });
    }
    await assertInert(detector, imported, 'side panel (imported documents)', 0);

    // The dashboard's Export: every document in every format.
    await dashboard.reload();
    await expect.poll(() => dashboard.locator('.doc-count').getAttribute('data-loaded')).toBe('yes');
    await dashboard.getByRole('button', { name: 'Export', exact: true }).click();
    const all = async (name: string) =>
      download(dashboard, () => dashboard.getByRole('button', { name, exact: true }).click(), dir);
    const allCsv = readFileSync(await all('CSV'), 'utf8');
    const allMarkdown = readFileSync(await all('Markdown'), 'utf8');
    const allReport = await all('Report');
    const allJson = JSON.parse(readFileSync(await all('JSON'), 'utf8')) as {
      documents: Array<{ record: { title: string } }>;
    };
    expect(allJson.documents.map((d) => d.record.title)).toEqual(expect.arrayContaining(titles));
    expect(formulaCells(allCsv)).toEqual([]);
    expect(allCsv).toContain(`'=HYPERLINK(""${SENTINEL}/import-csv-hyperlink-csv""`);
    expect(markdownMarkup(allMarkdown)).toEqual([]);
    counts.tried += 3 * titles.length;
    await checkReport(s, detector, allReport, [GDOC_TITLE, CANVAS_TITLE], 'HTML report (dashboard)');
  }, 180_000);

  it('self-check: the detectors catch a deliberately unsafe rendering', async () => {
    const s = await launch();
    session = s;
    const detector = await installDetectors(s.context);
    const dir = tempDir();
    // An extension page (same CSP as the side panel) that renders payloads as HTML.
    const page = await s.context.newPage();
    await page.goto(`chrome-extension://${s.extensionId}/dashboard.html`);
    await expect.poll(() => page.locator('.doc-count').getAttribute('data-loaded')).toBe('yes');
    expect(await injected(page)).toEqual([]);
    await page.evaluate((html) => {
      const div = document.createElement('div');
      div.innerHTML = html;
      document.body.append(div);
    }, payloads('unsafe').join('\n'));
    await expect.poll(() => detector.sentinel.length).toBeGreaterThan(0);
    const elements = await injected(page);
    console.log(
      `self-check: unsafe rendering in an extension page → ${elements.length} elements, ${detector.sentinel.length} sentinel loads`,
    );
    expect(elements).toEqual(expect.arrayContaining(['img[onerror]', 'iframe', 'svg[onload]', 'meta[http-equiv]']));
    // A report written without escaping and without its CSP: the payloads run when it is opened.
    const unsafe = path.join(dir, 'unsafe-report.html');
    writeFileSync(unsafe, `<!doctype html><title>r</title><body>${payloads('report').join('\n')}</body>`);
    const report = await s.context.newPage();
    await report.goto(pathToFileURL(unsafe).href);
    await expect.poll(() => detector.hits.length).toBeGreaterThan(0);
    console.log(`self-check: unsafe report → ${detector.hits.length} __plHit calls`);
    expect((await injected(report)).length).toBeGreaterThan(0);
    // The export checks catch unneutralized CSV cells and raw Markdown.
    expect(formulaCells('a,"=HYPERLINK(""x"")"\r\n')).toEqual(['=HYPERLINK("x")']);
    expect(markdownMarkup('## <img src=x> [a](javascript:x)')).toHaveLength(2);
  });
});

describe('page scripts cannot reach the background', () => {
  /** The content script's isolated world in a page, through CDP (as PlanLens's own code runs there). */
  async function contentWorld(page: Page): Promise<{ cdp: CDPSession; contextId: number }> {
    const cdp = await page.context().newCDPSession(page);
    const contexts: Array<{ id: number; name: string; auxData?: { type?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    await expect.poll(() => contexts.some((c) => c.auxData?.type === 'isolated' && c.name === 'PlanLens')).toBe(true);
    const world = contexts.find(
      (c) => c.auxData?.type === 'isolated' && c.name === 'PlanLens',
    ) as (typeof contexts)[number];
    return { cdp, contextId: world.id };
  }

  it('a page cannot message PlanLens; fake window messages and events change nothing; bad content-script messages are refused', async () => {
    const s = await launch();
    session = s;
    const detector = await installDetectors(s.context);
    await serveGoogleDoc(s.context, { id: DOC_ID, title: 'Lakeview plan', exportHtml: LAKEVIEW });
    const doc = await s.context.newPage();
    await doc.goto(googleDocUrl(DOC_ID));
    await waitForStored(s, DOC_KEY);
    const panel = await s.context.newPage();
    await panel.goto(panelUrl(s, DOC_KEY));
    const before = await storedDocument(panel, DOC_KEY);
    const fakeKey = 'gdocs:1FakeInjectedPlanXq7Rt2026abcdefghijk';
    const fakeSnapshot = {
      docKey: fakeKey,
      site: 'gdocs',
      url: googleDocUrl('1FakeInjectedPlanXq7Rt2026abcdefghijk'),
      title: 'Injected',
      blocks: [{ id: 'b0', kind: 'paragraph', text: 'Coaches observe every two weeks.' }],
    };

    // The page's own world: no extension API (no externally_connectable), and anything it posts
    // or dispatches is not PlanLens's protocol.
    const fromPage = await doc.evaluate(
      async ({ extensionId, snapshot }) => {
        const g = globalThis as unknown as {
          chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } };
        };
        let sendMessage = 'absent';
        let attempts = 1;
        if (g.chrome?.runtime?.sendMessage) {
          try {
            await g.chrome.runtime.sendMessage(extensionId, { type: 'snapshot', snapshot });
            sendMessage = 'delivered';
          } catch (error) {
            sendMessage = `refused: ${(error as Error).message}`;
          }
        }
        for (const message of [
          { type: 'snapshot', snapshot },
          { type: 'setNote', docKey: snapshot.docKey, questionId: 'coaching.exploration.x', note: 'x' },
          { type: 'planlens:showPassage', docKey: snapshot.docKey, blockId: 'b0', snippet: 'x' },
        ]) {
          window.postMessage(message, '*');
          document.dispatchEvent(new CustomEvent(message.type, { detail: message }));
          attempts += 2;
        }
        window.dispatchEvent(new CustomEvent(`${extensionId}:gdocs:wxt:locationchange`));
        attempts += 1;
        return { sendMessage, attempts };
      },
      { extensionId: s.extensionId, snapshot: fakeSnapshot },
    );
    console.log(`page world → chrome.runtime.sendMessage(PlanLens): ${fromPage.sendMessage}`);
    expect(fromPage.sendMessage).not.toBe('delivered');

    // PlanLens's own content-script world (a real content-script sender): malformed or
    // page-only requests are refused by the router's schema and sender checks.
    const { cdp, contextId } = await contentWorld(doc);
    const bad: unknown[] = [
      null,
      'snapshot',
      { type: 'snapshot' },
      { type: 'snapshot', snapshot: { ...fakeSnapshot, docKey: 'not a key' } },
      { type: 'snapshot', snapshot: { ...fakeSnapshot, site: 'evil' } },
      { type: 'snapshot', snapshot: { ...fakeSnapshot, blocks: [{ id: 'b0', kind: 'script', text: 'x' }] } },
      {
        type: 'snapshot',
        snapshot: { ...fakeSnapshot, blocks: [{ id: 'b0', kind: 'paragraph', text: 'x'.repeat(20001) }] },
      },
      { type: 'snapshot', snapshot: { ...fakeSnapshot, title: 't'.repeat(501) } },
      { type: 'readFailed', docKey: fakeKey, site: 'gdocs', url: 'u', title: 't', reason: 'pwned', message: 'm' },
      {
        type: 'setNote',
        docKey: DOC_KEY,
        questionId: 'coaching.exploration.x',
        note: '<img src=x onerror=__plHit(1)>',
      },
      { type: 'setManualStatus', docKey: DOC_KEY, questionId: 'coaching.exploration.x', status: 'answered' },
      { type: 'applyImport', text: '{}' },
      { type: 'exportCoverage' },
      { type: 'listDocuments' },
      { type: 'trackAnyway', docKey: fakeKey },
      { type: 'deleteEverything' },
    ];
    const replies = (await cdp.send('Runtime.evaluate', {
      contextId,
      awaitPromise: true,
      returnByValue: true,
      expression: `Promise.all(${JSON.stringify(bad)}.map((m) => chrome.runtime.sendMessage(m).catch((e) => ({ ok: false, error: String(e) }))))`,
    })) as { result: { value: Array<{ ok: boolean; error?: string }> } };
    const refused = replies.result.value.filter((r) => r && r.ok === false && /^Refused/.test(r.error ?? ''));
    for (const [i, r] of replies.result.value.entries())
      console.log(`content world → ${JSON.stringify(bad[i]).slice(0, 60)}: ${r?.error}`);
    // A well-formed snapshot from the real content-script world is accepted (the check is not blanket refusal).
    const good = (await cdp.send('Runtime.evaluate', {
      contextId,
      awaitPromise: true,
      returnByValue: true,
      expression: `chrome.runtime.sendMessage(${JSON.stringify({ type: 'getDocument', docKey: DOC_KEY })})`,
    })) as { result: { value: { ok: boolean } } };
    expect(good.result.value.ok).toBe(true);

    await doc.waitForTimeout(500);
    const after = await storedDocument(panel, DOC_KEY);
    const fake = await storedDocument(panel, fakeKey);
    const list = (await panel.evaluate(async () => {
      const { chrome } = globalThis as unknown as ExtensionGlobals;
      return chrome.runtime.sendMessage({ type: 'listDocuments' });
    })) as { value: { summaries: Array<{ docKey: string }> } };
    const applied = (fake ? 1 : 0) + (JSON.stringify(after) === JSON.stringify(before) ? 0 : 1);
    // Tried: the page world's attempts (counted where they were made) and the content-script world's.
    const delivered = fromPage.sendMessage === 'delivered' ? 1 : 0;
    recordCount('malformed', bad.length + fromPage.attempts, applied + delivered + (bad.length - refused.length));
    expect(refused).toHaveLength(bad.length);
    expect(fake).toBeNull();
    expect(after).toEqual(before);
    expect(list.value.summaries.map((d) => d.docKey)).toEqual([DOC_KEY]);
    expect(detector.hits).toEqual([]);
  });
});
