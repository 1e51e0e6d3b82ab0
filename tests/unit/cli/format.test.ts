import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, fileResult, formatCsv, formatJson } from '../../../cli/format';
import { createAnalyzer } from '../../../core/analyze/engine';
import type { CoverageReport, Evidence } from '../../../core/analyze/report';
import { miniBank, snapshotOf } from '../helpers';

const evidence = (blockId: string, score: number): Evidence => ({
  blockId,
  snippet: `text of ${blockId}`,
  score,
  terms: [],
});

/** A report for the mini bank where every question cites the given passages. */
function reportCiting(items: Evidence[]): CoverageReport {
  const bank = miniBank();
  const report = createAnalyzer(bank).analyze(snapshotOf('<p>nothing</p>'));
  return {
    ...report,
    questions: report.questions.map((q) => ({ ...q, status: 'covered', score: 1, evidence: items })),
  };
}

describe('CLI output', () => {
  it('reports each question with its bank text, and each cell with the evidence of its answered questions', () => {
    const bank = miniBank();
    const report = createAnalyzer(bank).analyze(
      snapshotOf(`<h2>Installation</h2>
        <p>We will write a position description for the two instructional coaches before hiring in May.</p>`),
    );
    const result = fileResult('plans/lakeview.html', 'Lakeview plan', report, bank);

    expect(result).toMatchObject({ file: 'plans/lakeview.html', title: 'Lakeview plan', isPlan: report.isPlan });
    const q = result.questions.find((x) => x.id === 'coaching.installation.coach-position');
    expect(q).toMatchObject({
      driver: 'coaching',
      stage: 'installation',
      text: 'Is there a position description for coaches?',
      status: 'covered',
    });
    expect(result.cells['coaching.installation']?.evidence[0]?.snippet).toContain('position description');
    // A cell with no answered question cites nothing.
    expect(result.cells['selection.exploration']).toEqual({ status: 'unanswered', score: 0, evidence: [] });
    expect(Object.keys(result.cells)).toHaveLength(36);
  });

  it('cites at most three passages per cell, best first, each passage once', () => {
    const bank = miniBank();
    const report = reportCiting([
      evidence('b1', 0.5),
      evidence('b2', 0.9),
      evidence('b1', 0.8),
      evidence('b3', 0.6),
      evidence('b4', 0.7),
    ]);
    const cell = fileResult('a.md', 'A', report, bank).cells['coaching.installation'];
    expect(cell?.evidence.map((e) => [e.blockId, e.score])).toEqual([
      ['b2', 0.9],
      ['b1', 0.8],
      ['b4', 0.7],
    ]);
  });

  it('prints JSON as one array that parses back to the same results', () => {
    const bank = miniBank();
    const results = [fileResult('a.md', 'A', reportCiting([]), bank), fileResult('b.md', 'B', reportCiting([]), bank)];
    expect(JSON.parse(formatJson(results))).toEqual(results);
  });

  it('prints CSV with a header and one row per file and question, citing the best passage', () => {
    const bank = miniBank();
    const result = fileResult('plans/a.md', 'Plan A', reportCiting([evidence('b7', 0.9)]), bank);
    const lines = formatCsv([result, { ...result, file: 'plans/b.md' }]).split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 2 * bank.questions.length + 1);
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toBe(
      'plans/a.md,Plan A,false,0,coaching,exploration,coaching.exploration.coaching-need,What kind and amount of coaching will the practice need?,covered,1,text of b7',
    );
  });

  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tindent', "'\tindent"],
    ['\rline', '"\'\rline"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['a-b = c', 'a-b = c'],
  ])('CSV field %j → %s (quoted by RFC 4180; formulas neutralized)', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
