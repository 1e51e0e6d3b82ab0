import type { ExportAnswer } from './adapters/gdocs';

/**
 * The Google Docs gate fetched the export to decide; the reader it starts uses that answer
 * instead of asking Google Docs a second time. Both scripts run in the frame's isolated world
 * (invisible to the page's scripts), so the answer waits there, once, for a short while.
 */
const KEY = '__planlensExportFromGate';
/** Older than this, the document may have changed: the reader asks again. */
const FRESH_MS = 10_000;

interface LeftExport {
  docKey: string;
  answer: ExportAnswer;
  at: number;
}

type HandoffGlobals = Record<typeof KEY, LeftExport | undefined>;

export function leaveForReader(docKey: string, answer: ExportAnswer, now: number): void {
  (globalThis as unknown as HandoffGlobals)[KEY] = { docKey, answer, at: now };
}

/** The gate's answer for `docKey` when fresh (taken: a second call gets null). */
export function takeFromGate(docKey: string, now: number): ExportAnswer | null {
  const scope = globalThis as unknown as HandoffGlobals;
  const left = scope[KEY];
  scope[KEY] = undefined;
  if (!left || left.docKey !== docKey || now - left.at > FRESH_MS || now < left.at) return null;
  return left.answer;
}
