import { htmlToBlockSteps } from '../../core/extract/html';
import { TextLowerBound } from '../../core/extract/text-bound';
import type { DocSnapshot } from '../../core/model';
import type { ReadFailure } from '../../core/protocol';
import {
  type GoogleDocRef,
  googleDocExportUrl,
  googleDocKey,
  parseGoogleDocUrl,
  saveIndicatorSaysSaving,
  titleFromGoogleDocsTabTitle,
} from '../../core/sites/gdocs';
import type { ExportAnswer } from '../../core/sites/readers';
import { pause, runInSlices, SLICE_MS } from '../slices';
import { MAX_DOCUMENT_CHARS, TOO_LARGE_MESSAGE, tooLarge } from '../too-large';

/** A read that went wrong, with the reason the side panel explains to the user. */
export class ReadFailedError extends Error {
  constructor(
    readonly reason: ReadFailure,
    message: string,
    /** How long the server asked to wait (Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** Failures that may pass by themselves, worth retrying with back-off. */
  get retryable(): boolean {
    return this.reason === 'rate_limited' || this.reason === 'network';
  }
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Export responses beyond this are refused before parsing: the side panel says "too large". */
const MAX_EXPORT_BYTES = 15 * 1024 * 1024;

export function detectGoogleDoc(url: string): GoogleDocRef | null {
  return parseGoogleDocUrl(url);
}

/** Google Docs' save indicator ("Saving…", "Saved to Drive"); it may appear after the page loads. */
export const SAVE_BADGE = '#docs-save-indicator-badge';

/** Whether Google Docs says it is still saving: the export would miss the last edits. */
export function docsIsSaving(doc: Document): boolean {
  const badge = doc.querySelector(SAVE_BADGE);
  if (!badge) return false;
  return saveIndicatorSaysSaving(
    `${badge.textContent ?? ''} ${badge.getAttribute('aria-label') ?? ''} ${badge.getAttribute('title') ?? ''}`,
  );
}

/** The title as Google Docs shows it: the tab title without its " - Google Docs" suffix. */
export function readGoogleDocTitle(doc: Document): string {
  return titleFromGoogleDocsTabTitle(doc.title) || 'Untitled document';
}

export type { ExportAnswer } from '../../core/sites/readers';

/**
 * The export request itself, the probe's and the reader's: from the page's origin with the
 * user's session; a sign-in redirect is seen, not followed. Throws only when nothing answered.
 */
export async function requestExport(ref: GoogleDocRef, origin: string, signal?: AbortSignal): Promise<Response> {
  try {
    return await fetch(googleDocExportUrl(ref, origin), { credentials: 'include', redirect: 'manual', signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ReadFailedError(
      'network',
      'Google Docs could not be reached. Check your connection; PlanLens will try again.',
    );
  }
}

/** What an export response says before its body is read (html null). */
export function answerHead(response: Response): ExportAnswer {
  return {
    status: response.status,
    redirected: response.type === 'opaqueredirect',
    // Read only where it means something: each first use of an interface costs the page's thread.
    retryAfter: response.status === 429 || response.status >= 500 ? response.headers.get('retry-after') : null,
    html: null,
  };
}

/**
 * Asks for the document's own HTML export, from the page's origin with the user's session: the
 * only request PlanLens makes, and only to the site the user is already on. Throws only when
 * nothing was answered (network) or the export is too large to read.
 */
export async function fetchGoogleDocExport(
  ref: GoogleDocRef,
  origin: string,
  /** The reader's context signal. */
  signal?: AbortSignal,
): Promise<ExportAnswer> {
  const response = await requestExport(ref, origin, signal);
  const answer = answerHead(response);
  if (!response.ok || answer.redirected) return answer;
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (length > MAX_EXPORT_BYTES) throw tooLargeExport();
  // A small export is decoded at once; a large one (or one of unknown size) in slices.
  const html = length <= SMALL_EXPORT_BYTES ? await response.text() : await readTextInSlices(response, signal);
  if (html.length > MAX_EXPORT_BYTES) throw tooLargeExport();
  return { ...answer, html };
}

/** Exports up to this size are decoded in one go (a few milliseconds at most). */
const SMALL_EXPORT_BYTES = 512 * 1024;

const tooLargeExport = (): ReadFailedError =>
  new ReadFailedError('too_large', 'This document is too large for PlanLens to read.');

/** Bytes decoded (and counted) between two looks at the clock: a few milliseconds' work. */
const DECODE_STEP_BYTES = 256 * 1024;

/**
 * A response's text, decoded piece by piece with pauses for the page (issue 7): `response.text()`
 * decodes a 10 MB export in one task of the page's thread, and so would decoding one chunk of
 * the body, which can be megabytes. It stops as soon as the text is surely more than PlanLens
 * reads (core/extract/text-bound.ts): the rest is neither downloaded nor parsed.
 */
async function readTextInSlices(response: Response, signal?: AbortSignal): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return response.text();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  const text = new TextLowerBound();
  let bytes = 0;
  let deadline = performance.now() + SLICE_MS;
  const refuse = async (error: ReadFailedError): Promise<never> => {
    await reader.cancel().catch(() => undefined);
    throw error;
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > MAX_EXPORT_BYTES) return refuse(tooLargeExport());
    for (let at = 0; at < value.byteLength; at += DECODE_STEP_BYTES) {
      const part = decoder.decode(value.subarray(at, at + DECODE_STEP_BYTES), { stream: true });
      parts.push(part);
      text.feed(part);
      if (text.count > MAX_DOCUMENT_CHARS) return refuse(new ReadFailedError('too_large', TOO_LARGE_MESSAGE));
      if (performance.now() >= deadline) {
        await pause();
        signal?.throwIfAborted();
        deadline = performance.now() + SLICE_MS;
      }
    }
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** The export's HTML, or the failure its answer means (in the words the side panel shows). */
export function exportHtml(answer: ExportAnswer): string {
  if (answer.redirected || answer.status === 401) {
    throw new ReadFailedError('signed_out', 'You seem to be signed out of Google. Sign in and reload the document.');
  }
  if (answer.status === 403) {
    throw new ReadFailedError(
      'no_access',
      'Google Docs refused to export this document. Its owner may have turned off download, print and copy, or your account has no access.',
    );
  }
  if (answer.status === 404) {
    throw new ReadFailedError(
      'not_found',
      'This document was not found. It may have been deleted or moved to the trash.',
    );
  }
  if (answer.status === 429) {
    throw new ReadFailedError(
      'rate_limited',
      'Google Docs asked PlanLens to slow down. It will read the document again shortly.',
      retryAfterMs(answer.retryAfter),
    );
  }
  if (answer.status >= 500) {
    throw new ReadFailedError(
      'network',
      `Google Docs answered with an error (${answer.status}). PlanLens will try again.`,
      retryAfterMs(answer.retryAfter),
    );
  }
  if (answer.html === null) {
    throw new ReadFailedError('unreadable', `Google Docs refused to export this document (${answer.status}).`);
  }
  return answer.html;
}

/**
 * Reads the document through its HTML export into a snapshot: what the export answered the probe
 * in this page, when `handed` still has it (the reader's first read), else a request of its own.
 */
export async function readGoogleDoc(
  ref: GoogleDocRef,
  page: { url: string; title: string; origin: string },
  signal: AbortSignal,
  handed?: (docKey: string) => Promise<ExportAnswer | null>,
): Promise<DocSnapshot> {
  const docKey = googleDocKey(ref);
  const fromProbe = handed ? await handed(docKey).catch(() => null) : null;
  const answer = fromProbe ?? (await fetchGoogleDocExport(ref, page.origin, signal));
  const html = exportHtml(answer);
  // In time slices: a long export is read without blocking the page (content/slices.ts).
  const blocks = await runInSlices(htmlToBlockSteps(html), signal);
  if (tooLarge(blocks)) throw new ReadFailedError('too_large', TOO_LARGE_MESSAGE);
  return { docKey, site: 'gdocs', url: page.url, title: page.title, blocks };
}
