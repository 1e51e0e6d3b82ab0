import { describe, expect, it } from 'vitest';
import { ASKED_AGAIN_MS, createProbes, HANDED_EXPORT_FRESH_MS, type ProbeApi } from '../../../background/probes';
import type { DocSnapshot } from '../../../core/model';

/**
 * The background's side of the probes (background/probes.ts), with the browser replaced by a
 * table of what each tab's page answers: which tabs are probed, when the reader starts, and
 * what it does after an address change.
 */

const CANVAS = 'https://hcusd.instructure.com/courses/4821/pages/plan';
const CLASSROOM_A = 'https://classroom.google.com/c/MTIz/a/NDU2/details';
const CLASSROOM_B = 'https://classroom.google.com/c/MTIz/a/Nzg5/details';

interface Fake {
  api: ProbeApi;
  probes: string[];
  injected: Array<{ tabId: number; documentId?: string | undefined; file: string }>;
  /** What the page answers next (a queue; the last answer repeats). */
  answers: unknown[];
  readers: Set<number>;
  clock: { now: number };
  /** Pages the router was asked to judge, and its answer (true: start the reader). */
  judged: DocSnapshot[];
  wanted: boolean | Error;
}

function fake(answers: unknown[] = [{ verdict: 'skip' }]): Fake {
  const state: Fake = {
    probes: [],
    injected: [],
    answers,
    readers: new Set(),
    clock: { now: 1_000_000 },
    judged: [],
    wanted: true,
    api: undefined as unknown as ProbeApi,
  };
  state.api = {
    runProbe: async (_tabId, file) => {
      state.probes.push(file);
      const value = state.answers.length > 1 ? state.answers.shift() : state.answers[0];
      return { value, documentId: 'DOC1' };
    },
    readerRuns: async (tabId) => state.readers.has(tabId),
    injectReader: async (target, file) => {
      state.injected.push({ tabId: target.tabId, documentId: target.documentId, file });
      state.readers.add(target.tabId);
    },
    sleep: async (ms) => {
      state.clock.now += ms;
    },
    now: () => state.clock.now,
    readerWanted: async (snapshot) => {
      state.judged.push(snapshot);
      if (state.wanted instanceof Error) throw state.wanted;
      return state.wanted;
    },
  };
  return state;
}

