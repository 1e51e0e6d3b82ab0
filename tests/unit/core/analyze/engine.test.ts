import { describe, expect, it } from 'vitest';
import { analyze, createAnalyzer } from '../../../../core/analyze/engine';
import type { QuestionResult } from '../../../../core/analyze/report';
import { defaultBank } from '../../../../core/bank/default';
import { miniBank, readFixture, snapshotOf } from '../../helpers';

const question = (results: QuestionResult[], id: string) => {
  const found = results.find((q) => q.questionId === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
};

describe('coverage engine', () => {
  it('covers a question when one passage talks about its key ideas, and cites that passage', () => {
    const report = analyze(
      miniBank(),
      snapshotOf(`<h2>Installation</h2>
        <p>We will write a position description for the two instructional coaches before hiring in May.</p>`),
    );
    const q = question(report.questions, 'coaching.installation.coach-position');
    expect(q.status).toBe('covered');
    expect(q.evidence[0]?.snippet).toContain('position description');
    expect(q.evidence[0]?.terms).toEqual(expect.arrayContaining(['position description', 'coaches']));
    expect(q.reasons.join(' ')).toMatch(/Installation \(under a stage heading\)/);
    expect(report.cells['coaching.installation'].status).not.toBe('unanswered');
  });

  it('does not cover a question from a passage that only shares one word', () => {
    const report = analyze(miniBank(), snapshotOf('<p>Our coach was proud of the team this season.</p>'));
    expect(report.questions.every((q) => q.status === 'unanswered')).toBe(true);
    expect(Object.values(report.cells).every((c) => c.status === 'unanswered')).toBe(true);
  });

  it('weighs the stage a passage sits under: the same words under another stage count less', () => {
    const text = '<p>Coaches observe each classroom every two weeks and give written feedback the same day.</p>';
    const right = analyze(miniBank(), snapshotOf(`<h2>Initial Implementation</h2>${text}`));
    const wrong = analyze(miniBank(), snapshotOf(`<h2>Exploration</h2>${text}`));
    const id = 'coaching.initial_implementation.observe-feedback';
    expect(question(right.questions, id).status).toBe('covered');
    expect(question(wrong.questions, id).score).toBeLessThan(question(right.questions, id).score);
  });

  it('reads stages from table columns', () => {
    const html = `<table>
      <tr><td>Driver</td><td>Exploration</td><td>Installation</td></tr>
      <tr><td>Coaching</td><td>Count how many coaches we need</td><td>Coach position description drafted by HR</td></tr>
    </table>`;
    const report = analyze(miniBank(), snapshotOf(html));
    const q = question(report.questions, 'coaching.installation.coach-position');
    expect(q.status).toBe('covered');
    expect(q.reasons.join(' ')).toMatch(/stage column/);
  });

  it('does not read a document title like "Implementation Plan" as a stage', () => {
    const report = analyze(
      miniBank(),
      snapshotOf('<h1>Literacy Implementation Plan</h1><p>Coaches observe teachers monthly and give feedback.</p>'),
    );
    const q = question(report.questions, 'coaching.initial_implementation.observe-feedback');
    expect(q.reasons.join(' ')).not.toMatch(/under a stage heading/);
  });

  it('is deterministic and gives the same report incrementally as from scratch', () => {
    const html = readFixture('gdocs/lakeview-pbis.export.html');
    const bank = defaultBank();
    const incremental = createAnalyzer(bank);
    const first = incremental.analyze(snapshotOf(html));
    const edited = snapshotOf(html.replace('twice a month', 'every week'));
    const again = incremental.analyze(edited);
    const fresh = createAnalyzer(bank).analyze(edited);
    expect(again).toEqual(fresh);
    expect(createAnalyzer(bank).analyze(snapshotOf(html))).toEqual(first);
  });

  it('reports what a user needs for a question: status, score, evidence, reasons', () => {
    const report = analyze(defaultBank(), snapshotOf(readFixture('gdocs/lakeview-pbis.export.html')));
    expect(report.questions).toHaveLength(defaultBank().questions.length);
    expect(report.declaredStage).toBe('initial_implementation');
    expect(report.isPlan).toBe(true);
    const covered = report.questions.filter((q) => q.status === 'covered');
    expect(covered.length).toBeGreaterThan(5);
    for (const q of covered) {
      expect(q.evidence.length).toBeGreaterThan(0);
      expect(q.reasons.length).toBeGreaterThan(0);
    }
  });
});
