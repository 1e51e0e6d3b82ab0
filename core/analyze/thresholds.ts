/**
 * Score thresholds shared by scoring (which hits are worth keeping) and results (a question's
 * status); engine.ts re-exports them as part of its public API.
 */

/** Score at or above which a question counts as covered / partly covered. */
export const COVERED_AT = 0.7;
export const PARTIAL_AT = 0.42;
