import { DRIVERS, STAGES } from '../model';
import type { CoverageCounts, HistorySnapshot } from './types';

/** Snapshots kept per document; the oldest are dropped beyond this. */
export const HISTORY_LIMIT = 50;

export function sameCounts(a: CoverageCounts, b: CoverageCounts): boolean {
  return (
    a.covered === b.covered &&
    a.partial === b.partial &&
    a.unanswered === b.unanswered &&
    a.total === b.total &&
    STAGES.every((s) => a.byStage[s] === b.byStage[s]) &&
    DRIVERS.every((d) => a.byDriver[d] === b.byDriver[d])
  );
}

/** The snapshot to append after a change, or null when coverage did not move (no new point). */
export function nextSnapshot(
  last: HistorySnapshot | undefined,
  docKey: string,
  counts: CoverageCounts,
  at: number,
): HistorySnapshot | null {
  if (last && sameCounts(last, counts)) return null;
  return {
    docKey,
    at,
    byStage: { ...counts.byStage },
    byDriver: { ...counts.byDriver },
    covered: counts.covered,
    partial: counts.partial,
    unanswered: counts.unanswered,
    total: counts.total,
  };
}

/**
 * Two series of one document joined: every point once (by time; the local one when both have
 * the same time), oldest first, the newest HISTORY_LIMIT kept.
 */
export function mergeHistory(
  local: readonly HistorySnapshot[],
  imported: readonly HistorySnapshot[],
): HistorySnapshot[] {
  const byTime = new Map<number, HistorySnapshot>();
  for (const point of imported) byTime.set(point.at, point);
  for (const point of local) byTime.set(point.at, point);
  return [...byTime.values()].sort((a, b) => a.at - b.at).slice(-HISTORY_LIMIT);
}
