import { beforeEach, describe, expect, it } from 'vitest';
import { createRouter, type RouterDeps } from '../../../background/router';
import { createAnalyzer } from '../../../core/analyze/engine';
import type { DocSnapshot } from '../../../core/model';
import { openPlanLensDb, type PlanLensDb } from '../../../store/db';
import { miniBank, readFixture, snapshotOf, uniqueDbName } from '../helpers';

const EXT = 'planlens-extension-id';
const PAGES = `chrome-extension://${EXT}/`;
const fromPage = { id: EXT, tabId: 7 };
const fromPanel = { id: EXT, url: `${PAGES}sidepanel.html` };
const PLAN_KEY = 'canvas:hcusd.instructure.com:4821:plan';
const TRIP_KEY = 'canvas:hcusd.instructure.com:4821:field-trip';

let db: PlanLensDb;
let changed: string[];
let activeUrl: string | null;
let pageAnswer: string | null | undefined;
let route: ReturnType<typeof createRouter>;

beforeEach(async () => {
  db = await openPlanLensDb(uniqueDbName());
  changed = [];
  activeUrl = null;
  pageAnswer = undefined;
  route = routerWith();
});

/** A router over this test's database, answering from this test's tab state. */
function routerWith(extra: Partial<RouterDeps> = {}): ReturnType<typeof createRouter> {
  const analyzer = createAnalyzer(miniBank());
  const deps: RouterDeps = {
    db: async () => db,
    analyzer: () => analyzer,
    activeTabUrl: async () => activeUrl,
    notifyChanged: (docKey) => changed.push(docKey),
    now: () => 1_700_000_000_000,
    activeTabDocKey: async () => pageAnswer,
    ...extra,
  };
  return createRouter(deps, EXT, PAGES);
}

function value<T>(reply: unknown): T {
  const r = reply as { ok: boolean; value?: T; error?: string };
  if (!r.ok) throw new Error(r.error);
  return r.value as T;
}

const canvas = (file: string, docKey: string): DocSnapshot => ({
  ...snapshotOf(readFixture(file), docKey),
  site: 'canvas',
  url: 'https://hcusd.instructure.com/courses/4821/pages/x',
});

describe('LMS pages in the background', () => {
  it('keeps an LMS page that looks like a plan', async () => {
    const reply = value<{ isPlan: boolean }>(
      await route({ type: 'snapshot', snapshot: canvas('lms/canvas-plan-body.html', PLAN_KEY) }, fromPage),
    );
    expect(reply.isPlan).toBe(true);
    expect(value(await route({ type: 'getDocument', docKey: PLAN_KEY }, fromPanel))).not.toBeNull();
  });

  it('does not keep an LMS page that is not a plan, says why, and keeps it after "Track anyway"', async () => {
    const snapshot = canvas('lms/canvas-nonplan-body.html', TRIP_KEY);
    const reply = value<{ isPlan: boolean }>(await route({ type: 'snapshot', snapshot }, fromPage));
    expect(reply.isPlan).toBe(false);
    expect(value(await route({ type: 'getDocument', docKey: TRIP_KEY }, fromPanel))).toBeNull();
    activeUrl = 'https://hcusd.instructure.com/courses/4821/pages/field-trip';
    const active = value<{ docKey: string; failure: { reason: string; message: string } }>(
      await route({ type: 'getActiveDocument' }, fromPanel),
    );
    expect(active.docKey).toBe(TRIP_KEY);
    expect(active.failure.reason).toBe('not_a_plan');
    expect(active.failure.message).toMatch(/does not look like an implementation plan/);

    // A content script may not decide that for the user.
    const refused = (await route({ type: 'trackAnyway', docKey: TRIP_KEY }, fromPage)) as { ok: boolean };
    expect(refused.ok).toBe(false);

    const tracked = value<{ stored: boolean }>(await route({ type: 'trackAnyway', docKey: TRIP_KEY }, fromPanel));
    expect(tracked.stored).toBe(true);
    const view = value<{ record: { isPlan: boolean } }>(
      await route({ type: 'getDocument', docKey: TRIP_KEY }, fromPanel),
    );
    expect(view.record.isPlan).toBe(false);
    expect(changed).toContain(TRIP_KEY);
    // Later readings of a tracked page are kept too.
    await route({ type: 'snapshot', snapshot: { ...snapshot, title: 'Field trip (edited)' } }, fromPage);
    const again = value<{ record: { title: string } }>(
      await route({ type: 'getDocument', docKey: TRIP_KEY }, fromPanel),
    );
    expect(again.record.title).toBe('Field trip (edited)');
  });

  it('asks the page which document it shows when the address does not say', async () => {
    activeUrl = 'https://pinecrest.moodlecloud.com/mod/page/view.php?id=567';
    pageAnswer = 'moodle:pinecrest.moodlecloud.com:42:567';
    const active = value<{ docKey: string | null }>(await route({ type: 'getActiveDocument' }, fromPanel));
    expect(active.docKey).toBe('moodle:pinecrest.moodlecloud.com:42:567');
    pageAnswer = undefined;
    expect(value<{ docKey: string | null }>(await route({ type: 'getActiveDocument' }, fromPanel)).docKey).toBeNull();
  });

  it('refuses "Show in document" from a content script', async () => {
    const reply = (await route({ type: 'showEvidence', docKey: PLAN_KEY, blockId: 'b1', snippet: 'x' }, fromPage)) as {
      ok: boolean;
      error: string;
    };
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatch(/own pages/);
  });
});

