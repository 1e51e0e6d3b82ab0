import type { Analyzer } from '../core/analyze/engine';
import type { CoverageExport } from '../core/export/format';
import { parseCoverageExport } from '../core/import/parse';
import type { ImportSource, ReadError, Reply, Request, RequestType, Response } from '../core/protocol';
import { PAGE_ONLY, requestProblem } from '../core/protocol';
import { documentForUrl } from '../core/sites';
import type { PlanLensDb } from '../store/db';
import { describeStorageError } from '../store/errors';
import { saveOverride } from '../store/overrides';
import { getDocumentView, saveAnalysis, saveReadFailure } from '../store/repository';
import { listDocumentSummaries } from '../store/summaries';
import { applyImport, exportDocuments, previewImport } from '../store/transfer';
import { ImportStaging } from './import-staging';
import { showEvidence, type TabsAccess } from './jump';
import { NOT_A_PLAN_MESSAGE, needsConsentUnlessPlan, UntrackedPages } from './untracked';

/** Everything the router needs from the browser, passed in so tests can run it in Node. */
export interface RouterDeps {
  db: () => Promise<PlanLensDb>;
  analyzer: () => Analyzer;
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
}

export interface SenderInfo {
  /** Extension id of the sender; messages from anything else are refused. */
  id?: string | undefined;
  /** Present when a content script (or an extension page open in a tab) sent the message. */
  tabId?: number | undefined;
  /** Address of the sending page: an extension page's starts with the extension's origin. */
  url?: string | undefined;
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
  const untracked = new UntrackedPages();
  const staging = new ImportStaging(deps.now);

  /** The export file a preview or apply names, read and checked; a bad file changes nothing. */
  const parseSource = (source: ImportSource): CoverageExport => {
    const parsed = parseCoverageExport(source.importId ? staging.text(source.importId) : (source.text ?? ''));
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.data;
  };

  const handlers: Handlers = {
    async snapshot({ snapshot }, sender) {
      if (sender.tabId === undefined) throw new Error('snapshot: only a content script may send a page’s text');
      const report = deps.analyzer().analyze(snapshot);
      if (
        !report.isPlan &&
        needsConsentUnlessPlan(snapshot.site) &&
        !untracked.isAllowed(snapshot.docKey) &&
        !(await (await deps.db()).get('documents', snapshot.docKey))
      ) {
        untracked.hold(snapshot, report);
        transientFailures.set(snapshot.docKey, { reason: 'not_a_plan', message: NOT_A_PLAN_MESSAGE, at: deps.now() });
        deps.notifyChanged(snapshot.docKey);
        return { docKey: snapshot.docKey, isPlan: false };
      }
      const record = await saveAnalysis(await deps.db(), snapshot, report, deps.now());
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
    async getActiveDocument() {
      const url = await deps.activeTabUrl();
      const fromPage = await deps.activeTabDocKey?.();
      const docKey = fromPage !== undefined ? fromPage : ((url ? documentForUrl(url) : null)?.docKey ?? null);
      return { docKey, url, failure: docKey ? (transientFailures.get(docKey) ?? null) : null };
    },
    async getBank() {
      return deps.analyzer().bank;
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
      const held = untracked.allow(docKey);
      if (!held) return { docKey, stored: false };
      await saveAnalysis(await deps.db(), held.snapshot, held.report, deps.now());
      transientFailures.delete(docKey);
      deps.notifyChanged(docKey);
      return { docKey, stored: true };
    },
    async listDocuments({ after }) {
      return listDocumentSummaries(await deps.db(), { after });
    },
  };

  return async function route(message: unknown, sender: SenderInfo): Promise<Reply<RequestType>> {
    if (sender.id !== extensionId) return { ok: false, error: 'Refused: the message did not come from PlanLens.' };
    const problem = requestProblem(message);
    if (problem) return { ok: false, error: `Refused: ${problem}.` };
    const request = message as Request;
    if (PAGE_ONLY.has(request.type) && !sender.url?.startsWith(pageOrigin)) {
      return { ok: false, error: `Refused: ${request.type} may only come from PlanLens’s own pages.` };
    }
    try {
      const handler = handlers[request.type] as (r: Request, s: SenderInfo) => Promise<Response<RequestType>>;
      return { ok: true, value: await handler(request, sender) };
    } catch (error) {
      return { ok: false, error: describeError(error) };
    }
  };
}

function describeError(error: unknown): string {
  return describeStorageError(error) ?? (error instanceof Error ? error.message : String(error));
}
