import { describe, expect, it } from 'vitest';
import type { SenderInfo } from '../../../background/router';
import {
  actionOutcome,
  canShowOverlay,
  OverlayTabs,
  parseSurface,
  type SessionArea,
} from '../../../background/surfaces';

/** storage.session as a plain object (the real one keeps JSON-like values the same way). */
function memoryArea(initial: Record<string, unknown> = {}): SessionArea & { items: Record<string, unknown> } {
  const items: Record<string, unknown> = structuredClone(initial);
  return {
    items,
    async get(key) {
      return key in items ? { [key]: structuredClone(items[key]) } : {};
    },
    async set(values) {
      Object.assign(items, structuredClone(values));
    },
  };
}

const PAGE = 'https://docs.google.com/document/d/1LakeviewPbisPlanXq7Rt2026abcd/edit';
const overlaySender = (extra: Partial<SenderInfo> = {}): SenderInfo => ({
  id: 'ext',
  tabId: 4,
  frameId: 0,
  url: PAGE,
  documentId: 'DOC-A',
  ...extra,
});

describe('the "Open PlanLens as" preference', () => {
  it('reads only the two known values; anything else is the side panel', () => {
    expect(parseSurface('inPage')).toBe('inPage');
    expect(parseSurface('sidePanel')).toBe('sidePanel');
    for (const odd of [undefined, null, 'INPAGE', 1, {}, 'overlay']) expect(parseSurface(odd)).toBe('sidePanel');
  });

  it('the toolbar button shows the in-page panel only where it can be injected', () => {
    expect(actionOutcome('inPage', { id: 3, url: PAGE })).toBe('overlay');
    expect(actionOutcome('sidePanel', { id: 3, url: PAGE })).toBe('panel');
    // No address: PlanLens has no access to the tab (no "tabs" permission), so the browser's panel opens.
    expect(actionOutcome('inPage', { id: 3 })).toBe('panel');
    expect(actionOutcome('inPage', { id: 3, url: 'chrome://extensions/' })).toBe('panel');
    expect(actionOutcome('inPage', { url: PAGE })).toBe('panel');
    expect(actionOutcome('inPage', undefined)).toBe('panel');
    expect(canShowOverlay({ id: -1, url: PAGE })).toBe(false);
  });
});

describe('the tabs where the user opened the in-page panel', () => {
  it('accept the panel’s own tab, top frame, page and origin, and nothing else', async () => {
    const tabs = new OverlayTabs(memoryArea());
    expect(await tabs.allows(overlaySender())).toBe(false);
    await tabs.opened({ tabId: 4, documentId: 'DOC-A', origin: 'https://docs.google.com' });
    expect(await tabs.allows(overlaySender())).toBe(true);
    expect(await tabs.allows(overlaySender({ tabId: 5 }))).toBe(false);
    expect(await tabs.allows(overlaySender({ frameId: 2 }))).toBe(false);
    expect(await tabs.allows(overlaySender({ frameId: undefined }))).toBe(false);
    // The tab loaded another page since: a new document, or another site.
    expect(await tabs.allows(overlaySender({ documentId: 'DOC-B' }))).toBe(false);
    expect(await tabs.allows(overlaySender({ url: 'https://evil.example.org/x', documentId: undefined }))).toBe(false);
    expect(await tabs.allows(overlaySender({ url: undefined }))).toBe(false);
    expect(await tabs.allows(overlaySender({ tabId: undefined }))).toBe(false);
  });

  it('fall back to the origin where the browser names no documents (Firefox)', async () => {
    const tabs = new OverlayTabs(memoryArea());
    await tabs.opened({ tabId: 4, documentId: null, origin: 'https://docs.google.com' });
    expect(await tabs.allows(overlaySender({ documentId: undefined }))).toBe(true);
    expect(await tabs.allows(overlaySender({ documentId: undefined, url: 'https://other.example.org/' }))).toBe(false);
  });

  it('forget a tab when its panel is closed, and survive a restarted worker (storage, not memory)', async () => {
    const area = memoryArea();
    const first = new OverlayTabs(area);
    await first.opened({ tabId: 4, documentId: 'DOC-A', origin: 'https://docs.google.com' });
    await first.opened({ tabId: 9, documentId: 'DOC-C', origin: 'https://x.instructure.com' });
    // The service worker stopped and started again: a new registry over the same storage.
    const second = new OverlayTabs(area);
    expect(await second.allows(overlaySender())).toBe(true);
    await second.closed(4);
    expect(await second.allows(overlaySender())).toBe(false);
    expect((await second.list()).map((e) => e.tabId)).toEqual([9]);
  });

  it('keep every change when toggles arrive together, and ignore damaged entries', async () => {
    const area = memoryArea({ overlayTabs: [{ tabId: 'x' }, null, 7] });
    const tabs = new OverlayTabs(area);
    expect(await tabs.list()).toEqual([]);
    await Promise.all([
      tabs.opened({ tabId: 1, documentId: null, origin: 'https://a.schoology.com' }),
      tabs.opened({ tabId: 2, documentId: null, origin: 'https://b.schoology.com' }),
      tabs.opened({ tabId: 3, documentId: null, origin: 'https://c.schoology.com' }),
      tabs.closed(2),
    ]);
    expect((await tabs.list()).map((e) => e.tabId).sort()).toEqual([1, 3]);
  });
});
