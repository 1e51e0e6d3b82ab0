import type { DocSnapshot } from '../core/model';
import { documentForUrl } from '../core/sites';
import { probedSnapshot } from '../core/sites/probed-page';
import {
  asProbeAnswer,
  type ExportAnswer,
  type ProbeAnswer,
  probedSiteAt,
  probeFile,
  readerFor,
  type SiteScripts,
} from '../core/sites/readers';

/**
 * The background's side of the probes (core/sites/readers.ts): when a tab on a known site's
 * document address has loaded, changed its address in place, or is asked about by the side
 * panel, it runs the site's probe in the page's own world and starts the reader where the probe
 * says "read". Where the probe also sent the page (LMS pages of ordinary size), the router judges
 * it first: a page it holds as no plan gets no reader until the user says "Track anyway". The
 * browser APIs are passed in, so this runs in unit tests.
 */

/**
 * Why a tab is looked at: its page finished loading; its address changed without a load (a
 * single-page site); the side panel asks which document it shows; PlanLens was just updated.
 */
export type ProbeReason = 'loaded' | 'address' | 'asked' | 'installed';

export interface ProbeApi {
  /** Runs a probe's file in the tab's top frame, in the page's own world: its value and the document it ran in. */
  runProbe(tabId: number, file: string): Promise<{ value: unknown; documentId?: string | undefined } | null>;
  /** Whether a PlanLens reader already answers in the tab's top frame (it follows edits and address changes itself). */
  readerRuns(tabId: number): Promise<boolean>;
  injectReader(
    target: { tabId: number; frameId: number; documentId?: string | undefined },
    file: SiteScripts['reader'],
  ): Promise<void>;
  sleep(ms: number): Promise<void>;
  now(): number;
  /**
   * The router's judgement of a page a probe sent (background/router.ts readerWanted): true
   * where the reader should start (a plan, or a document PlanLens keeps); false where the page
   * is held, in memory, as no plan (or stopped).
   */
  readerWanted(snapshot: DocSnapshot): Promise<boolean>;
}

/** What a look at a tab found: the probe's verdict, or 'held' (it said "read", and the router held the page). */
export type ProbeOutcome = ProbeAnswer['verdict'] | 'held';

/** The side panel asks on every tab switch and change notice: a page looked at this recently is not probed again. */
export const ASKED_AGAIN_MS = 15_000;
/** A load reported this soon after the install's look at the same address is the page that look saw. */
const LOADED_AFTER_INSTALL_MS = 2_000;
/** After an address change, while the page still shows the previous item's text: look again this often, this long. */
const NEW_TEXT_STEP_MS = 250;
const NEW_TEXT_LIMIT_MS = 10_000;

interface TabState {
  /** Each look at a tab gets the next number; a look that is no longer the latest drops its answer. */
  generation: number;
  url: string;
  at: number;
  reason: ProbeReason;
  /** The text the last probe saw (single-page sites). */
  fingerprint?: string | undefined;
  /** The page the router held as no plan, and the document it was read in (its reader starts on "Track anyway"). */
  held?: { docKey: string; documentId: string | undefined } | undefined;
}

export interface Probes {
  /** Looks at the tab; resolves to the probe's verdict, or null when it was not probed (or was superseded). */
  check(tabId: number, url: string | undefined, reason: ProbeReason): Promise<ProbeOutcome | null>;
  /** The document held as no plan in this tab, while it still shows `url` (the panel shows it, with "Track anyway"). */
  heldDocument(tabId: number, url: string): string | null;
  /** The user said "Track anyway": start the reader in the tabs that hold this document. */
  allow(docKey: string): Promise<void>;
  /** "Delete all data": the router no longer holds any page, so no tab does either. */
  forgetHeld(): void;
  /**
   * The export the Google Docs probe read in this tab's document, for its reader: once, while
   * fresh, for the same document (`docKey`) in the same page (`documentId`, where the browser
   * names it); otherwise null, and the reader asks Google Docs itself.
   */
  takeExport(tabId: number, documentId: string | undefined, docKey: string): ExportAnswer | null;
  /** The tab was closed. */
  forget(tabId: number): void;
}

/** Older than this, the document may have changed: the reader asks Google Docs again. */
export const HANDED_EXPORT_FRESH_MS = 30_000;

interface HandedExport {
  documentId: string | undefined;
  docKey: string | null;
  answer: ExportAnswer;
  at: number;
}

