import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page, Worker } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { effectiveCoverage } from '../../core/coverage/effective';
import { sameCounts } from '../../core/coverage/history';
import type { DocumentView } from '../../core/protocol';
import { recordCount } from '../security-counts';
import {
  browsers,
  type ExportAnswer,
  googleDocUrl,
  LAKEVIEW,
  LAKEVIEW_EDITED_HTML,
  panelUrl,
  ROOT,
  type Session,
  serveLiveGoogleDoc,
  storedDocument,
  waitForStored,
} from './harness';

/**
 * Failure scenarios in real Chromium (issue 7, "Failure"): the extension's service worker stopped
 * in the middle of a write (as Chrome stops idle MV3 workers), and the extension reloaded under
 * an open document (an orphaned content script). Each must lose nothing, say nothing confusing,
 * and carry on at the next event.
 */

const { id: DOC_ID, docKey: DOC_KEY, title: TITLE, exportHtml: EXPORT } = LAKEVIEW;
const NEW_TITLE = 'Lakeview MS PBIS Implementation Plan (revised)';
/** The same plan after an edit: a selection section was added (two more blocks). */
const EDITED = LAKEVIEW_EDITED_HTML;
const ok = (body: string): ExportAnswer => ({ status: 200, body });
const EDITOR = readFileSync(path.join(ROOT, 'tests/fixtures/gdocs/editor.html'), 'utf8');

const browser = browsers();

/** Scenario → survived, from its last attempt (the runner retries a failed test once). */
const outcomes = new Map<string, boolean>();
afterAll(() => {
  if (outcomes.size === 0) return;
  const notSurvived = [...outcomes.values()].filter((survived) => !survived).length;
  const names = [...outcomes.keys()].join('; ');
  recordCount('failures', outcomes.size, notSurvived, `tests/e2e/failure.e2e.test.ts: ${names}`);
});
async function scenario(name: string, run: () => Promise<void>): Promise<void> {
  outcomes.set(name, false);
  await run();
  outcomes.set(name, true);
}

type StoredView = DocumentView & { record: { lastReadAt: number } };

/** The latest history point counts what the stored coverage and overrides say (they landed together). */
function historyMatches(v: StoredView): boolean {
  const last = v.history.at(-1);
  return !!v.report && !!last && sameCounts(last, effectiveCoverage(v.report, v.overrides).counts);
}

async function view(page: Page): Promise<StoredView> {
  return (await storedDocument(page, DOC_KEY)) as StoredView;
}

/**
 * What the page's console shows from any world (the page's and the content script's): uncaught
 * exceptions, and console errors or warnings that mention PlanLens.
 */
async function watchConsole(s: Session, page: Page): Promise<{ problems: string[]; cdp: CDPSession }> {
  const problems: string[] = [];
  const cdp = await s.context.newCDPSession(page);
  cdp.on('Runtime.exceptionThrown', (event) => {
    problems.push(`uncaught: ${event.exceptionDetails.exception?.description ?? event.exceptionDetails.text}`);
  });
  cdp.on('Runtime.consoleAPICalled', (event) => {
    if (event.type !== 'error' && event.type !== 'warning') return;
    const text = event.args.map((a) => String(a.value ?? a.description ?? '')).join(' ');
    if (/planlens|extension context|message channel|receiving end/i.test(text)) problems.push(`${event.type}: ${text}`);
  });
  await cdp.send('Runtime.enable');
  return { problems, cdp };
}

/** What the editor does on an edit: the document is renamed and its DOM changes. */
async function editDocument(doc: Page, title: string): Promise<void> {
  await doc.evaluate((t) => {
    document.title = `${t} - Google Docs`;
    document.querySelector('.kix-appview-editor')?.appendChild(document.createElement('div'));
  }, title);
}

/**
 * Makes the current worker's next write to `store` hang mid-transaction: the put is issued, then
 * the transaction is kept busy so it never commits, like a worker stopped halfway through.
 */
async function stallNextWrite(sw: Worker, store: string): Promise<void> {
  await sw.evaluate((name) => {
    const g = globalThis as unknown as { planlensStalled?: boolean };
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      const request = put.apply(this, args);
      if (this.name === name && !g.planlensStalled) {
        g.planlensStalled = true;
        const keepBusy = (): void => {
          this.get('-').onsuccess = keepBusy;
        };
        keepBusy();
      }
      return request;
    } as typeof put;
  }, store);
}

