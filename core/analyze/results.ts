import type { AutoStatus, Block, CellId } from '../model';
import { allCellIds, cellId, STAGES } from '../model';
import type { BlockEntry, EntryStore, Scoring } from './block';
import type { CompiledBank, CompiledQuestion } from './compile';
import type { BlockContext } from './context';
import { reasonTexts } from './reasons';
import type { CellResult, Evidence, QuestionResult, Reason } from './report';
import type { TopBlocks } from './score';
import type { BlockTerms } from './terms';
import { words } from './text';
import { COVERED_AT, PARTIAL_AT } from './thresholds';

/**
 * Results as the user sees them: each question's status, evidence snippets and plain-language
 * reasons, and each cell's status derived from its questions. Memoized per question, so an edit
 * rebuilds only the results whose sources changed.
 */

const SNIPPET_CHARS = 280;

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Every question's result from its best blocks; term matches are read only for cited blocks. */
export function questionResults(
  compiled: CompiledBank,
  best: TopBlocks[],
  blocks: Block[],
  entries: BlockEntry[],
  contexts: BlockContext[],
  store: EntryStore,
  memo: Array<QuestionMemo | undefined>,
): QuestionResult[] {
  const read = evidenceReader(blocks, entries, store);
  return compiled.questions.map((q, qi) =>
    questionResult(compiled, q, best[qi] ?? [], blocks, entries, contexts, read, memo),
  );
}

/** Term matches of the few blocks cited as evidence, read again on demand (not kept per block). */
type EvidenceReader = (blockIndex: number) => BlockTerms;

/** Reads a block's term matches on first use and keeps them on its entry for later analyses. */
function evidenceReader(blocks: Block[], entries: BlockEntry[], store: EntryStore): EvidenceReader {
  return (i) => {
    const entry = entries[i] as BlockEntry;
    entry.terms ??= termsOf(entry, store, blocks[i]?.text ?? '');
    return entry.terms;
  };
}

/** A block's full term matches, rebuilt from what the entry kept plus its words (no new scan). */
function termsOf(entry: BlockEntry, store: EntryStore, text: string): BlockTerms {
  const found = new Map<number, number>();
  const data = store.data;
  for (let k = entry.at; k < entry.at + 2 * entry.foundCount; k += 2)
    found.set(data[k] as number, data[k + 1] as number);
  return { words: words(text), found };
}

/** What a question's result was built from; the same inputs give the same (reused) result. */
export interface QuestionMemo {
  from: Array<{
    entry: BlockEntry;
    scoring: Scoring;
    blockId: string;
    anchor: string | undefined;
    sectionTitle: string | undefined;
    score: number;
  }>;
  result: QuestionResult;
}

function questionResult(
  compiled: CompiledBank,
  q: CompiledQuestion,
  best: TopBlocks,
  blocks: Block[],
  entries: BlockEntry[],
  contexts: BlockContext[],
  read: EvidenceReader,
  memo: Array<QuestionMemo | undefined>,
): QuestionResult {
  const from = best.map(({ block, score, scoring }) => ({
    entry: entries[block] as BlockEntry,
    scoring,
    blockId: blocks[block]?.id ?? '',
    anchor: contexts[block]?.anchor,
    sectionTitle: contexts[block]?.sectionTitle,
    score,
  }));
  const previous = memo[q.index];
  if (previous && sameSources(previous.from, from)) return previous.result;
  const top = best[0]?.score ?? 0;
  const status: AutoStatus = top >= COVERED_AT ? 'covered' : top >= PARTIAL_AT ? 'partial' : 'unanswered';
  const evidence = best.map(({ block, score }) =>
    evidenceFor(compiled, q, blocks[block] as Block, read(block), contexts[block] as BlockContext, score),
  );
  const topBlock = best[0]?.block;
  const reasonCodes =
    topBlock === undefined
      ? reasonsFor(compiled, q, undefined, undefined, [])
      : reasonsFor(compiled, q, read(topBlock), contexts[topBlock], contextTerms(topBlock, contexts, read));
  const result: QuestionResult = {
    questionId: q.question.id,
    cell: cellId(q.question.driver, q.question.stage),
    driver: q.question.driver,
    stage: q.question.stage,
    status,
    score: round(top),
    evidence,
    reasons: reasonTexts(reasonCodes, (stage) => compiled.bank.stages[stage].label),
    reasonCodes,
  };
  memo[q.index] = { from, result };
  return result;
}

function sameSources(a: QuestionMemo['from'], b: QuestionMemo['from']): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    return (
      !!y &&
      x.entry === y.entry &&
      x.scoring === y.scoring &&
      x.blockId === y.blockId &&
      x.anchor === y.anchor &&
      x.sectionTitle === y.sectionTitle &&
      x.score === y.score
    );
  });
}

/** Term matches of a block's context (heading trail and table headers). */
function contextTerms(block: number, contexts: BlockContext[], read: EvidenceReader): BlockTerms[] {
  return (contexts[block]?.context ?? []).map(read);
}

