import type { Block, DriverId, StageId } from '../model';
import { STAGES } from '../model';
import { type BlockEntry, type EntryStore, signalsStart } from './block';
import type { CompiledBank } from './compile';
import type { PlanSignals } from './plan';
import { FEATURE } from './plan-features';
import type { QuestionResult } from './report';

/**
 * The document-level facts plan detection weighs (plan.ts), gathered from what each block's entry
 * already holds: no block is read again.
 */

const FEATURE_NAMES = Object.keys(FEATURE) as Array<keyof typeof FEATURE>;

export function collectSignals(
  compiled: CompiledBank,
  blocks: Block[],
  entries: BlockEntry[],
  store: EntryStore,
  questions: QuestionResult[],
): PlanSignals {
  const epoch = ++compiled.signalEpoch;
  const structure = new Set<number>();
  const implementation = new Set<number>();
  const genres = new Map<string, Set<number>>();
  const explicitStages = new Set<number>();
  let wordCount = 0;
  let declaredStage: StageId | null = null;
  const featureBlocks = {
    content: 0,
    intent: 0,
    timeframe: 0,
    clock: 0,
    firstPerson: 0,
    reported: 0,
    retrospective: 0,
  };
  const featureCounts = new Int32Array(32);
  blocks.forEach((block, i) => {
    const entry = entries[i] as BlockEntry;
    wordCount += entry.wordCount;
    if (block.kind !== 'heading' && entry.wordCount >= 4) {
      featureBlocks.content++;
      // Counted per flag bit here, named once at the end (no keyed property access per block).
      for (let flags = entry.features, bit = 0; flags !== 0; flags >>>= 1, bit++) {
        if (flags & 1) featureCounts[bit] = (featureCounts[bit] as number) + 1;
      }
    }
    const signalTerms = signalsStart(entry);
    for (let k = signalTerms; k < signalTerms + entry.signalCount; k++) {
      const termId = store.data[k] as number;
      // Each distinct signal term once per document: an epoch mark instead of Set look-ups.
      if (compiled.signalSeen[termId] === epoch) continue;
      compiled.signalSeen[termId] = epoch;
      for (const kind of compiled.signals.get(termId) ?? []) {
        if (kind === 'structure') structure.add(termId);
        else if (kind === 'implementation') implementation.add(termId);
        else {
          const genre = kind.slice(6);
          const set = genres.get(genre) ?? new Set<number>();
          set.add(termId);
          genres.set(genre, set);
        }
      }
    }
    const isLabel = block.kind === 'heading' || block.table?.row === 0 || block.table?.col === 0;
    if (isLabel && entry.labelStage >= 0) explicitStages.add(entry.labelStage);
    if (!declaredStage && entry.declaredStage >= 0) {
      declaredStage = STAGES[entry.declaredStage] ?? null;
    }
  });
  for (const name of FEATURE_NAMES) featureBlocks[name] = featureCounts[Math.log2(FEATURE[name])] as number;
  const drivers = new Set<DriverId>();
  const coveredPerDriver = new Map<DriverId, number>();
  for (const q of questions) {
    if (q.status !== 'unanswered') drivers.add(q.driver);
    if (q.status === 'covered') coveredPerDriver.set(q.driver, (coveredPerDriver.get(q.driver) ?? 0) + 1);
  }
  let strongestGenre = '';
  let strongestCount = 0;
  for (const [genre, set] of genres) {
    if (set.size > strongestCount) {
      strongestGenre = genre;
      strongestCount = set.size;
    }
  }
  return {
    wordCount,
    driversTouched: drivers.size,
    driversCovered: coveredPerDriver.size,
    deepestDriverCovered: Math.max(0, ...coveredPerDriver.values()),
    explicitStages: explicitStages.size,
    structureTerms: structure.size,
    implementationTerms: implementation.size,
    strongestGenre,
    strongestGenreTerms: strongestCount,
    questionsCovered: questions.filter((q) => q.status === 'covered').length,
    declaredStage,
    blocks: featureBlocks,
  };
}
