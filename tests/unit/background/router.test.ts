import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter, type RouterDeps } from '../../../background/router';
import { createAnalyzer } from '../../../core/analyze/engine';
import type { Reply } from '../../../core/protocol';
import { openPlanLensDb, type PlanLensDb } from '../../../store/db';
import { miniBank, readFixture, snapshotOf, uniqueDbName } from '../helpers';

const EXT = 'planlens-extension-id';
const PAGES = `chrome-extension://${EXT}/`;
const fromPage = { id: EXT, tabId: 7 };
const fromPanel = { id: EXT, url: `${PAGES}sidepanel.html` };

let db: PlanLensDb;
let changed: string[];
let clock: number;
let activeUrl: string | null;
let route: ReturnType<typeof createRouter>;

beforeEach(async () => {
  db = await openPlanLensDb(uniqueDbName());
  changed = [];
  clock = 1_700_000_000_000;
  activeUrl = null;
  const analyzer = createAnalyzer(miniBank());
  const deps: RouterDeps = {
    db: async () => db,
    analyzer: () => analyzer,
    activeTabUrl: async () => activeUrl,
    notifyChanged: (docKey) => changed.push(docKey),
    now: () => clock,
  };
  route = createRouter(deps, EXT, PAGES);
});

const value = <T>(reply: Reply<never> | Reply<'getDocument'> | unknown): T => {
  const r = reply as { ok: boolean; value?: T; error?: string };
  if (!r.ok) throw new Error(r.error);
  return r.value as T;
};

const planSnapshot = () => ({
  ...snapshotOf(readFixture('gdocs/lakeview-pbis.export.html'), 'gdocs:1LakeviewPbisPlanXq7Rt2026abcd'),
  site: 'gdocs' as const,
  title: 'Lakeview PBIS plan',
});

describe('background router', () => {
  it('analyzes a snapshot from a content script, stores it and tells open pages', async () => {
    const reply = await route({ type: 'snapshot', snapshot: planSnapshot() }, fromPage);
    expect(value<{ docKey: string }>(reply).docKey).toBe('gdocs:1LakeviewPbisPlanXq7Rt2026abcd');
    expect(changed).toEqual(['gdocs:1LakeviewPbisPlanXq7Rt2026abcd']);

    const view = value<{ record: { title: string; lastReadAt: number }; report: { questions: unknown[] } }>(
      await route({ type: 'getDocument', docKey: 'gdocs:1LakeviewPbisPlanXq7Rt2026abcd' }, fromPanel),
    );
    expect(view.record.title).toBe('Lakeview PBIS plan');
    expect(view.record.lastReadAt).toBe(clock);
    expect(view.report.questions).toHaveLength(miniBank().questions.length);
  });

  it('keeps stored coverage when a later read fails, and says why', async () => {
    await route({ type: 'snapshot', snapshot: planSnapshot() }, fromPage);
    clock += 60_000;
    await route(
      {
        type: 'readFailed',
        docKey: 'gdocs:1LakeviewPbisPlanXq7Rt2026abcd',
        site: 'gdocs',
        url: 'https://docs.google.com/document/d/1LakeviewPbisPlanXq7Rt2026abcd/edit',
        title: 'Lakeview PBIS plan',
        reason: 'signed_out',
        message: 'You seem to be signed out of Google.',
      },
      fromPage,
    );
    const view = value<{ record: { readError: { reason: string }; lastReadAt: number }; report: unknown }>(
      await route({ type: 'getDocument', docKey: 'gdocs:1LakeviewPbisPlanXq7Rt2026abcd' }, fromPanel),
    );
    expect(view.record.readError.reason).toBe('signed_out');
    expect(view.record.lastReadAt).toBe(clock - 60_000);
    expect(view.report).not.toBeNull();
  });

  it('explains a failure on a document it never read without creating a record', async () => {
    const docKey = 'gdocs:1NeverSeenBeforeDocument0000000';
    activeUrl = 'https://docs.google.com/document/d/1NeverSeenBeforeDocument0000000/edit';
    await route(
      { type: 'readFailed', docKey, site: 'gdocs', url: activeUrl, title: 'x', reason: 'not_found', message: 'Gone.' },
      fromPage,
    );
    expect(value(await route({ type: 'getDocument', docKey }, fromPanel))).toBeNull();
    const active = value<{ docKey: string; failure: { reason: string } }>(
      await route({ type: 'getActiveDocument' }, fromPanel),
    );
    expect(active.docKey).toBe(docKey);
    expect(active.failure.reason).toBe('not_found');
  });

  it('refuses messages from other extensions or pages, and malformed ones, changing nothing', async () => {
    const foreign = await route({ type: 'snapshot', snapshot: planSnapshot() }, { id: 'other-extension', tabId: 1 });
    expect(foreign).toEqual({ ok: false, error: expect.stringMatching(/did not come from PlanLens/) });
    const noTab = await route({ type: 'snapshot', snapshot: planSnapshot() }, fromPanel);
    expect(noTab.ok).toBe(false);
    for (const bad of [null, 'snapshot', { type: 'snapshot' }, { type: 'nope' }, { type: 'getDocument', docKey: 42 }]) {
      expect((await route(bad, fromPage)).ok).toBe(false);
    }
    const tooBig = planSnapshot();
    tooBig.blocks = [{ id: 'b0', kind: 'paragraph', text: 'x'.repeat(30_000) }];
    expect((await route({ type: 'snapshot', snapshot: tooBig }, fromPage)).ok).toBe(false);
    expect(await db.count('documents')).toBe(0);
    expect(changed).toEqual([]);
  });

  it('follows the active tab to its document', async () => {
    activeUrl = 'https://docs.google.com/document/d/1LakeviewPbisPlanXq7Rt2026abcd/edit?tab=t.0';
    const active = value<{ docKey: string }>(await route({ type: 'getActiveDocument' }, fromPanel));
    expect(active.docKey).toBe('gdocs:1LakeviewPbisPlanXq7Rt2026abcd:t.0');
    activeUrl = 'https://example.org/';
    expect(value<{ docKey: string | null }>(await route({ type: 'getActiveDocument' }, fromPanel)).docKey).toBeNull();
  });
});
