import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BankFile } from '../../core/bank/types';
import { axeViolations, describeViolations } from './axe';
import {
  browsers,
  type ExtensionGlobals,
  LAKEVIEW,
  openLakeview,
  panelUrl,
  ROOT,
  type Session,
  storedDocument,
} from './harness';

const DOC_KEY = LAKEVIEW.docKey;
const TITLE = LAKEVIEW.title;
const DEFAULT_BANK = JSON.parse(readFileSync(path.join(ROOT, 'core/bank/default-bank.json'), 'utf8')) as BankFile;
const DISTRICT_QUESTION = 'coaching.installation.lakeview-coaching-calendar';

/** A district's bank: the default bank under its own name, minus a few questions, plus its own one. */
function districtBank(): BankFile {
  const coaching = DEFAULT_BANK.questions.find((q) => q.driver === 'coaching' && q.stage === 'installation');
  if (!coaching) throw new Error('the default bank has no coaching × installation question');
  return {
    ...DEFAULT_BANK,
    id: 'district-lakeview',
    title: 'Lakeview USD bank',
    revision: '2026.2',
    questions: [
      ...DEFAULT_BANK.questions.slice(0, 140),
      {
        ...coaching,
        id: DISTRICT_QUESTION,
        text: 'Does the plan publish a coaching calendar for every Lakeview school?',
      },
    ],
  };
}

const browser = browsers();

const start = (): Promise<Session> => browser.launch();

const optionsUrl = (s: Session) => `chrome-extension://${s.extensionId}/options.html`;
const dashboardUrl = (s: Session) => `chrome-extension://${s.extensionId}/dashboard.html`;

/** Reads the Lakeview plan at its Google Docs address (again, if it was read before). */
async function readPlan(session: Session): Promise<void> {
  await (await openLakeview(session)).close();
}

async function openOptions(session: Session): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(optionsUrl(session));
  await page.locator('.bank-facts').waitFor();
  return page;
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Picks a file through a button that opens the browser's file chooser. */
async function chooseFile(page: Page, button: string, file: { name: string; text: string }): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await chooser.setFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
}

const facts = async (page: Page) => ({
  title: await page.locator('.bank-title').textContent(),
  revision: await page.locator('.bank-revision').textContent(),
  count: await page.locator('.bank-count').textContent(),
  source: await page.locator('.bank-source').textContent(),
});

/** The bank the stored coverage of the Lakeview plan was computed with. */
async function storedBankId(page: Page): Promise<string | undefined> {
  const view = (await storedDocument(page, DOC_KEY)) as { report?: { bankId?: string } } | null;
  return view?.report?.bankId;
}

/** Whether the focused element shows a focus ring (keyboard focus must be visible). */
const focusRing = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
      name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60),
      visible: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
    };
  });

/** Seeds plans from the Lakeview export, each with its own title, site and share of manual answers. */
async function seedPlans(page: Page, plans: { docKey: string; site: string; title: string; answered: number }[]) {
  return page.evaluate(
    async ({ key, plans }) => {
      const { chrome } = globalThis as unknown as ExtensionGlobals;
      const send = async (message: unknown) => {
        const reply = (await chrome.runtime.sendMessage(message)) as { ok: boolean; value?: unknown; error?: string };
        if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
        return reply.value as Record<string, unknown>;
      };
      type Doc = {
        record: Record<string, unknown>;
        report: { docKey: string; questions: Array<{ questionId: string; status: string }> };
        history: Array<Record<string, unknown>>;
      };
      const exported = (await send({ type: 'exportCoverage', docKey: key })) as unknown as { documents: Doc[] };
      const base = exported.documents[0] as Doc;
      const at = Date.now() - 3_600_000;
      const documents = plans.map((plan, i) => ({
        record: {
          ...base.record,
          docKey: plan.docKey,
          site: plan.site,
          title: plan.title,
          lastReadAt: at - i * 86_400_000,
        },
        report: { ...base.report, docKey: plan.docKey },
        // Every question is marked: the first `answered` share answered, the rest unanswered.
        overrides: base.report.questions.map((q, n) => ({
          docKey: plan.docKey,
          questionId: q.questionId,
          status: (n * 37) % 100 < plan.answered * 100 ? 'answered' : 'unanswered',
          statusAt: at,
          note: '',
          noteAt: null,
          updatedAt: at,
        })),
        history: [],
      }));
      const text = JSON.stringify({
        format: 'planlens-coverage',
        version: 1,
        exportedAt: new Date().toISOString(),
        documents,
      });
      return send({ type: 'applyImport', text });
    },
    { key: DOC_KEY, plans },
  );
}

