import { browser } from 'wxt/browser';
import type { ChangeNotice } from '../core/protocol';
import type { SenderInfo } from './router';

/**
 * Where PlanLens shows itself: the browser's own panel (Chrome's side panel, Firefox's sidebar,
 * both following the active tab) or the in-page panel (an overlay in a closed shadow root of the
 * page, injected only when shown so the content scripts stay small).
 *
 * The preference lives in browser.storage.local under SURFACE_KEY, not in the IndexedDB
 * settings store: it is a display choice, not something the user recorded about a plan (export
 * and "delete all" need not carry it), and the background must know it the moment the toolbar
 * button is pressed and react as soon as it changes (storage.onChanged), with no message type
 * for either. Content scripts could change it too; the worst they can do is swap the two panels.
 */
export type Surface = 'sidePanel' | 'inPage';
export const SURFACE_KEY = 'surface';
export const DEFAULT_SURFACE: Surface = 'sidePanel';
/** The keyboard command that shows or hides the in-page panel (wxt.config.ts `commands`). */
export const TOGGLE_OVERLAY_COMMAND = 'toggle-overlay';
/** The unlisted script (entrypoints/overlay.ts) that toggles the in-page panel in a tab. */
export const OVERLAY_SCRIPT = '/overlay.js';

/** A stored preference, read defensively (anything unknown is the default). */
export function parseSurface(value: unknown): Surface {
  return value === 'inPage' ? 'inPage' : DEFAULT_SURFACE;
}

/** What the overlay script reports after a toggle. */
export type OverlayState = 'opened' | 'closed';

interface TabLike {
  id?: number | undefined;
  windowId?: number | undefined;
  url?: string | undefined;
}

/**
 * Whether the in-page panel can be put in this tab. The tab's address is only visible to
 * PlanLens where it has host access (no "tabs" permission), which is also where it may inject
 * the panel: an unknown address means no access, and the browser's panel opens instead.
 */
export function canShowOverlay(tab: TabLike | undefined): tab is TabLike & { id: number; url: string } {
  return tab?.id !== undefined && tab.id >= 0 && typeof tab.url === 'string' && /^https?:\/\//.test(tab.url);
}

/**
 * What the toolbar button (or its shortcut, `_execute_action`) does. In Chrome with the side
 * panel preferred, the browser opens the panel itself and no click event arrives at all.
 */
export function actionOutcome(surface: Surface, tab: TabLike | undefined): 'overlay' | 'panel' {
  return surface === 'inPage' && canShowOverlay(tab) ? 'overlay' : 'panel';
}

/** One tab where the user opened the in-page panel. */
export interface OverlayEntry {
  tabId: number;
  /** The page's document (Chrome 106+), so the permission dies when the tab loads another page. */
  documentId: string | null;
  /** The page's origin when it was opened (the only check Firefox allows besides the tab). */
  origin: string;
}

/** The part of storage.session the registry needs (background-only: content scripts cannot reach it). */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const OVERLAYS_KEY = 'overlayTabs';

/**
 * The tabs where the user opened the in-page panel. The panel runs as a content script, so its
 * messages look like any content script's (sender.tab is set, sender.url is the page's); the
 * router lets the few requests it needs (protocol OVERLAY_MAY: the user's own answers) through
 * only from a tab listed here, from its top frame, on the same document and origin. Kept in
 * storage.session, so it survives the service worker being stopped while the panel stays open
 * (Chrome stops an idle worker after 30 s), and is forgotten when the browser closes.
 */