const withoutFragment = (url: string): string => url.replace(/#.*$/, '');

export function createProbes(api: ProbeApi): Probes {
  const tabs = new Map<number, TabState>();
  /** The document each tab's reader was started in: two looks racing must not start two readers there. */
  const readerDocuments = new Map<number, string>();
  const exports = new Map<number, HandedExport>();

  /** Whether this look at the tab can be skipped, given the last one. */
  const needless = (previous: TabState | undefined, url: string, reason: ProbeReason): boolean => {
    if (!previous) return false;
    // Google Docs moves its fragment (#heading=…) as the reader scrolls: the same document.
    if (reason === 'address') return withoutFragment(previous.url) === withoutFragment(url);
    const since = previous.url === url ? api.now() - previous.at : Number.POSITIVE_INFINITY;
    // The look at open tabs after an install is for pages whose load the new worker missed: a
    // page looked at lately was not missed. And the load it did not miss, reported just after
    // that look, is the same page: one look, and on Google Docs one export request.
    if (reason === 'asked' || reason === 'installed') return since < ASKED_AGAIN_MS;
    return previous.reason === 'installed' && since < LOADED_AFTER_INSTALL_MS;
  };

  async function check(tabId: number, url: string | undefined, reason: ProbeReason): Promise<ProbeOutcome | null> {
    const site = probedSiteAt(url);
    if (!site || !url) return null;
    const previous = tabs.get(tabId);
    if (needless(previous, url, reason)) return null;
    const state: TabState = { generation: (previous?.generation ?? 0) + 1, url, at: api.now(), reason };
    // Still held while it is looked at again (the panel keeps showing it), unless the page moved.
    if (previous?.held && withoutFragment(previous.url) === withoutFragment(url)) state.held = previous.held;
    tabs.set(tabId, state);
    const superseded = (): boolean => tabs.get(tabId) !== state;
    // A freshly loaded page has no reader yet; elsewhere one may already follow the page.
    if (reason !== 'loaded' && (await api.readerRuns(tabId).catch(() => false))) return null;
    // Right after an address change, the page may still show the previous item's text.
    const before = reason === 'address' ? previous?.fingerprint : undefined;
    const started = api.now();
    for (;;) {
      if (superseded()) return null;
      const ran = await api.runProbe(tabId, probeFile(site)).catch(() => null);
      if (superseded()) return null;
      const answer = asProbeAnswer(ran?.value);
      if (!answer) return null;
      const stale = before !== undefined && answer.fingerprint === before;
      if (stale && api.now() - started < NEW_TEXT_LIMIT_MS) {
        await api.sleep(NEW_TEXT_STEP_MS);
        continue;
      }
      state.fingerprint = answer.fingerprint;
      state.at = api.now();
      if (answer.verdict !== 'read') {
        state.held = undefined;
        return answer.verdict;
      }
      if (answer.export) {
        const docKey = documentForUrl(url)?.docKey ?? null;
        exports.set(tabId, { documentId: ran?.documentId, docKey, answer: answer.export, at: api.now() });
      }
      const page = (ran?.value as { page?: unknown } | undefined)?.page;
      const held = await judged(probedSnapshot(site, url, page), ran?.documentId);
      if (superseded()) return null;
      state.held = held ?? undefined;
      if (held) return 'held';
      await startReader(tabId, url, ran?.documentId, site);
      return 'read';
    }
  }

  /** The page a probe sent, held by the router as no plan; null where the reader is to start. */
  async function judged(
    snapshot: DocSnapshot | null,
    documentId: string | undefined,
  ): Promise<TabState['held'] | null> {
    if (!snapshot) return null;
    // A judgement that failed (the database) starts the reader, which reports what went wrong.
    const wanted = await api.readerWanted(snapshot).catch(() => true);
    return wanted ? null : { docKey: snapshot.docKey, documentId };
  }

  async function startReader(
    tabId: number,
    url: string,
    documentId: string | undefined,
    site: NonNullable<ReturnType<typeof probedSiteAt>>,
  ): Promise<void> {
    const reader = readerFor(site, url);
    if (!reader) return;
    if (documentId !== undefined) {
      if (readerDocuments.get(tabId) === documentId) return;
      readerDocuments.set(tabId, documentId);
    }
    // By document where the browser names it: a page that loaded meanwhile is left alone. A
    // refusal leaves no mark, so a later look may start the reader.
    await api.injectReader({ tabId, frameId: 0, documentId }, reader).catch(() => {
      if (readerDocuments.get(tabId) === documentId) readerDocuments.delete(tabId);
    });
  }

  return {
    check,
    heldDocument: (tabId, url) => {
      const state = tabs.get(tabId);
      return state?.held && withoutFragment(state.url) === withoutFragment(url) ? state.held.docKey : null;
    },
    allow: async (docKey) => {
      const starts: Array<Promise<void>> = [];
      for (const [tabId, state] of tabs) {
        const site = probedSiteAt(state.url);
        if (state.held?.docKey !== docKey || !site) continue;
        starts.push(startReader(tabId, state.url, state.held.documentId, site));
        state.held = undefined;
      }
      await Promise.all(starts);
    },
    forgetHeld: () => {
      for (const state of tabs.values()) state.held = undefined;
    },
    takeExport: (tabId, documentId, docKey) => {
      const handed = exports.get(tabId);
      exports.delete(tabId);
      if (!handed || handed.docKey !== docKey || handed.documentId !== documentId) return null;
      const age = api.now() - handed.at;
      return age >= 0 && age <= HANDED_EXPORT_FRESH_MS ? handed.answer : null;
    },
    forget: (tabId) => {
      tabs.delete(tabId);
      readerDocuments.delete(tabId);
      exports.delete(tabId);
    },
  };
}
