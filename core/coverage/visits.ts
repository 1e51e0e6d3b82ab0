import { isStageId, type StageId } from '../model';

/**
 * What the side panel remembers about one document for its user: the stage the team says it
 * is in, and when the panel last showed the document (for "+3 answered since Tuesday").
 *
 * A visit is a stretch of time in which the panel shows the document, refreshed each time it
 * loads it; a pause longer than VISIT_GAP_MS starts a new visit. The baseline of a visit is the
 * end of the previous one: what the user last saw. It stays fixed for the whole visit, so the
 * change the panel reports grows as the team works, and a quick look at another document (or
 * reopening the panel) does not reset it.
 */
export interface DocumentPanelState {
  docKey: string;
  /** The stage chosen in "We are in"; null: not chosen (the plan's own stage, else Exploration). */
  currentStage: StageId | null;
  /** Last time the panel showed the document; null: never. */
  lastSeenAt: number | null;
  /** End of the previous visit; null: this is the first visit. */
  baselineAt: number | null;
}

/** A pause this long ends a visit. */
export const VISIT_GAP_MS = 30 * 60 * 1000;

export function emptyPanelState(docKey: string): DocumentPanelState {
  return { docKey, currentStage: null, lastSeenAt: null, baselineAt: null };
}

/** The state after the panel shows the document at `now`. */
export function recordVisit(previous: DocumentPanelState | undefined, docKey: string, now: number): DocumentPanelState {
  const state = previous ?? emptyPanelState(docKey);
  if (state.lastSeenAt === null) return { ...state, lastSeenAt: now };
  const newVisit = now - state.lastSeenAt > VISIT_GAP_MS;
  return {
    ...state,
    baselineAt: newVisit ? state.lastSeenAt : state.baselineAt,
    lastSeenAt: Math.max(state.lastSeenAt, now),
  };
}

export function withCurrentStage(
  previous: DocumentPanelState | undefined,
  docKey: string,
  stage: StageId | null,
): DocumentPanelState {
  return { ...(previous ?? emptyPanelState(docKey)), currentStage: stage };
}

/** A stored value read back, or null when it is not a state this code wrote. */
export function parsePanelState(docKey: string, value: unknown): DocumentPanelState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const time = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  return {
    docKey,
    currentStage: isStageId(v.currentStage) ? v.currentStage : null,
    lastSeenAt: time(v.lastSeenAt),
    baselineAt: time(v.baselineAt),
  };
}

/** The stage the panel opens on: the team's choice, else the one the plan names, else Exploration. */
export function focusStage(state: DocumentPanelState | null, declared: StageId | null): StageId {
  return state?.currentStage ?? declared ?? 'exploration';
}