describe('settings page', () => {
  it('browses the bank, refuses a bank with errors, imports a district bank used for the next read, resets', async () => {
    const session = await start();
    await readPlan(session);
    const page = await openOptions(session);
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^en/);
    expect(await page.title()).toBe('PlanLens settings');
    const builtIn = await facts(page);
    expect(builtIn).toEqual({
      title: DEFAULT_BANK.title,
      revision: DEFAULT_BANK.revision,
      count: String(DEFAULT_BANK.questions.length),
      source: 'Built into PlanLens',
    });
    expect(await storedBankId(page)).toBe(DEFAULT_BANK.id);

    // Browse: by keyboard, open the list; every question is there, under its stage and driver.
    const summary = page.locator('.bank-browse > summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.bank-question').count()).toBe(DEFAULT_BANK.questions.length);
    const first = DEFAULT_BANK.questions[0] as BankFile['questions'][number];
    expect(
      await page.locator(`.bank-cell[data-cell="${first.driver}.${first.stage}"] .bank-question`).first().textContent(),
    ).toBe(first.text);
    // The filter box narrows the list; the stage selector keeps one stage.
    await page.getByLabel('Filter questions').fill('coach');
    await expect.poll(() => page.locator('.bank-question').count()).toBeLessThan(DEFAULT_BANK.questions.length);
    const filtered = await page.locator('.bank-question').allTextContents();
    const expected = DEFAULT_BANK.questions.filter((q) => `${q.text} ${q.id}`.toLowerCase().includes('coach'));
    expect(filtered).toHaveLength(expected.length);
    expect(await page.locator('.bank-shown').textContent()).toBe(
      `Questions shown: ${expected.length} of ${DEFAULT_BANK.questions.length}`,
    );
    await page.getByLabel('Stage').selectOption('installation');
    expect(
      new Set(await page.locator('.bank-stage').evaluateAll((els) => els.map((e) => e.getAttribute('data-stage')))),
    ).toEqual(new Set(['installation']));
    await page.getByLabel('Filter questions').fill('zzz-nothing-like-this');
    await expect.poll(() => page.locator('.bank-no-match').textContent()).toMatch(/No question matches/);
    await page.getByLabel('Filter questions').fill('');
    await page.getByLabel('Stage').selectOption('all');

    // A bank with errors: every problem named by question and field; nothing changes.
    const broken = districtBank();
    const q0 = broken.questions[0] as BankFile['questions'][number];
    const q1 = broken.questions[1] as BankFile['questions'][number];
    const brokenText = JSON.stringify({
      ...broken,
      questions: [{ ...q0, stage: 'launch' }, { ...q1, concepts: [] }, ...broken.questions.slice(2)],
    });
    await chooseFile(page, 'Import a bank file…', { name: 'district-bank.json', text: brokenText });
    const errors = page.locator('.bank-errors');
    await expect.poll(() => errors.count()).toBe(1);
    expect(await errors.locator('p').first().textContent()).toBe(
      'district-bank.json was not imported, and nothing changed. Fix these problems and import it again:',
    );
    expect(await errors.locator('li').allTextContents()).toEqual([
      `question "${q0.id}": stage "launch" is not one of exploration, installation, initial_implementation, full_implementation.`,
      `question "${q1.id}": concepts must be a non-empty list.`,
    ]);
    expect(await facts(page)).toEqual(builtIn);
    // Not JSON at all.
    await chooseFile(page, 'Import a bank file…', { name: 'notes.json', text: 'stage,driver\n' });
    await expect
      .poll(() => errors.locator('li').allTextContents())
      .toEqual([expect.stringMatching(/^The file is not valid JSON/)]);
    expect(await facts(page)).toEqual(builtIn);
    // axe with the list open and the refusal shown.
    await expectNoAxeViolations(page);

    // A valid district bank becomes the bank in use.
    const district = districtBank();
    await chooseFile(page, 'Import a bank file…', { name: 'lakeview-bank.json', text: JSON.stringify(district) });
    await expect
      .poll(() => page.locator('.bank-message').textContent())
      .toBe(
        `lakeview-bank.json is now the question bank: Lakeview USD bank, version 2026.2, ${district.questions.length} questions. Plans are analyzed with it the next time they are read.`,
      );
    expect(await page.locator('.bank-errors').count()).toBe(0);
    const imported = await facts(page);
    expect(imported).toMatchObject({
      title: 'Lakeview USD bank',
      revision: '2026.2',
      count: String(district.questions.length),
    });
    expect(imported.source).toMatch(/^District bank, imported /);
    expect(await page.locator(`.bank-question[data-question="${DISTRICT_QUESTION}"]`).textContent()).toBe(
      'Does the plan publish a coaching calendar for every Lakeview school?',
    );
    // The stored plan keeps its coverage until it is read again; the next read uses the district bank.
    expect(await storedBankId(page)).toBe(DEFAULT_BANK.id);
    await readPlan(session);
    await expect.poll(() => storedBankId(page)).toBe('district-lakeview');
    const view = (await storedDocument(page, DOC_KEY)) as { report: { questions: { questionId: string }[] } };
    expect(view.report.questions.map((q) => q.questionId)).toContain(DISTRICT_QUESTION);
    expect(view.report.questions).toHaveLength(district.questions.length);
    // It stays the bank in use after the page is opened again.
    await page.reload();
    await page.locator('.bank-facts').waitFor();
    expect((await facts(page)).title).toBe('Lakeview USD bank');

    // Reset to default, with a confirmation step: Escape backs out, the button confirms.
    await page.getByRole('button', { name: 'Reset to default…' }).click();
    const confirm = page.locator('.confirm');
    await expect.poll(() => confirm.count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await expect.poll(() => confirm.count()).toBe(0);
    expect((await facts(page)).title).toBe('Lakeview USD bank');
    await page.getByRole('button', { name: 'Reset to default…' }).click();
    await page.getByRole('button', { name: 'Reset to default', exact: true }).click();
    await expect
      .poll(() => page.locator('.bank-message').textContent())
      .toBe('PlanLens uses its built-in question bank again.');
    expect(await facts(page)).toEqual(builtIn);
    expect(await page.getByRole('button', { name: 'Reset to default…' }).count()).toBe(0);
    await readPlan(session);
    await expect.poll(() => storedBankId(page)).toBe(DEFAULT_BANK.id);
  });

  it('lists the sites, states what is read and kept, exports all, and deletes all after a confirmation', async () => {
    const session = await start();
    await readPlan(session);
    const dashboard = await session.context.newPage();
    await dashboard.goto(dashboardUrl(session));
    await expect.poll(() => dashboard.locator('.doc-count').getAttribute('data-count')).toBe('1');
    const page = await openOptions(session);

    // Sites: the manifest's hosts, and the district-site form.
    const manifest = JSON.parse(readFileSync(path.join(ROOT, '.output/chrome-mv3/manifest.json'), 'utf8')) as {
      host_permissions: string[];
    };
    expect(
      await page.locator('.known-site').evaluateAll((els) => els.map((e) => e.getAttribute('data-pattern'))),
    ).toEqual(manifest.host_permissions);
    const known = await page.locator('.known-site').allTextContents();
    expect(known).toContain('Google Docs docs.google.com');
    expect(known).toContain('Canvas addresses ending in .instructure.com');
    expect(await page.getByLabel('Address of a page on the district site').count()).toBe(1);
    expect(await page.locator('.sites-empty').textContent()).toBe('No district sites allowed yet.');

    // Privacy, in plain words.
    const privacy = (await page.locator('#privacy').textContent()) ?? '';
    expect(privacy).toContain('What PlanLens reads');
    expect(privacy).toContain('The text of the plan document you have open');
    expect(privacy).toContain('IndexedDB');
    expect(privacy).toContain('Nothing leaves your computer');
    expect(privacy).toContain('No analytics');

    await expectNoAxeViolations(page);
    // Contrast holds in the dark theme too.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(page);
    await page.emulateMedia({ colorScheme: 'light' });

    // Export all: the dashboard's export, as a file.
    await page.getByRole('button', { name: 'Export all', exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'JSON', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^planlens-all-plans-\d{4}-\d\d-\d\d\.json$/);
    const file = path.join(session.userDataDir, 'all.json');
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      format: string;
      documents: { record: { title: string } }[];
    };
    expect(exported.format).toBe('planlens-coverage');
    expect(exported.documents.map((d) => d.record.title)).toEqual([TITLE]);

    // Delete all, by keyboard alone: every stop on the way shows its focus.
    await page.locator('h1').click();
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      const focused = await focusRing(page);
      if (!focused) continue;
      expect(focused.visible, `no visible focus on "${focused.name}"`).toBe(true);
      reached = focused.name === 'Delete all data…';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.confirm').count()).toBe(1);
    expect(await page.locator('.confirm legend').textContent()).toBe(
      'Delete everything PlanLens stored in this browser? This cannot be undone.',
    );
    // Focus starts on Cancel: Enter there keeps everything.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.confirm').count()).toBe(0);
    expect(await storedDocument(page, DOC_KEY)).not.toBeNull();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Delete all data…');
    await page.keyboard.press('Enter');
    // The step renders, then moves focus to Cancel: only then is "Delete everything" one Shift+Tab away.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Delete everything');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.data-message').textContent())
      .toBe('All PlanLens data was deleted. Documents deleted: 1.');
    expect(await storedDocument(page, DOC_KEY)).toBeNull();
    // The open dashboard heard about it and shows the empty state without a reload.
    await expect.poll(() => dashboard.locator('.doc-count').getAttribute('data-count')).toBe('0');
    await expect.poll(() => dashboard.locator('.dashboard-empty').count()).toBe(1);
    // A fresh dashboard agrees.
    await dashboard.reload();
    await expect.poll(() => dashboard.locator('.doc-count').getAttribute('data-loaded')).toBe('yes');
    expect(await dashboard.locator('.doc-count').getAttribute('data-count')).toBe('0');
  });
});

