import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { DocSnapshot } from '../core/model';
import { googleDocKey } from '../core/sites/gdocs';
import { send } from '../lib/messaging';
import { detectGoogleDoc, ReadFailedError, readGoogleDoc, readGoogleDocTitle } from './adapters/gdocs';

/**
 * Reads the Google Doc in this tab and hands its text to the background. Runs again when the
 * address changes inside the editor (switching document tabs), always under the context's
 * signal so an orphaned script (extension reloaded) stops cleanly.
 */
export function runGoogleDocs(ctx: ContentScriptContext): void {
  let lastKey: string | null = null;
  const readCurrent = async (): Promise<void> => {
    const ref = detectGoogleDoc(location.href);
    if (!ref) return;
    const docKey = googleDocKey(ref);
    if (docKey === lastKey) return;
    lastKey = docKey;
    const page = { url: location.href, title: readGoogleDocTitle(document), origin: location.origin };
    let snapshot: DocSnapshot;
    try {
      snapshot = await readGoogleDoc(ref, page, ctx.signal);
    } catch (error) {
      if (ctx.isInvalid) return;
      const failure =
        error instanceof ReadFailedError
          ? error
          : new ReadFailedError('unreadable', 'PlanLens could not read this document.');
      const { url, title } = page;
      await send({
        type: 'readFailed',
        docKey,
        site: 'gdocs',
        url,
        title,
        reason: failure.reason,
        message: failure.message,
      });
      return;
    }
    if (!ctx.isInvalid) await send({ type: 'snapshot', snapshot });
  };
  const readSafely = () =>
    readCurrent().catch((error: unknown) => {
      // The background refused or is gone (extension reloaded); the next navigation retries.
      lastKey = null;
      if (!ctx.isInvalid) console.warn('PlanLens:', error instanceof Error ? error.message : error);
    });
  void readSafely();
  ctx.addEventListener(window, 'wxt:locationchange', () => void readSafely());
}
