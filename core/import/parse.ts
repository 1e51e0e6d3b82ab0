import type { CoverageReport } from '../analyze/report';
import type { HistorySnapshot, OverrideRecord } from '../coverage/types';
import { COVERAGE_FORMAT, COVERAGE_VERSION, type CoverageExport, type DocumentExport } from '../export/format';
import type { DocumentRecord } from '../protocol';
import {
  checkHistory,
  checkOverrides,
  checkRecord,
  checkReport,
  copyOverride,
  copyRecord,
  copyReport,
  copySnapshot,
  isObject,
  Problems,
} from './validate';

export type ParseResult = { ok: true; data: CoverageExport } | { ok: false; message: string };

/** More documents than any district tracks; a file claiming more is not one PlanLens wrote. */
const MAX_DOCUMENTS = 50_000;

/**
 * Reads an export file's text. Any problem gives one clear sentence for the user and no data:
 * callers change nothing unless this returns ok. Each format version ever written has a reader
 * here, chosen by the file's `version`; a newer version than this PlanLens knows is refused
 * with a hint to update, never guessed at.
 */
export function parseCoverageExport(text: string): ParseResult {
  if (text.trim() === '') return fail('The file is empty. Choose a JSON file exported by PlanLens.');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    if (looksTruncated(text)) {
      return fail(
        'The file is incomplete: it ends in the middle of the data (the download or copy was cut short). Export it again.',
      );
    }
    const detail = error instanceof Error ? ` (${error.message.slice(0, 120)})` : '';
    return fail(`The file is not valid JSON, so it is not a PlanLens export${detail}.`);
  }
  if (!isObject(raw)) return fail('The file is JSON but not a PlanLens export.');
  if (raw.format !== COVERAGE_FORMAT) {
    if (raw.format === 'planlens-bank') return fail('This file is a PlanLens question bank, not a coverage export.');
    if (raw.format === undefined)
      return fail('The file is JSON but not a PlanLens coverage export (it has no "format").');
    return fail(
      `The file is not a PlanLens coverage export (its format is ${JSON.stringify(raw.format).slice(0, 60)}, expected "${COVERAGE_FORMAT}").`,
    );
  }
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('The export has no valid version number, so PlanLens cannot tell how to read it.');
  }
  if (version > COVERAGE_VERSION) {
    return fail(
      `This export was made by a newer PlanLens (export version ${version}; this PlanLens reads up to ${COVERAGE_VERSION}). Update PlanLens, then import it again.`,
    );
  }
  switch (version) {
    case 1:
      return readVersion1(raw);
    default:
      return fail(`Export version ${version} is not one PlanLens ever wrote.`);
  }
}

function readVersion1(raw: Record<string, unknown>): ParseResult {
  const p = new Problems();
  if (typeof raw.exportedAt !== 'string' || Number.isNaN(Date.parse(raw.exportedAt)))
    p.add('exportedAt', 'is not a date');
  if (!Array.isArray(raw.documents)) p.add('documents', 'is not a list');
  else if (raw.documents.length > MAX_DOCUMENTS) p.add('documents', `has more than ${MAX_DOCUMENTS} entries`);
  else {
    const keys = new Set<string>();
    for (const [i, doc] of raw.documents.entries()) {
      if (p.full) break;
      const path = `documents[${i}]`;
      if (!isObject(doc)) {
        p.add(path, 'is not a document');
        continue;
      }
      if (!checkRecord(doc.record, `${path}.record`, p)) continue;
      const { docKey } = doc.record;
      if (keys.has(docKey)) p.add(`${path}.record.docKey`, 'repeats an earlier document');
      keys.add(docKey);
      checkReport(doc.report, docKey, `${path}.report`, p);
      checkOverrides(doc.overrides, docKey, `${path}.overrides`, p);
      checkHistory(doc.history, docKey, `${path}.history`, p);
    }
  }
  if (p.list.length > 0) {
    return fail(`The export is damaged or was edited by hand, so nothing was imported: ${p.list.join('; ')}.`);
  }
  // Checked above: every entry has these shapes.
  const checked = raw.documents as Array<{
    record: DocumentRecord;
    report: CoverageReport | null;
    overrides: OverrideRecord[];
    history: HistorySnapshot[];
  }>;
  const documents = checked.map(
    (doc): DocumentExport => ({
      record: copyRecord(doc.record),
      report: copyReport(doc.report),
      overrides: doc.overrides.map(copyOverride),
      history: doc.history.map(copySnapshot),
    }),
  );
  return {
    ok: true,
    data: { format: COVERAGE_FORMAT, version: COVERAGE_VERSION, exportedAt: raw.exportedAt as string, documents },
  };
}

/** True when the text stops inside a string, object or array: a cut-off file, not a mistyped one. */
function looksTruncated(text: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const c of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return inString || depth > 0;
}

function fail(message: string): ParseResult {
  return { ok: false, message };
}
