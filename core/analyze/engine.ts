import type { BankFile } from '../bank/types';
import type { Block, DocSnapshot } from '../model';
import { type BlockEntry, EntryStore, readBlock } from './block';
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
  const store = new EntryStore();
  const memo: Array<QuestionMemo | undefined> = [];
  let serial = 0;
  let generation = 0;
  /** The last analysis's block texts and entries, by position: most blocks stay where they were. */
  let lastTexts: string[] = [];
  let lastEntries: BlockEntry[] = [];

  const entryFor = (text: string): BlockEntry => {
    let entry = cache.get(text);
    if (!entry) {
      entry = readBlock(compiled, text, serial++, store);
      cache.set(text, entry);
    }
    entry.generation = generation;
    return entry;
  };

  /** Drops entries of texts no longer in the document, once they outnumber the live ones. */
  const prune = (live: number): void => {
    if (cache.size <= live * 2 + 64) return;
    for (const [text, entry] of cache) if (entry.generation !== generation) cache.delete(text);
    store.compact(cache);
  };

  return {
    bank,
    analyze(snapshot) {
      generation++;
      // A first analysis reads every block: size the store for it (about one value per character
      // of text on plans; the estimate only saves copies as the store grows).
      if (store.used === 0) {
        let chars = 0;
        for (const block of snapshot.blocks) chars += block.text.length;
        store.expect(chars);
      }
      // A block whose text is the one at its position last time has that entry (comparing
      // strings, often the same object, costs less than hashing them for the cache).
      const texts: string[] = [];
      const entries: BlockEntry[] = [];
      for (let i = 0; i < snapshot.blocks.length; i++) {
        const text = (snapshot.blocks[i] as Block).text;
        const last = lastEntries[i];
        let entry: BlockEntry;
        if (last !== undefined && lastTexts[i] === text) {
          entry = last;
          entry.generation = generation;
        } else entry = entryFor(text);
        texts.push(text);
        entries.push(entry);
      }
      lastTexts = texts;
      lastEntries = entries;
      prune(entries.length);
      return buildReport(compiled, snapshot, entries, store, memo);
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
  store: EntryStore,
  memo: Array<QuestionMemo | undefined>,
): CoverageReport {
  const blocks = snapshot.blocks;
  const contexts = buildContexts(blocks, entries);
  applyDocumentStage(blocks, entries, contexts);
  const best = scoreBlocks(compiled, blocks, entries, contexts, store);
  const questions = questionResults(compiled, best, blocks, entries, contexts, store, memo);
  const cells = cellResults(questions);
  const signals = collectSignals(compiled, blocks, entries, store, questions);
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
