import type { BankFile, BankQuestion } from '../bank/types';
import { DRIVERS, STAGES } from '../model';
import { wordClass } from './plan-features';
import { IMPLEMENTATION_TERMS, OTHER_GENRES, PLAN_STRUCTURE_TERMS } from './plan-signals';
import { TermIndex } from './terms';
import { stem } from './text';

/**
 * A bank compiled for matching: every term in one index, and per term id everything the block
 * reader needs, so reading a block costs one array look-up per term found.
 */

export interface CompiledConcept {
  terms: Set<number>;
  termList: number[];
  weight: number;
  required: boolean;
}

export interface CompiledQuestion {
  question: BankQuestion;
  index: number;
  stageIndex: number;
  concepts: CompiledConcept[];
  /** The terms of all its concepts. */
  termSet: Set<number>;
  totalWeight: number;
  stageCues: number[];
  /** Bits of the concepts an answer cannot lack. */
  requiredMask: number;
  /** This question's driver as a bit of DRIVERS (see BlockEntry.driverMask). */
  driverBit: number;
}

type SignalKind = 'structure' | 'implementation' | `genre:${string}`;

export interface CompiledBank {
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
  /** Everything the block reader needs about each term id. */
  terms: TermTable;
  /** Per term id, the document pass that last counted it as a plan signal. */
  signalSeen: Int32Array;
  signalEpoch: number;
  /** Per question: the bits of its required concepts, and 1 when it has several concepts. */
  requiredMasks: Int32Array;
  multiConcept: Uint8Array;
  /** Scratch list of the candidate questions of the block being read. */
  candidateScratch: Int32Array;
  /** Scratch lists of the cue questions and signal terms of the block being read. */
  cueScratch: Int32Array;
  signalScratch: Int32Array;
  /** Scratch stage-cue counts of the block being read. */
  cueCounts: Int32Array;
  /** Scratch space for one block's concept bits (always all zero between blocks). */
  scratch: Int32Array;
}

const compiledBanks = new WeakMap<BankFile, CompiledBank>();

/** Compiling a bank builds its term index once; every analyzer of the same bank object shares it. */
export function compiledFor(bank: BankFile): CompiledBank {
  let compiled = compiledBanks.get(bank);
  if (!compiled) {
    compiled = compileBank(bank);
    compiledBanks.set(bank, compiled);
  }
  return compiled;
}

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
      termSet: new Set(concepts.flatMap((c) => c.termList)),
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
    requiredMasks: Int32Array.from(questions, (q) => q.requiredMask),
    multiConcept: Uint8Array.from(questions, (q) => (q.concepts.length > 1 ? 1 : 0)),
    candidateScratch: new Int32Array(questions.length),
    cueScratch: new Int32Array(questions.length),
    signalScratch: new Int32Array(index.size),
    signalSeen: new Int32Array(index.size),
    signalEpoch: 0,
    terms: buildTermTable(index.size, conceptsByTerm, cueQuestionsByTerm, signals, stageCues, stageNames, driverTerms),
  };
}

/**
 * What the block reader needs per term id, in flat arrays (the hot path of readBlock reads them
 * for every term found): drivers, the [question, concept bit] pairs the term matches, and the
 * rarer facts (stage cues, signals, stage names) behind one flag.
 */
export interface TermTable {
  /** Drivers whose vocabulary contains the term, as bits of DRIVERS. */
  drivers: Int32Array;
  /** Term t matches concept bit conceptBits[k] of question conceptQuestions[k], for k in conceptStart[t]..conceptStart[t+1]. */
  conceptStart: Int32Array;
  conceptQuestions: Int32Array;
  conceptBits: Int32Array;
  /** 1 when `rare` holds something for the term. */
  hasRare: Uint8Array;
  rare: Array<RareTermInfo | undefined>;
}

export interface RareTermInfo {
  /** Questions that list the term among their own stage cues. */
  cueQuestions: number[] | undefined;
  /** Stages the term is an activity cue of. */
  cueStages: number[] | undefined;
  signal: boolean;
  /** Stage this term names, or -1. */
  stageName: number;
}

function buildTermTable(
  size: number,
  concepts: Map<number, { questions: number[]; bits: number[] }>,
  cueQuestions: Map<number, number[]>,
  signals: Map<number, SignalKind[]>,
  cueStages: Map<number, number[]>,
  stageNames: Map<number, number>,
  driverTerms: Map<number, number>,
): TermTable {
  const drivers = new Int32Array(size);
  const conceptStart = new Int32Array(size + 1);
  const pairCount = [...concepts.values()].reduce((sum, p) => sum + p.questions.length, 0);
  const conceptQuestions = new Int32Array(pairCount);
  const conceptBits = new Int32Array(pairCount);
  const hasRare = new Uint8Array(size);
  const rare = new Array<RareTermInfo | undefined>(size).fill(undefined);
  let pairs = 0;
  for (let id = 0; id < size; id++) {
    drivers[id] = driverTerms.get(id) ?? 0;
    conceptStart[id] = pairs;
    const matched = concepts.get(id);
    if (matched)
      for (let k = 0; k < matched.questions.length; k++) {
        conceptQuestions[pairs] = matched.questions[k] as number;
        conceptBits[pairs++] = matched.bits[k] as number;
      }
    const info: RareTermInfo = {
      cueQuestions: cueQuestions.get(id),
      cueStages: cueStages.get(id),
      signal: signals.has(id),
      stageName: stageNames.get(id) ?? -1,
    };
    if (info.cueQuestions || info.cueStages || info.signal || info.stageName >= 0) {
      hasRare[id] = 1;
      rare[id] = info;
    }
  }
  conceptStart[size] = pairs;
  return { drivers, conceptStart, conceptQuestions, conceptBits, hasRare, rare };
}

function addTo<V>(map: Map<number, V[]>, key: number, value: V): void {
  if (key < 0) return;
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
