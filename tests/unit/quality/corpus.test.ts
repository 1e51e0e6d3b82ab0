import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument, toSnapshot } from '../../../cli/read-file';
import { createAnalyzer } from '../../../core/analyze/engine';
import type { CoverageReport } from '../../../core/analyze/report';
import { defaultBank } from '../../../core/bank/default';
import { allCellIds, type CellId, DRIVERS } from '../../../core/model';
import { FIXTURES, readFixture } from '../helpers';

/**
 * Quality you can see: plan detection and coverage measured against a corpus the project labelled
 * by hand (tests/fixtures/corpus/labels.json). Prints precision and recall; fails below floors set
 * from measurements, so a change that makes the engine worse is caught.
 */

interface Label {
  file: string;
  shape: string;
  isPlan: boolean;
  cells: CellId[];
}

// Floors sit a little under the figures measured when they were set (printed by this test), so
// noise-free regressions fail while small honest trade-offs between precision and recall do not.
const FLOORS = {
  planPrecision: 1,
  planRecall: 1,
  driverPrecision: 0.88,
  driverRecall: 0.84,
  cellPrecision: 0.8,
  cellRecall: 0.68,
};

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const precision = (c: Counts) => ratio(c.tp, c.tp + c.fp);
const recall = (c: Counts) => ratio(c.tp, c.tp + c.fn);
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

function tally(counts: Counts, predicted: boolean, actual: boolean): void {
  if (predicted && actual) counts.tp++;
  else if (predicted) counts.fp++;
  else if (actual) counts.fn++;
}

describe('labelled corpus', async () => {
  const labels = (JSON.parse(readFixture('corpus/labels.json')) as { documents: Label[] }).documents;
  const analyzer = createAnalyzer(defaultBank());
  const reports = new Map<string, CoverageReport>();
  for (const label of labels) {
    const file = path.join(FIXTURES, 'corpus', label.file);
    reports.set(label.file, analyzer.analyze(toSnapshot(file, await readDocument(file))));
  }

  it('has the documents the quality floors are measured on', () => {
    expect(labels.length).toBeGreaterThanOrEqual(16);
    expect(labels.filter((l) => !l.isPlan).length).toBeGreaterThanOrEqual(5);
    for (const shape of ['full-plan', 'action-table', 'single-driver', 'progress-report', 'other-vocabulary']) {
      expect(labels.some((l) => l.shape === shape)).toBe(true);
    }
  });

  it('detects plans, covers their drivers and cells, and prints its figures', () => {
    const plan: Counts = { tp: 0, fp: 0, fn: 0 };
    const driver: Counts = { tp: 0, fp: 0, fn: 0 };
    const cell: Counts = { tp: 0, fp: 0, fn: 0 };
    const perCell = new Map<CellId, Counts>(allCellIds().map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
    const lines: string[] = [];
    for (const label of labels) {
      const report = reports.get(label.file) as CoverageReport;
      tally(plan, report.isPlan, label.isPlan);
      const predictedCells = new Set(allCellIds().filter((id) => report.cells[id].status !== 'unanswered'));
      const labelled = new Set(label.cells);
      let docTp = 0;
      if (label.isPlan) {
        for (const id of allCellIds()) {
          tally(cell, predictedCells.has(id), labelled.has(id));
          tally(perCell.get(id) as Counts, predictedCells.has(id), labelled.has(id));
          if (predictedCells.has(id) && labelled.has(id)) docTp++;
        }
        for (const d of DRIVERS) {
          const has = (set: Set<CellId>) => [...set].some((id) => id.startsWith(`${d}.`));
          tally(driver, has(predictedCells), has(labelled));
        }
      }
      const verdict = report.isPlan === label.isPlan ? 'ok ' : 'BAD';
      lines.push(
        `${verdict} ${label.file.padEnd(52)} plan ${report.planScore.toFixed(2)}${label.isPlan ? ` cells ${docTp}/${labelled.size} labelled, ${predictedCells.size} predicted` : ''}`,
      );
    }
    const worst = [...perCell]
      .map(([id, c]) => ({ id, f: (2 * c.tp) / Math.max(1, 2 * c.tp + c.fp + c.fn), c }))
      .sort((a, b) => a.f - b.f)
      .slice(0, 6)
      .map(({ id, c }) => `${id} (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`);
    console.log(
      [
        'PlanLens corpus quality',
        ...lines,
        `plan detection: precision ${pct(precision(plan))}, recall ${pct(recall(plan))}`,
        `per driver:     precision ${pct(precision(driver))}, recall ${pct(recall(driver))}`,
        `per cell:       precision ${pct(precision(cell))}, recall ${pct(recall(cell))}`,
        `weakest cells: ${worst.join('; ')}`,
      ].join('\n'),
    );
    expect(precision(plan)).toBeGreaterThanOrEqual(FLOORS.planPrecision);
    expect(recall(plan)).toBeGreaterThanOrEqual(FLOORS.planRecall);
    expect(precision(driver)).toBeGreaterThanOrEqual(FLOORS.driverPrecision);
    expect(recall(driver)).toBeGreaterThanOrEqual(FLOORS.driverRecall);
    expect(precision(cell)).toBeGreaterThanOrEqual(FLOORS.cellPrecision);
    expect(recall(cell)).toBeGreaterThanOrEqual(FLOORS.cellRecall);
  });
});
