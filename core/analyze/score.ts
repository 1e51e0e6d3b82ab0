import type { Block } from '../model';
import { type BlockEntry, candidatesStart, cuesStart, type EntryStore, type Scoring } from './block';
import type { CompiledBank, CompiledConcept, CompiledQuestion } from './compile';
import type { BlockContext } from './context';
import { PARTIAL_AT } from './thresholds';

/**
 * Scoring: how well each block answers each question its words touch, given the block's context
 * (heading trail, table headers) and stage, and which blocks are each question's best evidence.
 */

/** Evidence passages kept per question. */
const MAX_EVIDENCE = 3;
/** A concept met only by the heading trail or a table header counts for this much of its weight. */
const CONTEXT_WEIGHT = 0.5;
/** Score factor for a passage without any of the question's driver vocabulary nearby. */
const OFF_DRIVER_FACTOR = 0.8;

/** Scorings kept per block text: one per context it recurs in, up to this many. */
const MAX_SCORINGS = 8;

/** A question's best blocks so far, best first (at most MAX_EVIDENCE), with the scoring of each. */
export type TopBlocks = Array<{ block: number; score: number; scoring: Scoring }>;

/**
 * Every question's best blocks. A block is scored again only when its text or anything its scores
 * depend on (stage, context blocks, kind) changed since the last analysis; otherwise its last hits
 * are reused, which is what makes re-analysis after an edit cheap.
 */
export function scoreBlocks(
  compiled: CompiledBank,
  blocks: Block[],
  entries: BlockEntry[],
  contexts: BlockContext[],
  store: EntryStore,
): TopBlocks[] {
  const best: TopBlocks[] = compiled.questions.map(() => []);
  blocks.forEach((block, i) => {
    const entry = entries[i] as BlockEntry;
    const ctx = contexts[i] as BlockContext;
    if (entry.candidateCount === 0) return;
    const scoring = scoringFor(compiled, block, entry, ctx, entries, store);
    const hits = scoring.hits;
    for (let k = 0; k < hits.length; k += 2) {
      insertBest(best[hits[k] as number] as TopBlocks, i, hits[k + 1] as number, scoring);
    }
  });
  return best;
}

/** The block's scoring in its context: a kept one if the text was scored in the same context. */
function scoringFor(
  compiled: CompiledBank,
  block: Block,
  entry: BlockEntry,
  ctx: BlockContext,
  entries: BlockEntry[],
  store: EntryStore,
): Scoring {
  const first = entry.scoring;
  if (first && sameContext(first, ctx, block, entries)) return first;
  const others = entry.otherScorings;
  if (others) for (const scoring of others) if (sameContext(scoring, ctx, block, entries)) return scoring;
  const scoring: Scoring = {
    stage: ctx.stage,
    how: ctx.how,
    kind: block.kind,
    serials: ctx.context.map((c) => entries[c]?.serial ?? -1),
    hits: scoreCandidates(compiled, block, entry, ctx, entries, store),
  };
  if (!first) entry.scoring = scoring;
  else if (!others) entry.otherScorings = [scoring];
  else {
    if (others.length >= MAX_SCORINGS - 1) others.shift();
    others.push(scoring);
  }
  return scoring;
}

const NO_HITS: number[] = [];
/** Scratch lists reused by every scoring (scoring is synchronous): no allocation per block. */
const contextMasks: Int32Array[] = [];
const hitScratch: number[] = [];

/** Scores the questions a block's words touch, as flattened [question, score] pairs (kept ones only). */
function scoreCandidates(
  compiled: CompiledBank,
  block: Block,
  entry: BlockEntry,
  ctx: BlockContext,
  entries: BlockEntry[],
  store: EntryStore,
): number[] {
  contextMasks.length = 0;
  hitScratch.length = 0;
  let drivers = entry.driverMask;
  for (const c of ctx.context) {
    const context = entries[c] as BlockEntry;
    contextMasks.push(denseMasks(compiled, context, store));
    drivers |= context.driverMask;
  }
  const { requiredMasks, multiConcept } = compiled;
  const candidates = store.data;
  const start = candidatesStart(entry);
  const end = start + 2 * entry.candidateCount;
  for (let k = start; k < end; k += 2) {
    const q = candidates[k] as number;
    const own = candidates[k + 1] as number;
    let context = 0;
    for (let c = 0; c < contextMasks.length; c++) context |= (contextMasks[c] as Int32Array)[q] as number;
    const seen = own | context;
    // Cheap rejections first: a required concept missing, or fewer than two concepts met.
    const required = requiredMasks[q] as number;
    if ((seen & required) !== required) continue;
    if (multiConcept[q] === 1 && (seen & (seen - 1)) === 0) continue;
    const question = compiled.questions[q] as CompiledQuestion;
    // A passage that never uses the driver's vocabulary (nor do its headings) is weaker
    // evidence for that driver's question: broad concept words alone should not cover it.
    const offDriver = (drivers & question.driverBit) === 0;
    const score = scoreQuestion(question, own, context, entry, block, ctx, store) * (offDriver ? OFF_DRIVER_FACTOR : 1);
    if (score >= PARTIAL_AT) hitScratch.push(q, score);
  }
  // Most blocks keep no hit: they share one empty list; others get an exact-size copy.
  return hitScratch.length === 0 ? NO_HITS : hitScratch.slice();
}

