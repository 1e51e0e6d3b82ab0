/** Types of count-summary.mjs (plain JavaScript, run by scripts/test.mjs without a build). */
export function summarizeCounts(text: string): { lines: string[]; failed: boolean };
