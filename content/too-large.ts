import type { Block } from '../core/model';

/**
 * The most text PlanLens reads from one document. Its text goes to the background in one
 * extension message, and the browser serializes that message on the page's main thread: about
 * 100 ms for the 7 million characters of a 10 MB Google Docs export (2 shared cores), against a
 * budget of 50 ms (issue 7). 1.5 million characters is some 250,000 words, hundreds of pages,
 * far beyond any implementation plan, and serializes in about 20 ms.
 */
export const MAX_DOCUMENT_CHARS = 1_500_000;

export const TOO_LARGE_MESSAGE =
  'This document is too large for PlanLens to read (more than 1.5 million characters of text). Split it into smaller documents to check each one.';

/** Whether the blocks hold more text than PlanLens reads. */
export function tooLarge(blocks: readonly Block[]): boolean {
  let total = 0;
  for (const block of blocks) {
    total += block.text.length;
    if (total > MAX_DOCUMENT_CHARS) return true;
  }
  return false;
}
