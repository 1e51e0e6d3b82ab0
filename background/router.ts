import type { Analyzer } from '../core/analyze/engine';
import type { CoverageReport } from '../core/analyze/report';
import { validateBank } from '../core/bank/validate';
import type { CoverageExport } from '../core/export/format';
import { parseCoverageExport } from '../core/import/parse';
import type { DocSnapshot } from '../core/model';
import type { ActiveBankInfo, ImportSource, ReadError, Reply, Request, RequestType, Response } from '../core/protocol';
import { OVERLAY_MAY, PAGE_ONLY, requestProblem } from '../core/protocol';
import { documentForUrl } from '../core/sites';
import { type ExportAnswer, readerFor, type SiteScripts } from '../core/sites/readers';
import { activeBankRecord, deleteAllData, installBank, useDefaultBank } from '../store/bank-store';
import type { PlanLensDb } from '../store/db';
import { describeStorageError } from '../store/errors';
import { saveOverride } from '../store/overrides';
import { clearStopped, isStopped, saveCurrentStage, saveVisit } from '../store/panel-state';
import {
  getDocumentView,
  saveAnalysisTrackingAgain,
  saveAnalysisUnlessStopped,
  saveReadFailure,
  stopTracking,
} from '../store/repository';
import { listDocumentSummaries } from '../store/summaries';
import { applyImport, exportDocuments, previewImport } from '../store/transfer';
import { ImportStaging } from './import-staging';
import { showEvidence, type TabsAccess } from './jump';
import { NOT_A_PLAN_MESSAGE, needsConsentUnlessPlan, UntrackedPages } from './untracked';

const STOPPED_MESSAGE = 'You stopped tracking this document. Choose “Track anyway” to keep it again.';

/** Everything the router needs from the browser, passed in so tests can run it in Node. */
export interface RouterDeps {
  db: () => Promise<PlanLensDb>;
  /** The analyzer of the bank in use (background: background/active-bank.ts, cached). */
  analyzer: () => Analyzer | Promise<Analyzer>;
  /** The bank in use changed (import, reset, delete all): the next analyzer() must read it again. */
  bankChanged?: () => void;
  activeTabUrl: () => Promise<string | null>;
  notifyChanged: (docKey: string) => void;
  now: () => number;
  /** Tabs, for "Show in document" (absent in tests that do not need them). */
  tabs?: TabsAccess;
  /**
   * The document the active tab's content script says it shows (null: none; undefined: no
   * content script answered). Needed where the address alone does not name the document.
   */
  activeTabDocKey?: () => Promise<string | null | undefined>;
  /** The same for one tab: the in-page panel asks about the tab it is in, not the active one. */
  tabDocKey?: (tabId: number) => Promise<string | null | undefined>;
  /**
   * Whether a content script's message comes from the in-page panel the user opened in that
   * tab (background/surfaces.ts): only then are the OVERLAY_MAY requests accepted from it.
   */
  overlayOpenIn?: (sender: SenderInfo) => Promise<boolean>;
  /** Runs a reader's file in one frame of a tab (scripting.executeScript; absent in most tests). */
  injectReader?: (
    target: { tabId: number; frameId: number; documentId?: string | undefined },
    file: SiteScripts['reader'],
  ) => Promise<void>;
  /** The export a Google Docs probe read in that tab's page, for its reader (background/probes.ts). */
  takeExport?: (tabId: number, documentId: string | undefined, docKey: string) => ExportAnswer | null;
  /** "Track anyway" for a page held before any reader ran: start its reader (background/probes.ts allow). */
  allowHeld?: (docKey: string) => Promise<void>;
  /** "Delete all data": the pages held in memory are forgotten, and so are the tabs' marks of them. */
  forgetHeld?: () => void;
}

type HoldReason = 'stopped' | 'not_a_plan';

export interface SenderInfo {
  /** Extension id of the sender; messages from anything else are refused. */
  id?: string | undefined;
  /** Present when a content script (or an extension page open in a tab) sent the message. */
  tabId?: number | undefined;
  /** Address of the sending page: an extension page's starts with the extension's origin. */
  url?: string | undefined;
  /** The sending frame in its tab (0: the top frame). */
  frameId?: number | undefined;
  /** The sending document (Chrome 106+), which changes when the tab loads another page. */
  documentId?: string | undefined;
}

