import { describe, expect, it } from 'vitest';
import { DOC, EXT, fromPanel, readPlan, testRouter } from './router-harness';

const CANVAS_PLAN = 'https://hcusd.instructure.com/courses/4821/pages/reading-plan';

describe('startReader (a gate found a likely plan)', () => {
  const setup = async () => {
    const injected: Array<{ target: unknown; file: string }> = [];
    const t = await testRouter(undefined, {
      injectReader: async (target, file) => {
        injected.push({ target, file });
      },
    });
    return { t, injected };
  };

  it('injects the site’s reader into the frame and document that asked', async () => {
    const { t, injected } = await setup();
    const sender = { id: EXT, tabId: 4, frameId: 0, documentId: 'doc-1', url: CANVAS_PLAN };
    expect(await t.call({ type: 'startReader', site: 'canvas' }, sender)).toEqual({ started: true });
    expect(injected).toEqual([
      { target: { tabId: 4, frameId: 0, documentId: 'doc-1' }, file: '/content-scripts/canvas.js' },
    ]);
  });

  it('starts nothing on a page the site’s gate does not run on', async () => {
    const { t, injected } = await setup();
    const sender = { id: EXT, tabId: 4, frameId: 0, url: 'https://hcusd.instructure.com/courses/4821/grades' };
    expect(await t.call({ type: 'startReader', site: 'canvas' }, sender)).toEqual({ started: false });
    expect(await t.call({ type: 'startReader', site: 'gdocs' }, { ...sender, url: CANVAS_PLAN })).toEqual({
      started: false,
    });
    expect(injected).toEqual([]);
  });

  it('refuses unknown sites, extension pages and other extensions', async () => {
    const { t, injected } = await setup();
    const page = { id: EXT, tabId: 4, frameId: 0, url: CANVAS_PLAN };
    expect(await t.refused({ type: 'startReader', site: 'file' }, page)).toMatch(/unknown site/);
    expect(await t.refused({ type: 'startReader', site: '__proto__' }, page)).toMatch(/unknown site/);
    expect(await t.refused({ type: 'startReader', site: 'canvas' }, fromPanel)).toMatch(/content script/);
    expect(await t.refused({ type: 'startReader', site: 'canvas' }, { ...page, id: 'other-extension' })).toMatch(
      /did not come from PlanLens/,
    );
    expect(injected).toEqual([]);
  });
});

describe('which document a tab shows, where only a gate runs', () => {
  const GDOC_URL = 'https://docs.google.com/document/d/1LakeviewPbisPlanXq7Rt2026abcd/edit';

  it('is none when the gate found no plan words, unless PlanLens keeps that document', async () => {
    const t = await testRouter(undefined, {
      activeTabUrl: async () => GDOC_URL,
      // The gate declined (or is still looking): tabs.ts answers null.
      activeTabDocKey: async () => null,
    });
    const active = () => t.call<{ docKey: string | null }>({ type: 'getActiveDocument' });
    expect((await active()).docKey).toBeNull();
    // Stored earlier (or imported): shown, even though today's text did not pass the gate.
    await readPlan(t);
    expect((await active()).docKey).toBe(DOC);
  });
});

describe('takeExport (the Google Docs reader asks for what the probe read)', () => {
  const GDOC_KEY = 'gdocs:1LakeviewPbisPlanXq7Rt2026abcd';
  const exported = { status: 200, redirected: false, retryAfter: null, html: '<p>plan</p>' };

  it('answers the reader in a tab’s page with what the probes keep for it, and refuses anything else', async () => {
    const asked: unknown[] = [];
    const t = await testRouter(undefined, {
      takeExport: (tabId, documentId, docKey) => {
        asked.push([tabId, documentId, docKey]);
        return exported;
      },
    });
    const reader = {
      id: EXT,
      tabId: 4,
      frameId: 0,
      documentId: 'doc-1',
      url: 'https://docs.google.com/document/d/x/edit',
    };
    expect(await t.call({ type: 'takeExport', docKey: GDOC_KEY }, reader)).toEqual({ answer: exported });
    expect(asked).toEqual([[4, 'doc-1', GDOC_KEY]]);
    expect(await t.refused({ type: 'takeExport', docKey: GDOC_KEY }, { ...reader, frameId: 3 })).toMatch(/reader/);
    expect(await t.refused({ type: 'takeExport', docKey: GDOC_KEY }, fromPanel)).toMatch(/reader/);
    expect(await t.refused({ type: 'takeExport', docKey: '<b>' }, reader)).toMatch(/bad document/);
    expect(asked).toHaveLength(1);
  });

  it('answers null where nothing is kept', async () => {
    const t = await testRouter();
    const reader = { id: EXT, tabId: 4, frameId: 0, url: 'https://docs.google.com/document/d/x/edit' };
    expect(await t.call({ type: 'takeExport', docKey: GDOC_KEY }, reader)).toEqual({ answer: null });
  });
});
