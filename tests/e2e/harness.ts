import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Route } from 'playwright-core';
import { afterEach } from 'vitest';

/**
 * Real Chromium with the real built extension. Pages we cannot reach (Google Docs) are served as
 * fixtures at their real addresses through request interception, so the manifest's match
 * patterns are exercised; every other request is refused, so tests never touch the network.
 */

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST = path.join(ROOT, '.output/chrome-mv3');

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export function findChromium(): string {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found for end-to-end tests. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).',
    );
  }
  return found;
}

export interface Session {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  /** Requests that left the browser (after interception), for no-network assertions. */
  requests: string[];
}

export function newProfileDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'planlens-e2e-'));
}

export function removeProfileDir(dir: string): void {
  // A browser's helper processes may still be writing in it for a moment after it closed.
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

export interface LaunchOptions {
  /** An X display (Xvfb) to run a visible browser on, for the browser's own dialogs. */
  display?: string;
  /** The same browser without PlanLens (baselines for measurements). */
  withoutExtension?: boolean;
  /** The browser's UI language (what browser.i18n answers), e.g. "es". */
  lang?: string;
  /**
   * Another unpacked extension instead of PlanLens (the budget's control extension). It has no
   * service worker, so the session's extensionId is left empty.
   */
  extensionDir?: string;
}

/** Chromium takes its UI language from --lang, and on Linux also from the environment. */
function languageSettings(lang: string | undefined): { args: string[]; env: Record<string, string> } {
  if (!lang) return { args: [], env: {} };
  const tag = lang.replace('-', '_');
  const base = tag.split('_')[0] as string;
  const languages = tag === base ? tag : `${tag}:${base}`;
  return { args: [`--lang=${lang}`], env: { LANGUAGE: languages, LANG: `${tag}.UTF-8`, LC_ALL: `${tag}.UTF-8` } };
}

/** Flags every test browser gets (this harness's, and tests/e2e/cdp-pipe.ts's). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const extensionArgs = (dir: string): string[] => [
  `--disable-extensions-except=${dir}`,
  `--load-extension=${dir}`,
];

export async function launch(userDataDir = newProfileDir(), options: LaunchOptions = {}): Promise<Session> {
  const extension = options.withoutExtension ? null : (options.extensionDir ?? DIST);
  if (extension === DIST && !existsSync(path.join(DIST, 'manifest.json'))) {
    throw new Error(`The extension is not built (${DIST}). Run: npm run build`);
  }
  const language = languageSettings(options.lang);
  const env = { ...(options.display ? { DISPLAY: options.display } : {}), ...language.env };
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: !options.display,
    ...(Object.keys(env).length ? { env: { ...process.env, ...env } } : {}),
    ...(options.lang ? { locale: options.lang } : {}),
    args: [...language.args, ...(extension ? extensionArgs(extension) : []), ...CHROMIUM_ARGS],
  });
  const requests: string[] = [];
  context.on('request', (request) => {
    if (!request.url().startsWith('chrome-extension://')) requests.push(request.url());
  });
  // Default: nothing reaches the network. Tests add fixture routes on top (later routes win).
  await context.route(/^https?:\/\//, (route) => route.abort('internetdisconnected'));
  if (extension !== DIST) return { context, extensionId: '', userDataDir, requests };
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;
  return { context, extensionId, userDataDir, requests };
}

export interface GoogleDocFixture {
  id: string;
  title: string;
  /** The export's HTML, or a status code the export answers with instead. */
  exportHtml?: string;
  exportStatus?: number;
}

const EDITOR = readFileSync(path.join(ROOT, 'tests/fixtures/gdocs/editor.html'), 'utf8');

/** The saved Google Docs editor page, with a document title. */
export const EDITOR_HTML = (title: string): string => EDITOR.replaceAll('{{TITLE}}', escapeHtml(title));

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Serves a Google Doc's editor page and its HTML export at docs.google.com. */
export async function serveGoogleDoc(context: BrowserContext, doc: GoogleDocFixture): Promise<void> {
  await context.route(`https://docs.google.com/document/d/${doc.id}/**`, async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('/export')) {
      if (doc.exportStatus) {
        await route.fulfill({
          status: doc.exportStatus,
          contentType: 'text/html',
          body: '<html><body>Error</body></html>',
        });
        return;
      }
      await route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-disposition': `attachment; filename="${encodeURIComponent(doc.title)}.html"` },
        body: doc.exportHtml ?? '',
      });
      return;
    }
    await route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: EDITOR_HTML(doc.title),
    });
  });
}

export function googleDocUrl(id: string): string {
  return `https://docs.google.com/document/d/${id}/edit`;
}

export function panelUrl(session: Session, docKey?: string): string {
  const query = docKey ? `?doc=${encodeURIComponent(docKey)}` : '';
  return `chrome-extension://${session.extensionId}/sidepanel.html${query}`;
}

/** The part of the extension API an extension page evaluates in tests. */
export interface ExtensionGlobals {
  chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value?: unknown } | undefined> } };
}