describe('probing a tab', () => {
  it('runs the site’s probe once a page has loaded, and starts its reader in that document where it says "read"', async () => {
    const f = fake([{ verdict: 'read' }]);
    const probes = createProbes(f.api);
    expect(await probes.check(7, CANVAS, 'loaded')).toBe('read');
    expect(f.probes).toEqual(['/canvas-probe.js']);
    expect(f.injected).toEqual([{ tabId: 7, documentId: 'DOC1', file: '/content-scripts/canvas.js' }]);
  });

  it('starts nothing where the probe says "skip" or "none"', async () => {
    for (const verdict of ['skip', 'none']) {
      const f = fake([{ verdict }]);
      expect(await createProbes(f.api).check(7, CANVAS, 'loaded')).toBe(verdict);
      expect(f.injected).toEqual([]);
    }
  });

  it('probes nothing off the known sites’ document addresses', async () => {
    const f = fake([{ verdict: 'read' }]);
    const probes = createProbes(f.api);
    for (const url of [
      'https://hcusd.instructure.com/courses/4821',
      'https://intranet.district.org/plan',
      'chrome-extension://abc/sidepanel.html',
      undefined,
    ]) {
      expect(await probes.check(7, url, 'loaded')).toBeNull();
    }
    expect(f.probes).toEqual([]);
  });

  it('takes an answer the page’s scripts could have changed for nothing', async () => {
    for (const value of [
      { verdict: 'read', fingerprint: 42 },
      'read',
      { verdict: 'yes' },
      null,
      { verdict: 'read', fingerprint: 'x'.repeat(65) },
    ]) {
      const f = fake([value]);
      expect(await createProbes(f.api).check(7, CANVAS, 'loaded')).toBeNull();
      expect(f.injected).toEqual([]);
    }
  });

  it('leaves a tab whose reader already runs to that reader (except right after a load)', async () => {
    const f = fake([{ verdict: 'read' }]);
    f.readers.add(7);
    const probes = createProbes(f.api);
    expect(await probes.check(7, CANVAS, 'asked')).toBeNull();
    expect(await probes.check(7, CLASSROOM_A, 'address')).toBeNull();
    expect(await probes.check(7, CANVAS, 'installed')).toBeNull();
    expect(f.probes).toEqual([]);
    // A load is a new document: no reader yet, whatever answered before.
    f.clock.now += 2_000;
    expect(await probes.check(7, CANVAS, 'loaded')).toBe('read');
  });

  it('when the side panel asks, probes a page again only after a while', async () => {
    const f = fake([{ verdict: 'skip' }]);
    const probes = createProbes(f.api);
    await probes.check(7, CANVAS, 'loaded');
    expect(await probes.check(7, CANVAS, 'asked')).toBeNull();
    f.clock.now += ASKED_AGAIN_MS;
    f.answers = [{ verdict: 'read' }];
    expect(await probes.check(7, CANVAS, 'asked')).toBe('read');
    expect(f.probes).toHaveLength(2);
    // Another tab is another page.
    expect(await probes.check(8, CANVAS, 'asked')).toBe('read');
  });

  it('looks once at a page whose load and the install’s look at open tabs come together, in either order', async () => {
    const f = fake([{ verdict: 'skip' }]);
    const probes = createProbes(f.api);
    await Promise.all([probes.check(7, CANVAS, 'loaded'), probes.check(7, CANVAS, 'installed')]);
    await Promise.all([probes.check(8, CANVAS, 'installed'), probes.check(8, CANVAS, 'loaded')]);
    expect(f.probes).toHaveLength(2);
    // A load later than that is a new page (reloaded): looked at.
    f.clock.now += 2_000;
    expect(await probes.check(8, CANVAS, 'loaded')).toBe('skip');
    // And the install's look at a page not looked at lately still happens.
    f.clock.now += ASKED_AGAIN_MS;
    expect(await probes.check(7, CANVAS, 'installed')).toBe('skip');
    expect(f.probes).toHaveLength(4);
  });

  it('ignores a fragment moving in the address (Google Docs headings)', async () => {
    const f = fake([{ verdict: 'skip' }]);
    const probes = createProbes(f.api);
    const doc = 'https://docs.google.com/document/d/1PotluckSignupNotAPlan2026abcdefg/edit';
    await probes.check(7, doc, 'loaded');
    expect(await probes.check(7, `${doc}#heading=h.abc`, 'address')).toBeNull();
    expect(f.probes).toHaveLength(1);
  });

  it('after an address change, waits for the new item’s text instead of judging the previous one’s', async () => {
    const f = fake([
      { verdict: 'skip', fingerprint: '10:aaa' },
      // The next item is on screen only at the third look.
      { verdict: 'skip', fingerprint: '10:aaa' },
      { verdict: 'skip', fingerprint: '10:aaa' },
      { verdict: 'read', fingerprint: '20:bbb' },
    ]);
    const probes = createProbes(f.api);
    expect(await probes.check(7, CLASSROOM_A, 'loaded')).toBe('skip');
    expect(await probes.check(7, CLASSROOM_B, 'address')).toBe('read');
    expect(f.probes).toHaveLength(4);
    expect(f.injected).toHaveLength(1);
  });

  it('after an address change, takes the same text as the new item’s once it has waited long enough', async () => {
    const f = fake([{ verdict: 'skip', fingerprint: '10:aaa' }]);
    const probes = createProbes(f.api);
    await probes.check(7, CLASSROOM_A, 'loaded');
    expect(await probes.check(7, CLASSROOM_B, 'address')).toBe('skip');
    // 10 s of 250 ms looks, then the answer stands.
    expect(f.probes.length).toBeGreaterThan(30);
    expect(f.probes.length).toBeLessThan(50);
  });

  it('drops the answer of a look that a newer one replaced', async () => {
    const f = fake([{ verdict: 'read' }]);
    let release: () => void = () => undefined;
    const slow = f.api.runProbe;
    f.api.runProbe = async (tabId, file) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return slow(tabId, file);
    };
    const probes = createProbes(f.api);
    const first = probes.check(7, CANVAS, 'loaded');
    await Promise.resolve();
    const firstRelease = release;
    f.api.runProbe = slow;
    const second = probes.check(7, `${CANVAS}-2`, 'loaded');
    expect(await second).toBe('read');
    firstRelease();
    expect(await first).toBeNull();
    expect(f.injected).toHaveLength(1);
  });

  it('starts one reader per document, however many looks say "read" before it answers', async () => {
    const f = fake([{ verdict: 'read' }]);
    // The reader is slow to start listening: a second look still finds none.
    f.api.readerRuns = async () => false;
    const probes = createProbes(f.api);
    await probes.check(7, CANVAS, 'loaded');
    f.clock.now += ASKED_AGAIN_MS;
    await probes.check(7, CANVAS, 'installed');
    expect(f.probes).toHaveLength(2);
    expect(f.injected).toHaveLength(1);
  });

  it('keeps what the Google Docs export answered the probe for that document’s reader: once, while fresh, in the same page', async () => {
    const doc = 'https://docs.google.com/document/d/1LakeviewPbisPlanXq7Rt2026abcd/edit';
    const key = 'gdocs:1LakeviewPbisPlanXq7Rt2026abcd';
    const exported = { status: 200, redirected: false, retryAfter: null, html: '<p>plan</p>' };
    const f = fake([{ verdict: 'read', export: exported }]);
    const probes = createProbes(f.api);
    await probes.check(7, doc, 'loaded');
    expect(probes.takeExport(7, 'OTHER-DOCUMENT', key)).toBeNull();
    // Taken (and gone) by the first ask, even a wrong one: the reader then asks Google Docs.
    expect(probes.takeExport(7, 'DOC1', key)).toBeNull();
    await probes.check(8, doc, 'loaded');
    expect(probes.takeExport(8, 'DOC1', 'gdocs:another')).toBeNull();
    await probes.check(9, doc, 'loaded');
    expect(probes.takeExport(9, 'DOC1', key)).toEqual(exported);
    expect(probes.takeExport(9, 'DOC1', key)).toBeNull();
    await probes.check(10, doc, 'loaded');
    f.clock.now += HANDED_EXPORT_FRESH_MS + 1;
    expect(probes.takeExport(10, 'DOC1', key)).toBeNull();
  });

  it('survives a tab that refuses (closed meanwhile, an error page)', async () => {
    const f = fake([{ verdict: 'read' }]);
    f.api.runProbe = async () => {
      throw new Error('No tab with id: 7');
    };
    expect(await createProbes(f.api).check(7, CANVAS, 'loaded')).toBeNull();
    const g = fake([{ verdict: 'read' }]);
    let refusals = 0;
    g.api.injectReader = async () => {
      refusals += 1;
      throw new Error('Frame with ID 0 was removed.');
    };
    const probes = createProbes(g.api);
    expect(await probes.check(7, CANVAS, 'loaded')).toBe('read');
    // A refused start leaves no mark: the next look tries again.
    g.clock.now += ASKED_AGAIN_MS;
    expect(await probes.check(7, CANVAS, 'installed')).toBe('read');
    expect(refusals).toBe(2);
  });
});

