import type { CoverageReport } from '../analyze/report';
import { effectiveCoverage } from '../coverage/effective';
import { HISTORY_LIMIT, mergeHistory, nextSnapshot } from '../coverage/history';
import type { HistorySnapshot, OverrideRecord } from '../coverage/types';
import type { CoverageExport, DocumentExport } from '../export/format';
import type { DocumentRecord } from '../protocol';

/**
 * Import planning, pure: what is stored + what a file holds → what would change (the preview)
 * and the records to write. Rules:
 * - A document PlanLens does not have is added whole.
 * - The automatic analysis read more recently (lastReadAt) wins; it never touches manual answers.
 * - Manual answers merge per question and per field (status, note): the later change wins, so a
 *   teammate's newer mark replaces an older one, and an older one never undoes a newer one.
 *   Manual always beats automatic, because overrides sit beside the analysis, not in it.
 * - History series are joined (each point once) and kept to the newest HISTORY_LIMIT.
 */

export interface ImportDocumentChange {
  docKey: string;
  title: string;
  action: 'new' | 'updated' | 'unchanged';
  /** Whether the file's automatic analysis replaces the stored one. */
  coverage: 'imported' | 'kept' | 'none';
  overridesAdded: number;
  overridesChanged: number;
  historyAdded: number;
}

export interface OverrideConflict {
  docKey: string;
  questionId: string;
  field: 'status' | 'note';
  local: string | null;
  imported: string | null;
  localAt: number;
  importedAt: number;
  winner: 'local' | 'imported';
}

export interface ImportPreview {
  exportedAt: string;
  version: number;
  documents: ImportDocumentChange[];
  /** Both sides changed the same field of the same question differently (at most CONFLICTS_LISTED). */
  conflicts: OverrideConflict[];
  totals: { new: number; updated: number; unchanged: number; conflicts: number };
}

export interface DocumentWrite {
  record: DocumentRecord;
  /** The analysis to store, or undefined to keep the stored one. */
  report: CoverageReport | null | undefined;
  /** Override records to put (new or changed ones only). */
  overrides: OverrideRecord[];
  /** The document's whole merged series, replacing the stored one. */
  history: HistorySnapshot[];
}

export interface ImportPlan {
  preview: ImportPreview;
  writes: DocumentWrite[];
}

const CONFLICTS_LISTED = 500;

export function planImport(stored: ReadonlyMap<string, DocumentExport>, data: CoverageExport, now: number): ImportPlan {
  const documents: ImportDocumentChange[] = [];
  const conflicts: OverrideConflict[] = [];
  const writes: DocumentWrite[] = [];
  for (const incoming of data.documents) {
    const local = stored.get(incoming.record.docKey);
    const { change, write } = local ? mergeDocument(local, incoming, conflicts, now) : addDocument(incoming, now);
    documents.push(change);
    if (write) writes.push(write);
  }
  const count = (action: ImportDocumentChange['action']) => documents.filter((d) => d.action === action).length;
  return {
    preview: {
      exportedAt: data.exportedAt,
      version: data.version,
      documents,
      conflicts: conflicts.slice(0, CONFLICTS_LISTED),
      totals: {
        new: count('new'),
        updated: count('updated'),
        unchanged: count('unchanged'),
        conflicts: conflicts.length,
      },
    },
    writes,
  };
}

function addDocument(incoming: DocumentExport, now: number): { change: ImportDocumentChange; write: DocumentWrite } {
  const joined = mergeHistory([], incoming.history);
  const history = withCurrentPoint(joined, incoming.record.docKey, incoming.report, incoming.overrides, now);
  return {
    change: {
      docKey: incoming.record.docKey,
      title: incoming.record.title,
      action: 'new',
      coverage: incoming.report ? 'imported' : 'none',
      overridesAdded: incoming.overrides.length,
      overridesChanged: 0,
      historyAdded: joined.length,
    },
    write: { record: incoming.record, report: incoming.report, overrides: incoming.overrides, history },
  };
}

