import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The security and reliability suite's figures (issue 7): what the tests really tried and how
 * often it went wrong. Each call appends one JSON line to test-results/security-counts.jsonl;
 * scripts/test.mjs sums the lines per kind and prints them before its final line.
 *
 * - `payloads`: hostile payloads (script, markup) put in front of a surface; failed = executed
 *   or injected.
 * - `malformed`: malformed inputs (import files, bank files) offered; failed = partially applied
 *   (anything stored or changed although the input was refused).
 * - `failures`: failure scenarios (write failures, a stopped worker, quota…); failed = not
 *   survived (work lost, or the extension did not recover).
 *
 * Record after the work, from the counts the test itself kept, so a figure is never an estimate.
 * Works from the unit and the end-to-end runners (plain Node fs, path from the repository root);
 * each record is one append of one short line (O_APPEND), so parallel test files never interleave.
 */

export type CountKind = 'payloads' | 'malformed' | 'failures';

export interface CountRecord {
  kind: CountKind;
  tried: number;
  failed: number;
  /** Which test produced it, for whoever reads the file. */
  source: string;
}

const ROOT = path.resolve(import.meta.dirname, '..');

/** Where records go; PLANLENS_COUNTS_FILE redirects them (the tests of this helper use it). */
export function countsFile(): string {
  return process.env.PLANLENS_COUNTS_FILE ?? path.join(ROOT, 'test-results', 'security-counts.jsonl');
}

const KINDS: ReadonlySet<string> = new Set<CountKind>(['payloads', 'malformed', 'failures']);

export function recordCount(kind: CountKind, tried: number, failed: number, source = currentTest()): void {
  if (!KINDS.has(kind)) throw new Error(`recordCount: unknown kind ${JSON.stringify(kind)}`);
  if (!Number.isSafeInteger(tried) || !Number.isSafeInteger(failed) || tried < 0 || failed < 0 || failed > tried)
    throw new Error(`recordCount: counts must be whole numbers with 0 ≤ failed ≤ tried (got ${tried}, ${failed})`);
  const file = countsFile();
  mkdirSync(path.dirname(file), { recursive: true });
  const record: CountRecord = { kind, tried, failed, source };
  appendFileSync(file, `${JSON.stringify(record)}\n`, { flag: 'a' });
}

/**
 * The running test, as Vitest (both runners) knows it, read from its global expect without
 * importing vitest, so the helper also works in a plain Node process.
 */
function currentTest(): string {
  type State = { testPath?: string; currentTestName?: string };
  const expect = (globalThis as Record<symbol, { getState?: () => State } | undefined>)[Symbol.for('expect-global')];
  const state = expect?.getState?.();
  if (!state?.testPath) return 'unknown';
  const name = state.currentTestName ? ` > ${state.currentTestName}` : '';
  return `${path.relative(ROOT, state.testPath)}${name}`;
}
