// The security and reliability suite's figures (issue 7), summed from the JSON lines the tests
// append through tests/security-counts.ts. Used by scripts/test.mjs; pure, so it is unit-tested.

const LABELS = {
  payloads: (tried, failed) => `payloads tried: ${tried}, executed: ${failed}`,
  malformed: (tried, failed) => `malformed inputs tried: ${tried}, partially applied: ${failed}`,
  failures: (tried, failed) => `failure scenarios tried: ${tried}, survived: ${tried - failed}`,
};
const NONE = {
  payloads: 'payloads: none tried (no test reported any)',
  malformed: 'malformed inputs: none tried (no test reported any)',
  failures: 'failure scenarios: none tried (no test reported any)',
};

/**
 * @param {string} text the counts file (one JSON object per line: {kind, tried, failed, source})
 * @returns {{ lines: string[], failed: boolean }} one line per kind, in a fixed order; failed when
 *   any payload executed, any malformed input was partially applied, any failure scenario was not
 *   survived, or a line of the file is unreadable
 */
export function summarizeCounts(text) {
  const sums = Object.fromEntries(Object.keys(LABELS).map((kind) => [kind, null]));
  const problems = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      problems.push(`line ${i + 1} is not JSON`);
      continue;
    }
    const { kind, tried, failed } = record ?? {};
    const whole = (n) => Number.isSafeInteger(n) && n >= 0;
    if (!Object.hasOwn(LABELS, kind) || !whole(tried) || !whole(failed) || failed > tried) {
      problems.push(`line ${i + 1} is not a count record`);
      continue;
    }
    const sum = sums[kind] ?? { tried: 0, failed: 0 };
    sums[kind] = { tried: sum.tried + tried, failed: sum.failed + failed };
  }
  const lines = Object.entries(sums).map(([kind, sum]) => (sum ? LABELS[kind](sum.tried, sum.failed) : NONE[kind]));
  for (const problem of problems) lines.push(`unreadable counts: ${problem}`);
  const failed = problems.length > 0 || Object.values(sums).some((sum) => sum && sum.failed > 0);
  return { lines, failed };
}
