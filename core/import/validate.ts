import type { PlanSignals } from '../analyze/plan';
import { copyReasons, isReason, isReasonKind } from '../analyze/reasons';
import type { CoverageReport, QuestionResult } from '../analyze/report';
import type { HistorySnapshot, OverrideRecord } from '../coverage/types';
import { NOTE_MAX_CHARS } from '../coverage/types';
import { allCellIds, DRIVERS, isDriverId, isOverrideStatus, isQuestionId, isStageId, STAGES } from '../model';
import { type DocumentRecord, isDocKey, isReadFailure, isSiteId, LIMITS } from '../protocol';

/**
 * Shape checks for data that arrives from outside (an import file): each check records where
 * the first problems are, as a path a person can find in the file ("documents[2].record.title").
 * Imported data reaches the store and the UI only after passing these.
 */
export class Problems {
  readonly list: string[] = [];
  constructor(private readonly max = 5) {}
  add(path: string, problem: string): false {
    if (this.list.length < this.max) this.list.push(`${path} ${problem}`);
    return false;
  }
  get full(): boolean {
    return this.list.length >= this.max;
  }
}

type Obj = Record<string, unknown>;
export const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isTime = (value: unknown): value is number => isNumber(value) && value >= 0;
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

const AUTO = new Set(['covered', 'partial', 'unanswered']);

export function checkRecord(value: unknown, path: string, p: Problems): value is DocumentRecord {
  if (!isObject(value)) return p.add(path, 'is missing or not an object');
  if (!isDocKey(value.docKey)) return p.add(`${path}.docKey`, 'is not a document key');
  if (!isSiteId(value.site)) return p.add(`${path}.site`, 'is not a known site');
  if (typeof value.url !== 'string' || value.url.length > LIMITS.url) return p.add(`${path}.url`, 'is not an address');
  if (typeof value.title !== 'string' || value.title.length > LIMITS.title)
    return p.add(`${path}.title`, `is not a text of at most ${LIMITS.title} characters`);
  if (typeof value.isPlan !== 'boolean') return p.add(`${path}.isPlan`, 'is not true or false');
  if (!isNumber(value.planScore)) return p.add(`${path}.planScore`, 'is not a number');
  for (const field of ['firstSeenAt', 'updatedAt'] as const)
    if (!isTime(value[field])) return p.add(`${path}.${field}`, 'is not a time');
  if (value.lastReadAt !== null && !isTime(value.lastReadAt)) return p.add(`${path}.lastReadAt`, 'is not a time');
  const error = value.readError;
  if (error !== null) {
    if (!isObject(error) || !isReadFailure(error.reason) || typeof error.message !== 'string' || !isTime(error.at))
      return p.add(`${path}.readError`, 'is not a read failure');
  }
  return true;
}

export function checkReport(value: unknown, docKey: string, path: string, p: Problems): value is CoverageReport {
  if (value === null) return true;
  if (!isObject(value)) return p.add(path, 'is not a coverage report');
  if (value.docKey !== docKey) return p.add(`${path}.docKey`, 'does not match its document');
  for (const field of ['bankId', 'bankRevision'] as const)
    if (typeof value[field] !== 'string') return p.add(`${path}.${field}`, 'is not a text');
  for (const field of ['analyzerVersion', 'planScore', 'blockCount', 'wordCount'] as const)
    if (!isNumber(value[field])) return p.add(`${path}.${field}`, 'is not a number');
  if (typeof value.isPlan !== 'boolean') return p.add(`${path}.isPlan`, 'is not true or false');
  if (!isStringList(value.planReasons)) return p.add(`${path}.planReasons`, 'is not a list of texts');
  if (!isObject(value.planSignals)) return p.add(`${path}.planSignals`, 'is not an object');
  if (value.declaredStage !== null && !isStageId(value.declaredStage))
    return p.add(`${path}.declaredStage`, 'is not a stage');
  if (!Array.isArray(value.questions)) return p.add(`${path}.questions`, 'is not a list');
  const seen = new Set<string>();
  let ok = true;
  value.questions.forEach((q: unknown, i) => {
    if (!p.full) ok = checkQuestion(q, `${path}.questions[${i}]`, seen, p) && ok;
  });
  if (!ok) return false;
  if (!isObject(value.cells)) return p.add(`${path}.cells`, 'is not an object');
  for (const id of allCellIds()) {
    const cell = value.cells[id];
    if (
      !isObject(cell) ||
      !AUTO.has(String(cell.status)) ||
      !isNumber(cell.score) ||
      !isNumber(cell.covered) ||
      !isNumber(cell.partial) ||
      !isNumber(cell.total)
    )
      return p.add(`${path}.cells["${id}"]`, 'is missing or not a cell result');
  }
  return true;
}