/** Asks the background (as an extension page would) for a stored document. */
export async function storedDocument(page: Page, docKey: string): Promise<unknown> {
  return page.evaluate(async (key) => {
    const { chrome } = globalThis as unknown as ExtensionGlobals;
    const reply = await chrome.runtime.sendMessage({ type: 'getDocument', docKey: key });
    return reply?.ok ? reply.value : null;
  }, docKey);
}

/** Waits until the background has stored a document (content script → background → IndexedDB). */
export async function waitForStored(session: Session, docKey: string, timeoutMs = 15000): Promise<void> {
  const page = await session.context.newPage();
  try {
    await page.goto(panelUrl(session, docKey));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const view = (await storedDocument(page, docKey)) as { record?: { lastReadAt?: number } } | null;
      if (view?.record?.lastReadAt) return;
      await page.waitForTimeout(100);
    }
    throw new Error(`The document ${docKey} was not stored within ${timeoutMs} ms`);
  } finally {
    await page.close();
  }
}

export interface ExportAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface LiveGoogleDoc {
  /** Addresses of editor page loads, in order. */
  editorLoads: string[];
  /** Times (ms since epoch) of export requests, in order. */
  exports: number[];
}

/**
 * Like serveGoogleDoc, but each export request asks `answer` what to send (the document's text
 * can change between reads, or Google can refuse), and the loads are counted.
 */
export async function serveLiveGoogleDoc(
  context: BrowserContext,
  doc: { id: string; title: string },
  answer: (request: number) => ExportAnswer,
): Promise<LiveGoogleDoc> {
  const live: LiveGoogleDoc = { editorLoads: [], exports: [] };
  await context.route(`https://docs.google.com/document/d/${doc.id}/**`, async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('/export')) {
      live.exports.push(Date.now());
      const reply = answer(live.exports.length);
      await route.fulfill({
        status: reply.status,
        contentType: 'text/html; charset=utf-8',
        headers: reply.headers ?? {},
        body: reply.body ?? '<html><body>Error</body></html>',
      });
      return;
    }
    live.editorLoads.push(route.request().url());
    await route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: EDITOR_HTML(doc.title),
    });
  });
  return live;
}

/** The plan most tests read: Lakeview Middle School's PBIS implementation plan, as a Google Doc. */
export const LAKEVIEW = {
  id: '1LakeviewPbisPlanXq7Rt2026abcdefghijk',
  docKey: 'gdocs:1LakeviewPbisPlanXq7Rt2026abcdefghijk',
  title: 'Lakeview MS PBIS Implementation Plan',
  exportHtml: readFileSync(path.join(ROOT, 'tests/fixtures/gdocs/lakeview-pbis.export.html'), 'utf8'),
} as const;

/** The Lakeview plan after an edit: a selection section was added (a heading and a paragraph). */
export const LAKEVIEW_EDITED_HTML = LAKEVIEW.exportHtml.replace(
  '</body>',
  '<h2 id="h.sel0001"><span>Selection of staff</span></h2><p><span>We will recruit and interview two new interventionists using a structured interview with a behavior rehearsal, and select candidates who accept coaching and feedback.</span></p></body>',
);

export interface Browsers {
  /** A fresh profile folder, removed after the test (for a browser restarted on the same profile). */
  profile(): string;
  /** Launches Chromium with PlanLens (on a fresh profile unless one is given); closed after the test. */
  launch(options?: LaunchOptions, profile?: string): Promise<Session>;
  /** Closes a browser before the test ends (a restart), keeping its profile. */
  close(session: Session): Promise<void>;
}

/**
 * The browsers of one test file: whatever a test opens is closed after it, pass or fail, and its
 * profiles are deleted. Call once at the top of the file.
 */
export function browsers(): Browsers {
  const open: Session[] = [];
  const profiles: string[] = [];
  afterEach(async () => {
    for (const session of open.splice(0)) await session.context.close().catch(() => undefined);
    for (const dir of profiles.splice(0)) removeProfileDir(dir);
  });
  const profile = (): string => {
    const dir = newProfileDir();
    profiles.push(dir);
    return dir;
  };
  return {
    profile,
    async launch(options = {}, dir = profile()) {
      const session = await launch(dir, options);
      open.push(session);
      return session;
    },
    async close(session) {
      const at = open.indexOf(session);
      if (at >= 0) open.splice(at, 1);
      await session.context.close().catch(() => undefined);
    },
  };
}

/** Serves the Lakeview plan at its Google Docs address, opens it and waits until PlanLens stored it. */
export async function openLakeview(session: Session): Promise<Page> {
  await serveGoogleDoc(session.context, { id: LAKEVIEW.id, title: LAKEVIEW.title, exportHtml: LAKEVIEW.exportHtml });
  const doc = await session.context.newPage();
  await doc.goto(googleDocUrl(LAKEVIEW.id));
  await waitForStored(session, LAKEVIEW.docKey);
  return doc;
}
