import { browser } from 'wxt/browser';
import type { ChangeNotice, Reply, Request, RequestType, Response } from '../core/protocol';

/** Sends a typed request to the background and unwraps its reply (throws with its message). */
export async function send<T extends RequestType>(request: Request<T>): Promise<Response<T>> {
  const reply = (await browser.runtime.sendMessage(request)) as Reply<T> | undefined;
  if (!reply) throw new Error('PlanLens’s background did not answer. Reload the page or the extension.');
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
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