export class OverlayTabs {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly area: SessionArea) {}

  async list(): Promise<OverlayEntry[]> {
    const stored = (await this.area.get(OVERLAYS_KEY))[OVERLAYS_KEY];
    return Array.isArray(stored) ? stored.filter(isEntry) : [];
  }

  opened(entry: OverlayEntry): Promise<void> {
    return this.update((entries) => [...entries.filter((e) => e.tabId !== entry.tabId), entry]);
  }

  closed(tabId: number): Promise<void> {
    return this.update((entries) => entries.filter((e) => e.tabId !== tabId));
  }

  /** Whether this message comes from the in-page panel the user opened (see the class comment). */
  async allows(sender: SenderInfo): Promise<boolean> {
    if (sender.tabId === undefined || sender.frameId !== 0 || !sender.url) return false;
    const entry = (await this.list()).find((e) => e.tabId === sender.tabId);
    if (!entry || originOf(sender.url) !== entry.origin) return false;
    // Chrome names documents on both sides; where either side does not, the origin decides.
    return entry.documentId === null || sender.documentId === undefined || sender.documentId === entry.documentId;
  }

  /** Read-modify-write, one at a time (two toggles can arrive together). */
  private update(change: (entries: OverlayEntry[]) => OverlayEntry[]): Promise<void> {
    const next = this.queue.then(async () => {
      await this.area.set({ [OVERLAYS_KEY]: change(await this.list()) });
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function isEntry(value: unknown): value is OverlayEntry {
  const e = value as Partial<OverlayEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.tabId === 'number' &&
    typeof e.origin === 'string' &&
    (e.documentId === null || typeof e.documentId === 'string')
  );
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

interface ChromeSidePanel {
  setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
}
interface FirefoxSidebarAction {
  toggle(): Promise<void>;
  open(): Promise<void>;
}
interface InjectionResult {
  result?: unknown;
  documentId?: string;
}

export interface Surfaces {
  overlays: OverlayTabs;
  /** Shows or hides the in-page panel in a tab; what the toolbar click does with "in-page". */
  toggleOverlay(tab: TabLike & { id: number; url: string }): Promise<OverlayState>;
  /** Passes a change notice to the open in-page panels (runtime messages reach only extension pages). */
  notify(notice: ChangeNotice): void;
}

/**
 * Wires the toolbar button, the keyboard commands and the preference (call once, synchronously,
 * from the background's main: listeners must be registered before the first event).
 */
export function setupSurfaces(): Surfaces {
  const api = browser as unknown as { sidePanel?: ChromeSidePanel; sidebarAction?: FirefoxSidebarAction };
  const session = browser.storage.session as unknown as SessionArea;
  const overlays = new OverlayTabs(session);
  let surface: Surface = DEFAULT_SURFACE;

  const apply = (next: Surface) => {
    surface = next;
    // Chrome opens its side panel from the click by itself; with "in-page" it must not, so
    // that the click reaches action.onClicked below.
    api.sidePanel?.setPanelBehavior({ openPanelOnActionClick: next === 'sidePanel' }).catch(() => undefined);
  };
  browser.storage.local
    .get(SURFACE_KEY)
    .then((items) => apply(parseSurface(items[SURFACE_KEY])))
    .catch(() => apply(DEFAULT_SURFACE));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SURFACE_KEY in changes) apply(parseSurface(changes[SURFACE_KEY]?.newValue));
  });

  const toggleOverlay = async (tab: TabLike & { id: number; url: string }): Promise<OverlayState> => {
    const results = (await browser.scripting.executeScript({
      target: { tabId: tab.id },
      files: [OVERLAY_SCRIPT],
    })) as InjectionResult[];
    const top = results[0];
    const origin = originOf(tab.url);
    if (top?.result === 'opened' && origin) {
      await overlays.opened({ tabId: tab.id, documentId: top.documentId ?? null, origin });
      return 'opened';
    }
    await overlays.closed(tab.id);
    return 'closed';
  };

  /**
   * The browser's own panel, opened within the user's gesture: these calls must come before any
   * await in the click or command handler, or the browser refuses them.
   */
  const openPanel = (tab: TabLike | undefined, toggle: boolean) => {
    if (api.sidePanel) {
      const target =
        tab?.id !== undefined ? { tabId: tab.id } : tab?.windowId !== undefined ? { windowId: tab.windowId } : null;
      if (target) api.sidePanel.open(target).catch(() => undefined);
    } else if (api.sidebarAction) {
      (toggle ? api.sidebarAction.toggle() : api.sidebarAction.open()).catch(() => undefined);
    }
  };

  const showOverlayOrPanel = (tab: TabLike | undefined) => {
    if (canShowOverlay(tab)) {
      toggleOverlay(tab).catch((error: unknown) => console.warn('PlanLens:', error));
    } else openPanel(tab, false);
  };

  browser.action.onClicked.addListener((tab) => {
    // Chrome sends the click only when its side panel does not open by itself, that is with
    // "in-page" preferred. Firefox always sends it; the sidebar there is toggled from it.
    if (api.sidePanel || actionOutcome(surface, tab) === 'overlay') showOverlayOrPanel(tab);
    else openPanel(tab, true);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === TOGGLE_OVERLAY_COMMAND) showOverlayOrPanel(tab);
  });
  browser.tabs.onRemoved.addListener((tabId) => void overlays.closed(tabId).catch(() => undefined));

  const notify = (notice: ChangeNotice) => {
    void overlays
      .list()
      .then((entries) => {
        for (const entry of entries)
          browser.tabs.sendMessage(entry.tabId, notice, { frameId: 0 }).catch(() => undefined);
      })
      .catch(() => undefined);
  };

  return { overlays, toggleOverlay, notify };
}
