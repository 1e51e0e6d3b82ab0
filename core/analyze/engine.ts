import type { BankFile, BankQuestion } from '../bank/types';
import type { AutoStatus, Block, CellId, DocSnapshot, DriverId, StageId } from '../model';
import { allCellIds, cellId, DRIVERS, STAGES } from '../model';
import { detectPlan, type PlanSignals } from './plan';
import { blockFeatures, FEATURE, wordClass } from './plan-features';
import { IMPLEMENTATION_TERMS, OTHER_GENRES, PLAN_STRUCTURE_TERMS } from './plan-signals';
import type { CellResult, CoverageReport, Evidence, QuestionResult } from './report';
import { type BlockTerms, type ScannedTerms, scannedWords, TermIndex } from './terms';
import { STOP_WORDS, stem, words } from './text';

/**
 * The coverage engine: a bank and a document's blocks in, per-question and per-cell coverage with
 * evidence out. Deterministic, pure, and incremental: an Analyzer keeps the term matches of every
 * block text it has seen, so re-analysis after an edit only reads the blocks that changed.
 */

export const ANALYZER_VERSION = 1;

/** Score at or above which a question counts as covered / partly covered. */
export const COVERED_AT = 0.7;
export const PARTIAL_AT = 0.42;
const MAX_EVIDENCE = 3;
/** A concept met only by the heading trail or a table header counts for this much of its weight. */
const CONTEXT_WEIGHT = 0.5;
/** Score factor for a passage without any of the question's driver vocabulary nearby. */
const OFF_DRIVER_FACTOR = 0.6;
const SNIPPET_CHARS = 280;

interface CompiledConcept {
  terms: Set<number>;
  termList: number[];
  weight: number;
  required: boolean;
}

interface CompiledQuestion {
  question: BankQuestion;
  index: number;
  stageIndex: number;
  concepts: CompiledConcept[];
  totalWeight: number;
  stageCues: number[];
  /** Bits of the concepts an answer cannot lack. */
  requiredMask: number;
  /** This question's driver as a bit of DRIVERS (see BlockEntry.driverMask). */
  driverBit: number;
}

type SignalKind = 'structure' | 'implementation' | `genre:${string}`;

interface CompiledBank {
  bank: BankFile;
  index: TermIndex;
  questions: CompiledQuestion[];
  /** term → which concepts of which questions it matches, as parallel lists. */
  conceptsByTerm: Map<number, { questions: number[]; bits: number[] }>;
  /** term → stage index, for stage names (headings, columns, labels). */
  stageNames: Map<number, number>;
  /** Stage-name terms that are also a word of another stage's names ("implementation"). */
  genericStageNames: Set<number>;
  stageCues: Map<number, number[]>;
  /** term → questions that list it among their own stage cues. */
  cueQuestionsByTerm: Map<number, number[]>;
  signals: Map<number, SignalKind[]>;
  stageColumnWords: Set<string>;
  /** Everything known about each term id, in one array look-up (the hot path of readBlock). */
  termInfo: Array<TermInfo | undefined>;
  /** Per term id, the document pass that last counted it as a plan signal. */
  signalSeen: Int32Array;
  signalEpoch: number;
  /** Scratch list of the candidate questions of the block being read. */
  candidateScratch: Int32Array;
  /** Scratch stage-cue counts of the block being read. */
  cueCounts: Int32Array;
  /** Scratch space for one block's concept bits (always all zero between blocks). */
  scratch: Int32Array;
}

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