function checkQuestion(q: unknown, path: string, seen: Set<string>, p: Problems): boolean {
  if (!isObject(q)) return p.add(path, 'is not a question result');
  if (!isQuestionId(q.questionId)) return p.add(`${path}.questionId`, 'is not a question id');
  if (seen.has(q.questionId)) return p.add(`${path}.questionId`, 'appears twice');
  seen.add(q.questionId);
  if (!isDriverId(q.driver) || !isStageId(q.stage) || q.cell !== `${q.driver}.${q.stage}`)
    return p.add(path, 'has no valid driver, stage and cell');
  if (!AUTO.has(String(q.status))) return p.add(`${path}.status`, 'is not covered, partial or unanswered');
  if (!isNumber(q.score)) return p.add(`${path}.score`, 'is not a number');
  if (!isStringList(q.reasons)) return p.add(`${path}.reasons`, 'is not a list of texts');
  if (q.reasonCodes !== undefined) {
    if (!Array.isArray(q.reasonCodes)) return p.add(`${path}.reasonCodes`, 'is not a list');
    // A kind a later PlanLens added is let through (and dropped by copyReport); a known one must be whole.
    const bad = q.reasonCodes.findIndex(
      (r) => !isObject(r) || (isReasonKind(r.kind) ? !isReason(r) : typeof r.kind !== 'string'),
    );
    if (bad >= 0) return p.add(`${path}.reasonCodes[${bad}]`, 'is not a reason');
  }
  if (!Array.isArray(q.evidence)) return p.add(`${path}.evidence`, 'is not a list');
  for (const [i, e] of q.evidence.entries()) {
    if (
      !isObject(e) ||
      typeof e.blockId !== 'string' ||
      typeof e.snippet !== 'string' ||
      !isNumber(e.score) ||
      !isStringList(e.terms) ||
      (e.anchor !== undefined && typeof e.anchor !== 'string')
    )
      return p.add(`${path}.evidence[${i}]`, 'is not an evidence passage');
  }
  return true;
}

export function checkOverrides(value: unknown, docKey: string, path: string, p: Problems): value is OverrideRecord[] {
  if (!Array.isArray(value)) return p.add(path, 'is not a list');
  const seen = new Set<string>();
  for (const [i, o] of value.entries()) {
    const at = `${path}[${i}]`;
    if (!isObject(o)) return p.add(at, 'is not a manual answer');
    if (o.docKey !== docKey) return p.add(`${at}.docKey`, 'does not match its document');
    if (!isQuestionId(o.questionId)) return p.add(`${at}.questionId`, 'is not a question id');
    if (seen.has(o.questionId)) return p.add(`${at}.questionId`, 'appears twice');
    seen.add(o.questionId);
    if (o.status !== null && !isOverrideStatus(o.status))
      return p.add(`${at}.status`, 'is not answered, not_applicable, unanswered or null');
    if (typeof o.note !== 'string' || o.note.length > NOTE_MAX_CHARS)
      return p.add(`${at}.note`, `is not a text of at most ${NOTE_MAX_CHARS} characters`);
    for (const field of ['statusAt', 'noteAt'] as const)
      if (o[field] !== null && !isTime(o[field])) return p.add(`${at}.${field}`, 'is not a time');
    if (!isTime(o.updatedAt)) return p.add(`${at}.updatedAt`, 'is not a time');
  }
  return true;
}

export function checkHistory(value: unknown, docKey: string, path: string, p: Problems): value is HistorySnapshot[] {
  if (!Array.isArray(value)) return p.add(path, 'is not a list');
  for (const [i, h] of value.entries()) {
    const at = `${path}[${i}]`;
    if (!isObject(h)) return p.add(at, 'is not a coverage snapshot');
    if (h.docKey !== docKey) return p.add(`${at}.docKey`, 'does not match its document');
    if (!isTime(h.at)) return p.add(`${at}.at`, 'is not a time');
    for (const field of ['covered', 'partial', 'unanswered', 'total'] as const)
      if (!isNumber(h[field])) return p.add(`${at}.${field}`, 'is not a number');
    const byStage = h.byStage;
    const byDriver = h.byDriver;
    if (!isObject(byStage) || !STAGES.every((s) => isNumber(byStage[s])))
      return p.add(`${at}.byStage`, 'does not count every stage');
    if (!isObject(byDriver) || !DRIVERS.every((d) => isNumber(byDriver[d])))
      return p.add(`${at}.byDriver`, 'does not count every driver');
  }
  return true;
}

