import type { Block } from '../model';
import type { BlockEntry, ScoredContext } from './block';
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

/** A question's best blocks so far, best first (at most MAX_EVIDENCE). */
export type TopBlocks = Array<{ block: number; score: number }>;

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
): TopBlocks[] {
  const best: TopBlocks[] = compiled.questions.map(() => []);
  blocks.forEach((block, i) => {
    const entry = entries[i] as BlockEntry;
    const ctx = contexts[i] as BlockContext;
    if (entry.candidates.length === 0) return;
    if (!entry.scored || !sameContext(entry.scored.context, ctx, block, entries)) {
      const hits = scoreCandidates(compiled, block, entry, ctx, entries);
      entry.scored = { context: scoredContext(ctx, block, entries), hits };
    }
    const hits = entry.scored.hits;
    for (let k = 0; k < hits.length; k += 2) {
      insertBest(best[hits[k] as number] as TopBlocks, i, hits[k + 1] as number);
    }
  });
  return best;
}

/** Scores the questions a block's words touch, as flattened [question, score] pairs (kept ones only). */
function scoreCandidates(
  compiled: CompiledBank,
  block: Block,
  entry: BlockEntry,
  ctx: BlockContext,
  entries: BlockEntry[],
): number[] {
  const hits: number[] = [];
  const contextMasks = ctx.context.map((c) => denseMasks(compiled, entries[c] as BlockEntry));
  const candidates = entry.candidates;
  let drivers = entry.driverMask;
  for (const c of ctx.context) drivers |= (entries[c] as BlockEntry).driverMask;
  for (let k = 0; k < candidates.length; k += 2) {
    const q = candidates[k] as number;
    const question = compiled.questions[q] as CompiledQuestion;
    const own = candidates[k + 1] as number;
    let context = 0;
    for (let c = 0; c < contextMasks.length; c++) context |= (contextMasks[c] as Int32Array)[q] as number;
    const seen = own | context;
    // Cheap rejections first: a required concept missing, or fewer than two concepts met.
    if ((seen & question.requiredMask) !== question.requiredMask) continue;
    if (question.concepts.length > 1 && (seen & (seen - 1)) === 0) continue;
    // A passage that never uses the driver's vocabulary (nor do its headings) is weaker
    // evidence for that driver's question: broad concept words alone should not cover it.
    const offDriver = (drivers & question.driverBit) === 0;
    const score = scoreQuestion(question, own, context, entry, block, ctx) * (offDriver ? OFF_DRIVER_FACTOR : 1);
    if (score >= PARTIAL_AT) hits.push(q, score);
  }
  return hits;
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
  const cueHit = entry.cueQuestions.includes(q.index);
  const lengthFactor = block.kind === 'heading' || entry.wordCount < 5 ? 0.6 : 1;
  return (weight / q.totalWeight) * stageFactor(ctx, q.stageIndex, cueHit) * lengthFactor;
}

function denseMasks(compiled: CompiledBank, entry: BlockEntry): Int32Array {
  if (!entry.dense) {
    entry.dense = new Int32Array(compiled.questions.length);
    for (let k = 0; k < entry.candidates.length; k += 2) {
      entry.dense[entry.candidates[k] as number] = entry.candidates[k + 1] as number;
    }
  }
  return entry.dense;
}

function scoredContext(ctx: BlockContext, block: Block, entries: BlockEntry[]): ScoredContext {
  return {
    stage: ctx.stage,
    how: ctx.how,
    kind: block.kind,
    serials: ctx.context.map((c) => entries[c]?.serial ?? -1),
  };
}

function sameContext(previous: ScoredContext, ctx: BlockContext, block: Block, entries: BlockEntry[]): boolean {
  if (previous.stage !== ctx.stage || previous.how !== ctx.how || previous.kind !== block.kind) return false;
  if (previous.serials.length !== ctx.context.length) return false;
  for (let k = 0; k < ctx.context.length; k++) {
    if (previous.serials[k] !== entries[ctx.context[k] as number]?.serial) return false;
  }
  return true;
}

function insertBest(list: TopBlocks, block: number, score: number): void {
  // Keep the top few by score; ties go to the earlier block, so results are deterministic.
  if (list.length >= MAX_EVIDENCE && score <= (list[MAX_EVIDENCE - 1] as { score: number }).score) return;
  let at = list.length;
  while (at > 0 && (list[at - 1]?.score ?? 0) < score) at--;
  if (at >= MAX_EVIDENCE) return;
  list.splice(at, 0, { block, score });
  if (list.length > MAX_EVIDENCE) list.pop();
}