describe('judging a page before its reader starts', () => {
  const KEY = 'canvas:hcusd.instructure.com:4821:plan';
  const page = { docKey: KEY, title: 'Instructional coach posting', html: '<p>Coach wanted.</p>' };
  /** A Canvas page loaded in tab 7, sent by its probe and held by the router as no plan. */
  const heldInTab7 = async () => {
    const f = fake([{ verdict: 'read', page }]);
    f.wanted = false;
    const probes = createProbes(f.api);
    await probes.check(7, CANVAS, 'loaded');
    return { f, probes };
  };

  it('asks the router about the page a probe sent, and starts no reader where it holds the page', async () => {
    const f = fake([{ verdict: 'read', page }]);
    f.wanted = false;
    const probes = createProbes(f.api);
    expect(await probes.check(7, CANVAS, 'loaded')).toBe('held');
    expect(f.judged).toEqual([
      {
        docKey: KEY,
        title: page.title,
        site: 'canvas',
        url: CANVAS,
        blocks: [{ id: 'b0', kind: 'paragraph', text: 'Coach wanted.' }],
      },
    ]);
    expect(f.injected).toEqual([]);
    expect(probes.heldDocument(7, CANVAS)).toBe(KEY);
    expect(probes.heldDocument(7, `${CANVAS}#top`)).toBe(KEY);
    expect(probes.heldDocument(7, `${CANVAS}-2`)).toBeNull();
    expect(probes.heldDocument(8, CANVAS)).toBeNull();
  });

  it('starts the reader, in the document it judged, once the user says "Track anyway"', async () => {
    const { f, probes } = await heldInTab7();
    await probes.allow('canvas:hcusd.instructure.com:4821:another');
    expect(f.injected).toEqual([]);
    await probes.allow(KEY);
    expect(f.injected).toEqual([{ tabId: 7, documentId: 'DOC1', file: '/content-scripts/canvas.js' }]);
    expect(probes.heldDocument(7, CANVAS)).toBeNull();
  });

  it('forgets every held page when the user deletes all data', async () => {
    const { probes } = await heldInTab7();
    probes.forgetHeld();
    expect(probes.heldDocument(7, CANVAS)).toBeNull();
  });

  it('starts the reader where the router wants it, or could not judge', async () => {
    for (const wanted of [true, new Error('The database is gone')]) {
      const f = fake([{ verdict: 'read', page }]);
      f.wanted = wanted;
      expect(await createProbes(f.api).check(7, CANVAS, 'loaded')).toBe('read');
      expect(f.judged).toHaveLength(1);
      expect(f.injected).toHaveLength(1);
    }
  });

  it('judges no page that is not this address’s own (the page’s scripts may have changed it): its reader reads it', async () => {
    for (const forged of [
      { ...page, docKey: 'canvas:other.instructure.com:4821:plan' },
      { ...page, docKey: 'gdocs:1LakeviewPbisPlanXq7Rt2026abcd' },
      { ...page, html: 42 },
      { ...page, title: 42 },
      'page',
    ]) {
      const f = fake([{ verdict: 'read', page: forged }]);
      f.wanted = false;
      expect(await createProbes(f.api).check(7, CANVAS, 'loaded')).toBe('read');
      expect(f.judged).toEqual([]);
      expect(f.injected).toHaveLength(1);
    }
  });

  it('keeps a held page held while it is looked at again, and lets it go when it no longer is', async () => {
    const { f, probes } = await heldInTab7();
    let release: () => void = () => undefined;
    const judge = f.api.readerWanted;
    f.api.readerWanted = async (snapshot) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return judge(snapshot);
    };
    f.clock.now += ASKED_AGAIN_MS;
    const again = probes.check(7, CANVAS, 'asked');
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Meanwhile the panel still shows the held page, not "no document".
    expect(probes.heldDocument(7, CANVAS)).toBe(KEY);
    release();
    expect(await again).toBe('held');
    // The team rewrote it; the next look finds no plan words.
    f.clock.now += ASKED_AGAIN_MS;
    f.answers = [{ verdict: 'skip' }];
    expect(await probes.check(7, CANVAS, 'asked')).toBe('skip');
    expect(probes.heldDocument(7, CANVAS)).toBeNull();
  });
});
