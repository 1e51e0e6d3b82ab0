import type { Block } from '../model';
import type { CompiledBank, RareTermInfo } from './compile';
import { blockFeatures } from './plan-features';
import { type BlockTerms, scannedWords } from './terms';
import { STOP_WORDS, stem, words } from './text';

/**
 * Reading one block text: the bank terms it contains and what they say (candidate questions with
 * their concept bits, driver vocabulary, stage names and cues, plan signals). Hot path: runs once
 * per distinct block text, then the result is cached by the Analyzer.
 */

/**
 * What the engine remembers about one distinct block text. Its integer lists live in the
 * Analyzer's EntryStore, one after another from `at`: found terms as [term id, word index of its
 * first occurrence] pairs, candidate questions as [question, concept bitmask] pairs, cue
 * questions, then signal terms (see the *Start helpers below).
 */
export interface BlockEntry {
  serial: number;
  /** The analysis that last used this entry (for pruning the cache). */
  generation: number;
  /** Where the entry's lists start in the EntryStore. */
  at: number;
  /** Number of terms found in the block (pairs). */
  foundCount: number;
  /** Number of questions this block's own words touch (pairs, each with the concepts mentioned). */
  candidateCount: number;
  /** Number of questions whose stage cues this block mentions. */
  cueCount: number;
  /** Number of bank terms found here that count as plan-detection signals. */
  signalCount: number;
  wordCount: number;
  /** A short header cell such as "Stage" or "Phase": its column names each row's stage. */
  stageColumnHeader: boolean;
  /** The candidate masks indexed by question, built only for blocks used as context (headings). */
  dense: Int32Array | null;
  /** Drivers whose vocabulary the block uses, as bits of DRIVERS. */
  driverMask: number;
  /** Stage the block declares the team to be in ("We are in Installation"), or -1. */
  declaredStage: number;
  /** Kind-of-text flags (plan-features.ts), for plan detection. */
  features: number;
  /** Stage whose name this block carries as a label (heading rule), or -1. */
  labelStage: number;
  /** Stage whose name appears anywhere in the block, or -1 (for "Stage" table columns). */
  anyStage: number;
  /** Stage suggested by activity cues, or -1. */
  cueStage: number;
  /** Full term matches, kept only for blocks cited as evidence or context (read on demand). */
  terms?: BlockTerms;
  /**
   * Its scorings, one per context the text was met in (a text may recur: the same heading under
   * every stage), each reused while its context recurs (score.ts): the first here, others after.
   */
  scoring?: Scoring;
  otherScorings?: Scoring[];
}

export const candidatesStart = (e: BlockEntry): number => e.at + 2 * e.foundCount;
export const cuesStart = (e: BlockEntry): number => e.at + 2 * (e.foundCount + e.candidateCount);
export const signalsStart = (e: BlockEntry): number => cuesStart(e) + e.cueCount;
const spanLength = (e: BlockEntry): number => 2 * (e.foundCount + e.candidateCount) + e.cueCount + e.signalCount;

/**
 * The integer lists of an Analyzer's block entries, in one growing typed array: thousands of
 * entries then cost the garbage collector a few objects instead of several arrays each (the
 * cache's arrays were a large share of the collector's work on big documents). Append-only;
 * compacted when the cache drops entries.
 */
export class EntryStore {
  data = new Int32Array(8192);
  used = 0;

  /** Makes room for `n` values in all at once (growing step by step copies them several times). */
  expect(n: number): void {
    if (n > this.data.length) this.resize(n);
  }

  /** Room for `n` more values; returns where they start. `data` may be replaced. */
  reserve(n: number): number {
    const at = this.used;
    if (at + n > this.data.length) this.resize(Math.max(this.data.length * 2, at + n));
    this.used = at + n;
    return at;
  }

  /** Keeps only the lists of the `live` entries (moving them and their `at`) once garbage dominates. */
  compact(live: ReadonlyMap<string, BlockEntry>): void {
    let size = 0;
    for (const e of live.values()) size += spanLength(e);
    if (this.used <= size * 2 + 8192) return;
    const old = this.data;
    this.data = new Int32Array(Math.max(8192, size * 2));
    this.used = 0;
    for (const e of live.values()) {
      const n = spanLength(e);
      this.data.set(old.subarray(e.at, e.at + n), this.used);
      e.at = this.used;
      this.used += n;
    }
  }

