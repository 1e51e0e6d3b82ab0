import { browser } from 'wxt/browser';
import type { ChangeNotice, Reply, Request, RequestType, Response } from '../core/protocol';

export const BACKGROUND_STOPPED_MESSAGE =
  'PlanLens’s background stopped before it answered (the browser ends idle extension workers). Nothing was half-saved; try again.';
export const EXTENSION_RELOADED_MESSAGE = 'PlanLens was updated or reloaded. Reload this page to keep using it.';

/**
 * Requests not sent twice: their reply reports what this very call did (counts of documents
 * imported or deleted), which a repeat would misreport. They are all-or-nothing like every write.
 */
const SENT_ONCE: ReadonlySet<string> = new Set(['applyImport', 'deleteAllData', 'stopTracking']);

/**
 * Sends a typed request to the background and unwraps its reply (throws with its message).
 *
 * The browser may stop the background's worker while a request is in flight (MV3 ends idle
 * workers; a write in flight then aborts whole, see store/transaction.ts). The request is sent
 * once more, which starts a new worker: reads, and writes that store a value (a status, a note,
 * a document's analysis), are safe to repeat. A second loss, or an extension that was reloaded
 * under this page, gives a clear message instead of the browser's.
 */
export async function send<T extends RequestType>(request: Request<T>): Promise<Response<T>> {
  // An orphaned content script (extension reloaded or updated): Chrome removed `runtime` from it.
  if (!browser.runtime) throw new Error(EXTENSION_RELOADED_MESSAGE);
  const attempts = SENT_ONCE.has(request.type) ? 1 : 2;
  let reply: Reply<T> | undefined;
  for (let attempt = 1; ; attempt += 1) {
    try {
      reply = (await browser.runtime.sendMessage(request)) as Reply<T> | undefined;
    } catch (error) {
      const why = deliveryFailure(error);
      if (why === 'reloaded') throw new Error(EXTENSION_RELOADED_MESSAGE);
      if (why === 'stopped' && attempt < attempts) continue;
      throw why === 'stopped' ? new Error(BACKGROUND_STOPPED_MESSAGE) : error;
    }
    // No reply at all: the channel closed without an answer (the polyfill's form of the same loss).
    if (reply === undefined && attempt < attempts) continue;
    break;
  }
  if (!reply) throw new Error(BACKGROUND_STOPPED_MESSAGE);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** What a failed sendMessage means: the worker stopped, the extension is gone, or anything else. */
function deliveryFailure(error: unknown): 'stopped' | 'reloaded' | null {
  const message = error instanceof Error ? error.message : String(error);
  if (/extension context invalidated/i.test(message)) return 'reloaded';
  if (/message (?:channel|port) closed|receiving end does not exist/i.test(message)) return 'stopped';
  return null;
}

/** Calls `onChange` whenever the background says a document changed; returns the unsubscribe. */
export function onDocumentChanged(onChange: (docKey: string) => void): () => void {
  const listener = (message: unknown): undefined => {
    const notice = message as Partial<ChangeNotice> | null;
    if (notice?.type === 'documentChanged' && typeof notice.docKey === 'string') onChange(notice.docKey);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