describe('in a Spanish browser', () => {
  it('shows the settings page and the dashboard in Spanish, with lang="es…", axe-clean', async () => {
    const session = await browser.launch({ lang: 'es-419' });
    const page = await openOptions(session);
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^es/);
    expect(await page.title()).toBe('Configuración de PlanLens');
    expect(await page.locator('h1').textContent()).toBe('Configuración de PlanLens');
    expect(await page.locator('#bank-title').textContent()).toBe('Banco de preguntas');
    expect(await page.locator('.bank-source').textContent()).toBe('Incluido en PlanLens');
    expect(await page.locator('#privacy').textContent()).toContain('Nada sale de su computadora');
    expect(await page.getByRole('button', { name: 'Eliminar todos los datos…' }).count()).toBe(1);
    expect(await page.getByLabel('Dirección de una página del sitio del distrito').count()).toBe(1);
    await expectNoAxeViolations(page);

    const dashboard = await session.context.newPage();
    await dashboard.goto(dashboardUrl(session));
    await expect.poll(() => dashboard.locator('.doc-count').getAttribute('data-loaded')).toBe('yes');
    expect(await dashboard.evaluate(() => document.documentElement.lang)).toMatch(/^es/);
    expect(await dashboard.locator('h1').textContent()).toBe('Tablero de PlanLens');
    expect(await dashboard.locator('.dashboard-empty').textContent()).toMatch(/^Todavía no hay planes registrados/);
    expect(await dashboard.getByRole('button', { name: 'Exportar', exact: true }).count()).toBe(1);
    await expectNoAxeViolations(dashboard);
  });
});