function compileBank(bank: BankFile): CompiledBank {
  const index = new TermIndex(wordClass);
  const conceptsByTerm = new Map<number, { questions: number[]; bits: number[] }>();
  const stageNames = new Map<number, number>();
  const stageCues = new Map<number, number[]>();
  const signals = new Map<number, SignalKind[]>();

  const nameWordsByStage = STAGES.map((stage) => new Set(bank.stages[stage].names.flatMap((n) => n.split(/\s+/))));
  const genericStageNames = new Set<number>();
  STAGES.forEach((stage, stageIndex) => {
    for (const name of bank.stages[stage].names) {
      const id = index.add(name);
      if (id < 0 || stageNames.has(id)) continue;
      stageNames.set(id, stageIndex);
      const single = !name.trim().includes(' ');
      if (single && nameWordsByStage.some((set, other) => other !== stageIndex && set.has(name.trim()))) {
        genericStageNames.add(id);
      }
    }
    for (const cue of bank.stages[stage].cues) addTo(stageCues, index.add(cue), stageIndex);
  });

  const questions = bank.questions.map((question, qIndex): CompiledQuestion => {
    const concepts = question.concepts.map((concept): CompiledConcept => {
      const termList = [...new Set(concept.terms.map((t) => index.add(t)).filter((id) => id >= 0))];
      return { terms: new Set(termList), termList, weight: concept.weight ?? 1, required: concept.required === true };
    });
    concepts.forEach((concept, c) => {
      for (const id of concept.terms) {
        const entry = conceptsByTerm.get(id) ?? { questions: [], bits: [] };
        entry.questions.push(qIndex);
        entry.bits.push(1 << c);
        conceptsByTerm.set(id, entry);
      }
    });
    return {
      question,
      index: qIndex,
      stageIndex: STAGES.indexOf(question.stage),
      concepts,
      totalWeight: concepts.reduce((sum, c) => sum + c.weight, 0) || 1,
      stageCues: (question.stageCues ?? []).map((t) => index.add(t)).filter((id) => id >= 0),
      requiredMask: concepts.reduce((mask, c, i) => (c.required ? mask | (1 << i) : mask), 0),
      driverBit: 1 << DRIVERS.indexOf(question.driver),
    };
  });

  // Driver vocabulary: a passage must be about a question's driver (in its words or headings).
  const driverTerms = new Map<number, number>();
  DRIVERS.forEach((driver, d) => {
    for (const term of bank.drivers[driver].terms) {
      const id = index.add(term);
      if (id >= 0) driverTerms.set(id, (driverTerms.get(id) ?? 0) | (1 << d));
    }
  });
  const cueQuestionsByTerm = new Map<number, number[]>();
  for (const q of questions) for (const id of q.stageCues) addTo(cueQuestionsByTerm, id, q.index);

  for (const term of PLAN_STRUCTURE_TERMS) addTo(signals, index.add(term), 'structure' as SignalKind);
  for (const term of IMPLEMENTATION_TERMS) addTo(signals, index.add(term), 'implementation' as SignalKind);
  for (const [genre, terms] of Object.entries(OTHER_GENRES)) {
    for (const term of terms) addTo(signals, index.add(term), `genre:${genre}` as SignalKind);
  }
  return {
    bank,
    index,
    questions,
    conceptsByTerm,
    stageNames,
    genericStageNames,
    stageCues,
    cueQuestionsByTerm,
    signals,
    stageColumnWords: new Set(['stage', 'phase'].map(stem)),
    scratch: new Int32Array(questions.length),
    cueCounts: new Int32Array(STAGES.length),
    candidateScratch: new Int32Array(questions.length),
    signalSeen: new Int32Array(index.size),
    signalEpoch: 0,
    termInfo: buildTermInfo(
      index.size,
      conceptsByTerm,
      cueQuestionsByTerm,
      signals,
      stageCues,
      stageNames,
      driverTerms,
    ),
  };
}

interface TermInfo {
  /** Drivers whose vocabulary contains this term, as bits of DRIVERS. */
  drivers: number;
  concepts: { questions: number[]; bits: number[] } | undefined;
  cueQuestions: number[] | undefined;
  cueStages: number[] | undefined;
  signal: boolean;
  /** Stage this term names, or -1. */
  stageName: number;
}

function buildTermInfo(
  size: number,
  concepts: Map<number, { questions: number[]; bits: number[] }>,
  cueQuestions: Map<number, number[]>,
  signals: Map<number, SignalKind[]>,
  cueStages: Map<number, number[]>,
  stageNames: Map<number, number>,
  driverTerms: Map<number, number>,
): Array<TermInfo | undefined> {
  const infos = new Array<TermInfo | undefined>(size);
  for (let id = 0; id < size; id++) {
    const info: TermInfo = {
      drivers: driverTerms.get(id) ?? 0,
      concepts: concepts.get(id),
      cueQuestions: cueQuestions.get(id),
      cueStages: cueStages.get(id),
      signal: signals.has(id),
      stageName: stageNames.get(id) ?? -1,
    };
    const useful =
      info.drivers !== 0 || info.concepts || info.cueQuestions || info.cueStages || info.signal || info.stageName >= 0;
    infos[id] = useful ? info : undefined;
  }
  return infos;
}