describe('a page a probe sent, before any reader starts (readerWanted)', () => {
  const withHeld = () => {
    const allowed: string[] = [];
    const routed = routerWith({
      allowHeld: async (docKey) => {
        // Started after the held reading was stored, so the reader's first reading finds it kept.
        allowed.push(`${docKey} stored: ${(await db.get('documents', docKey)) !== undefined}`);
      },
    });
    return { routed, allowed };
  };

  it('wants the reader of a page that looks like a plan, and stores nothing itself', async () => {
    expect(await route.readerWanted(canvas('lms/canvas-plan-body.html', PLAN_KEY))).toBe(true);
    expect(await db.get('documents', PLAN_KEY)).toBeUndefined();
    expect(changed).toEqual([]);
  });

  it('holds a page that is not a plan, as if its reader had sent it, and starts its reader on "Track anyway"', async () => {
    const { routed, allowed } = withHeld();
    expect(await routed.readerWanted(canvas('lms/job-posting-body.html', TRIP_KEY))).toBe(false);
    expect(changed).toEqual([TRIP_KEY]);
    activeUrl = 'https://hcusd.instructure.com/courses/4821/pages/field-trip';
    pageAnswer = TRIP_KEY;
    const active = value<{ docKey: string; failure: { reason: string } }>(
      await routed({ type: 'getActiveDocument' }, fromPanel),
    );
    expect(active).toMatchObject({ docKey: TRIP_KEY, failure: { reason: 'not_a_plan' } });
    expect(value(await routed({ type: 'trackAnyway', docKey: TRIP_KEY }, fromPanel))).toEqual({
      docKey: TRIP_KEY,
      stored: true,
    });
    expect(allowed).toEqual([`${TRIP_KEY} stored: true`]);
    // From now on its reader's readings are kept, and so is the page if a probe sends it again.
    expect(await routed.readerWanted(canvas('lms/job-posting-body.html', TRIP_KEY))).toBe(true);
  });

  it('wants the reader of a document PlanLens keeps, plan or not, and of a Google Doc, without analyzing them', async () => {
    const bank = createAnalyzer(miniBank());
    let analyzed = 0;
    const routed = routerWith({
      analyzer: () => ({
        ...bank,
        analyze: (snapshot: DocSnapshot) => {
          analyzed += 1;
          return bank.analyze(snapshot);
        },
      }),
    });
    await routed({ type: 'snapshot', snapshot: canvas('lms/canvas-nonplan-body.html', TRIP_KEY) }, fromPage);
    await routed({ type: 'trackAnyway', docKey: TRIP_KEY }, fromPanel);
    analyzed = 0;
    expect(await routed.readerWanted(canvas('lms/canvas-nonplan-body.html', TRIP_KEY))).toBe(true);
    const doc: DocSnapshot = {
      ...canvas('lms/job-posting-body.html', 'gdocs:1JobPostingNotAPlan2026abcdefghij'),
      site: 'gdocs',
    };
    expect(await routed.readerWanted(doc)).toBe(true);
    // Their readers send them, and they are analyzed then: not twice.
    expect(analyzed).toBe(0);
  });

  it('forgets the pages it holds, in the tabs too, when the user deletes all data', async () => {
    let forgotten = 0;
    const routed = routerWith({ forgetHeld: () => forgotten++ });
    await routed.readerWanted(canvas('lms/job-posting-body.html', TRIP_KEY));
    expect(value(await routed({ type: 'deleteAllData', confirm: 'delete-all' }, fromPanel))).toEqual({ documents: 0 });
    expect(forgotten).toBe(1);
    activeUrl = 'https://hcusd.instructure.com/courses/4821/pages/field-trip';
    pageAnswer = TRIP_KEY;
    const active = value<{ failure: unknown }>(await routed({ type: 'getActiveDocument' }, fromPanel));
    expect(active.failure).toBeNull();
  });

  it('holds a page the user stopped tracking, plan or not', async () => {
    await route({ type: 'snapshot', snapshot: canvas('lms/canvas-plan-body.html', PLAN_KEY) }, fromPage);
    await route({ type: 'stopTracking', docKey: PLAN_KEY }, fromPanel);
    changed.length = 0;
    expect(await route.readerWanted(canvas('lms/canvas-plan-body.html', PLAN_KEY))).toBe(false);
    expect(changed).toEqual([PLAN_KEY]);
  });
});
