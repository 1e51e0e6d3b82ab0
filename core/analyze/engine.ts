import type { BankFile } from '../bank/types';
import type { DocSnapshot } from '../model';
import { type BlockEntry, readBlock } from './block';
import { type CompiledBank, compiledFor } from './compile';
import { applyDocumentStage, buildContexts } from './context';
import { detectPlan } from './plan';
import type { CoverageReport } from './report';
import { cellResults, type QuestionMemo, questionResults } from './results';
import { scoreBlocks } from './score';
import { collectSignals } from './signals';

/**
 * The coverage engine: a bank and a document's blocks in, per-question and per-cell coverage with
 * evidence out. Deterministic, pure, and incremental: an Analyzer keeps the term matches of every
 * block text it has seen, so re-analysis after an edit only reads the blocks that changed.
 *
 * One module per step, in the order buildReport runs them: compile.ts (bank → term index, once per
 * bank), block.ts (one block text → its entry, cached per text), context.ts (heading trail, table
 * headers and stage of each block), score.ts (block × question scores, best blocks), results.ts
 * (question and cell results, reasons), signals.ts (plan-detection facts).
 */

export const ANALYZER_VERSION = 1;
export { cellResults, cellStatus } from './results';
export { COVERED_AT, PARTIAL_AT } from './thresholds';

export interface Analyzer {
  analyze(snapshot: DocSnapshot): CoverageReport;
  readonly bank: BankFile;
}

export function createAnalyzer(bank: BankFile): Analyzer {
  const compiled = compiledFor(bank);
  const cache = new Map<string, BlockEntry>();
  const memo: Array<QuestionMemo | undefined> = [];
  let serial = 0;
  let generation = 0;

  const entryFor = (text: string): BlockEntry => {
    let entry = cache.get(text);
    if (!entry) {
      entry = readBlock(compiled, text, serial++);
      cache.set(text, entry);
    }
    entry.generation = generation;
    return entry;
  };

  /** Drops entries of texts no longer in the document, once they outnumber the live ones. */
  const prune = (live: number): void => {
    if (cache.size <= live * 2 + 64) return;
    for (const [text, entry] of cache) if (entry.generation !== generation) cache.delete(text);
  };

  return {
    bank,
    analyze(snapshot) {
      generation++;
      const entries = snapshot.blocks.map((block) => entryFor(block.text));
      prune(entries.length);
      return buildReport(compiled, snapshot, entries, memo);
    },
  };
}

const analyzers = new WeakMap<BankFile, Analyzer>();

/** One-shot analysis; repeated calls with the same bank object share one incremental Analyzer. */
export function analyze(bank: BankFile, snapshot: DocSnapshot): CoverageReport {
  let analyzer = analyzers.get(bank);
  if (!analyzer) {
    analyzer = createAnalyzer(bank);
    analyzers.set(bank, analyzer);
  }
  return analyzer.analyze(snapshot);
}

function buildReport(
  compiled: CompiledBank,
  snapshot: DocSnapshot,
  entries: BlockEntry[],
  memo: Array<QuestionMemo | undefined>,
): CoverageReport {
  const blocks = snapshot.blocks;
  const contexts = buildContexts(blocks, entries);
  applyDocumentStage(blocks, entries, contexts);
  const best = scoreBlocks(compiled, blocks, entries, contexts);
  const questions = questionResults(compiled, best, blocks, entries, contexts, memo);
  const cells = cellResults(questions);
  const signals = collectSignals(compiled, blocks, entries, questions);
  const plan = detectPlan(signals);
  return {
    docKey: snapshot.docKey,
    bankId: compiled.bank.id,
    bankRevision: compiled.bank.revision,
    analyzerVersion: ANALYZER_VERSION,
    isPlan: plan.isPlan,
    planScore: plan.score,
    planReasons: plan.reasons,
    planSignals: signals,
    declaredStage: signals.declaredStage,
    questions,
    cells,
    blockCount: blocks.length,
    wordCount: signals.wordCount,
  };
}
