import { describe, expect, it } from 'vitest';
import {
  focusStage,
  parsePanelState,
  recordVisit,
  VISIT_GAP_MS,
  withCurrentStage,
} from '../../../../core/coverage/visits';

const DOC = 'gdocs:1RiversideLiteracyPlan2026abcdef';
const HOUR = 3_600_000;

describe('visits of a document in the side panel', () => {
  it('has no baseline on the first visit', () => {
    expect(recordVisit(undefined, DOC, 10 * HOUR)).toEqual({
      docKey: DOC,
      currentStage: null,
      lastSeenAt: 10 * HOUR,
      baselineAt: null,
    });
  });

  it('keeps the baseline while the panel is used, and moves it after a pause', () => {
    const first = recordVisit(undefined, DOC, 10 * HOUR);
    const later = recordVisit(first, DOC, 10 * HOUR + 5 * 60_000);
    expect(later.baselineAt).toBeNull();
    // Two days later: a new visit, compared with the end of the first one.
    const back = recordVisit(later, DOC, 58 * HOUR);
    expect(back.baselineAt).toBe(10 * HOUR + 5 * 60_000);
    expect(back.lastSeenAt).toBe(58 * HOUR);
    // Reopening the panel a minute later continues that visit: same baseline.
    const again = recordVisit(back, DOC, 58 * HOUR + 60_000);
    expect(again.baselineAt).toBe(10 * HOUR + 5 * 60_000);
  });

  it('starts a new visit only after a pause longer than the gap', () => {
    const first = recordVisit(undefined, DOC, 0);
    expect(recordVisit(first, DOC, VISIT_GAP_MS).baselineAt).toBeNull();
    expect(recordVisit(first, DOC, VISIT_GAP_MS + 1).baselineAt).toBe(0);
  });

  it('keeps the chosen stage across visits', () => {
    const chosen = withCurrentStage(recordVisit(undefined, DOC, 0), DOC, 'installation');
    expect(recordVisit(chosen, DOC, 5 * HOUR).currentStage).toBe('installation');
  });
});

describe('the stage the panel focuses on', () => {
  it('is the team’s choice, else the plan’s declared stage, else Exploration', () => {
    const chosen = withCurrentStage(undefined, DOC, 'full_implementation');
    expect(focusStage(chosen, 'installation')).toBe('full_implementation');
    expect(focusStage(withCurrentStage(chosen, DOC, null), 'installation')).toBe('installation');
    expect(focusStage(null, null)).toBe('exploration');
  });
});

describe('stored panel state', () => {
  it('reads back what was written and drops what it does not know', () => {
    expect(parsePanelState(DOC, { currentStage: 'installation', lastSeenAt: 5, baselineAt: null })).toEqual({
      docKey: DOC,
      currentStage: 'installation',
      lastSeenAt: 5,
      baselineAt: null,
    });
    expect(parsePanelState(DOC, { currentStage: 'launch', lastSeenAt: 'yesterday' })).toEqual({
      docKey: DOC,
      currentStage: null,
      lastSeenAt: null,
      baselineAt: null,
    });
    expect(parsePanelState(DOC, 'x')).toBeNull();
  });
});
