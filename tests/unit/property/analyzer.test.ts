import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../core/analyze/engine';
import type { CoverageReport } from '../../../core/analyze/report';
import { defaultBank } from '../../../core/bank/default';
import type { BankFile } from '../../../core/bank/types';
import { checkReport, Problems } from '../../../core/import/validate';
import { allCellIds, type Block } from '../../../core/model';
import { requestProblem } from '../../../core/protocol';
import { blocks, edit, snapshot } from './arbitraries';
import { holds } from './run';

/**
 * The analyzer runs on whatever a page holds. On any blocks it must return a complete, sane
 * report (never throw), the same one every time, the same one whether reached incrementally or
 * from scratch, and one that survives the JSON export and its import check (no NaN, no gaps).
 */

const bank = defaultBank();
/**
 * A structurally identical bank object: analyzers made from it share no compiled index or cache
 * with those made from `bank` (compiling is per bank object, and costs ~0.1 s, so once).
 */
const twin: BankFile = structuredClone(bank);
const STATUSES = new Set(['covered', 'partial', 'unanswered']);

function expectSane(report: CoverageReport, list: Block[]): void {
  expect(report.questions).toHaveLength(bank.questions.length);
  expect(Object.keys(report.cells).sort()).toEqual(allCellIds().sort());
  expect(report.blockCount).toBe(list.length);
  expect(Number.isFinite(report.planScore) && report.planScore >= 0 && report.planScore <= 1).toBe(true);
  const ids = new Set(list.map((b) => b.id));
  for (const q of report.questions) {
    expect(STATUSES.has(q.status)).toBe(true);
    expect(Number.isFinite(q.score)).toBe(true);
    for (const e of q.evidence) expect(ids.has(e.blockId)).toBe(true);
  }
  // What the export writes, the import accepts unchanged: no NaN, Infinity or undefined gaps.
  const json = JSON.parse(JSON.stringify(report)) as unknown;
  expect(json).toEqual(report);
  const problems = new Problems();
  expect(checkReport(json, report.docKey, 'report', problems), problems.list.join('; ')).toBe(true);
}

describe('analyzer on arbitrary documents (property)', () => {
  it('never throws, returns a sane report, and is deterministic', async () => {
    await holds(
      fc.property(blocks(), (list) => {
        const snap = snapshot(list);
        // What the background accepts from a content script is what the analyzer must handle.
        expect(requestProblem({ type: 'snapshot', snapshot: snap })).toBeNull();
        const report = createAnalyzer(bank).analyze(snap);
        expectSane(report, list);
        expect(createAnalyzer(twin).analyze(structuredClone(snap))).toEqual(report);
      }),
      120,
    );
  }, 120_000);

  it('gives incrementally (after edits, and going back) the same report as a fresh analysis', async () => {
    const history = blocks(30).chain((first) =>
      fc
        .array(fc.nat(), { minLength: 1, maxLength: 3 })
        .chain((steps) =>
          steps.reduce<fc.Arbitrary<Block[][]>>(
            (acc) => acc.chain((docs) => edit(docs[docs.length - 1] ?? first).map((next) => [...docs, next])),
            fc.constant([first]),
          ),
        ),
    );
    await holds(
      fc.property(history, blocks(4), (docs, tiny) => {
        const incremental = createAnalyzer(bank);
        // A tiny document in between makes the analyzer drop cached blocks it no longer sees.
        for (const list of [...docs, tiny, ...docs.slice().reverse()]) {
          const report = incremental.analyze(snapshot(list));
          expect(report).toEqual(createAnalyzer(twin).analyze(snapshot(list)));
        }
      }),
      40,
    );
  }, 120_000);
});
