import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browsers,
  type ExtensionGlobals,
  googleDocUrl,
  LAKEVIEW,
  panelUrl,
  type Session,
  serveGoogleDoc,
  storedDocument,
  waitForStored,
} from './harness';

const { id: DOC_ID, docKey: DOC_KEY, title: TITLE, exportHtml: EXPORT } = LAKEVIEW;
const NOTE = 'Coaches observe every two weeks <img src=x onerror=alert(1)> — see the coaching calendar.';

const browser = browsers();
const start = (): Promise<Session> => browser.launch();

const dashboardUrl = (session: Session) => `chrome-extension://${session.extensionId}/dashboard.html`;
const item = (panel: Page, questionId: string) => panel.locator(`li.question[data-question="${questionId}"]`);
const docCount = async (page: Page) => Number(await page.locator('.doc-count').getAttribute('data-count'));

async function openDashboard(session: Session): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(dashboardUrl(session));
  await expect.poll(() => page.locator('.doc-count').getAttribute('data-loaded')).toBe('yes');
  return page;
}

/** Reads the Lakeview plan at its Google Docs address in this session. */
async function readPlan(session: Session): Promise<void> {
  await serveGoogleDoc(session.context, { id: DOC_ID, title: TITLE, exportHtml: EXPORT });
  const doc = await session.context.newPage();
  await doc.goto(googleDocUrl(DOC_ID));
  await waitForStored(session, DOC_KEY);
}

/** Picks a file through the dashboard's Import button (the browser's file chooser). */
async function chooseImportFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import', exact: true }).click(),
  ]);
  await chooser.setFiles(file);
}

/** Question ids and the chips the side panel shows for them, in order. */
async function shownStatuses(panel: Page): Promise<string[]> {
  return panel
    .locator('li.question')
    .evaluateAll((items) =>
      items.map((li) => `${li.getAttribute('data-question')}=${li.querySelector('.chip')?.textContent}`),
    );
}

