import type { CoverageReport } from '../analyze/report';
import { allCellIds, type CellId, DRIVERS, type DriverId, type SiteId, STAGES, type StageId } from '../model';
import type { DocumentRecord } from '../protocol';
import { effectiveCoverage } from './effective';
import type { OverrideRecord } from './types';

/** Addressed questions (covered automatically, or marked answered / not applicable) of all questions. */
export interface Share {
  addressed: number;
  total: number;
}

/** One tracked document as the dashboard lists it: small, computed in the background. */
export interface DocumentSummary {
  docKey: string;
  site: SiteId;
  url: string;
  title: string;
  isPlan: boolean;
  lastReadAt: number | null;
  /** The message of the last failed read, if the last read failed. */
  readError: string | null;
  /** Per `<driver>.<stage>` cell, after manual statuses apply. */
  cells: Record<CellId, Share>;
  overall: Share;
  /** Questions the user marked by hand. */
  manual: number;
}

/** The dashboard row of one document (pure; the report and overrides are not modified). */
export function summarizeDocument(
  record: DocumentRecord,
  report: CoverageReport | null,
  overrides: readonly OverrideRecord[],
): DocumentSummary {
  const cells = {} as Record<CellId, Share>;
  for (const id of allCellIds()) cells[id] = { addressed: 0, total: 0 };
  const effective = effectiveCoverage(report, overrides);
  let manual = 0;
  for (const q of effective.questions) {
    const cell = cells[q.cell];
    cell.total++;
    if (q.status === 'covered') cell.addressed++;
    if (q.manual) manual++;
  }
  return {
    docKey: record.docKey,
    site: record.site,
    url: record.url,
    title: record.title,
    isPlan: record.isPlan,
    lastReadAt: record.lastReadAt,
    readError: record.readError?.message ?? null,
    cells,
    overall: { addressed: effective.counts.covered, total: effective.counts.total },
    manual,
  };
}

const add = (a: Share, b: Share): Share => ({ addressed: a.addressed + b.addressed, total: a.total + b.total });
const NONE: Share = { addressed: 0, total: 0 };

export function stageShare(summary: DocumentSummary, stage: StageId): Share {
  return DRIVERS.reduce((sum, driver) => add(sum, summary.cells[`${driver}.${stage}`] ?? NONE), NONE);
}

export function driverShare(summary: DocumentSummary, driver: DriverId): Share {
  return STAGES.reduce((sum, stage) => add(sum, summary.cells[`${driver}.${stage}`] ?? NONE), NONE);
}

/** 0–1, or null when there is nothing to answer. */
export function shareRatio(share: Share): number | null {
  return share.total === 0 ? null : share.addressed / share.total;
}

/** Heat level 0–4 of a share (null: no questions), for coloring. */
export function heatLevel(share: Share): number | null {
  const ratio = shareRatio(share);
  if (ratio === null) return null;
  if (ratio === 0) return 0;
  if (ratio >= 1) return 4;
  return Math.min(3, 1 + Math.floor(ratio * 3));
}

export interface SummaryFilter {
  site: SiteId | 'all';
  stage: StageId | 'all';
  /** Case-insensitive part of the title. */
  text?: string;
}

/**
 * The summaries a filter keeps, in the order shown: by site, by title text; sorted by the
 * chosen stage's share (lowest first, the plans needing work on top) when a stage is chosen,
 * else by last read time, newest first.
 */
export function filterSummaries(summaries: readonly DocumentSummary[], filter: SummaryFilter): DocumentSummary[] {
  const text = filter.text?.trim().toLowerCase() ?? '';
  const kept = summaries.filter(
    (s) => (filter.site === 'all' || s.site === filter.site) && (!text || s.title.toLowerCase().includes(text)),
  );
  const byRead = (a: DocumentSummary, b: DocumentSummary) =>
    (b.lastReadAt ?? 0) - (a.lastReadAt ?? 0) || a.docKey.localeCompare(b.docKey);
  const { stage } = filter;
  if (stage === 'all') return kept.sort(byRead);
  const ratio = (s: DocumentSummary) => shareRatio(stageShare(s, stage)) ?? 2;
  return kept.sort((a, b) => ratio(a) - ratio(b) || byRead(a, b));
}

/** The sites present, in a stable order, for the site filter. */
export function sitesOf(summaries: readonly DocumentSummary[]): SiteId[] {
  return [...new Set(summaries.map((s) => s.site))].sort();
}
