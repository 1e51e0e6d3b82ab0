import { htmlToBlockSteps } from '../../core/extract/html';
import type { DocSnapshot } from '../../core/model';
import type { ReadFailure } from '../../core/protocol';
import {
  type GoogleDocRef,
  googleDocExportUrl,
  googleDocKey,
  parseGoogleDocUrl,
  titleFromGoogleDocsTabTitle,
} from '../../core/sites/gdocs';
import { runInSlices } from '../slices';
import { TOO_LARGE_MESSAGE, tooLarge } from '../too-large';

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

/** The title as Google Docs shows it: the tab title without its " - Google Docs" suffix. */
export function readGoogleDocTitle(doc: Document): string {
  return titleFromGoogleDocsTabTitle(doc.title) || 'Untitled document';
}

/**
 * Reads the document through its own HTML export, from the page's origin with the user's
 * session: the only request PlanLens makes, and only to the site the user is already on.
 */
export async function readGoogleDoc(
  ref: GoogleDocRef,
  page: { url: string; title: string; origin: string },
  signal: AbortSignal,
): Promise<DocSnapshot> {
  let response: Response;
  try {
    response = await fetch(googleDocExportUrl(ref, page.origin), {
      credentials: 'include',
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ReadFailedError(
      'network',
      'Google Docs could not be reached. Check your connection; PlanLens will try again.',
    );
  }
  if (response.type === 'opaqueredirect' || response.status === 401) {
    throw new ReadFailedError('signed_out', 'You seem to be signed out of Google. Sign in and reload the document.');
  }
  if (response.status === 403) {
    throw new ReadFailedError(
      'no_access',
      'Google Docs refused to export this document. Its owner may have turned off download, print and copy, or your account has no access.',
    );
  }
  if (response.status === 404) {
    throw new ReadFailedError(
      'not_found',
      'This document was not found. It may have been deleted or moved to the trash.',
    );
  }
  if (response.status === 429) {
    throw new ReadFailedError(
      'rate_limited',
      'Google Docs asked PlanLens to slow down. It will read the document again shortly.',
      retryAfterMs(response.headers.get('retry-after')),
    );
  }
  if (response.status >= 500) {
    throw new ReadFailedError(
      'network',
      `Google Docs answered with an error (${response.status}). PlanLens will try again.`,
      retryAfterMs(response.headers.get('retry-after')),
    );
  }
  if (!response.ok) {
    throw new ReadFailedError('unreadable', `Google Docs refused to export this document (${response.status}).`);
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_EXPORT_BYTES)
    throw new ReadFailedError('too_large', 'This document is too large for PlanLens to read.');
  const html = await response.text();
  if (html.length > MAX_EXPORT_BYTES)
    throw new ReadFailedError('too_large', 'This document is too large for PlanLens to read.');
  // In time slices: a long export is read without blocking the page (content/slices.ts).
  const blocks = await runInSlices(htmlToBlockSteps(html), signal);
  if (tooLarge(blocks)) throw new ReadFailedError('too_large', TOO_LARGE_MESSAGE);
  return { docKey: googleDocKey(ref), site: 'gdocs', url: page.url, title: page.title, blocks };
}
