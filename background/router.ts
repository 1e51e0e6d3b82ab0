import type { Analyzer } from '../core/analyze/engine';
import type { ReadError, Reply, Request, RequestType, Response } from '../core/protocol';
import { requestProblem } from '../core/protocol';
import { documentForUrl } from '../core/sites';
import type { PlanLensDb } from '../store/db';
import { getDocumentView, saveAnalysis, saveReadFailure } from '../store/repository';

/** Everything the router needs from the browser, passed in so tests can run it in Node. */
export interface RouterDeps {
  db: () => Promise<PlanLensDb>;
  analyzer: () => Analyzer;
  activeTabUrl: () => Promise<string | null>;
  notifyChanged: (docKey: string) => void;
  now: () => number;
}

export interface SenderInfo {
  /** Extension id of the sender; messages from anything else are refused. */
  id?: string | undefined;
  /** Present when a content script sent the message. */
  tabId?: number | undefined;
}

type Handlers = { [T in RequestType]: (request: Request<T>, sender: SenderInfo) => Promise<Response<T>> };

export function createRouter(deps: RouterDeps, extensionId: string) {
  /** Failures of documents PlanLens has no record of yet, so the panel can still explain them. */
  const transientFailures = new Map<string, ReadError>();

  const handlers: Handlers = {
    async snapshot({ snapshot }, sender) {
      if (sender.tabId === undefined) throw new Error('snapshot: only a content script may send a page’s text');
      const report = deps.analyzer().analyze(snapshot);
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
      const doc = url ? documentForUrl(url) : null;
      return { docKey: doc?.docKey ?? null, url, failure: doc ? (transientFailures.get(doc.docKey) ?? null) : null };
    },
    async getBank() {
      return deps.analyzer().bank;
    },
  };

  return async function route(message: unknown, sender: SenderInfo): Promise<Reply<RequestType>> {
    if (sender.id !== extensionId) return { ok: false, error: 'Refused: the message did not come from PlanLens.' };
    const problem = requestProblem(message);
    if (problem) return { ok: false, error: `Refused: ${problem}.` };
    const request = message as Request;
    try {
      const handler = handlers[request.type] as (r: Request, s: SenderInfo) => Promise<Response<RequestType>>;
      return { ok: true, value: await handler(request, sender) };
    } catch (error) {
      return { ok: false, error: describeError(error) };
    }
  };
}

function describeError(error: unknown): string {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return 'Your browser’s storage for PlanLens is full. Free some space (or delete old documents in PlanLens) and try again; nothing was changed.';
  }
  return error instanceof Error ? error.message : String(error);
}
