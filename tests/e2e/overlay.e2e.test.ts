import type { CDPSession, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from './axe';
import { type Display, startDisplay } from './desktop';
import {
  browsers,
  googleDocUrl,
  LAKEVIEW,
  type LaunchOptions,
  openLakeview,
  panelUrl,
  type Session,
  serveGoogleDoc,
  storedDocument,
  waitForStored,
} from './harness';

/**
 * The in-page panel: injected by the background into the plan's tab when the user asks for it
 * (toolbar button with "in-page" chosen, or the keyboard shortcut), in a closed shadow root.
 * Playwright cannot reach into a closed root; the tests look inside through the DevTools
 * protocol (DOM.getDocument with pierce, which the browser's own inspector uses), never
 * through anything the extension exposes.
 */

const DOC_ID = LAKEVIEW.id;
const DOC_KEY = LAKEVIEW.docKey;
const OTHER_ID = '1RiversideOtherPlanXq7Rt2026abcdefghij';
const OTHER_KEY = `gdocs:${OTHER_ID}`;
const HOST = 'planlens-overlay';

let display: Display | null = null;

// Registered before browsers(): after-each hooks run last-registered first, so the browsers
// close before their display goes away.
afterEach(() => {
  display?.stop();
  display = null;
});

const browser = browsers();

async function start(options: LaunchOptions = {}): Promise<{ session: Session; doc: Page }> {
  const session = await browser.launch(options);
  await serveGoogleDoc(session.context, { id: OTHER_ID, title: 'Riverside plan', exportHtml: LAKEVIEW.exportHtml });
  const doc = await openLakeview(session);
  await doc.bringToFront();
  return { session, doc };
}

/** "Open PlanLens as" on the settings page, chosen as a user would. */
async function choose(session: Session, label: RegExp): Promise<void> {
  const options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  await options.getByRole('radio', { name: label }).check();
  await expect.poll(() => options.locator('.surface-preference [role=status]').textContent()).not.toBe('');
  await options.close();
}

const IN_PAGE = /inside the page/;
const SIDE_PANEL = /Side panel of the browser/;

type Chrome = {
  tabs: { query(q: object): Promise<Array<{ id: number; url?: string }>> };
  action: { onClicked: { dispatch(tab: unknown): void } };
  sidePanel: { getPanelBehavior(): Promise<{ openPanelOnActionClick: boolean }> };
};

/**
 * A click on the toolbar button. Headless Chromium has no toolbar to click: the service worker
 * dispatches the very event the browser would send (action.onClicked, with the tab), so the
 * background's own handler runs. The keyboard test below presses the real shortcut instead.
 */
async function clickToolbarButton(session: Session, url: string): Promise<void> {
  const worker = session.context.serviceWorkers()[0];
  if (!worker) throw new Error('no service worker');
  await worker.evaluate(async (address) => {
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    const [tab] = await chrome.tabs.query({ url: address });
    if (!tab) throw new Error(`no tab at ${address}`);
    chrome.action.onClicked.dispatch(tab);
  }, url);
}

async function panelBehavior(session: Session): Promise<boolean> {
  const worker = session.context.serviceWorkers()[0];
  if (!worker) throw new Error('no service worker');
  return worker.evaluate(
    async () =>
      (await (globalThis as unknown as { chrome: Chrome }).chrome.sidePanel.getPanelBehavior()).openPanelOnActionClick,
  );
}

async function shortcuts(session: Session): Promise<Record<string, string>> {
  const worker = session.context.serviceWorkers()[0];
  if (!worker) throw new Error('no service worker');
  return worker.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: { commands: { getAll(): Promise<Array<{ name: string; shortcut: string }>> } };
      }
    ).chrome;
    return Object.fromEntries((await api.commands.getAll()).map((c) => [c.name, c.shortcut]));
  });
}

interface DomNode {
  backendNodeId: number;
  localName?: string;
  children?: DomNode[];
  shadowRoots?: Array<DomNode & { shadowRootType?: string }>;
}

/** The panel's shadow root as the DevTools protocol sees it (null: no panel in the page). */
async function shadowRootNode(cdp: CDPSession): Promise<(DomNode & { shadowRootType?: string }) | null> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const find = (node: DomNode): DomNode | null => {
    if (node.localName === HOST) return node;
    for (const child of node.children ?? []) {
      const found = find(child);
      if (found) return found;
    }
    return null;
  };
  return find(root)?.shadowRoots?.[0] ?? null;
}