  private resize(capacity: number): void {
    const data = new Int32Array(capacity);
    data.set(this.data.subarray(0, this.used));
    this.data = data;
  }
}

/**
 * The scores of a block text in one context, as flattened [question, score] pairs (kept ones
 * only), with that context: everything a block's scores depend on besides its own text (stage,
 * kind and the serials of its context blocks). An equal context reuses the scores.
 */
export interface Scoring {
  stage: number;
  how: StageHow;
  kind: Block['kind'];
  serials: number[];
  hits: number[];
}

/**
 * How a block's stage was found (the reasons shown to the user name it). Declared with BlockEntry
 * because the entry remembers it with its scorings.
 */
export type StageHow = 'heading' | 'column' | 'row' | 'label' | 'inferred' | 'document' | 'none';

/** Words a stage heading may carry besides the stage's name ("Stage 2: Installation — Fall 2026"). */
const HEADING_FILLER = new Set(
  [
    'stage',
    'phase',
    'step',
    'year',
    'activity',
    'task',
    'goal',
    'focus',
    'period',
    'part',
    'section',
    'timeline',
    'month',
    'semester',
    'quarter',
    'fall',
    'spring',
    'summer',
    'winter',
    'sy',
    'school',
    'priority',
    'action',
    'item',
    'overview',
    'i',
    'ii',
    'iii',
    'iv',
    'v',
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ].map(stem),
);

const DECLARES_STAGE = /\b(current|present)\s+stage\b|\bwe are (now )?in\b/i;

/** The stage named right after "current stage" / "we are in", if the block says so. */
function declaredStageIn(text: string, nameHits: Array<[number, number, number]>): number {
  const match = DECLARES_STAGE.exec(text);
  if (!match) return -1;
  const after = words(text.slice(0, match.index + match[0].length)).length;
  let best = -1;
  let bestPosition = Number.POSITIVE_INFINITY;
  for (const [, stage, position] of nameHits) {
    if (position >= after - 1 && position < bestPosition) {
      best = stage;
      bestPosition = position;
    }
  }
  return best;
}

const NO_HITS: Array<[number, number, number]> = [];