async function waitUntilStalled(sw: Worker): Promise<void> {
  await expect
    .poll(() => sw.evaluate(() => (globalThis as unknown as { planlensStalled?: boolean }).planlensStalled === true), {
      timeout: 20000,
    })
    .toBe(true);
}

/** Stops the extension's service worker the way Chrome stops an idle one, and waits until it has. */
async function stopServiceWorker(s: Session, page: Page): Promise<void> {
  const cdp = await s.context.newCDPSession(page);
  const prefix = `chrome-extension://${s.extensionId}/`;
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.scriptURL.startsWith(prefix) && v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}

/**
 * Reloads the extension from its own worker (chrome.runtime.reload(), what an update does to
 * running code) and waits for the new worker. An unpacked extension comes back from a reload
 * only in developer mode (otherwise Chromium leaves it disabled), as on a developer's machine.
 */
async function reloadExtension(s: Session): Promise<Worker> {
  const settings = await s.context.newPage();
  await settings.goto('chrome://extensions');
  await settings.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const { chrome } = globalThis as unknown as {
          chrome: { developerPrivate: { updateProfileConfiguration(c: object, done: () => void): void } };
        };
        chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, resolve);
      }),
  );
  await settings.close();
  const old = s.context.serviceWorkers()[0] as Worker;
  const next = s.context.waitForEvent('serviceworker', { timeout: 30000 });
  // The worker is gone before it can answer.
  await old
    .evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload())
    .catch(() => undefined);
  return next;
}

const alertText = (page: Page) =>
  page
    .locator('[role=alert]')
    .allTextContents()
    .then((texts) => texts.join(' | '));

describe('the service worker stopped mid-flow', () => {
  it('while storing an analysis: nothing half-written, the edit still lands, open panels recover', async () => {
    await scenario('worker stopped mid-analysis', async () => {
      const s = await browser.launch();
      let text = EXPORT;
      await serveLiveGoogleDoc(s.context, { id: DOC_ID, title: TITLE }, () => ok(text));
      const doc = await s.context.newPage();
      const { problems } = await watchConsole(s, doc);
      await doc.goto(googleDocUrl(DOC_ID));
      await waitForStored(s, DOC_KEY);
      const panel = await s.context.newPage();
      await panel.goto(panelUrl(s, DOC_KEY));
      await expect.poll(() => panel.locator('.doc-title').textContent()).toBe(TITLE);
      const before = await view(panel);
      const blocksBefore = before.report?.blockCount ?? 0;
      expect(blocksBefore).toBeGreaterThan(0);

      // The worker takes the edited document and is stopped while its transaction is open.
      const sw = s.context.serviceWorkers()[0] as Worker;
      await stallNextWrite(sw, 'coverage');
      text = EDITED;
      await doc.bringToFront();
      await editDocument(doc, NEW_TITLE);
      await waitUntilStalled(sw);
      // A panel opened now waits for its answer behind that write.
      const late = await s.context.newPage();
      await late.goto(panelUrl(s, DOC_KEY));
      await stopServiceWorker(s, panel);

      // Every state anyone can read is whole: the old document, or the edited one with its
      // coverage and history point. Never the record of one with the coverage of the other.
      const probe = await s.context.newPage();
      await probe.goto(panelUrl(s, DOC_KEY));
      const seen = new Set<string>();
      await expect
        .poll(
          async () => {
            const v = await view(probe);
            const whole = historyMatches(v);
            const state =
              whole && v.record.title === TITLE && v.report?.blockCount === blocksBefore
                ? 'old'
                : whole &&
                    v.record.title === NEW_TITLE &&
                    v.report?.blockCount === blocksBefore + 2 &&
                    v.record.lastReadAt > before.record.lastReadAt
                  ? 'new'
                  : `partial: ${JSON.stringify([v.record.title, v.report?.blockCount, whole])}`;
            seen.add(state);
            return state;
          },
          { timeout: 20000 },
        )
        .toBe('new');
      expect([...seen].filter((state) => state !== 'old' && state !== 'new')).toEqual([]);

      // Both panels (open before, and waiting at the time) show the edit, with no error left.
      await expect.poll(() => panel.locator('.doc-title').textContent(), { timeout: 15000 }).toBe(NEW_TITLE);
      await expect.poll(() => late.locator('.doc-title').textContent(), { timeout: 15000 }).toBe(NEW_TITLE);
      expect(await alertText(panel)).toBe('');
      expect(await alertText(late)).toBe('');
      // The content script re-sent the edit to the new worker; the page heard nothing of it.
      expect(problems).toEqual([]);
    });
  });

  it('while saving a manual status from the panel: it is saved once, whole, with its history point', async () => {
    await scenario('worker stopped mid-write of a manual status', async () => {
      const s = await browser.launch();
      await serveLiveGoogleDoc(s.context, { id: DOC_ID, title: TITLE }, () => ok(EXPORT));
      const doc = await s.context.newPage();
      await doc.goto(googleDocUrl(DOC_ID));
      await waitForStored(s, DOC_KEY);
      const panel = await s.context.newPage();
      await panel.goto(panelUrl(s, DOC_KEY));
      await expect.poll(() => panel.locator('li.question-unanswered').count()).toBeGreaterThan(0);
      const questionId = (await panel
        .locator('li.question-unanswered')
        .first()
        .getAttribute('data-question')) as string;
      const item = panel.locator(`li.question[data-question="${questionId}"]`);
      const before = await view(panel);

      const sw = s.context.serviceWorkers()[0] as Worker;
      await stallNextWrite(sw, 'overrides');
      await item.getByLabel('Status').selectOption('answered');
      await waitUntilStalled(sw);
      await stopServiceWorker(s, panel);

      await expect.poll(() => item.locator('.chip').textContent(), { timeout: 15000 }).toBe('Answered');
      await expect.poll(() => item.locator('.status-source').textContent()).toMatch(/^Marked answered by you/);
      expect(await alertText(panel)).toBe('');
      const after = await view(panel);
      expect(after.overrides).toEqual([expect.objectContaining({ questionId, status: 'answered' })]);
      // Its history point landed in the same transaction: one more covered, at the same moment.
      const point = after.history.at(-1);
      expect(after.history).toHaveLength(before.history.length + 1);
      expect(point?.at).toBe(after.overrides[0]?.statusAt);
      expect(point?.covered).toBe((before.history.at(-1)?.covered ?? 0) + 1);
    });
  });
});

