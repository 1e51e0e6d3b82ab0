import fc from 'fast-check';
import { type CountKind, recordCount } from '../../security-counts';

/**
 * Shared settings of the property tests. A fixed seed makes every run of `npm test` try the same
 * inputs (a failure reproduces exactly); FC_SEED=<n> explores other inputs, FC_RUNS=<n> more of them.
 */
export const SEED = Number(process.env.FC_SEED ?? 7_2026);
const RUNS_FACTOR = process.env.FC_RUNS ? Number(process.env.FC_RUNS) / 100 : 1;

export function params(numRuns: number): { seed: number; numRuns: number } {
  return { seed: SEED, numRuns: Math.max(1, Math.round(numRuns * RUNS_FACTOR)) };
}

/** What a property really tried, for the suite's figures (tests/security-counts.ts). */
export class Tally {
  tried = 0;
  failed = 0;
  constructor(readonly kind: CountKind) {}
  /** Counts one input of this kind; `ok` false when it was, e.g., partially applied. */
  count(ok: boolean): void {
    this.tried++;
    if (!ok) this.failed++;
  }
}

/**
 * Runs a property like fc.assert, then records the tallies (also when the property failed, so
 * the printed figures show the failure too) and throws fast-check's report on failure.
 */
export async function holds<Ts>(
  property: fc.IAsyncProperty<Ts> | fc.IProperty<Ts>,
  numRuns: number,
  ...tallies: Tally[]
): Promise<void> {
  const details = await fc.check(property, params(numRuns));
  for (const tally of tallies) if (tally.tried > 0) recordCount(tally.kind, tally.tried, tally.failed);
  if (details.failed) throw new Error(report(details));
}

/** fast-check's facts about a failure, with huge generated values cut short so the log stays readable. */
function report<Ts>(details: fc.RunDetails<Ts>): string {
  const shown = fc.stringify(details.counterexample);
  const example = shown.length > 3000 ? `${shown.slice(0, 3000)}… (${shown.length} characters)` : shown;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return [
    `Property failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath}", shrunk ${details.numShrinks} times).`,
    `Counterexample: ${example}`,
    `Error: ${error.slice(0, 4000)}`,
  ].join('\n');
}