export function readBlock(compiled: CompiledBank, text: string, serial: number, store: EntryStore): BlockEntry {
  const terms = compiled.index.scan(text);
  // Concept bits gather in a scratch array shared by all blocks; candidate questions, cue
  // questions and signal terms collect in reused lists, then all move to the store at once.
  const scratch = compiled.scratch;
  const candidates = compiled.candidateScratch;
  const cues = compiled.cueScratch;
  const signals = compiled.signalScratch;
  let candidateCount = 0;
  let cueCount = 0;
  let signalCount = 0;
  let driverMask = 0;
  const cueCounts = compiled.cueCounts.fill(0);
  // Most blocks name no stage: share one empty list then.
  let nameHits: Array<[number, number, number]> = NO_HITS;
  const count = terms.count;
  const ids = terms.ids;
  const { drivers, conceptStart, conceptQuestions, conceptBits, hasRare, rare } = compiled.terms;
  for (let f = 0; f < count; f++) {
    const termId = ids[f] as number;
    driverMask |= drivers[termId] as number;
    for (let k = conceptStart[termId] as number, end = conceptStart[termId + 1] as number; k < end; k++) {
      const q = conceptQuestions[k] as number;
      const had = scratch[q] as number;
      if (had === 0) candidates[candidateCount++] = q;
      scratch[q] = had | (conceptBits[k] as number);
    }
    if (hasRare[termId] === 0) continue;
    const info = rare[termId] as RareTermInfo;
    if (info.cueQuestions)
      for (const q of info.cueQuestions) {
        let known = false;
        for (let k = 0; k < cueCount && !known; k++) known = cues[k] === q;
        if (!known) cues[cueCount++] = q;
      }
    if (info.signal) signals[signalCount++] = termId;
    if (info.cueStages) for (const s of info.cueStages) cueCounts[s] = (cueCounts[s] as number) + 1;
    if (info.stageName >= 0) {
      if (nameHits === NO_HITS) nameHits = [];
      nameHits.push([termId, info.stageName, terms.positions[f] as number]);
    }
  }

  const at = store.reserve(2 * (count + candidateCount) + cueCount + signalCount);
  const data = store.data;
  let w = at;
  for (let k = 0; k < count; k++) {
    data[w++] = ids[k] as number;
    data[w++] = terms.positions[k] as number;
  }
  for (let k = 0; k < candidateCount; k++) {
    const q = candidates[k] as number;
    data[w++] = q;
    data[w++] = scratch[q] as number;
    scratch[q] = 0;
  }
  for (let k = 0; k < cueCount; k++) data[w++] = cues[k] as number;
  for (let k = 0; k < signalCount; k++) data[w++] = signals[k] as number;
  return {
    serial,
    generation: 0,
    at,
    foundCount: count,
    candidateCount,
    cueCount,
    signalCount,
    wordCount: terms.wordCount,
    stageColumnHeader: terms.wordCount <= 3 && scannedWords(terms).some((w) => compiled.stageColumnWords.has(stem(w))),
    dense: null,
    driverMask,
    declaredStage: nameHits.length ? declaredStageIn(text, nameHits) : -1,
    features: blockFeatures(text, terms.classes, terms.wordCount),
    labelStage: nameHits.length ? labelStage(compiled, { words: scannedWords(terms) }, nameHits) : -1,
    anyStage: longestName(compiled, nameHits),
    cueStage: dominant(cueCounts),
  };
}

/**
 * A block is a stage label when stage names make up most of its meaningful words
 * ("Stage 2: Installation (Spring 2026)") or open it ("Exploration: choosing a program").
 * "Literacy Implementation Plan" is not: one generic word among several.
 */
function labelStage(compiled: CompiledBank, terms: { words: string[] }, hits: Array<[number, number, number]>): number {
  if (hits.length === 0 || terms.words.length > 14) return -1;
  const covered = new Set<number>();
  const stagesSeen = new Set<number>();
  let opener = -1;
  for (const [termId, stage, position] of hits) {
    const length = compiled.index.length(termId);
    for (let k = 0; k < length; k++) covered.add(position + k);
    stagesSeen.add(stage);
    if (!compiled.genericStageNames.has(termId) && leadingPosition(terms.words, position)) opener = stage;
  }
  if (stagesSeen.size > 1) return opener;
  const stage = hits[0]?.[1] ?? -1;
  let meaningful = 0;
  let named = 0;
  terms.words.forEach((word, i) => {
    const s = stem(word);
    if (STOP_WORDS.has(word) || HEADING_FILLER.has(s) || /^\d/.test(word)) return;
    meaningful++;
    if (covered.has(i)) named++;
  });
  if (meaningful > 0 && named / meaningful > 0.5) return stage;
  return opener;
}

/** True when only filler ("Stage 1", "Phase II:") precedes the position. */
function leadingPosition(ws: string[], position: number): boolean {
  for (let i = 0; i < position; i++) {
    const w = ws[i] ?? '';
    if (!(HEADING_FILLER.has(stem(w)) || /^\d/.test(w) || STOP_WORDS.has(w))) return false;
  }
  return position <= 3;
}

function longestName(compiled: CompiledBank, hits: Array<[number, number, number]>): number {
  let best = -1;
  let bestLength = 0;
  for (const [termId, stage] of hits) {
    const length = compiled.index.length(termId);
    if (length > bestLength) {
      best = stage;
      bestLength = length;
    }
  }
  return best;
}

function dominant(counts: ArrayLike<number>): number {
  let best = -1;
  let bestCount = 0;
  let tie = false;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i] as number;
    if (count > bestCount) {
      best = i;
      bestCount = count;
      tie = false;
    } else if (count === bestCount && count > 0) tie = true;
  }
  return tie ? -1 : best;
}