describe('the extension reloaded while a document is open', () => {
  it('the orphaned content script stops quietly and the new one takes over in the open tab, with nothing lost', async () => {
    await scenario('extension reloaded under an open document', async () => {
      const s = await browser.launch();
      let text = EXPORT;
      const live = await serveLiveGoogleDoc(s.context, { id: DOC_ID, title: TITLE }, () => ok(text));
      const doc = await s.context.newPage();
      const { problems } = await watchConsole(s, doc);
      await doc.goto(googleDocUrl(DOC_ID));
      await waitForStored(s, DOC_KEY);
      const readsBefore = live.exports.length;
      const probe = await s.context.newPage();
      await probe.goto(panelUrl(s, DOC_KEY));
      const blocksBefore = (await view(probe)).report?.blockCount ?? 0;
      expect(blocksBefore).toBeGreaterThan(0);

      // Reload the extension (what an update does), from its own worker.
      const newWorker = await reloadExtension(s);
      expect(newWorker.url()).toBe(`chrome-extension://${s.extensionId}/background.js`);
      // The new worker runs the new content script in the open tab, which reads the document.
      await expect.poll(() => live.exports.length, { timeout: 15000 }).toBe(readsBefore + 1);

      // The user keeps editing, without reloading the page: the new script reads the edit. The
      // old one's change timer fires too, finds its extension gone and stops (observer, timers,
      // listeners) without reading, sending or throwing anything.
      text = EDITED;
      await doc.bringToFront();
      await editDocument(doc, NEW_TITLE);
      const panel = await s.context.newPage();
      await panel.goto(panelUrl(s, DOC_KEY));
      await expect.poll(() => panel.locator('.doc-title').textContent(), { timeout: 20000 }).toBe(NEW_TITLE);
      const v = await view(panel);
      expect(v.report?.blockCount).toBe(blocksBefore + 2);
      expect(historyMatches(v)).toBe(true);
      expect(await alertText(panel)).toBe('');
      await doc.waitForTimeout(3000); // past the old script's 2 s debounce: its timer has fired
      expect(live.exports).toHaveLength(readsBefore + 2);

      // A page load later runs the new script only (the editor now shows the new name).
      await s.context.route(googleDocUrl(DOC_ID), (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: EDITOR.replaceAll('{{TITLE}}', NEW_TITLE),
        }),
      );
      await doc.reload();
      await expect.poll(() => live.exports.length, { timeout: 15000 }).toBe(readsBefore + 3);
      expect(await panel.locator('.doc-title').textContent()).toBe(NEW_TITLE);
      expect(problems).toEqual([]);
    });
  });
});
