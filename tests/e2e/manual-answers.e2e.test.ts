import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browsers, googleDocUrl, LAKEVIEW, panelUrl, serveGoogleDoc, waitForStored } from './harness';

const { id: DOC_ID, docKey: DOC_KEY, title: TITLE, exportHtml: EXPORT } = LAKEVIEW;
const NOTE = 'Coaches observe every two weeks <img src=x onerror=alert(1)> — see the coaching calendar.';

const browser = browsers();

const item = (panel: Page, questionId: string) => panel.locator(`li.question[data-question="${questionId}"]`);

describe('manual answers and notes in the side panel', () => {
  it('are set in one panel, appear live in another, and survive a browser restart', async () => {
    const profile = browser.profile();
    const first = await browser.launch({}, profile);
    await serveGoogleDoc(first.context, { id: DOC_ID, title: TITLE, exportHtml: EXPORT });
    const doc = await first.context.newPage();
    await doc.goto(googleDocUrl(DOC_ID));
    await waitForStored(first, DOC_KEY);

    const panel = await first.context.newPage();
    await panel.goto(panelUrl(first, DOC_KEY));
    const other = await first.context.newPage();
    await other.goto(panelUrl(first, DOC_KEY));
    await expect.poll(() => panel.locator('li.question-unanswered').count()).toBeGreaterThan(0);
    const questionId = (await panel.locator('li.question-unanswered').first().getAttribute('data-question')) as string;
    expect(questionId).toMatch(/^[a-z_]+\.[a-z_]+\./);

    // Mark it answered with the labelled control.
    await item(panel, questionId).getByLabel('Status').selectOption('answered');
    await expect
      .poll(() => item(panel, questionId).locator('.status-source').textContent())
      .toMatch(/^Marked answered by you/);
    await expect.poll(() => item(panel, questionId).locator('.chip').textContent()).toBe('Answered');
    // The other panel on the same document follows without a reload.
    await expect.poll(() => item(other, questionId).locator('.chip').textContent()).toBe('Answered');

    // Add a note, saved explicitly.
    await item(panel, questionId).getByRole('button', { name: 'Add note' }).click();
    await item(panel, questionId).getByLabel('Note').fill(NOTE);
    await item(panel, questionId).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => item(panel, questionId).locator('.note-saved').textContent()).toBe('Saved');
    await expect.poll(() => item(other, questionId).locator('.note').textContent()).toBe(NOTE);
    expect(await other.locator('li.question img').count()).toBe(0);

    await browser.close(first);

    // Same profile, new browser: nothing served at docs.google.com, only what PlanLens stored.
    const second = await browser.launch({}, profile);
    const reopened = await second.context.newPage();
    await reopened.goto(panelUrl(second, DOC_KEY));
    await expect.poll(() => reopened.locator('.doc-title').textContent()).toBe(TITLE);
    await expect
      .poll(() => item(reopened, questionId).locator('.status-source').textContent())
      .toMatch(/^Marked answered by you/);
    expect(await item(reopened, questionId).getByLabel('Status').inputValue()).toBe('answered');
    expect(await item(reopened, questionId).locator('.note').textContent()).toBe(NOTE);
  });
});
