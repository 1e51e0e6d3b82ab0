import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Display, startDisplay } from './desktop';
import { launch, newProfileDir, panelUrl, removeProfileDir, type Session, storedDocument } from './harness';
import { fillTemplate, lmsFixture, servePage } from './lms';

/**
 * "Use PlanLens on this site": the options page asks for one district site from the click
 * (permissions.request shows the browser's own prompt, answered here with the keyboard on a
 * virtual display), registers the generic content script at run time, and removing the site
 * gives both back. Nothing beyond the known hosts is granted at install.
 */

const SITE = 'https://plans.district-pinecrest.org';
const PLAN_URL = `${SITE}/plans/2025-reading-mtss`;
const PLAN_KEY = 'custom:plans.district-pinecrest.org/plans/2025-reading-mtss';
const LATER_URL = `${SITE}/plans/2026-check-and-connect`;
const LATER_KEY = 'custom:plans.district-pinecrest.org/plans/2026-check-and-connect';
const THIRD_URL = `${SITE}/plans/2027-reading-mtss`;
const THIRD_KEY = 'custom:plans.district-pinecrest.org/plans/2027-reading-mtss';

let session: Session | null = null;
let display: Display | null = null;

afterEach(async () => {
  if (session) {
    await session.context.close().catch(() => undefined);
    removeProfileDir(session.userDataDir);
  }
  session = null;
  display?.stop();
  display = null;
});

async function start(): Promise<Session> {
  display = await startDisplay();
  session = await launch(newProfileDir(), { display: display.name });
  await servePage(
    session.context,
    PLAN_URL,
    fillTemplate(lmsFixture('district-site-page.html'), {
      TITLE: 'K-3 Reading MTSS Implementation Plan',
      BODY: lmsFixture('moodle-plan-body.html'),
    }),
  );
  await servePage(
    session.context,
    LATER_URL,
    fillTemplate(lmsFixture('district-site-page.html'), {
      TITLE: 'Check & Connect Implementation Plan',
      BODY: lmsFixture('canvas-plan-body.html'),
    }),
  );
  await servePage(
    session.context,
    THIRD_URL,
    fillTemplate(lmsFixture('district-site-page.html'), {
      TITLE: 'K-3 Reading MTSS Implementation Plan, 2027',
      BODY: lmsFixture('moodle-plan-body.html'),
    }),
  );
  return session;
}

async function isStored(s: Session, docKey: string): Promise<boolean> {
  const page = await s.context.newPage();
  try {
    await page.goto(panelUrl(s, docKey));
    return (await storedDocument(page, docKey)) !== null;
  } finally {
    await page.close();
  }
}

async function optionsPage(s: Session): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(`chrome-extension://${s.extensionId}/options.html`);
  return page;
}

async function hostAccess(page: Page, origin: string): Promise<boolean> {
  return page.evaluate(
    (o) =>
      (
        globalThis as unknown as {
          chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } };
        }
      ).chrome.permissions.contains({ origins: [o] }),
    origin,
  );
}

async function registeredIds(s: Session): Promise<string[]> {
  const worker = s.context.serviceWorkers()[0];
  if (!worker) throw new Error('no service worker');
  return worker.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string }>> } };
      }
    ).chrome;
    return (await api.scripting.getRegisteredContentScripts()).map((script) => script.id);
  });
}

describe('a district site the user allows', () => {
  it('is read only after the user allows it from the click, and no longer once removed', async () => {
    const s = await start();
    const plan = await s.context.newPage();
    await plan.goto(PLAN_URL);
    const options = await optionsPage(s);
    // Installed with access to the known hosts only.
    expect(await hostAccess(options, `${SITE}/*`)).toBe(false);
    expect(await hostAccess(options, 'https://*/*')).toBe(false);
    await plan.waitForTimeout(1500);
    expect(await isStored(s, PLAN_KEY)).toBe(false);

    await options.getByLabel('Address of a page on the district site').fill(PLAN_URL);
    await options.getByRole('button', { name: 'Use PlanLens on this site' }).click();
    // The browser asks; the user moves to "Allow" and accepts.
    await options.waitForTimeout(1200);
    display?.press('Tab', 'Return');
    await expect
      .poll(() => options.locator('#sites [role=status]').textContent(), { timeout: 10000 })
      .toMatch(/now reads/);
    expect(await options.locator('.site-host').allTextContents()).toEqual(['plans.district-pinecrest.org']);
    expect(await hostAccess(options, `${SITE}/*`)).toBe(true);
    expect(await hostAccess(options, 'https://elsewhere.example.org/*')).toBe(false);
    expect(await registeredIds(s)).toEqual(['planlens-site-plans.district-pinecrest.org']);

    // The tab already open is read at once; a page loaded later by the registered script.
    await expect.poll(() => isStored(s, PLAN_KEY), { timeout: 15000 }).toBe(true);
    const later = await s.context.newPage();
    await later.goto(LATER_URL);
    await expect.poll(() => isStored(s, LATER_KEY), { timeout: 15000 }).toBe(true);
    await later.close();

    // Remove: the script is unregistered and the permission given back.
    await options.bringToFront();
    await options.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => options.locator('.sites-empty').count(), { timeout: 10000 }).toBe(1);
    expect(await hostAccess(options, `${SITE}/*`)).toBe(false);
    expect(await registeredIds(s)).toEqual([]);
    // A plan page loaded now is not read: nothing of PlanLens runs on the site any more.
    const third = await s.context.newPage();
    await third.goto(THIRD_URL);
    await third.waitForTimeout(3000);
    expect(await isStored(s, THIRD_KEY)).toBe(false);
  });

  it('changes nothing when the user declines', async () => {
    const s = await start();
    const options = await optionsPage(s);
    await options.getByLabel('Address of a page on the district site').fill('plans.district-pinecrest.org');
    await options.getByRole('button', { name: 'Use PlanLens on this site' }).click();
    await options.waitForTimeout(1200);
    // "Deny" has the focus.
    display?.press('Return');
    await expect.poll(() => options.locator('[role=alert]').textContent(), { timeout: 10000 }).toMatch(/not granted/);
    expect(await hostAccess(options, `${SITE}/*`)).toBe(false);
    expect(await registeredIds(s)).toEqual([]);
    expect(await options.locator('.sites-empty').count()).toBe(1);
  });

  it('explains addresses it cannot use without asking the browser', async () => {
    const s = await start();
    const options = await optionsPage(s);
    const field = options.getByLabel('Address of a page on the district site');
    const button = options.getByRole('button', { name: 'Use PlanLens on this site' });
    await field.fill('http://plans.district-pinecrest.org');
    await button.click();
    await expect.poll(() => options.locator('[role=alert]').textContent()).toMatch(/https/);
    await field.fill('https://district.instructure.com/courses/1');
    await button.click();
    await expect.poll(() => options.locator('[role=alert]').textContent()).toMatch(/already reads/);
  });
});