/*
 * Copies of checked values with only the fields PlanLens knows: whatever else a file carries
 * (hand edits, another tool's additions) never reaches the database.
 */

export function copyRecord(r: DocumentRecord): DocumentRecord {
  return {
    docKey: r.docKey,
    site: r.site,
    url: r.url,
    title: r.title,
    isPlan: r.isPlan,
    planScore: r.planScore,
    firstSeenAt: r.firstSeenAt,
    lastReadAt: r.lastReadAt,
    updatedAt: r.updatedAt,
    readError: r.readError ? { reason: r.readError.reason, message: r.readError.message, at: r.readError.at } : null,
  };
}

export function copyReport(r: CoverageReport | null): CoverageReport | null {
  if (!r) return null;
  const cells = {} as CoverageReport['cells'];
  for (const id of allCellIds()) {
    const c = r.cells[id];
    cells[id] = { status: c.status, score: c.score, covered: c.covered, partial: c.partial, total: c.total };
  }
  return {
    docKey: r.docKey,
    bankId: r.bankId,
    bankRevision: r.bankRevision,
    analyzerVersion: r.analyzerVersion,
    isPlan: r.isPlan,
    planScore: r.planScore,
    planReasons: [...r.planReasons],
    planSignals: copyPlanSignals(r.planSignals),
    declaredStage: r.declaredStage,
    questions: r.questions.map((q) => ({
      questionId: q.questionId,
      cell: q.cell,
      driver: q.driver,
      stage: q.stage,
      status: q.status,
      score: q.score,
      evidence: q.evidence.map((e) => ({
        blockId: e.blockId,
        ...(e.anchor === undefined ? {} : { anchor: e.anchor }),
        snippet: e.snippet,
        score: e.score,
        terms: [...e.terms],
      })),
      reasons: [...q.reasons],
      ...withReasonCodes(q.reasonCodes),
    })),
    cells,
    blockCount: r.blockCount,
    wordCount: r.wordCount,
  };
}

/** The structured reasons of a checked question, when it has them all in kinds PlanLens knows. */
function withReasonCodes(reasons: readonly unknown[] | undefined): Pick<QuestionResult, 'reasonCodes'> {
  const reasonCodes = reasons && copyReasons(reasons);
  return reasonCodes ? { reasonCodes } : {};
}

const NUMBER_SIGNALS = [
  'wordCount',
  'driversTouched',
  'driversCovered',
  'deepestDriverCovered',
  'explicitStages',
  'structureTerms',
  'implementationTerms',
  'strongestGenreTerms',
  'questionsCovered',
] as const satisfies ReadonlyArray<keyof PlanSignals>;
const BLOCK_SIGNALS = [
  'content',
  'intent',
  'timeframe',
  'clock',
  'firstPerson',
  'reported',
  'retrospective',
] as const satisfies ReadonlyArray<keyof PlanSignals['blocks']>;

/**
 * The plan-detection facts are shown to no one and checked only as an object, so they are copied
 * leniently (a fact an older file lacks stays absent) but only the known facts with their types.
 */
function copyPlanSignals(s: PlanSignals): PlanSignals {
  const raw = s as unknown as Obj;
  const out: Obj = {};
  for (const key of NUMBER_SIGNALS) if (isNumber(raw[key])) out[key] = raw[key];
  if (typeof raw.strongestGenre === 'string') out.strongestGenre = raw.strongestGenre;
  if (raw.declaredStage === null || isStageId(raw.declaredStage)) out.declaredStage = raw.declaredStage;
  const blocks = raw.blocks;
  if (isObject(blocks))
    out.blocks = Object.fromEntries(
      BLOCK_SIGNALS.filter((key) => isNumber(blocks[key])).map((key) => [key, blocks[key]]),
    );
  return out as unknown as PlanSignals;
}

export function copyOverride(o: OverrideRecord): OverrideRecord {
  return {
    docKey: o.docKey,
    questionId: o.questionId,
    status: o.status,
    statusAt: o.statusAt,
    note: o.note,
    noteAt: o.noteAt,
    updatedAt: o.updatedAt,
  };
}

export function copySnapshot(h: HistorySnapshot): HistorySnapshot {
  return {
    docKey: h.docKey,
    at: h.at,
    byStage: Object.fromEntries(STAGES.map((s) => [s, h.byStage[s]])) as HistorySnapshot['byStage'],
    byDriver: Object.fromEntries(DRIVERS.map((d) => [d, h.byDriver[d]])) as HistorySnapshot['byDriver'],
    covered: h.covered,
    partial: h.partial,
    unanswered: h.unanswered,
    total: h.total,
  };
}
