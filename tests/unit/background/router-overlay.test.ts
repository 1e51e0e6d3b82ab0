import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter, type SenderInfo } from '../../../background/router';
import { OverlayTabs, type SessionArea } from '../../../background/surfaces';
import { createAnalyzer } from '../../../core/analyze/engine';
import type { OverrideRecord } from '../../../core/coverage/types';
import { OVERLAY_MAY, PAGE_ONLY } from '../../../core/protocol';
import { openPlanLensDb } from '../../../store/db';
import { miniBank, uniqueDbName } from '../helpers';
import { DOC, EXT, fromContentScript, fromPanel, PAGES, planSnapshot } from './router-harness';

/**
 * The in-page panel is a content script: the router tells it from the page's other content
 * scripts only by the tab where the user opened it (background/surfaces.ts OverlayTabs).
 */
const QUESTION = 'coaching.initial_implementation.observe-feedback';
const OVERLAY_TAB = 7;
const PAGE_URL = 'https://docs.google.com/document/d/x/edit';
const fromOverlay: SenderInfo = { id: EXT, tabId: OVERLAY_TAB, frameId: 0, url: PAGE_URL, documentId: 'D1' };
/** A content script in a tab where no panel was opened. */
const fromOtherTab: SenderInfo = { ...fromOverlay, tabId: 8, documentId: 'D2' };

function memoryArea(): SessionArea {
  const items: Record<string, unknown> = {};
  return {
    async get(key) {
      return key in items ? { [key]: items[key] } : {};
    },
    async set(values) {
      Object.assign(items, values);
    },
  };
}

let route: ReturnType<typeof createRouter>;
let overlays: OverlayTabs;
let asked: Array<number | 'active'>;

beforeEach(async () => {
  const db = await openPlanLensDb(uniqueDbName());
  const analyzer = createAnalyzer(miniBank());
  overlays = new OverlayTabs(memoryArea());
  asked = [];
  route = createRouter(
    {
      db: async () => db,
      analyzer: () => analyzer,
      activeTabUrl: async () => 'https://docs.google.com/document/d/1ActiveTabDocument2026abcdefgh/edit',
      activeTabDocKey: async () => {
        asked.push('active');
        return 'gdocs:1ActiveTabDocument2026abcdefgh';
      },
      tabDocKey: async (tabId) => {
        asked.push(tabId);
        return tabId === OVERLAY_TAB ? DOC : null;
      },
      overlayOpenIn: (sender) => overlays.allows(sender),
      notifyChanged: () => undefined,
      now: () => 1_700_000_000_000,
    },
    EXT,
    PAGES,
  );
  const stored = await route({ type: 'snapshot', snapshot: planSnapshot() }, fromContentScript);
  expect(stored.ok).toBe(true);
});

const setStatus = (status: string | null) => ({ type: 'setManualStatus', docKey: DOC, questionId: QUESTION, status });

