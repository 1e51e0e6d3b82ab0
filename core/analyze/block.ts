import type { Block } from '../model';
import type { CompiledBank } from './compile';
import { blockFeatures } from './plan-features';
import { type BlockTerms, type ScannedTerms, scannedWords } from './terms';
import { STOP_WORDS, stem, words } from './text';

/**
 * Reading one block text: the bank terms it contains and what they say (candidate questions with
 * their concept bits, driver vocabulary, stage names and cues, plan signals). Hot path: runs once
 * per distinct block text, then the result is cached by the Analyzer.
 */

/** What the engine remembers about one distinct block text. */
export interface BlockEntry {
  serial: number;
  /** The analysis that last used this entry (for pruning the cache). */
  generation: number;
  /** Terms found in the block, as [term id, word index of its first occurrence] pairs, flattened. */
  found: number[];
  wordCount: number;
  /** Questions whose stage cues this block mentions. */
  cueQuestions: number[];
  /** A short header cell such as "Stage" or "Phase": its column names each row's stage. */
  stageColumnHeader: boolean;
  /** Questions this block's own words touch, each with the bitmask of concepts mentioned, as
   *  flattened [question, mask] pairs (one array per block keeps the cache small for the GC). */
  candidates: number[];
  /** The same masks indexed by question, built only for blocks used as context (headings). */
  dense: Int32Array | null;
  /** Bank terms found here that count as plan-detection signals. */
  signalTerms: number[];
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
  /** Last scoring as flattened [question, score] pairs, reused while the context is unchanged. */
  scored?: { context: ScoredContext; hits: number[] };
}

/** Everything a block's scores depend on besides its own text; equal ones reuse the last scores. */
export interface ScoredContext {
  stage: number;
  how: StageHow;
  kind: Block['kind'];
  serials: number[];
}

/**
 * How a block's stage was found (the reasons shown to the user name it). Declared with BlockEntry
 * because the entry remembers it with its last scoring (ScoredContext).
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

const NONE: number[] = [];
const NO_HITS: Array<[number, number, number]> = [];

function packFound(terms: ScannedTerms): number[] {
  const packed = new Array<number>(terms.count * 2);
  for (let k = 0; k < terms.count; k++) {
    packed[2 * k] = terms.ids[k] as number;
    packed[2 * k + 1] = terms.positions[k] as number;
  }
  return packed;
}

export function readBlock(compiled: CompiledBank, text: string, serial: number): BlockEntry {
  const terms = compiled.index.scan(text);
  // Concept bits gather in a scratch array shared by all blocks, then move to a compact list.
  const scratch = compiled.scratch;
  // Candidate questions collect in a reused list; only the final packed array is allocated.
  const candidates = compiled.candidateScratch;
  let candidateCount = 0;
  let driverMask = 0;
  // Most blocks have no signal terms, stage cues or stage names: share one empty list then.
  let signalTerms: number[] = NONE;
  const cueCounts = compiled.cueCounts.fill(0);
  let cueQuestions: number[] = NONE;
  let nameHits: Array<[number, number, number]> = NO_HITS;
  for (let f = 0; f < terms.count; f++) {
    const termId = terms.ids[f] as number;
    const info = compiled.termInfo[termId];
    if (!info) continue;
    driverMask |= info.drivers;
    if (info.cueQuestions) {
      if (cueQuestions === NONE) cueQuestions = [];
      for (const q of info.cueQuestions) if (!cueQuestions.includes(q)) cueQuestions.push(q);
    }
    const pairs = info.concepts;
    if (pairs)
      for (let k = 0; k < pairs.questions.length; k++) {
        const q = pairs.questions[k] as number;
        if (scratch[q] === 0) candidates[candidateCount++] = q;
        scratch[q] = (scratch[q] as number) | (pairs.bits[k] as number);
      }
    if (info.signal) {
      if (signalTerms === NONE) signalTerms = [];
      signalTerms.push(termId);
    }
    if (info.cueStages) for (const s of info.cueStages) cueCounts[s] = (cueCounts[s] ?? 0) + 1;
    if (info.stageName >= 0) {
      if (nameHits === NO_HITS) nameHits = [];
      nameHits.push([termId, info.stageName, terms.positions[f] as number]);
    }
  }

  const packed = new Array<number>(candidateCount * 2);
  for (let k = 0; k < candidateCount; k++) {
    const q = candidates[k] as number;
    packed[2 * k] = q;
    packed[2 * k + 1] = scratch[q] as number;
    scratch[q] = 0;
  }
  return {
    serial,
    generation: 0,
    found: packFound(terms),
    wordCount: terms.wordCount,
    cueQuestions,
    stageColumnHeader: terms.wordCount <= 3 && scannedWords(terms).some((w) => compiled.stageColumnWords.has(stem(w))),
    candidates: packed,
    driverMask,
    dense: null,
    signalTerms,
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
