import type { ContentScriptContext } from 'wxt/utils/content-script-context';
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
    try {
      const snapshot = await readGoogleDoc(ref, page, ctx.signal);
      if (ctx.isInvalid) return;
      await send({ type: 'snapshot', snapshot });
    } catch (error) {
      if (ctx.isInvalid) return;
      const failure =
        error instanceof ReadFailedError
          ? error
          : new ReadFailedError('unreadable', 'PlanLens could not read this document.');
      await send({
        type: 'readFailed',
        docKey,
        site: 'gdocs',
        ...page,
        reason: failure.reason,
        message: failure.message,
      }).catch(() => undefined);
    }
  };
  void readCurrent();
  ctx.addEventListener(window, 'wxt:locationchange', () => void readCurrent());
}