type Handlers = { [T in RequestType]: (request: Request<T>, sender: SenderInfo) => Promise<Response<T>> };

/**
 * @param extensionId this extension's id (runtime.id)
 * @param pageOrigin where this extension's own pages live (runtime.getURL('')), e.g.
 *   `chrome-extension://<id>/`; in Firefox the host is a per-install UUID, not the id.
 */
export function createRouter(deps: RouterDeps, extensionId: string, pageOrigin: string) {
  /** Failures of documents PlanLens has no record of yet, so the panel can still explain them. */
  const transientFailures = new Map<string, ReadError>();
  /** LMS and district pages that do not look like plans, held until the user says "Track anyway". */
  let untracked = new UntrackedPages();
  const staging = new ImportStaging(deps.now);

  /** The export file a preview or apply names, read and checked; a bad file changes nothing. */
  const parseSource = (source: ImportSource): CoverageExport => {
    const parsed = parseCoverageExport(source.importId ? staging.text(source.importId) : (source.text ?? ''));
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.data;
  };

  /** The bank in use; installedAt only when it is the district's bank the store names. */
  const activeBankInfo = async (): Promise<ActiveBankInfo> => {
    const { bank } = await deps.analyzer();
    const record = await activeBankRecord(await deps.db());
    const imported = record && record.bank.id === bank.id && record.bank.revision === bank.revision;
    return { bank, installedAt: imported ? record.installedAt : null };
  };

  /** Why a page is not kept (held in memory until "Track anyway"), or null where it is kept. */
  const holdReason = async (
    db: PlanLensDb,
    snapshot: DocSnapshot,
    /** Asked last: only a page that needs consent, and has none, depends on what it says. */
    isPlan: () => Promise<boolean>,
  ): Promise<HoldReason | null> => {
    // A record (brought back by an import) means tracked again, whatever the stopped mark says.
    if ((await db.get('documents', snapshot.docKey)) !== undefined) return null;
    if (await isStopped(db, snapshot.docKey)) return 'stopped';
    if (!needsConsentUnlessPlan(snapshot.site) || untracked.isAllowed(snapshot.docKey)) return null;
    return (await isPlan()) ? null : 'not_a_plan';
  };

  /** Kept in memory only, with the reason the panel gives (until "Track anyway"). */
  const holdPage = (snapshot: DocSnapshot, report: CoverageReport, reason: HoldReason): void => {
    untracked.hold(snapshot, report);
    const message = reason === 'stopped' ? STOPPED_MESSAGE : NOT_A_PLAN_MESSAGE;
    transientFailures.set(snapshot.docKey, { reason, message, at: deps.now() });
    deps.notifyChanged(snapshot.docKey);
  };

  /**
   * A page a probe sent before any reader runs (background/probes.ts): whether its reader should
   * start. A page PlanLens would not keep is held here, as if its reader had sent it, and gets
   * no reader: the page pays for the probe alone. Kept pages are read by their reader, which
   * sends them again (and follows their edits).
   */
  const readerWanted = async (snapshot: DocSnapshot): Promise<boolean> => {
    // Analyzed only where the answer depends on it: a page PlanLens keeps (a team's plan, opened
    // again) is analyzed once, from its reader's snapshot.
    let report: CoverageReport | undefined;
    const analyzed = async (): Promise<CoverageReport> => {
      report ??= (await deps.analyzer()).analyze(snapshot);
      return report;
    };
    const reason = await holdReason(await deps.db(), snapshot, async () => (await analyzed()).isPlan);
    if (reason) holdPage(snapshot, await analyzed(), reason);
    return reason === null;
  };

  const handlers: Handlers = {
    async startReader({ site }, sender) {
      if (sender.tabId === undefined) throw new Error('startReader: only a content script may ask for a reader');
      const file = readerFor(site, sender.url);
      if (!file || !deps.injectReader) return { started: false };
      await deps.injectReader(
        { tabId: sender.tabId, frameId: sender.frameId ?? 0, documentId: sender.documentId },
        file,
      );
      return { started: true };
    },
    async takeExport({ docKey }, sender) {
      if (sender.tabId === undefined || (sender.frameId ?? 0) !== 0)
        throw new Error('takeExport: only the reader in a tab’s page may ask');
      return { answer: deps.takeExport?.(sender.tabId, sender.documentId, docKey) ?? null };
    },
    async snapshot({ snapshot }, sender) {
      if (sender.tabId === undefined) throw new Error('snapshot: only a content script may send a page’s text');
      const report = (await deps.analyzer()).analyze(snapshot);
      const hold = (reason: HoldReason) => {
        holdPage(snapshot, report, reason);
        return { docKey: snapshot.docKey, isPlan: report.isPlan };
      };
      const db = await deps.db();
      const reason = await holdReason(db, snapshot, async () => report.isPlan);
      if (reason) return hold(reason);
      // Checked again where it is written: "Stop tracking" may have landed while this was analyzed.
      const record = await saveAnalysisUnlessStopped(db, snapshot, report, deps.now());
      if (!record) return hold('stopped');
      transientFailures.delete(snapshot.docKey);
      deps.notifyChanged(record.docKey);
      return { docKey: record.docKey, isPlan: record.isPlan };
    },
    async readFailed(request, sender) {
      if (sender.tabId === undefined) throw new Error('readFailed: only a content script may report a page');
      const error: ReadError = { reason: request.reason, message: request.message.slice(0, 500), at: deps.now() };
      const record = await saveReadFailure(await deps.db(), request.docKey, error);
      if (!record) transientFailures.set(request.docKey, error);
      deps.notifyChanged(request.docKey);
      return { docKey: request.docKey };
    },
    async getDocument({ docKey }) {
      const view = await getDocumentView(await deps.db(), docKey);
      return view;
    },
    async getActiveDocument(_request, sender) {
      // From a page (the in-page panel), "active" means the page's own tab, wherever the focus is.
      const ownTab = sender.tabId !== undefined && !sender.url?.startsWith(pageOrigin) ? sender.tabId : undefined;
      const url = ownTab !== undefined ? (sender.url ?? null) : await deps.activeTabUrl();
      const fromPage = await (ownTab !== undefined ? deps.tabDocKey?.(ownTab) : deps.activeTabDocKey?.());
      const fromUrl = (url ? documentForUrl(url) : null)?.docKey ?? null;
      let docKey = fromPage !== undefined ? fromPage : fromUrl;
      // The page's probe or gate found no plan words, but PlanLens keeps this document (tracked before,
      // or imported): show what is stored.
      if (docKey === null && fromUrl && (await (await deps.db()).get('documents', fromUrl))) docKey = fromUrl;
      return { docKey, url, failure: docKey ? (transientFailures.get(docKey) ?? null) : null };
    },
    async getBank() {
      return (await deps.analyzer()).bank;
    },
    async setManualStatus({ docKey, questionId, status }) {
      const saved = await saveOverride(await deps.db(), docKey, questionId, { status }, deps.now());
      if (saved.changed) deps.notifyChanged(docKey);
      return saved.record;
    },
    async setNote({ docKey, questionId, note }) {
      const saved = await saveOverride(await deps.db(), docKey, questionId, { note }, deps.now());
      if (saved.changed) deps.notifyChanged(docKey);
      return saved.record;
    },
    async exportCoverage({ docKey, after }) {
      const page = await exportDocuments(await deps.db(), { docKey, after });
      if (docKey !== undefined && page.documents.length === 0)
        throw new Error('PlanLens has no record of this document.');
      return { exportedAt: new Date(deps.now()).toISOString(), ...page };
    },
    async stageImport({ importId, part, text }) {
      return { receivedChars: staging.add(importId, part, text) };
    },
    async previewImport(source) {
      return previewImport(await deps.db(), parseSource(source), deps.now());
    },
    async applyImport(source) {
      const applied = await applyImport(await deps.db(), parseSource(source), deps.now());
      if (source.importId) staging.drop(source.importId);
      for (const doc of applied.documents) if (doc.action !== 'unchanged') deps.notifyChanged(doc.docKey);
      return applied;
    },
    async showEvidence(request) {
      if (!deps.tabs) throw new Error('Showing passages is not available here.');
      const stored = await getDocumentView(await deps.db(), request.docKey);
      return showEvidence(deps.tabs, request, stored?.record.url ?? null);
    },
    async trackAnyway({ docKey }) {
      const db = await deps.db();
      const held = untracked.allow(docKey);
      if (held) {
        await saveAnalysisTrackingAgain(db, held.snapshot, held.report, deps.now());
        transientFailures.delete(docKey);
        deps.notifyChanged(docKey);
      } else {
        // Nothing read yet: the next reading is stored.
        await clearStopped(db, docKey);
      }
      // A page held before any reader ran gets its reader now (after the save, so its first
      // reading finds the document kept), to follow its edits.
      await deps.allowHeld?.(docKey);
      return { docKey, stored: held !== null };
    },
    async listDocuments({ after }) {
      return listDocumentSummaries(await deps.db(), { after });
    },
    async stopTracking({ docKey }) {
      const removed = await stopTracking(await deps.db(), docKey, deps.now());
      if (removed) {
        transientFailures.set(docKey, { reason: 'stopped', message: STOPPED_MESSAGE, at: deps.now() });
        deps.notifyChanged(docKey);
      }
      return { docKey, removed };
    },
    async recordVisit({ docKey }) {
      return saveVisit(await deps.db(), docKey, deps.now());
    },
    async setCurrentStage({ docKey, stage }) {
      const state = await saveCurrentStage(await deps.db(), docKey, stage);
      deps.notifyChanged(docKey);
      return state;
    },
    async getActiveBank() {
      return activeBankInfo();
    },
    async importBank({ text }) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        return { ok: false, errors: [`The file is not valid JSON (${(error as Error).message}).`] };
      }
      const checked = validateBank(parsed);
      if (!checked.ok) return { ok: false, errors: checked.errors };
      await installBank(await deps.db(), checked.bank, deps.now());
      deps.bankChanged?.();
      return { ok: true, active: await activeBankInfo() };
    },
    async resetBank() {
      await useDefaultBank(await deps.db());
      deps.bankChanged?.();
      return activeBankInfo();
    },
    async deleteAllData() {
      const docKeys = await deleteAllData(await deps.db());
      // What the background holds in memory about pages goes too.
      transientFailures.clear();
      untracked = new UntrackedPages();
      deps.forgetHeld?.();
      deps.bankChanged?.();
      for (const docKey of docKeys) deps.notifyChanged(docKey);
      return { documents: docKeys.length };
    },
  };

  /**
   * The in-page panel acts only on the document beside it: a request naming another document
   * (another tab's, or one stopped elsewhere) is refused even from a tab where the panel is open.
   */
  const isTabsOwn = async (request: Request, sender: SenderInfo): Promise<boolean> => {
    if (!('docKey' in request) || typeof request.docKey !== 'string') return false;
    const fromTab = sender.tabId !== undefined ? await deps.tabDocKey?.(sender.tabId) : undefined;
    const own = fromTab ?? (sender.url ? documentForUrl(sender.url)?.docKey : undefined);
    return own === request.docKey;
  };

  return Object.assign(route, { readerWanted });

  async function route(message: unknown, sender: SenderInfo): Promise<Reply<RequestType>> {
    if (sender.id !== extensionId) return { ok: false, error: 'Refused: the message did not come from PlanLens.' };
    const problem = requestProblem(message);
    if (problem) return { ok: false, error: `Refused: ${problem}.` };
    const request = message as Request;
    if (
      PAGE_ONLY.has(request.type) &&
      !sender.url?.startsWith(pageOrigin) &&
      !(OVERLAY_MAY.has(request.type) && (await deps.overlayOpenIn?.(sender)) && (await isTabsOwn(request, sender)))
    ) {
      return { ok: false, error: `Refused: ${request.type} may only come from PlanLens’s own pages.` };
    }
    try {
      const handler = handlers[request.type] as (r: Request, s: SenderInfo) => Promise<Response<RequestType>>;
      return { ok: true, value: await handler(request, sender) };
    } catch (error) {
      return { ok: false, error: describeError(error) };
    }
  }
}

function describeError(error: unknown): string {
  return describeStorageError(error) ?? (error instanceof Error ? error.message : String(error));
}