describe('dashboard', () => {
  it('lists a plan read at a Google Docs address; its JSON export restores it in a fresh profile', async () => {
    const first = await start();
    await readPlan(first);

    // Manual answer and note in the side panel.
    const panel = await first.context.newPage();
    await panel.goto(panelUrl(first, DOC_KEY));
    await expect.poll(() => panel.locator('li.question-unanswered').count()).toBeGreaterThan(0);
    const questionId = (await panel.locator('li.question-unanswered').first().getAttribute('data-question')) as string;
    await item(panel, questionId).getByLabel('Status').selectOption('answered');
    await expect.poll(() => item(panel, questionId).locator('.chip').textContent()).toBe('Answered');
    await item(panel, questionId).getByRole('button', { name: 'Add note' }).click();
    await item(panel, questionId).getByLabel('Note').fill(NOTE);
    await item(panel, questionId).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => item(panel, questionId).locator('.note-saved').textContent()).toBe('Saved');
    const statuses = await shownStatuses(panel);
    const stored = (await storedDocument(panel, DOC_KEY)) as { report: unknown; overrides: unknown[] };

    // The side panel's "Dashboard" link opens the dashboard in a tab.
    const [opened] = await Promise.all([
      first.context.waitForEvent('page'),
      panel.getByRole('link', { name: 'Dashboard' }).click(),
    ]);
    await expect.poll(() => opened.url()).toBe(dashboardUrl(first));
    await opened.close();
    // So does the settings page's.
    const options = await first.context.newPage();
    await options.goto(`chrome-extension://${first.extensionId}/options.html`);
    expect(await options.getByRole('link', { name: 'Dashboard' }).getAttribute('href')).toBe(dashboardUrl(first));
    await options.close();

    const dashboard = await openDashboard(first);
    expect(await docCount(dashboard)).toBe(1);
    const row = dashboard.locator(`tr.dashboard-row[data-doc="${DOC_KEY}"]`);
    expect(await row.locator('.row-title').textContent()).toBe(TITLE);
    expect(await row.locator('td').nth(1).textContent()).toBe('Google Docs');
    expect(await row.locator('td').nth(2).textContent()).not.toBe('never');
    expect(await row.locator('.heat').count()).toBe(36);
    expect(await row.locator('.heat-4, .heat-3, .heat-2, .heat-1').count()).toBeGreaterThan(0);
    const open = new URL((await row.getByRole('link', { name: 'Open' }).getAttribute('href')) as string);
    expect(open.pathname).toBe('/sidepanel.html');
    expect(open.searchParams.get('doc')).toBe(DOC_KEY);
    // The stage filter shows that stage's column only.
    await dashboard.getByLabel('Stage').selectOption('installation');
    await expect.poll(() => row.locator('.heat').count()).toBe(9);
    await dashboard.getByLabel('Stage').selectOption('all');

    // Export JSON of all documents from the dashboard.
    await dashboard.getByRole('button', { name: 'Export', exact: true }).click();
    const [download] = await Promise.all([
      dashboard.waitForEvent('download'),
      dashboard.getByRole('button', { name: 'JSON', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^planlens-all-plans-\d{4}-\d\d-\d\d\.json$/);
    const file = path.join(first.userDataDir, 'export.json');
    await download.saveAs(file);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { format: string; documents: unknown[] };
    expect(json.format).toBe('planlens-coverage');
    expect(json.documents).toHaveLength(1);
    const copy = path.join(browser.profile(), 'planlens-export.json');
    writeFileSync(copy, readFileSync(file));
    await browser.close(first);

    // A fresh profile (new launch, new user data dir), nothing served at docs.google.com.
    const second = await start();
    const fresh = await openDashboard(second);
    expect(await docCount(fresh)).toBe(0);
    await chooseImportFile(fresh, copy);
    await expect.poll(() => fresh.locator('.import-totals').textContent()).toMatch(/^1 new, 0 updated/);
    expect(await fresh.locator('.import-docs li[data-action=new]').textContent()).toContain(TITLE);
    expect(await docCount(fresh)).toBe(0);
    await fresh.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect.poll(() => fresh.locator('.import-done').textContent()).toMatch(/1 new/);
    await expect.poll(() => docCount(fresh)).toBe(1);

    const restored = await second.context.newPage();
    await restored.goto(panelUrl(second, DOC_KEY));
    await expect.poll(() => restored.locator('.doc-title').textContent()).toBe(TITLE);
    await expect
      .poll(() => item(restored, questionId).locator('.status-source').textContent())
      .toMatch(/^Marked answered by you/);
    expect(await item(restored, questionId).getByLabel('Status').inputValue()).toBe('answered');
    expect(await item(restored, questionId).locator('.note').textContent()).toBe(NOTE);
    expect(await restored.locator('li.question img').count()).toBe(0);
    expect(await shownStatuses(restored)).toEqual(statuses);
    const again = (await storedDocument(restored, DOC_KEY)) as { report: unknown; overrides: unknown[] };
    expect(again.report).toEqual(stored.report);
    expect(again.overrides).toEqual(stored.overrides);
  });

  it('refuses a damaged file and a file of another format with a visible message, changing nothing', async () => {
    const session = await start();
    await readPlan(session);
    const dashboard = await openDashboard(session);
    expect(await docCount(dashboard)).toBe(1);
    const before = await storedDocument(dashboard, DOC_KEY);

    // A JSON export cut short.
    const whole = await dashboard.evaluate(async (key) => {
      const { chrome } = globalThis as unknown as ExtensionGlobals;
      const reply = await chrome.runtime.sendMessage({ type: 'exportCoverage', docKey: key });
      return JSON.stringify({ format: 'planlens-coverage', version: 1, exportedAt: '', ...(reply?.value as object) });
    }, DOC_KEY);
    const files = [
      {
        name: 'truncated.json',
        text: whole.slice(0, Math.floor(whole.length / 2)),
        message: /truncated\.json cannot be imported/,
      },
      {
        name: 'bank.json',
        text: JSON.stringify({ format: 'planlens-bank', version: 1, questions: [] }),
        message: /bank\.json cannot be imported/,
      },
      { name: 'notes.json', text: 'stage,driver\nexploration,coaching\n', message: /notes\.json cannot be imported/ },
    ];
    for (const f of files) {
      await chooseImportFile(dashboard, { name: f.name, mimeType: 'application/json', buffer: Buffer.from(f.text) });
      const alert = dashboard.locator('.import-error');
      await expect.poll(() => alert.textContent()).toMatch(f.message);
      expect(await alert.isVisible()).toBe(true);
      expect(await dashboard.getByRole('button', { name: 'Apply' }).count()).toBe(0);
      console.log(`dashboard import refused ${f.name}: ${await alert.textContent()}`);
    }
    await dashboard.reload();
    await expect.poll(() => dashboard.locator('.doc-count').getAttribute('data-loaded')).toBe('yes');
    expect(await docCount(dashboard)).toBe(1);
    expect(await storedDocument(dashboard, DOC_KEY)).toEqual(before);
  });

  it('loads a store of 1,000 plans and filters it (figures printed, not asserted)', async () => {
    const session = await start();
    await readPlan(session);
    const seeder = await session.context.newPage();
    await seeder.goto(panelUrl(session, DOC_KEY));
    // Seed through the import path, as an extension page: the plan's export cloned 1,000 times.
    const seeded = await seeder.evaluate(
      async ({ key, count }) => {
        const { chrome } = globalThis as unknown as ExtensionGlobals;
        const send = async (message: unknown) => {
          const reply = (await chrome.runtime.sendMessage(message)) as { ok: boolean; value?: unknown; error?: string };
          if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
          return reply.value as Record<string, unknown>;
        };
        type Doc = {
          record: Record<string, unknown>;
          report: { docKey: string; questions: Array<{ questionId: string }> };
          overrides: Array<Record<string, unknown>>;
          history: Array<Record<string, unknown>>;
        };
        const page = (await send({ type: 'exportCoverage', docKey: key })) as unknown as { documents: Doc[] };
        const base = page.documents[0] as Doc;
        const sites = ['gdocs', 'canvas', 'moodle', 'schoology'];
        const documents = Array.from({ length: count }, (_, i) => {
          const site = sites[i % sites.length] as string;
          const docKey =
            site === 'gdocs'
              ? `gdocs:1SeededPlan${String(i).padStart(4, '0')}Xq7Rt2026abcdefgh`
              : `${site}:lms${i % 7}.example.org/courses/${i}/pages/implementation-plan`;
          const at = 1_760_000_000_000 + i * 60_000;
          const overrides = base.report.questions
            .filter((_, q) => (q * 7 + i) % 5 === 0)
            .map((q) => ({
              docKey,
              questionId: q.questionId,
              status: 'answered',
              statusAt: at,
              note: '',
              noteAt: null,
              updatedAt: at,
            }));
          return {
            record: { ...base.record, docKey, site, title: `Seeded plan ${i}`, lastReadAt: at, updatedAt: at },
            report: { ...base.report, docKey },
            overrides,
            history: base.history.map((h) => ({ ...h, docKey })),
          };
        });
        const text = JSON.stringify({
          format: 'planlens-coverage',
          version: 1,
          exportedAt: new Date().toISOString(),
          documents,
        });
        const importId = crypto.randomUUID();
        const slice = 8_000_000;
        for (let part = 0; part * slice < text.length; part++)
          await send({ type: 'stageImport', importId, part, text: text.slice(part * slice, (part + 1) * slice) });
        const t0 = performance.now();
        const applied = await send({ type: 'applyImport', importId });
        return { chars: text.length, applyMs: performance.now() - t0, totals: applied.totals };
      },
      { key: DOC_KEY, count: 1000 },
    );
    console.log(
      `dashboard seed: 1,000 plans, ${(seeded.chars / 1e6).toFixed(1)} M chars, apply ${Math.round(seeded.applyMs)} ms`,
    );
    expect(seeded.totals).toMatchObject({ new: 1000 });

    const dashboard = await session.context.newPage();
    const t0 = Date.now();
    await dashboard.goto(dashboardUrl(session));
    await dashboard.locator('tr.dashboard-row').first().waitFor();
    const firstRows = Date.now() - t0;
    await expect
      .poll(() => dashboard.locator('.doc-count').getAttribute('data-loaded'), { timeout: 60_000 })
      .toBe('yes');
    const allLoaded = Date.now() - t0;
    expect(await docCount(dashboard)).toBe(1001);
    // Paginated: the page holds 50 rows whatever the store holds.
    expect(await dashboard.locator('tr.dashboard-row').count()).toBe(50);

    const t1 = Date.now();
    await dashboard.getByLabel('Site').selectOption('canvas');
    await expect.poll(() => dashboard.locator('.shown-count').getAttribute('data-count')).toBe('250');
    await expect.poll(() => dashboard.locator('tr.dashboard-row').first().getAttribute('data-site')).toBe('canvas');
    const siteFilter = Date.now() - t1;

    const t2 = Date.now();
    await dashboard.getByLabel('Stage').selectOption('installation');
    await expect.poll(() => dashboard.locator('tr.dashboard-row').first().locator('.heat').count()).toBe(9);
    const stageFilter = Date.now() - t2;

    const t3 = Date.now();
    await dashboard.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => dashboard.locator('.pager-position').textContent()).toBe('Page 2 of 5');
    const nextPage = Date.now() - t3;
    console.log(
      `dashboard with 1,001 plans: first rows ${firstRows} ms, all loaded ${allLoaded} ms, ` +
        `site filter ${siteFilter} ms, stage filter ${stageFilter} ms, next page ${nextPage} ms`,
    );
  }, 300_000);
});