function addTo<V>(map: Map<number, V[]>, key: number, value: V): void {
  if (key < 0) return;
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** What the engine remembers about one distinct block text. */
interface BlockEntry {
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

type StageHow = 'heading' | 'column' | 'row' | 'label' | 'inferred' | 'document' | 'none';

interface BlockContext {
  stage: number;
  how: StageHow;
  /** Blocks whose words count as context: heading trail, column and row headers. */
  context: number[];
  anchor?: string;
  sectionTitle: string;
}

export interface Analyzer {
  analyze(snapshot: DocSnapshot): CoverageReport;
  readonly bank: BankFile;
}

const compiledBanks = new WeakMap<BankFile, CompiledBank>();

/** Compiling a bank builds its term index once; every analyzer of the same bank object shares it. */
function compiledFor(bank: BankFile): CompiledBank {
  let compiled = compiledBanks.get(bank);
  if (!compiled) {
    compiled = compileBank(bank);
    compiledBanks.set(bank, compiled);
  }
  return compiled;
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

function readBlock(compiled: CompiledBank, text: string, serial: number): BlockEntry {
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

const cellKey = (table: number, row: number, col: number): number =>
  (table * 100_000 + row) * 1_000 + Math.min(col, 999);

/** Heading trail, table headers and the stage each block belongs to, in one pass. */
function buildContexts(blocks: Block[], entries: BlockEntry[]): BlockContext[] {
  const headerCells = new Map<number, number>();
  const stageColumns = new Map<number, number>();
  blocks.forEach((block, i) => {
    if (!block.table) return;
    headerCells.set(cellKey(block.table.index, block.table.row, block.table.col), i);
    if (block.table.row === 0 && entries[i]?.stageColumnHeader) stageColumns.set(block.table.index, block.table.col);
  });

  const trail: number[] = [];
  // What the trail implies is shared by every block under the same headings; rebuilt on change.
  let section = sectionOf(trail, blocks, entries);
  return blocks.map((block, i): BlockContext => {
    const entry = entries[i] as BlockEntry;
    if (block.kind === 'heading') {
      const level = block.level ?? 1;
      const before = trail.length;
      while (trail.length && (blocks[trail[trail.length - 1] ?? 0]?.level ?? 1) >= level) trail.pop();
      if (trail.length !== before) section = sectionOf(trail, blocks, entries);
    }
    let { stage, how } = section;
    let context = section.context;
    if (block.table) {
      const { index, row, col } = block.table;
      const columnHeader = row > 0 ? headerCells.get(cellKey(index, 0, col)) : undefined;
      const rowHeader = col > 0 ? headerCells.get(cellKey(index, row, 0)) : undefined;
      const stageCol = stageColumns.get(index);
      const stageCell = stageCol !== undefined && row > 0 ? headerCells.get(cellKey(index, row, stageCol)) : undefined;
      if (columnHeader !== undefined || rowHeader !== undefined) {
        context = [...context];
        if (columnHeader !== undefined) context.push(columnHeader);
        if (rowHeader !== undefined) context.push(rowHeader);
      }
      const fromStageCell = stageCell !== undefined ? (entries[stageCell]?.anyStage ?? -1) : -1;
      const fromColumn = columnHeader !== undefined ? (entries[columnHeader]?.labelStage ?? -1) : -1;
      const fromRow = rowHeader !== undefined ? (entries[rowHeader]?.labelStage ?? -1) : -1;
      if (fromStageCell >= 0) {
        stage = fromStageCell;
        how = 'row';
      } else if (fromColumn >= 0) {
        stage = fromColumn;
        how = 'column';
      } else if (fromRow >= 0) {
        stage = fromRow;
        how = 'row';
      }
    }
    if (entry.labelStage >= 0 && block.kind !== 'heading') {
      stage = entry.labelStage;
      how = 'label';
    }
    if (stage < 0 && entry.cueStage >= 0) {
      stage = entry.cueStage;
      how = 'inferred';
    }
    const result: BlockContext = { stage, how, context, sectionTitle: section.title };
    const anchor = block.anchor ?? section.anchor;
    if (anchor) result.anchor = anchor;
    if (block.kind === 'heading') {
      trail.push(i);
      section = sectionOf(trail, blocks, entries);
    }
    return result;
  });
}

/**
 * A plan that says "Current stage: Installation" and organizes nothing else by stage is, passage by
 * passage, about that stage: passages with no stage of their own take the declared one.
 */
function applyDocumentStage(blocks: Block[], entries: BlockEntry[], contexts: BlockContext[]): void {
  const declared = entries.find((e) => e.declaredStage >= 0)?.declaredStage ?? -1;
  if (declared < 0) return;
  const structured = contexts.some((c) => c.how === 'heading' || c.how === 'column' || c.how === 'row');
  if (structured) return;
  contexts.forEach((ctx, i) => {
    if (ctx.stage < 0 && blocks[i]?.kind !== 'heading') {
      ctx.stage = declared;
      ctx.how = 'document';
    }
  });
}

interface Section {
  context: number[];
  stage: number;
  how: StageHow;
  anchor: string | undefined;
  title: string;
}

/** The nearest stage heading, nearest anchored heading and title of the current heading trail. */
function sectionOf(trail: number[], blocks: Block[], entries: BlockEntry[]): Section {
  let stage = -1;
  let anchor: string | undefined;
  for (let t = trail.length - 1; t >= 0; t--) {
    const index = trail[t] as number;
    if (stage < 0 && (entries[index]?.labelStage ?? -1) >= 0) stage = entries[index]?.labelStage ?? -1;
    anchor ??= blocks[index]?.anchor;
  }
  const last = trail[trail.length - 1];
  return {
    context: [...trail],
    stage,
    how: stage >= 0 ? 'heading' : 'none',
    anchor,
    title: last !== undefined ? (blocks[last]?.text ?? '') : '',
  };
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

function buildReport(
  compiled: CompiledBank,
  snapshot: DocSnapshot,
  entries: BlockEntry[],
  memo: Array<QuestionMemo | undefined>,
): CoverageReport {
  const blocks = snapshot.blocks;
  const contexts = buildContexts(blocks, entries);
  applyDocumentStage(blocks, entries, contexts);
  const best: Array<Array<{ block: number; score: number }>> = compiled.questions.map(() => []);

  blocks.forEach((block, i) => {
    const entry = entries[i] as BlockEntry;
    const ctx = contexts[i] as BlockContext;
    if (entry.candidates.length === 0) return;
    if (!entry.scored || !sameContext(entry.scored.context, ctx, block, entries)) {
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
      entry.scored = { context: scoredContext(ctx, block, entries), hits };
    }
    const hits = entry.scored.hits;
    for (let k = 0; k < hits.length; k += 2) {
      insertBest(best[hits[k] as number] as Array<{ block: number; score: number }>, i, hits[k + 1] as number);
    }
  });

  const read: EvidenceReader = (i) => {
    const entry = entries[i] as BlockEntry;
    entry.terms ??= termsOf(entry, blocks[i]?.text ?? '');
    return entry.terms;
  };
  const questions = compiled.questions.map((q, qi) =>
    questionResult(compiled, q, best[qi] ?? [], blocks, entries, contexts, read, memo),
  );
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

function denseMasks(compiled: CompiledBank, entry: BlockEntry): Int32Array {
  if (!entry.dense) {
    entry.dense = new Int32Array(compiled.questions.length);
    for (let k = 0; k < entry.candidates.length; k += 2) {
      entry.dense[entry.candidates[k] as number] = entry.candidates[k + 1] as number;
    }
  }
  return entry.dense;
}

/** Everything a block's scores depend on besides its own text; equal ones reuse the last scores. */
interface ScoredContext {
  stage: number;
  how: StageHow;
  kind: Block['kind'];
  serials: number[];
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

function insertBest(list: Array<{ block: number; score: number }>, block: number, score: number): void {
  // Keep the top few by score; ties go to the earlier block, so results are deterministic.
  if (list.length >= MAX_EVIDENCE && score <= (list[MAX_EVIDENCE - 1] as { score: number }).score) return;
  let at = list.length;
  while (at > 0 && (list[at - 1]?.score ?? 0) < score) at--;
  if (at >= MAX_EVIDENCE) return;
  list.splice(at, 0, { block, score });
  if (list.length > MAX_EVIDENCE) list.pop();
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** A block's full term matches, rebuilt from what the entry kept plus its words (no new scan). */
function termsOf(entry: BlockEntry, text: string): BlockTerms {
  const found = new Map<number, number>();
  for (let k = 0; k < entry.found.length; k += 2) found.set(entry.found[k] as number, entry.found[k + 1] as number);
  return { words: words(text), found };
}

/** Term matches of the few blocks cited as evidence, read again on demand (not kept per block). */
type EvidenceReader = (blockIndex: number) => BlockTerms;

/** What a question's result was built from; the same inputs give the same (reused) result. */
interface QuestionMemo {
  from: Array<{
    entry: BlockEntry;
    scored: BlockEntry['scored'];
    blockId: string;
    anchor: string | undefined;
    score: number;
  }>;
  result: QuestionResult;
}

function questionResult(
  compiled: CompiledBank,
  q: CompiledQuestion,
  best: Array<{ block: number; score: number }>,
  blocks: Block[],
  entries: BlockEntry[],
  contexts: BlockContext[],
  read: EvidenceReader,
  memo: Array<QuestionMemo | undefined>,
): QuestionResult {
  const from = best.map(({ block, score }) => {
    const entry = entries[block] as BlockEntry;
    return { entry, scored: entry.scored, blockId: blocks[block]?.id ?? '', anchor: contexts[block]?.anchor, score };
  });
  const previous = memo[q.index];
  if (previous && sameSources(previous.from, from)) return previous.result;
  const top = best[0]?.score ?? 0;
  const status: AutoStatus = top >= COVERED_AT ? 'covered' : top >= PARTIAL_AT ? 'partial' : 'unanswered';
  const evidence = best.map(({ block, score }) =>
    evidenceFor(compiled, q, blocks[block] as Block, read(block), contexts[block] as BlockContext, score),
  );
  const topBlock = best[0]?.block;
  const result: QuestionResult = {
    questionId: q.question.id,
    cell: cellId(q.question.driver, q.question.stage),
    driver: q.question.driver,
    stage: q.question.stage,
    status,
    score: round(top),
    evidence,
    reasons:
      topBlock === undefined
        ? reasonsFor(compiled, q, undefined, undefined, [])
        : reasonsFor(compiled, q, read(topBlock), contexts[topBlock], contextTerms(topBlock, contexts, read)),
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
      x.scored === y.scored &&
      x.blockId === y.blockId &&
      x.anchor === y.anchor &&
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
  for (const [t, at] of terms.found) {
    if (q.concepts.some((concept) => concept.terms.has(t))) positions.push([at, compiled.index.length(t)]);
  }
  positions.sort((a, b) => a[0] - b[0]);
  const matched = [...new Set(positions.map(([at, length]) => terms.words.slice(at, at + length).join(' ')))];
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

const HOW_TEXT: Record<StageHow, string> = {
  heading: 'under a stage heading',
  column: 'in a stage column',
  row: 'in a stage row',
  label: 'labelled with the stage',
  inferred: 'stage inferred from the activity',
  document: 'the stage the plan says the team is in',
  none: 'no stage stated',
};

function reasonsFor(
  compiled: CompiledBank,
  q: CompiledQuestion,
  terms: BlockTerms | undefined,
  ctx: BlockContext | undefined,
  context: BlockTerms[],
): string[] {
  if (!terms || !ctx) return ['No passage in the plan talks about this question’s key ideas together.'];
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
  const reasons = [`The passage mentions ${inPassage.join(', ')}.`];
  if (inHeadings.length) reasons.push(`Its heading or table header adds ${inHeadings.join(', ')}.`);
  if (missing.length) reasons.push(`Nothing nearby mentions ${missing.join(', ')}.`);
  const stageName = ctx.stage >= 0 ? compiled.bank.stages[STAGES[ctx.stage] as StageId].label : '';
  reasons.push(stageName ? `Stage: ${stageName} (${HOW_TEXT[ctx.how]}).` : 'Stage: not stated near the passage.');
  if (ctx.sectionTitle) reasons.push(`Section: “${ctx.sectionTitle}”.`);
  return reasons;
}

/** The words of the text where a term matched ("coaches" for the term "coach"). */
function surface(compiled: CompiledBank, terms: BlockTerms, termId: number): string {
  const at = terms.found.get(termId) ?? 0;
  return terms.words.slice(at, at + compiled.index.length(termId)).join(' ');
}

function cellResults(questions: QuestionResult[]): Record<CellId, CellResult> {
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

const FEATURE_NAMES = Object.keys(FEATURE) as Array<keyof typeof FEATURE>;

function collectSignals(
  compiled: CompiledBank,
  blocks: Block[],
  entries: BlockEntry[],
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
  blocks.forEach((block, i) => {
    const entry = entries[i] as BlockEntry;
    wordCount += entry.wordCount;
    if (block.kind !== 'heading' && entry.wordCount >= 4) {
      featureBlocks.content++;
      if (entry.features !== 0)
        for (const name of FEATURE_NAMES) if (entry.features & FEATURE[name]) featureBlocks[name]++;
    }
    for (const termId of entry.signalTerms) {
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
  const drivers = new Set<DriverId>();
  const coveredDrivers = new Set<DriverId>();
  for (const q of questions) {
    if (q.status !== 'unanswered') drivers.add(q.driver);
    if (q.status === 'covered') coveredDrivers.add(q.driver);
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
    driversCovered: coveredDrivers.size,
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