describe('dashboard page', () => {
  it('passes axe with plans listed and an import preview shown; its screenshot goes in the README', async () => {
    const session = await start();
    await readPlan(session);
    const seeder = await session.context.newPage();
    await seeder.goto(panelUrl(session, DOC_KEY));
    const plans = [
      {
        docKey: 'canvas:riverside.instructure.com/courses/12/pages/mtss-plan',
        site: 'canvas',
        title: 'Riverside Elementary MTSS Implementation Plan',
        answered: 0.8,
      },
      {
        docKey: 'gdocs:1NorthgateLiteracyPlanXq7Rt2026abcdef',
        site: 'gdocs',
        title: 'Northgate HS Literacy Framework Rollout',
        answered: 0.45,
      },
      {
        docKey: 'moodle:pinecrest.moodlecloud.com/mod/page/view.php-id-88',
        site: 'moodle',
        title: 'Pinecrest SEL Implementation Plan',
        answered: 0.2,
      },
      {
        docKey: 'schoology:district.schoology.com/page/41',
        site: 'schoology',
        title: 'District Math Curriculum Adoption Plan',
        answered: 0.6,
      },
    ];
    const applied = (await seedPlans(seeder, plans)) as { totals: { new: number } };
    expect(applied.totals.new).toBe(plans.length);

    const dashboard = await session.context.newPage();
    await dashboard.setViewportSize({ width: 1000, height: 760 });
    await dashboard.goto(dashboardUrl(session));
    await expect.poll(() => dashboard.locator('.doc-count').getAttribute('data-loaded')).toBe('yes');
    expect(await dashboard.locator('tr.dashboard-row').count()).toBe(plans.length + 1);
    expect(await dashboard.evaluate(() => document.documentElement.lang)).toMatch(/^en/);
    expect(await dashboard.title()).toBe('PlanLens dashboard');
    await expectNoAxeViolations(dashboard);

    const shots = path.join(ROOT, 'docs/screenshots');
    mkdirSync(shots, { recursive: true });
    await dashboard.screenshot({ path: path.join(shots, 'dashboard.png'), fullPage: true });

    // The import preview of an export of the same plans: axe-clean too.
    const text = await dashboard.evaluate(async () => {
      const { chrome } = globalThis as unknown as ExtensionGlobals;
      const reply = await chrome.runtime.sendMessage({ type: 'exportCoverage' });
      return JSON.stringify({ format: 'planlens-coverage', version: 1, exportedAt: '', ...(reply?.value as object) });
    });
    await chooseFile(dashboard, 'Import', { name: 'team-export.json', text });
    await expect
      .poll(() => dashboard.locator('.import-totals').textContent())
      .toMatch(/^0 new, 0 updated, 5 unchanged/);
    await expectNoAxeViolations(dashboard);
    await dashboard.emulateMedia({ colorScheme: 'dark' });
    await expectNoAxeViolations(dashboard);
    await dashboard.emulateMedia({ colorScheme: 'light' });
    // The preview's Cancel is reachable by keyboard and puts the page back.
    await dashboard.getByRole('button', { name: 'Cancel', exact: true }).focus();
    await dashboard.keyboard.press('Enter');
    await expect.poll(() => dashboard.locator('.import-preview').count()).toBe(0);
  });
});