/** Runs `fn` with `this` bound to the panel's shadow root (in the page's main world). */
async function inPanel<T>(cdp: CDPSession, fn: string, ...args: unknown[]): Promise<T> {
  const node = await shadowRootNode(cdp);
  if (!node) throw new Error('no in-page panel');
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendNodeId })) as {
    object: { objectId: string };
  };
  const reply = (await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: fn,
    arguments: args.map((value) => ({ value })),
    returnByValue: true,
    awaitPromise: true,
  })) as { result: { value: T }; exceptionDetails?: { text: string } };
  if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.text);
  return reply.result.value;
}

const questionIds = (cdp: CDPSession) =>
  inPanel<string[]>(
    cdp,
    'function () { return [...this.querySelectorAll("li.question")].map((li) => li.dataset.question); }',
  );

const hostCount = (page: Page) => page.evaluate((tag) => document.querySelectorAll(tag).length, HOST);

/**
 * Sends a request from PlanLens's content-script world in `page` (where the in-page panel runs),
 * as the panel or a content script would, and returns the router's reply.
 */
async function fromContentWorld(
  page: Page,
  session: Session,
  request: object,
): Promise<{ ok: boolean; error?: string }> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }> = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: (typeof contexts)[number] }) =>
    contexts.push(event.context),
  );
  await cdp.send('Runtime.enable');
  const world = contexts.find(
    (c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${session.extensionId}`,
  );
  if (!world) throw new Error('PlanLens runs no content script in this page');
  const reply = (await cdp.send('Runtime.evaluate', {
    contextId: world.id,
    expression: `chrome.runtime.sendMessage(${JSON.stringify(request)})`,
    awaitPromise: true,
    returnByValue: true,
  })) as { result: { value: { ok: boolean; error?: string } } };
  await cdp.detach();
  return reply.result.value;
}

describe('the in-page panel', () => {
  it('opens from the toolbar button with "in-page" chosen: the plan’s questions in a closed shadow root, the page unchanged, Escape closes it', async () => {
    const { session, doc } = await start();
    expect(await panelBehavior(session)).toBe(true);
    await choose(session, IN_PAGE);
    // Chrome no longer opens its side panel from the button: the click comes to PlanLens.
    await expect.poll(() => panelBehavior(session)).toBe(false);

    // The user was in the document; a page script watches every shadow root the page creates.
    await doc.bringToFront();
    await doc.locator('.kix-appview-editor').focus();
    await doc.evaluate(() => {
      const seen: string[] = [];
      (globalThis as unknown as { seenRoots: string[] }).seenRoots = seen;
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
        seen.push(this.localName);
        return attach.call(this, init);
      };
    });
    const bodyBefore = await doc.evaluate(() => document.body.outerHTML);
    const pageBefore = await doc.evaluate(() => document.documentElement.outerHTML);

    await clickToolbarButton(session, googleDocUrl(DOC_ID));
    const cdp = await session.context.newCDPSession(doc);
    await expect.poll(() => hostCount(doc)).toBe(1);
    expect((await shadowRootNode(cdp))?.shadowRootType).toBe('closed');
    // The same coverage view as the side panel: the document, its stages, its questions.
    await expect
      .poll(() =>
        inPanel<string | null>(cdp, 'function () { return this.querySelector(".doc-title")?.textContent ?? null; }'),
      )
      .toBe(LAKEVIEW.title);
    const ids = await questionIds(cdp);
    expect(ids.length).toBeGreaterThan(20);
    expect(
      await inPanel<number>(cdp, 'function () { return this.querySelectorAll("li.question-unanswered").length; }'),
    ).toBeGreaterThan(0);
    expect(
      await inPanel<string | null>(
        cdp,
        'function () { return this.querySelector("[role=dialog]")?.getAttribute("aria-label") ?? null; }',
      ),
    ).toBe('PlanLens panel');

    // The page's scripts get nothing: no handle on the root, no shadow root seen created, no
    // panel text in their DOM; the page's own content is untouched.
    const pageView = await doc.evaluate(
      ({ tag, id }) => {
        const host = document.querySelector(tag);
        return {
          shadowRoot: host ? host.shadowRoot : 'no host',
          parent: host?.parentElement?.localName ?? null,
          seen: (globalThis as unknown as { seenRoots: string[] }).seenRoots,
          questionsInPage: document.querySelectorAll('li.question').length,
          idInText: document.documentElement.innerText.includes(id),
          title: document.documentElement.innerText.includes('PlanLens panel'),
        };
      },
      { tag: HOST, id: ids[0] as string },
    );
    expect(pageView).toEqual({
      shadowRoot: null,
      parent: 'html',
      seen: [],
      questionsInPage: 0,
      idInText: false,
      title: false,
    });
    expect(await doc.evaluate(() => document.body.outerHTML)).toBe(bodyBefore);

    // The focus moved into the panel (the page sees only its host as focused).
    await expect.poll(() => doc.evaluate(() => document.activeElement?.localName)).toBe(HOST);
    expect(
      await inPanel<string | null>(cdp, 'function () { return this.activeElement?.getAttribute("role") ?? null; }'),
    ).toBe('dialog');

    // Escape closes it, and the focus goes back to the document.
    await doc.keyboard.press('Escape');
    await expect.poll(() => hostCount(doc)).toBe(0);
    await expect
      .poll(() => doc.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Document content');
    expect(await doc.evaluate(() => document.documentElement.outerHTML)).toBe(pageBefore);
  });

  it('a second click removes it, and the close button closes it', async () => {
    const { session, doc } = await start();
    await choose(session, IN_PAGE);
    await expect.poll(() => panelBehavior(session)).toBe(false);
    await doc.bringToFront();
    await clickToolbarButton(session, googleDocUrl(DOC_ID));
    await expect.poll(() => hostCount(doc)).toBe(1);
    await clickToolbarButton(session, googleDocUrl(DOC_ID));
    await expect.poll(() => hostCount(doc)).toBe(0);

    await clickToolbarButton(session, googleDocUrl(DOC_ID));
    await expect.poll(() => hostCount(doc)).toBe(1);
    const cdp = await session.context.newCDPSession(doc);
    await expect.poll(() => questionIds(cdp).then((ids) => ids.length)).toBeGreaterThan(20);
    await inPanel(cdp, 'function () { this.querySelector(".overlay-close").click(); }');
    await expect.poll(() => hostCount(doc)).toBe(0);

    // Back to the side panel: Chrome opens it from the button again.
    await choose(session, SIDE_PANEL);
    await expect.poll(() => panelBehavior(session)).toBe(true);
  });

  it('saves a manual status through the background and shows it at once; other tabs, and export, are refused', async () => {
    const { session, doc } = await start();
    await choose(session, IN_PAGE);
    await expect.poll(() => panelBehavior(session)).toBe(false);
    await doc.bringToFront();
    await clickToolbarButton(session, googleDocUrl(DOC_ID));
    const cdp = await session.context.newCDPSession(doc);
    await expect.poll(() => questionIds(cdp).then((ids) => ids.length)).toBeGreaterThan(20);
    const question = await inPanel<string>(
      cdp,
      'function () { return this.querySelector("li.question-unanswered:not(.question-manual)").dataset.question; }',
    );
    // The user marks it answered in the panel's status control.
    await inPanel(
      cdp,
      `function (id) {
        const select = this.querySelector('li.question[data-question="' + id + '"] select.status-select');
        select.value = 'answered';
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }`,
      question,
    );
    // Stored in the extension's database, and the panel shows it (the background told it).
    const panel = await session.context.newPage();
    await panel.goto(panelUrl(session, DOC_KEY));
    await expect
      .poll(async () => {
        const view = (await storedDocument(panel, DOC_KEY)) as {
          overrides: Array<{ questionId: string; status: string | null }>;
        };
        return view.overrides.find((o) => o.questionId === question)?.status ?? null;
      })
      .toBe('answered');
    await doc.bringToFront();
    await expect
      .poll(() =>
        inPanel<boolean>(
          cdp,
          'function (id) { return this.querySelector(\'li.question[data-question="\' + id + \'"]\').classList.contains("question-manual"); }',
          question,
        ),
      )
      .toBe(true);

    const setStatus = (status: string) => ({ type: 'setManualStatus', docKey: DOC_KEY, questionId: question, status });
    // From this tab's content-script world (where the panel runs) its own requests go through,
    // but what only extension pages may do (export everything, the dashboard's list) does not.
    expect(await fromContentWorld(doc, session, setStatus('not_applicable'))).toMatchObject({ ok: true });
    expect(await fromContentWorld(doc, session, { type: 'exportCoverage' })).toEqual({
      ok: false,
      error: 'Refused: exportCoverage may only come from PlanLens’s own pages.',
    });
    expect(await fromContentWorld(doc, session, { type: 'listDocuments' })).toMatchObject({ ok: false });
    // Another plan's tab, where the user opened no panel, may not change answers.
    const other = await session.context.newPage();
    await other.goto(googleDocUrl(OTHER_ID));
    await waitForStored(session, OTHER_KEY);
    expect(await fromContentWorld(other, session, setStatus('unanswered'))).toEqual({
      ok: false,
      error: 'Refused: setManualStatus may only come from PlanLens’s own pages.',
    });
    // Once the panel is closed from the toolbar, its tab may not either.
    await doc.bringToFront();
    await clickToolbarButton(session, googleDocUrl(DOC_ID));
    await expect.poll(() => hostCount(doc)).toBe(0);
    expect(await fromContentWorld(doc, session, setStatus('unanswered'))).toMatchObject({ ok: false });
    const view = (await storedDocument(panel, DOC_KEY)) as {
      overrides: Array<{ questionId: string; status: string | null }>;
    };
    expect(view.overrides.find((o) => o.questionId === question)?.status).toBe('not_applicable');
  });

  it('axe finds no violations in the panel as shown in the page, nor in its setting', async () => {
    const { session, doc } = await start();
    await choose(session, IN_PAGE);
    await expect.poll(() => panelBehavior(session)).toBe(false);
    await doc.bringToFront();
    await clickToolbarButton(session, googleDocUrl(DOC_ID));
    const cdp = await session.context.newCDPSession(doc);
    await expect.poll(() => questionIds(cdp).then((ids) => ids.length)).toBeGreaterThan(20);
    // axe walks shadow roots through host.shadowRoot, which a closed root hides. For this check
    // only, the test gives the host in the page's world a property pointing at the root it got
    // from the DevTools protocol: the panel is checked as shipped, styles and all.
    await inPanel(
      cdp,
      'function () { const root = this; Object.defineProperty(root.host, "shadowRoot", { get: () => root }); }',
    );
    const violations = await axeViolations(doc, HOST);
    expect(violations, describeViolations(violations)).toEqual([]);

    // And the preference on the settings page.
    const options = await session.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await expect.poll(() => options.getByRole('radio', { name: IN_PAGE }).isChecked()).toBe(true);
    const settings = await axeViolations(options, '#surface');
    expect(settings, describeViolations(settings)).toEqual([]);
  });

  it('toggles with the real keyboard shortcuts (Alt+Shift+L, and Alt+Shift+O for the toolbar button)', async () => {
    display = await startDisplay();
    const { session, doc } = await start({ display: display.name });
    // The browser gave PlanLens the suggested keys (it leaves a key it uses itself unassigned).
    expect(await shortcuts(session)).toEqual({ _execute_action: 'Alt+Shift+O', 'toggle-overlay': 'Alt+Shift+L' });
    await doc.bringToFront();
    await doc.locator('.kix-appview-editor').focus();
    display.press('alt+shift+l');
    await expect.poll(() => hostCount(doc), { timeout: 10000 }).toBe(1);
    const cdp = await session.context.newCDPSession(doc);
    await expect.poll(() => questionIds(cdp).then((ids) => ids.length)).toBeGreaterThan(20);
    display.press('alt+shift+l');
    await expect.poll(() => hostCount(doc), { timeout: 10000 }).toBe(0);

    // With "in-page" chosen, the toolbar button's own shortcut shows it too.
    await choose(session, IN_PAGE);
    await expect.poll(() => panelBehavior(session)).toBe(false);
    await doc.bringToFront();
    await doc.locator('.kix-appview-editor').focus();
    display.press('alt+shift+o');
    await expect.poll(() => hostCount(doc), { timeout: 10000 }).toBe(1);
  });
});
