import type { CoverageReport } from '../core/analyze/report';
import type { DocSnapshot, SiteId } from '../core/model';

/**
 * Pages on an LMS or a district site are tracked only when they look like a plan, or when the
 * user says "Track anyway": a course page about field trips must not become a record. Their last
 * analysis is held here (in memory, a few at most) so "Track anyway" can store it at once.
 */
export function needsConsentUnlessPlan(site: SiteId): boolean {
  return site !== 'gdocs' && site !== 'file';
}

export const NOT_A_PLAN_MESSAGE =
  'This page does not look like an implementation plan, so PlanLens is not keeping it. Choose “Track anyway” if it is one.';

const HELD_MAX = 20;

export class UntrackedPages {
  private readonly held = new Map<string, { snapshot: DocSnapshot; report: CoverageReport }>();
  private readonly allowed = new Set<string>();

  hold(snapshot: DocSnapshot, report: CoverageReport): void {
    this.held.delete(snapshot.docKey);
    this.held.set(snapshot.docKey, { snapshot, report });
    for (const key of this.held.keys()) {
      if (this.held.size <= HELD_MAX) break;
      this.held.delete(key);
    }
  }

  /** The held analysis (removed), and from now on this document is stored like a plan. */
  allow(docKey: string): { snapshot: DocSnapshot; report: CoverageReport } | null {
    this.allowed.add(docKey);
    const held = this.held.get(docKey) ?? null;
    this.held.delete(docKey);
    return held;
  }

  isAllowed(docKey: string): boolean {
    return this.allowed.has(docKey);
  }
}
