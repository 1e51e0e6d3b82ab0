import { allCellIds, type CellId, DRIVERS, type DriverId, STAGES, type StageId } from '../model';
import type { EffectiveQuestion } from './effective';
import type { CoverageCounts, HistorySnapshot } from './types';

/**
 * Progress of one document, as the side panel shows it: tallies per stage, driver and cell,
 * the readiness hint, and the change since the user's last visit. Pure: counts come from the
 * effective questions (manual statuses applied), history from the store.
 */

/** Questions of a group by status; "addressed" = covered automatically or marked answered / not applicable. */
export interface Tally {
  addressed: number;
  partial: number;
  unanswered: number;
  total: number;
}

const empty = (): Tally => ({ addressed: 0, partial: 0, unanswered: 0, total: 0 });

function add(tally: Tally, q: EffectiveQuestion): void {
  tally.total++;
  if (q.status === 'covered') tally.addressed++;
  else if (q.status === 'partial') tally.partial++;
  else tally.unanswered++;
}

export function stageTallies(questions: readonly EffectiveQuestion[]): Record<StageId, Tally> {
  const out = Object.fromEntries(STAGES.map((s) => [s, empty()])) as Record<StageId, Tally>;
  for (const q of questions) add(out[q.stage], q);
  return out;
}

export function driverTallies(questions: readonly EffectiveQuestion[]): Record<DriverId, Tally> {
  const out = Object.fromEntries(DRIVERS.map((d) => [d, empty()])) as Record<DriverId, Tally>;
  for (const q of questions) add(out[q.driver], q);
  return out;
}

export function cellTallies(questions: readonly EffectiveQuestion[]): Record<CellId, Tally> {
  const out = Object.fromEntries(allCellIds().map((c) => [c, empty()])) as Record<CellId, Tally>;
  for (const q of questions) add(out[q.cell], q);
  return out;
}

/** 0–1, or null when the group has no questions. */
export function addressedRatio(tally: Tally): number | null {
  return tally.total === 0 ? null : tally.addressed / tally.total;
}

/**
 * Colour level of a cell: null (no questions), 0 (nothing addressed), 1 (under half),
 * 2 (half or more), 3 (all addressed).
 */
export function coverageLevel(tally: Tally): 0 | 1 | 2 | 3 | null {
  const ratio = addressedRatio(tally);
  if (ratio === null) return null;
  if (ratio === 0) return 0;
  if (ratio >= 1) return 3;
  return ratio >= 0.5 ? 2 : 1;
}

/** Share of a stage's questions that must be addressed before PlanLens suggests looking ahead. */
export const READY_SHARE = 0.8;

export interface Readiness {
  stage: StageId;
  addressed: number;
  total: number;
  /** The stage that follows, or null after Full Implementation. */
  next: StageId | null;
}

/**
 * A readiness hint for `stage`: most of its questions are addressed (at least READY_SHARE of
 * them, and at least one). Null when it is not (yet) the case.
 */
export function readinessOf(tallies: Record<StageId, Tally>, stage: StageId): Readiness | null {
  const tally = tallies[stage];
  const ratio = addressedRatio(tally);
  if (ratio === null || ratio < READY_SHARE) return null;
  const index = STAGES.indexOf(stage);
  return { stage, addressed: tally.addressed, total: tally.total, next: STAGES[index + 1] ?? null };
}

/** How coverage moved since a moment in the document's history. */
export interface Change {
  /** The moment compared against (the end of the user's last visit). */
  since: number;
  /** Addressed questions now minus then (negative: fewer). */
  answered: number;
  byStage: Record<StageId, number>;
}

/**
 * The change between the coverage in effect at `since` (the last history point at or before
 * it) and `now`. Null when the history does not reach back that far (no point at or before
 * `since`: the document was first read later, or its older points were dropped), because then
 * PlanLens cannot know what the user saw.
 */
export function changeSince(
  history: readonly HistorySnapshot[],
  since: number,
  now: Pick<CoverageCounts, 'covered' | 'byStage'>,
): Change | null {
  let base: HistorySnapshot | null = null;
  for (const point of history) if (point.at <= since && (!base || point.at >= base.at)) base = point;
  if (!base) return null;
  const from = base;
  return {
    since,
    answered: now.covered - from.covered,
    byStage: Object.fromEntries(STAGES.map((s) => [s, (now.byStage[s] ?? 0) - (from.byStage[s] ?? 0)])) as Record<
      StageId,
      number
    >,
  };
}

/** How to name a past moment: its time (today), its weekday (the last six days), or its date. */
export type MomentKind = 'time' | 'weekday' | 'date';

/** Which kind of name `then` gets when seen at `now`, both local times as Date values. */
export function momentKind(then: Date, now: Date): MomentKind {
  const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOfDay(now) - startOfDay(then)) / 86_400_000);
  if (days <= 0) return 'time';
  if (days < 7) return 'weekday';
  return 'date';
}