function evidenceFor(
  compiled: CompiledBank,
  q: CompiledQuestion,
  block: Block,
  terms: BlockTerms,
  ctx: BlockContext,
  score: number,
): Evidence {
  // A block has a handful of terms and a question dozens: walk the block's, test the question's.
  const positions: Array<[number, number]> = [];
  terms.found.forEach((at, t) => {
    if (q.termSet.has(t)) positions.push([at, compiled.index.length(t)]);
  });
  // Stable insertion sort by position (a handful of entries; Array#sort allocates a work copy).
  for (let i = 1; i < positions.length; i++) {
    const item = positions[i] as [number, number];
    let j = i;
    for (; j > 0 && (positions[j - 1] as [number, number])[0] > item[0]; j--)
      positions[j] = positions[j - 1] as [number, number];
    positions[j] = item;
  }
  const matched: string[] = [];
  for (const [at, length] of positions) {
    const text = length === 1 ? (terms.words[at] ?? '') : terms.words.slice(at, at + length).join(' ');
    if (!matched.includes(text)) matched.push(text);
  }
  const evidence: Evidence = {
    blockId: block.id,
    snippet: snippet(block.text, matched),
    score: round(score),
    terms: matched,
  };
  if (ctx.anchor) evidence.anchor = ctx.anchor;
  return evidence;
}

/** The block's text, or a window of it around the first matched term. */
function snippet(text: string, terms: string[]): string {
  if (text.length <= SNIPPET_CHARS) return text;
  const lower = text.toLowerCase();
  const first = terms.map((t) => lower.indexOf(t.split(' ')[0] ?? '')).filter((i) => i >= 0);
  const center = first.length ? Math.min(...first) : 0;
  const start = Math.max(0, Math.min(center - 60, text.length - SNIPPET_CHARS));
  const end = Math.min(text.length, start + SNIPPET_CHARS);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/**
 * Why the question counts as it does, as data: what the best passage mentions, what its context
 * adds, what nothing nearby mentions, its stage and section. Run for each (re)built question result
 * only, reading the top block's terms that evidence already read.
 */
function reasonsFor(
  compiled: CompiledBank,
  q: CompiledQuestion,
  terms: BlockTerms | undefined,
  ctx: BlockContext | undefined,
  context: BlockTerms[],
): Reason[] {
  if (!terms || !ctx) return [{ kind: 'noPassage' }];
  const inPassage: string[] = [];
  const inHeadings: string[] = [];
  const missing: string[] = [];
  q.concepts.forEach((concept, c) => {
    const label = q.question.concepts[c]?.terms[0] ?? '';
    const own = concept.termList.find((t) => terms.found.has(t));
    if (own !== undefined) inPassage.push(surface(compiled, terms, own));
    else if (context.some((ct) => concept.termList.some((t) => ct.found.has(t)))) inHeadings.push(label);
    else missing.push(label);
  });
  const reasons: Reason[] = [{ kind: 'mentions', terms: inPassage }];
  if (inHeadings.length) reasons.push({ kind: 'headingAdds', concepts: inHeadings });
  if (missing.length) reasons.push({ kind: 'missing', concepts: missing });
  const stage = STAGES[ctx.stage];
  reasons.push(stage ? { kind: 'stage', stage, how: ctx.how } : { kind: 'stageUnknown' });
  if (ctx.sectionTitle) reasons.push({ kind: 'section', title: ctx.sectionTitle });
  return reasons;
}

/** The words of the text where a term matched ("coaches" for the term "coach"). */
function surface(compiled: CompiledBank, terms: BlockTerms, termId: number): string {
  const at = terms.found.get(termId) ?? 0;
  return terms.words.slice(at, at + compiled.index.length(termId)).join(' ');
}

/** Cell results from question statuses (automatic ones, or effective ones with manual answers). */
export function cellResults(questions: readonly Pick<QuestionResult, 'cell' | 'status'>[]): Record<CellId, CellResult> {
  const cells = {} as Record<CellId, CellResult>;
  for (const id of allCellIds()) cells[id] = { status: 'unanswered', score: 0, covered: 0, partial: 0, total: 0 };
  for (const q of questions) {
    const cell = cells[q.cell];
    cell.total++;
    if (q.status === 'covered') cell.covered++;
    else if (q.status === 'partial') cell.partial++;
    cell.score += q.status === 'covered' ? 1 : q.status === 'partial' ? 0.5 : 0;
  }
  for (const cell of Object.values(cells)) {
    cell.score = cell.total ? round(cell.score / cell.total) : 0;
    cell.status = cellStatus(cell);
  }
  return cells;
}

/**
 * A cell is covered when at least half its questions are; partly covered when one question is
 * covered or two are partly covered; otherwise unanswered: a single weak match does not count as
 * the plan addressing that driver at that stage (the question itself still shows as partial).
 */
export function cellStatus(cell: Pick<CellResult, 'covered' | 'partial' | 'total'>): AutoStatus {
  if (cell.total > 0 && cell.covered * 2 >= cell.total) return 'covered';
  if (cell.covered >= 1 || cell.partial >= 2) return 'partial';
  return 'unanswered';
}
