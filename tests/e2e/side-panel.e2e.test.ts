import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
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

/**
 * The side panel as a team uses it all day, in real Chromium with the built extension: header
 * and "Stop tracking", "We are in", progress and change since the last visit, the driver × stage
 * map by keyboard, filters and search, question detail, axe in light and dark themes, and the
 * Spanish UI in a Spanish browser. Also writes the README screenshots.
 */

const DOC_KEY = LAKEVIEW.docKey;
const TITLE = LAKEVIEW.title;
const SHOTS = path.join(ROOT, 'docs/screenshots');
const DAY = 24 * 3_600_000;

const browser = browsers();

async function start(lang?: string): Promise<{ session: Session; doc: Page }> {
  const session = await browser.launch(lang ? { lang } : {});
  const doc = await openLakeview(session);
  return { session, doc };
}

async function openPanel(session: Session, clockAt?: number): Promise<Page> {
  const panel = await session.context.newPage();
  await panel.setViewportSize({ width: 400, height: 1000 });
  if (clockAt !== undefined) await panel.clock.install({ time: clockAt });
  await panel.goto(panelUrl(session, DOC_KEY));
  await expect.poll(() => panel.locator('.doc-title').textContent()).toBe(TITLE);
  return panel;
}

const questionIds = (panel: Page) =>
  panel.locator('li.question').evaluateAll((els) => els.map((el) => el.getAttribute('data-question') ?? ''));
const selectedTab = (panel: Page) => panel.locator('[role=tab][aria-selected=true] .stage-name').textContent();
const tabCount = async (panel: Page, stage: string) =>
  ((await panel.locator(`[role=tab][data-stage=${stage}] .stage-count`).textContent()) ?? '').trim();

