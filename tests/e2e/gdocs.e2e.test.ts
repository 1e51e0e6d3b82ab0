import { describe, expect, it } from 'vitest';
import { browsers, googleDocUrl, LAKEVIEW, panelUrl, type Session, serveGoogleDoc, waitForStored } from './harness';

const { id: DOC_ID, docKey: DOC_KEY, title: TITLE, exportHtml: EXPORT } = LAKEVIEW;

const browser = browsers();
const start = (profile: string): Promise<Session> => browser.launch({}, profile);

describe('Google Docs plan → background → IndexedDB → side panel', () => {
  it('reads a document served at its real Google Docs address and stores its coverage', async () => {
    const profile = browser.profile();
    const session = await start(profile);
    await serveGoogleDoc(session.context, { id: DOC_ID, title: TITLE, exportHtml: EXPORT });
    const doc = await session.context.newPage();
    await doc.goto(googleDocUrl(DOC_ID));
    await waitForStored(session, DOC_KEY);
    expect(session.requests).toContain(`https://docs.google.com/document/d/${DOC_ID}/export?format=html`);

    const panel = await session.context.newPage();
    await panel.goto(panelUrl(session, DOC_KEY));
    await expect.poll(() => panel.locator('.doc-title').textContent()).toBe(TITLE);
    // The plan says "Current stage: Initial Implementation": that stage opens first.
    await expect
      .poll(() => panel.locator('[role=tab][aria-selected=true] .stage-name').textContent())
      .toBe('Initial Implementation');
    expect(await panel.locator('[role=tab]').count()).toBe(4);
    expect(await panel.locator('section.driver').count()).toBe(9);
    expect(await panel.locator('.question-unanswered').count()).toBeGreaterThan(0);
    // Coaching in initial implementation is answered by the plan, with the passage as evidence.
    const coaching = panel.locator('section.driver[data-driver=coaching] .question-covered').first();
    await expect.poll(() => coaching.count()).toBeGreaterThan(0);
    expect(await coaching.locator('blockquote.evidence').textContent()).toMatch(/coach/i);
  });

  it('switches stages in the side panel', async () => {
    const profile = browser.profile();
    const session = await start(profile);
    await serveGoogleDoc(session.context, { id: DOC_ID, title: TITLE, exportHtml: EXPORT });
    const doc = await session.context.newPage();
    await doc.goto(googleDocUrl(DOC_ID));
    await waitForStored(session, DOC_KEY);
    const panel = await session.context.newPage();
    await panel.goto(panelUrl(session, DOC_KEY));
    await panel.getByRole('tab', { name: /Exploration/ }).click();
    await expect.poll(() => panel.locator('[role=tabpanel]').getAttribute('aria-label')).toBe('Exploration');
    const ids = await panel
      .locator('li.question')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-question')));
    expect(ids.length).toBeGreaterThanOrEqual(27);
    expect(ids.every((id) => id?.includes('.exploration.'))).toBe(true);
  });

  it('keeps the record across a browser restart and shows it while the document cannot be read', async () => {
    const profile = browser.profile();
    const first = await start(profile);
    await serveGoogleDoc(first.context, { id: DOC_ID, title: TITLE, exportHtml: EXPORT });
    const doc = await first.context.newPage();
    await doc.goto(googleDocUrl(DOC_ID));
    await waitForStored(first, DOC_KEY);
    await browser.close(first);

    const second = await start(profile);
    // Signed out now: the export answers 401.
    await serveGoogleDoc(second.context, { id: DOC_ID, title: TITLE, exportStatus: 401 });
    const reopened = await second.context.newPage();
    await reopened.goto(googleDocUrl(DOC_ID));
    const panel = await second.context.newPage();
    await panel.goto(panelUrl(second, DOC_KEY));
    await expect.poll(() => panel.locator('.doc-title').textContent()).toBe(TITLE);
    await expect.poll(() => panel.locator('[role=alert]').textContent(), { timeout: 15000 }).toMatch(/signed out/i);
    expect(await panel.locator('li.question').count()).toBeGreaterThan(0);
  });

  it('opens the real Chrome side panel, which follows the active Google Doc', async () => {
    const profile = browser.profile();
    const session = await start(profile);
    await serveGoogleDoc(session.context, { id: DOC_ID, title: TITLE, exportHtml: EXPORT });
    const doc = await session.context.newPage();
    await doc.goto(googleDocUrl(DOC_ID));
    await waitForStored(session, DOC_KEY);
    const tab = await session.context.newPage();
    await tab.goto(panelUrl(session, DOC_KEY));
    await doc.bringToFront();
    await tab.getByRole('button', { name: 'Open in side panel' }).click();
    // The real panel is its own target, not one of the context's pages: reach it through CDP.
    const cdp = await session.context.newCDPSession(tab);
    const panelUrlExact = `chrome-extension://${session.extensionId}/sidepanel.html`;
    const findPanel = async () => {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as {
        targetInfos: Array<{ url: string; targetId: string }>;
      };
      return targetInfos.find((t) => t.url === panelUrlExact)?.targetId ?? null;
    };
    await expect.poll(findPanel, { timeout: 10000 }).not.toBeNull();
    const targetId = (await findPanel()) as string;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as {
      sessionId: string;
    };
    const replies = new Map<number, string>();
    cdp.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
      const message = JSON.parse(event.message) as { id?: number; result?: { result?: { value?: string } } };
      if (message.id) replies.set(message.id, message.result?.result?.value ?? '');
    });
    let nextId = 0;
    const panelText = async () => {
      nextId += 1;
      const id = nextId;
      const expression = "document.querySelector('.doc-title')?.textContent ?? ''";
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }),
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      return replies.get(id) ?? '';
    };
    // The panel shows the document of the active tab (the Google Doc), not a fixed one.
    await expect.poll(panelText, { timeout: 10000 }).toBe(TITLE);
  });
});
