import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { googleDocKey } from '../core/sites/gdocs';
import { send } from '../lib/messaging';
import {
  detectGoogleDoc,
  docsIsSaving,
  type ExportAnswer,
  ReadFailedError,
  readGoogleDoc,
  readGoogleDocTitle,
  SAVE_BADGE,
} from './adapters/gdocs';
import { listenForCommands } from './commands';
import { snapshotFingerprintSteps } from './fingerprint';
import { contextTimers, createRefresher, DEFAULT_BACKOFF, type FailureState } from './refresh';
import { runInSlices } from './slices';

/** Quiet time after the last change (and after saving ended) before the export is read again. */
export const GDOCS_DEBOUNCE_MS = 2000;
const BUSY_RECHECK_MS = 1000;
/** Reads caused by edits start at most this often (the export is rate-limited). */
const MIN_INTERVAL_MS = 5000;

const EDITOR = '#docs-editor-container, .kix-appview-editor';

interface Attempt {
  docKey: string;
  url: string;
  title: string;
}

/**
 * Reads the Google Doc in this tab, hands its text to the background, and reads it again after
 * edits: it watches the editor and its save indicator, waits until saving has settled and the
 * edits have paused, and backs off when Google Docs rate-limits or fails. Switching document
 * tabs (an address change inside the editor) reads at once. Everything runs under the context
 * (its timers, listeners and signal), so an orphaned script (extension reloaded) stops cleanly.
 */
export function runGoogleDocs(ctx: ContentScriptContext): void {
  let lastSent: string | null = null;
  let attempt: Attempt | null = null;
  /** Until the first read: the probe that started this reader may have read the export already. */
  let probeExport: ((docKey: string) => Promise<ExportAnswer | null>) | undefined = async (docKey) =>
    (await send({ type: 'takeExport', docKey })).answer;

  const read = async (): Promise<void> => {
    const ref = detectGoogleDoc(location.href);
    if (!ref) return;
    const docKey = googleDocKey(ref);
    const page = { url: location.href, title: readGoogleDocTitle(document), origin: location.origin };
    attempt = { docKey, url: page.url, title: page.title };
    const handed = probeExport;
    probeExport = undefined;
    const snapshot = await readGoogleDoc(ref, page, ctx.signal, handed);
    if (ctx.isInvalid) return;
    const fingerprint = await runInSlices(snapshotFingerprintSteps(snapshot), ctx.signal);
    if (fingerprint === lastSent) return;
    await send({ type: 'snapshot', snapshot });
    lastSent = fingerprint;
  };

  const onFailure = async (error: unknown, state: FailureState): Promise<void> => {
    // Whatever is read next must reach the background, even if it equals the last text sent.
    lastSent = null;
    if (ctx.isInvalid) return;
    if (!(error instanceof ReadFailedError) || !attempt) {
      // The background refused or is gone (extension reloaded); the next change tries again.
      console.warn('PlanLens:', error instanceof Error ? error.message : error);
      return;
    }
    const gaveUp = error.retryable && !state.willRetry;
    await send({
      type: 'readFailed',
      docKey: attempt.docKey,
      site: 'gdocs',
      url: attempt.url,
      title: attempt.title,
      reason: error.reason,
      message: gaveUp ? gaveUpMessage(error, state.attempt) : error.message,
    });
  };

  const refresher = createRefresher({
    read,
    retryable: (error) => error instanceof ReadFailedError && error.retryable,
    retryAfterMs: (error) => (error instanceof ReadFailedError ? error.retryAfterMs : undefined),
    onFailure,
    isBusy: () => docsIsSaving(document),
    debounceMs: GDOCS_DEBOUNCE_MS,
    busyRecheckMs: BUSY_RECHECK_MS,
    minIntervalMs: MIN_INTERVAL_MS,
    backoff: DEFAULT_BACKOFF,
    timers: contextTimers(ctx),
    signal: ctx.signal,
  });

  // Edits: the editor's DOM changes (text, structure; not the blinking caret's attributes) and
  // the save indicator moves through "Saving…" to "Saved". The badge may appear after load.
  const observed = new Set<Element>();
  const observer = new MutationObserver(() => {
    watch();
    refresher.changed();
  });
  const watch = (): void => {
    const editor = document.querySelector(EDITOR);
    if (editor && !observed.has(editor)) {
      observed.add(editor);
      observer.observe(editor, { childList: true, characterData: true, subtree: true });
    }
    const badge = document.querySelector(SAVE_BADGE);
    if (badge && !observed.has(badge)) {
      observed.add(badge);
      observer.observe(badge, {
        childList: true,
        characterData: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['aria-label', 'title', 'class'],
      });
    }
  };
  watch();
  ctx.onInvalidated(() => observer.disconnect());

  // The background asks which document this tab shows (passages are shown by reloading at a heading).
  listenForCommands(ctx, { docKey: () => attempt?.docKey ?? null });

  refresher.readNow();
  // Another document tab (`?tab=`) is another document; a moved fragment (`#heading=`) is not.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    const ref = detectGoogleDoc(location.href);
    if (ref && googleDocKey(ref) !== attempt?.docKey) refresher.readNow();
  });
}

function gaveUpMessage(error: ReadFailedError, attempts: number): string {
  const why =
    error.reason === 'rate_limited'
      ? 'Google Docs kept asking PlanLens to slow down'
      : `Google Docs could not be read (${error.message.replace(/\s*PlanLens will try again\.?$/, '')})`;
  return `${why}, so PlanLens stopped after ${attempts} tries. It will read the document again after your next edit, or reload the page.`;
}