/** How much an explicit or inferred stage agrees with the question's stage. */
function stageFactor(context: BlockContext, questionStage: number, cueHit: boolean): number {
  // Without any stage, a passage can only partly answer a stage's question (unless it carries
  // that question's own stage cues): otherwise one passage would "cover" all four stages.
  if (context.stage < 0) return cueHit ? 0.9 : 0.6;
  const same = context.stage === questionStage;
  if (context.how === 'inferred') return same ? 0.95 : cueHit ? 0.8 : 0.55;
  if (context.how === 'document') return same ? 0.9 : cueHit ? 0.7 : 0.45;
  if (same) return 1;
  return cueHit ? 0.45 : 0.3;
}

/** Scores one question against one block; returns 0 when the block cannot answer it. */
function scoreQuestion(
  q: CompiledQuestion,
  own: number,
  context: number,
  entry: BlockEntry,
  block: Block,
  ctx: BlockContext,
  store: EntryStore,
): number {
  let weight = 0;
  let ownConcepts = 0;
  let matchedConcepts = 0;
  for (let c = 0; c < q.concepts.length; c++) {
    const concept = q.concepts[c] as CompiledConcept;
    const bit = 1 << c;
    if (own & bit) {
      weight += concept.weight;
      ownConcepts++;
      matchedConcepts++;
    } else if (context & bit) {
      weight += concept.weight * CONTEXT_WEIGHT;
      matchedConcepts++;
    } else if (concept.required) return 0;
  }
  if (ownConcepts === 0 || (q.concepts.length > 1 && matchedConcepts < 2)) return 0;
  let cueHit = false;
  const cues = cuesStart(entry);
  for (let k = cues; k < cues + entry.cueCount && !cueHit; k++) cueHit = store.data[k] === q.index;
  const lengthFactor = block.kind === 'heading' || entry.wordCount < 5 ? 0.6 : 1;
  return (weight / q.totalWeight) * stageFactor(ctx, q.stageIndex, cueHit) * lengthFactor;
}

function denseMasks(compiled: CompiledBank, entry: BlockEntry, store: EntryStore): Int32Array {
  if (!entry.dense) {
    entry.dense = new Int32Array(compiled.questions.length);
    const start = candidatesStart(entry);
    for (let k = start; k < start + 2 * entry.candidateCount; k += 2) {
      entry.dense[store.data[k] as number] = store.data[k + 1] as number;
    }
  }
  return entry.dense;
}

function sameContext(previous: Scoring, ctx: BlockContext, block: Block, entries: BlockEntry[]): boolean {
  if (previous.stage !== ctx.stage || previous.how !== ctx.how || previous.kind !== block.kind) return false;
  if (previous.serials.length !== ctx.context.length) return false;
  for (let k = 0; k < ctx.context.length; k++) {
    if (previous.serials[k] !== entries[ctx.context[k] as number]?.serial) return false;
  }
  return true;
}

function insertBest(list: TopBlocks, block: number, score: number, scoring: Scoring): void {
  // Keep the top few by score; ties go to the earlier block, so results are deterministic.
  const length = list.length;
  if (length >= MAX_EVIDENCE && score <= (list[MAX_EVIDENCE - 1] as { score: number }).score) return;
  let at = length;
  while (at > 0 && (list[at - 1] as { score: number }).score < score) at--;
  if (at >= MAX_EVIDENCE) return;
  const item = { block, score, scoring };
  if (length < MAX_EVIDENCE) list.push(item);
  for (let k = Math.min(length, MAX_EVIDENCE - 1); k > at; k--) list[k] = list[k - 1] as TopBlocks[number];
  list[at] = item;
}