describe('requests from the in-page panel', () => {
  it('may set a manual status and a note only once the user opened the panel in that tab', async () => {
    expect(await route(setStatus('answered'), fromOverlay)).toEqual({
      ok: false,
      error: 'Refused: setManualStatus may only come from PlanLens’s own pages.',
    });
    await overlays.opened({ tabId: OVERLAY_TAB, documentId: 'D1', origin: 'https://docs.google.com' });
    const saved = await route(setStatus('answered'), fromOverlay);
    expect(saved).toMatchObject({ ok: true, value: { questionId: QUESTION, status: 'answered' } });
    const noted = await route(
      { type: 'setNote', docKey: DOC, questionId: QUESTION, note: 'Seen in p. 4' },
      fromOverlay,
    );
    expect((noted as { value: OverrideRecord }).value.note).toBe('Seen in p. 4');
    // Another tab's content script, a subframe of the panel's tab, or the same tab on another page: refused.
    expect((await route(setStatus('unanswered'), fromOtherTab)).ok).toBe(false);
    expect((await route(setStatus('unanswered'), { ...fromOverlay, frameId: 3 })).ok).toBe(false);
    expect((await route(setStatus('unanswered'), { ...fromOverlay, documentId: 'D9' })).ok).toBe(false);
    // Closed: refused again.
    await overlays.closed(OVERLAY_TAB);
    expect((await route(setStatus('unanswered'), fromOverlay)).ok).toBe(false);
    const view = await route({ type: 'getDocument', docKey: DOC }, fromPanel);
    expect((view as { value: { overrides: OverrideRecord[] } }).value.overrides).toEqual([
      expect.objectContaining({ questionId: QUESTION, status: 'answered', note: 'Seen in p. 4' }),
    ]);
  });

  it('act only on the document in the panel’s own tab', async () => {
    await overlays.opened({ tabId: OVERLAY_TAB, documentId: 'D1', origin: 'https://docs.google.com' });
    const OTHER = 'gdocs:1AnotherTabsDocument2026abcdefghij';
    const forOther: Record<string, object> = {
      setManualStatus: { type: 'setManualStatus', docKey: OTHER, questionId: QUESTION, status: 'answered' },
      setNote: { type: 'setNote', docKey: OTHER, questionId: QUESTION, note: 'x' },
      setCurrentStage: { type: 'setCurrentStage', docKey: OTHER, stage: 'installation' },
      recordVisit: { type: 'recordVisit', docKey: OTHER },
      showEvidence: { type: 'showEvidence', docKey: OTHER, blockId: 'b1', snippet: 'x' },
      trackAnyway: { type: 'trackAnyway', docKey: OTHER },
    };
    expect(Object.keys(forOther).sort()).toEqual([...OVERLAY_MAY].sort());
    for (const [type, request] of Object.entries(forOther)) {
      expect(await route(request, fromOverlay)).toEqual({
        ok: false,
        error: `Refused: ${type} may only come from PlanLens’s own pages.`,
      });
    }
    // The same request for the tab's own document goes through.
    expect((await route({ type: 'recordVisit', docKey: DOC }, fromOverlay)).ok).toBe(true);
  });

  it('never get what only extension pages may do, even from the open panel', async () => {
    await overlays.opened({ tabId: OVERLAY_TAB, documentId: 'D1', origin: 'https://docs.google.com' });
    const refusedTypes = [...PAGE_ONLY].filter((type) => !OVERLAY_MAY.has(type));
    expect(refusedTypes).toEqual(expect.arrayContaining(['exportCoverage', 'applyImport', 'listDocuments']));
    expect(refusedTypes).toContain('deleteAllData');
    const requests: Record<string, object> = {
      exportCoverage: { type: 'exportCoverage', docKey: DOC },
      listDocuments: { type: 'listDocuments' },
      applyImport: { type: 'applyImport', text: '{}' },
      deleteAllData: { type: 'deleteAllData', confirm: 'delete-all' },
      stopTracking: { type: 'stopTracking', docKey: DOC },
    };
    for (const [type, request] of Object.entries(requests)) {
      expect(await route(request, fromOverlay)).toEqual({
        ok: false,
        error: `Refused: ${type} may only come from PlanLens’s own pages.`,
      });
    }
  });

  it('"the active document" is the panel’s own tab’s; extension pages still get the active tab’s', async () => {
    const own = await route({ type: 'getActiveDocument' }, fromOverlay);
    expect(own).toEqual({ ok: true, value: { docKey: DOC, url: PAGE_URL, failure: null } });
    expect(asked).toEqual([OVERLAY_TAB]);
    // The side panel (Chrome), the sidebar (Firefox: no tab, a moz-extension:// page) and the panel
    // page open in a tab all follow the active tab.
    const sidebar: SenderInfo = { id: EXT, url: `${PAGES}sidepanel.html` };
    const panelTab: SenderInfo = { id: EXT, tabId: 3, url: `${PAGES}sidepanel.html?doc=x` };
    for (const sender of [fromPanel, sidebar, panelTab]) {
      const active = await route({ type: 'getActiveDocument' }, sender);
      expect(active).toMatchObject({ ok: true, value: { docKey: 'gdocs:1ActiveTabDocument2026abcdefgh' } });
    }
    expect(asked).toEqual([OVERLAY_TAB, 'active', 'active', 'active']);
  });
});