async function expectNoAxeViolations(panel: Page, label: string): Promise<void> {
  const violations = await axeViolations(panel);
  console.log(`axe on the side panel (${label}): ${violations.length} violations`);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe('the side panel', () => {
  it('shows the header, the team’s stage (remembered), progress, and the map filters the list by keyboard', async () => {
    const { session } = await start();
    const panel = await openPanel(session);

    // Header: title, site and last read, plan score, actions.
    expect(await panel.locator('.doc-meta').textContent()).toMatch(/^Google Docs · Last read \S/);
    expect(await panel.locator('.plan-verdict').textContent()).toMatch(/^Implementation plan \(plan score \d+%\)$/);
    expect(await panel.locator('.doc-actions summary').textContent()).toBe('Export');
    expect(await panel.getByRole('link', { name: 'Dashboard' }).count()).toBe(1);
    expect(await panel.getByRole('button', { name: 'Stop tracking' }).count()).toBe(1);

    // "We are in": the plan says Initial Implementation until the team chooses.
    const weAreIn = panel.getByLabel('We are in:');
    expect(await weAreIn.inputValue()).toBe('initial_implementation');
    expect(await panel.locator('.stage-focus-source').textContent()).toBe('The plan names this stage.');
    expect(await selectedTab(panel)).toBe('Initial Implementation');
    await weAreIn.selectOption('installation');
    await expect.poll(() => selectedTab(panel)).toBe('Installation');
    const ids = await questionIds(panel);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.includes('.installation.'))).toBe(true);
    expect(await panel.locator('[role=tab][data-stage=installation] .stage-here').textContent()).toBe('We are here');
    // Other stages stay one tab away.
    await panel.getByRole('tab', { name: /Exploration/ }).click();
    expect((await questionIds(panel)).every((id) => id.includes('.exploration.'))).toBe(true);
    // Remembered for this document: a new panel opens on Installation.
    await panel.close();
    const again = await openPanel(session);
    expect(await again.getByLabel('We are in:').inputValue()).toBe('installation');
    expect(await selectedTab(again)).toBe('Installation');
    expect(await again.locator('.stage-focus-source').count()).toBe(0);

    // Progress: a meter per stage (ours marked) and, one click away, per driver.
    const stageMeters = again.locator('.meters-stage > li');
    expect(await stageMeters.count()).toBe(4);
    expect(await again.locator('.meter-current .meter-label').textContent()).toBe('Installation (our stage)');
    const meterTexts = await again.locator('.meters-stage .meter-value').allTextContents();
    console.log(`stage meters: ${meterTexts.join(' | ')}`);
    expect(meterTexts.every((text) => /^\d+ of \d+$/.test(text))).toBe(true);
    await again.locator('.driver-meters > summary').click();
    expect(await again.locator('.driver-meters meter').count()).toBe(9);

    // The map: a real table, 9 drivers × 4 stages, each cell named.
    const grid = again.getByRole('grid', { name: 'Addressed questions per implementation driver and stage' });
    expect(await grid.getByRole('rowheader').count()).toBe(9);
    expect(await grid.getByRole('columnheader').count()).toBe(4);
    expect(await grid.locator('button[data-cell]').count()).toBe(36);
    const coachingName = await grid.locator('button[data-cell="coaching.installation"]').textContent();
    expect(coachingName).toMatch(/^\d+\/\d+Coaching, Installation: \d+ of \d+ addressed$/);
    expect(await grid.getByRole('button', { name: /^Coaching, Installation: \d+ of \d+ addressed$/ }).count()).toBe(1);
    const levels = await grid
      .locator('td.grid-cell')
      .evaluateAll((cells) => cells.map((c) => [...c.classList].find((x) => x.startsWith('level-'))));
    console.log(
      `map colours: ${JSON.stringify(Object.fromEntries(levels.map((l) => [l, levels.filter((x) => x === l).length])))}`,
    );
    expect(levels.every((l) => /^level-(0|1|2|3|none)$/.test(l ?? ''))).toBe(true);

    // Keyboard alone: Tab reaches the map once, arrows move, Enter chooses.
    await grid.locator('button[tabindex="0"]').focus();
    await expect
      .poll(() => again.evaluate(() => document.activeElement?.getAttribute('data-cell')))
      .toBe('selection.exploration');
    await again.keyboard.press('ArrowDown');
    await again.keyboard.press('ArrowDown');
    await again.keyboard.press('ArrowRight');
    await expect
      .poll(() => again.evaluate(() => document.activeElement?.getAttribute('data-cell')))
      .toBe('coaching.installation');
    await again.keyboard.press('Enter');
    await expect
      .poll(() => grid.locator('button[data-cell="coaching.installation"]').getAttribute('aria-pressed'))
      .toBe('true');
    expect(await again.locator('section.driver').count()).toBe(1);
    const cellIds = await questionIds(again);
    expect(cellIds.length).toBeGreaterThan(0);
    expect(cellIds.every((id) => id.startsWith('coaching.installation.'))).toBe(true);
    expect(await again.locator('.filter-chip span').textContent()).toBe('Showing Coaching in Installation');
    // Choosing the same cell again shows everything.
    await again.keyboard.press('Enter');
    await expect.poll(() => again.locator('section.driver').count()).toBeGreaterThan(1);
    // Another cell moves to its stage.
    await grid.locator('button[data-cell="training.exploration"]').click();
    await expect.poll(() => selectedTab(again)).toBe('Exploration');
    expect((await questionIds(again)).every((id) => id.startsWith('training.exploration.'))).toBe(true);
    await again.getByRole('button', { name: 'Show all drivers' }).click();
    expect(await again.locator('section.driver').count()).toBeGreaterThan(1);

    // The stage tabs by keyboard too.
    await again.locator('[role=tab][aria-selected=true]').focus();
    await again.keyboard.press('ArrowRight');
    await expect.poll(() => selectedTab(again)).toBe('Installation');
    await expect
      .poll(() => again.evaluate(() => document.activeElement?.getAttribute('data-stage')))
      .toBe('installation');
  });

  it('filters to unanswered questions, searches every stage, and opens a question’s evidence and reasons', async () => {
    const { session } = await start();
    const panel = await openPanel(session);
    await panel.getByRole('tab', { name: /Initial Implementation/ }).click();

    // Unanswered questions stand out, and can be shown alone.
    const unanswered = panel.locator('li.question-unanswered');
    expect(await unanswered.count()).toBeGreaterThan(0);
    const edge = await unanswered.first().evaluate((el) => getComputedStyle(el).borderLeftWidth);
    expect(edge).toBe('4px');
    expect(await panel.locator('.driver-count-open').count()).toBeGreaterThan(0);
    const all = (await questionIds(panel)).length;
    await panel.getByLabel('Unanswered only').check();
    const open = await panel.locator('li.question').count();
    console.log(`Initial Implementation: ${open} unanswered of ${all}`);
    expect(open).toBeLessThan(all);
    expect(await panel.locator('li.question:not(.question-unanswered)').count()).toBe(0);
    await panel.getByLabel('Unanswered only').uncheck();

    // Search: in this stage, with the other stages' matches one click away.
    await panel.getByLabel('Search questions').fill('coach');
    await expect.poll(() => panel.locator('li.question').count()).toBeLessThan(all);
    const texts = await panel.locator('li.question .question-text').allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((text) => /coach/i.test(text))).toBe(true);
    const elsewhere = panel.locator('.elsewhere button');
    expect(await elsewhere.count()).toBeGreaterThan(0);
    const label = (await elsewhere.first().textContent()) ?? '';
    expect(label).toMatch(/^(Exploration|Installation|Full Implementation) \(\d+\)$/);
    await elsewhere.first().click();
    await expect.poll(() => selectedTab(panel)).toBe(label.replace(/ \(\d+\)$/, ''));
    expect((await panel.locator('li.question .question-text').allTextContents()).every((x) => /coach/i.test(x))).toBe(
      true,
    );
    await panel.getByLabel('Search questions').fill('zzzz nothing');
    await expect.poll(() => panel.locator('li.question').count()).toBe(0);
    expect(await panel.locator('[role=tabpanel] .notice').textContent()).toBe('No questions here match the filters.');
    await panel.getByLabel('Search questions').fill('');

    // Question detail: matched words marked, jump to evidence, why it counts as covered.
    await panel.getByRole('tab', { name: /Initial Implementation/ }).click();
    const covered = panel.locator('section.driver[data-driver=coaching] li.question-covered').first();
    expect(await covered.locator('blockquote.evidence mark').count()).toBeGreaterThan(0);
    expect(await covered.getByRole('button', { name: 'Show in document' }).count()).toBeGreaterThan(0);
    const toggle = covered.getByRole('button', { name: 'Evidence and reasons' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await covered.locator('.question-detail').isVisible()).toBe(false);
    await toggle.focus();
    await panel.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    const detail = covered.locator('.question-detail');
    expect(await detail.isVisible()).toBe(true);
    expect(await detail.locator('.detail-heading').first().textContent()).toBe('Why it counts as covered');
    const reasons = await detail.locator('.reasons li').allTextContents();
    console.log(`reasons: ${reasons.join(' / ')}`);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons[0]).toMatch(/^The passage mentions /);

    // Keyboard focus is visible (an outline) on the controls.
    const outline = await toggle.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');

    // Accessible with a real plan, the map shown and a question open: light and dark.
    await expectNoAxeViolations(panel, 'light');
    mkdirSync(SHOTS, { recursive: true });
    await panel.evaluate(() => window.scrollTo(0, 0));
    await panel.screenshot({ path: path.join(SHOTS, 'side-panel.png') });
    await panel.locator('section.map').screenshot({ path: path.join(SHOTS, 'grid.png') });
    await panel.emulateMedia({ colorScheme: 'dark' });
    expect(await panel.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(22, 25, 29)');
    await expectNoAxeViolations(panel, 'dark');
    // At the narrowest side panel width nothing spills sideways.
    await panel.setViewportSize({ width: 320, height: 900 });
    const overflow = await panel.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    console.log(`horizontal overflow at 320 px: ${overflow}px`);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('says how much was answered since the last visit, and hints when a stage is nearly done', async () => {
    const { session } = await start();
    const first = await openPanel(session);
    // First visit: nothing to compare with.
    expect(await first.locator('.since').count()).toBe(0);
    await first.close();

    // Three days pass for the whole extension (the background's clock and the panel's).
    const sw = session.context.serviceWorkers()[0];
    if (!sw) throw new Error('no service worker');
    await sw.evaluate((shift) => {
      const real = Date.now.bind(Date);
      Date.now = () => real() + shift;
    }, 3 * DAY);
    const later = Date.now() + 3 * DAY;
    const panel = await openPanel(session, later);
    expect(await panel.locator('.since').textContent()).toMatch(/^No change since \w+day$/);

    // The team settles three open questions of its stage.
    await panel.getByLabel('We are in:').selectOption('installation');
    await expect.poll(() => selectedTab(panel)).toBe('Installation');
    const before = await tabCount(panel, 'installation');
    const open = await panel
      .locator('li.question-unanswered')
      .evaluateAll((els) => els.slice(0, 3).map((el) => el.getAttribute('data-question') ?? ''));
    expect(open).toHaveLength(3);
    for (const id of open) {
      await panel.locator(`li.question[data-question="${id}"]`).getByLabel('Status').selectOption('answered');
      await expect.poll(() => panel.locator(`li.question[data-question="${id}"] .chip`).textContent()).toBe('Answered');
    }
    await expect.poll(() => panel.locator('.since').textContent()).toMatch(/^\+3 answered since \w+day$/);
    const [a, t] = before.split('/').map(Number);
    expect(await tabCount(panel, 'installation')).toBe(`${(a ?? 0) + 3}/${t}`);
    console.log(`since: ${await panel.locator('.since').textContent()}; Installation ${before} → ${(a ?? 0) + 3}/${t}`);

    // Mark the rest of Installation settled: the readiness hint names the next stage.
    expect(await panel.locator('.readiness').count()).toBe(0);
    const rest = await panel
      .locator('li.question-unanswered, li.question-partial')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-question') ?? ''));
    for (const id of rest)
      await panel.locator(`li.question[data-question="${id}"]`).getByLabel('Status').selectOption('not_applicable');
    await expect
      .poll(() => panel.locator('.readiness').textContent())
      .toMatch(/^Most of Installation is answered \(\d+ of \d+\)\. .*Initial Implementation\.$/);
  });

  it('stops tracking a document after confirmation, and tracks it again on request', async () => {
    const { session, doc } = await start();
    const panel = await openPanel(session);
    const questionId = (await panel.locator('li.question-unanswered').first().getAttribute('data-question')) as string;
    await panel.locator(`li.question[data-question="${questionId}"]`).getByLabel('Status').selectOption('answered');
    await expect
      .poll(() => panel.locator(`li.question[data-question="${questionId}"] .chip`).textContent())
      .toBe('Answered');

    // Cancel changes nothing and gives the focus back.
    await panel.getByRole('button', { name: 'Stop tracking' }).click();
    const confirm = panel.getByRole('button', { name: 'Remove and stop tracking' });
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await panel.locator('.stop-confirm legend').textContent()).toContain(`“${TITLE}”`);
    await panel.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => panel.evaluate(() => document.activeElement?.textContent)).toBe('Stop tracking');
    expect(await storedDocument(panel, DOC_KEY)).not.toBeNull();

    await panel.getByRole('button', { name: 'Stop tracking' }).click();
    await panel.getByRole('button', { name: 'Remove and stop tracking' }).click();
    await expect.poll(() => panel.locator('.stopped-notice').textContent()).toMatch(/no longer tracks this document/);
    expect(await storedDocument(panel, DOC_KEY)).toBeNull();

    // The document's tab reads it again: PlanLens holds it back and says why.
    await doc.reload();
    await doc.bringToFront();
    const activeFailure = () =>
      panel.evaluate(async () => {
        const { chrome } = globalThis as unknown as ExtensionGlobals;
        const reply = await chrome.runtime.sendMessage({ type: 'getActiveDocument' });
        return (reply?.value as { failure: { reason: string } | null } | undefined)?.failure?.reason ?? null;
      });
    await expect.poll(activeFailure, { timeout: 15000 }).toBe('stopped');
    expect(await storedDocument(panel, DOC_KEY)).toBeNull();

    // "Track anyway" keeps it again, from the reading it held; the old answer is gone.
    await panel.bringToFront();
    await panel.getByRole('button', { name: 'Track anyway' }).click();
    await expect.poll(() => panel.locator('.doc-title').textContent()).toBe(TITLE);
    expect(await panel.locator(`li.question[data-question="${questionId}"] .chip`).textContent()).not.toBe('Answered');
  });

  it('speaks Spanish in a Spanish browser, and stays accessible', async () => {
    const { session } = await start('es');
    const panel = await openPanel(session);
    expect(await panel.evaluate(() => document.documentElement.lang)).toMatch(/^es/);
    expect(await panel.locator('.doc-meta').textContent()).toMatch(/^Google Docs · Última lectura: \S/);
    expect(await panel.locator('.plan-verdict').textContent()).toMatch(/^Plan de implementación \(puntaje de plan/);
    expect(await panel.getByLabel('Estamos en:').inputValue()).toBe('initial_implementation');
    expect(await panel.locator('[role=tab] .stage-name').allTextContents()).toEqual([
      'Exploración',
      'Instalación',
      'Implementación inicial',
      'Implementación completa',
    ]);
    const grid = panel.getByRole('grid', { name: 'Preguntas atendidas por factor impulsor y etapa de implementación' });
    expect(await grid.getByRole('rowheader').allTextContents()).toContain('Acompañamiento (coaching)');
    expect(
      await grid
        .getByRole('button', { name: /^Acompañamiento \(coaching\), Instalación: \d+ de \d+ atendidas$/ })
        .count(),
    ).toBe(1);
    expect(await panel.getByLabel('Solo sin responder').count()).toBe(1);
    expect(await panel.getByLabel('Buscar preguntas').count()).toBe(1);
    const covered = panel.locator('li.question-covered').first();
    expect(await covered.locator('.chip').textContent()).toBe('Cubierta');
    expect(await covered.locator('.status-source').textContent()).toBe('Encontrada en el plan automáticamente');
    expect(await covered.getByRole('button', { name: 'Mostrar en el documento' }).count()).toBeGreaterThan(0);
    await covered.getByRole('button', { name: 'Evidencia y razones' }).click();
    expect(await covered.locator('.detail-heading').first().textContent()).toBe('Por qué cuenta como cubierta');
    // The analyzer's reasons are said in Spanish; the plan's English words in them are marked as such.
    expect(await covered.locator('.reasons li').first().textContent()).toMatch(/^El pasaje menciona \S/);
    expect(await covered.locator('.reasons').getAttribute('lang')).toBeNull();
    expect(await covered.locator('.reasons [lang=en]').count()).toBeGreaterThan(0);
    expect(await panel.getByRole('button', { name: 'Dejar de seguir' }).count()).toBe(1);
    expect(await panel.getByRole('link', { name: 'Panel general' }).count()).toBe(1);
    // No English left in the chrome of the panel (question texts come from the bank).
    const chrome = await panel
      .locator('.doc-header, .stage-focus, .progress, .map, .filters, [role=tablist], .driver-name')
      .allInnerTexts();
    const english = chrome.join('\n').match(/\b(Last read|We are in|Progress|Unanswered|Search|Stage|addressed)\b/g);
    expect(english).toBeNull();
    await expectNoAxeViolations(panel, 'Spanish');
  });
});