function mergeDocument(
  local: DocumentExport,
  incoming: DocumentExport,
  conflicts: OverrideConflict[],
  now: number,
): { change: ImportDocumentChange; write: DocumentWrite | null } {
  const docKey = local.record.docKey;
  const newerRead = (incoming.record.lastReadAt ?? -1) > (local.record.lastReadAt ?? -1);
  const takeReport = incoming.report !== null && (local.report === null || newerRead);
  const firstSeenAt = Math.min(local.record.firstSeenAt, incoming.record.firstSeenAt);
  const record: DocumentRecord = takeReport
    ? { ...incoming.record, firstSeenAt, updatedAt: Math.max(local.record.updatedAt, incoming.record.updatedAt) }
    : { ...local.record, firstSeenAt };

  const localOverrides = new Map(local.overrides.map((o) => [o.questionId, o]));
  const puts: OverrideRecord[] = [];
  let added = 0;
  let changed = 0;
  for (const theirs of incoming.overrides) {
    const ours = localOverrides.get(theirs.questionId);
    if (!ours) {
      puts.push(theirs);
      localOverrides.set(theirs.questionId, theirs);
      added++;
      continue;
    }
    const merged = mergeOverride(ours, theirs, conflicts);
    if (merged !== ours) {
      puts.push(merged);
      localOverrides.set(theirs.questionId, merged);
      changed++;
    }
  }

  const joined = mergeHistory(local.history, incoming.history);
  const localTimes = new Set(local.history.map((h) => h.at));
  const historyAdded = joined.filter((h) => !localTimes.has(h.at)).length;
  const somethingChanged =
    takeReport || added > 0 || changed > 0 || historyAdded > 0 || firstSeenAt !== local.record.firstSeenAt;
  const change: ImportDocumentChange = {
    docKey,
    title: record.title,
    action: somethingChanged ? 'updated' : 'unchanged',
    coverage: takeReport ? 'imported' : local.report ? 'kept' : 'none',
    overridesAdded: added,
    overridesChanged: changed,
    historyAdded,
  };
  if (!somethingChanged) return { change, write: null };
  const report = takeReport ? incoming.report : local.report;
  const history = withCurrentPoint(joined, docKey, report, [...localOverrides.values()], now);
  return { change, write: { record, report: takeReport ? incoming.report : undefined, overrides: puts, history } };
}

/** Field by field, the later change wins; equal times keep ours. Returns `ours` itself when nothing changes. */
function mergeOverride(ours: OverrideRecord, theirs: OverrideRecord, conflicts: OverrideConflict[]): OverrideRecord {
  let result = ours;
  const status = {
    field: 'status',
    ours: ours.status,
    theirs: theirs.status,
    oursAt: ours.statusAt,
    theirsAt: theirs.statusAt,
  } as const;
  if (pickField(ours, status, conflicts) === 'imported')
    result = { ...result, status: theirs.status, statusAt: theirs.statusAt };
  const note = {
    field: 'note',
    ours: ours.note,
    theirs: theirs.note,
    oursAt: ours.noteAt,
    theirsAt: theirs.noteAt,
  } as const;
  if (pickField(ours, note, conflicts) === 'imported') result = { ...result, note: theirs.note, noteAt: theirs.noteAt };
  if (result === ours) return ours;
  return { ...result, updatedAt: Math.max(ours.updatedAt, result.statusAt ?? 0, result.noteAt ?? 0) };
}

interface FieldSides {
  field: 'status' | 'note';
  ours: string | null;
  theirs: string | null;
  oursAt: number | null;
  theirsAt: number | null;
}

/** Which side's value of one field stands; a conflict is noted when both sides set it differently. */
function pickField(key: OverrideRecord, sides: FieldSides, conflicts: OverrideConflict[]): 'local' | 'imported' {
  const { field, ours, theirs, oursAt, theirsAt } = sides;
  if (ours === theirs || theirsAt === null) return 'local';
  const winner = oursAt === null || theirsAt > oursAt ? 'imported' : 'local';
  if (oursAt !== null) {
    conflicts.push({
      docKey: key.docKey,
      questionId: key.questionId,
      field,
      local: ours,
      imported: theirs,
      localAt: oursAt,
      importedAt: theirsAt,
      winner,
    });
  }
  return winner;
}

/** After a merge the document's coverage may have moved: add a point for it, as any change would. */
function withCurrentPoint(
  history: HistorySnapshot[],
  docKey: string,
  report: CoverageReport | null,
  overrides: OverrideRecord[],
  now: number,
): HistorySnapshot[] {
  if (!report) return history;
  const last = history[history.length - 1];
  const point = nextSnapshot(last, docKey, effectiveCoverage(report, overrides).counts, Math.max(now, last?.at ?? now));
  if (!point) return history;
  // A point at the same time as the last replaces it (one point per moment).
  const series = last && last.at === point.at ? [...history.slice(0, -1), point] : [...history, point];
  return series.slice(-HISTORY_LIMIT);
}
