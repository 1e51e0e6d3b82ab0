import type { CoverageReport } from './analyze/report';
import type { BankFile } from './bank/types';
import type { DocumentSummary } from './coverage/summary';
import { type HistorySnapshot, NOTE_MAX_CHARS, type OverrideRecord } from './coverage/types';
import type { DocumentPanelState } from './coverage/visits';
import type { CoverageExport } from './export/format';
import type { ImportPreview } from './import/merge';
import {
  type DocSnapshot,
  isOverrideStatus,
  isQuestionId,
  isStageId,
  type OverrideStatus,
  type SiteId,
  type StageId,
} from './model';
import { type ExportAnswer, isReaderSite, type ReaderSite } from './sites/readers';

/**
 * The one message protocol between content scripts, extension pages and the background.
 * Types and runtime validation only (pure); lib/messaging.ts sends, background/router.ts answers.
 */

export type ReadFailure =
  | 'signed_out'
  | 'no_access'
  | 'not_found'
  | 'rate_limited'
  | 'network'
  | 'too_large'
  | 'unreadable'
  /** An LMS or district page that does not look like a plan: not stored unless the user asks. */
  | 'not_a_plan'
  /** A document the user stopped tracking: not stored again until they say "Track anyway". */
  | 'stopped';

export interface ReadError {
  reason: ReadFailure;
  message: string;
  at: number;
}

/** What PlanLens keeps about one document (one docKey). */
export interface DocumentRecord {
  docKey: string;
  site: SiteId;
  url: string;
  title: string;
  isPlan: boolean;
  planScore: number;
  firstSeenAt: number;
  /** Last time the document's text was read successfully. */
  lastReadAt: number | null;
  updatedAt: number;
  /** Why the last attempt to read failed; null after a successful read. */
  readError: ReadError | null;
}

export interface DocumentView {
  record: DocumentRecord;
  report: CoverageReport | null;
  /** The user's manual statuses and notes, one per question they touched. */
  overrides: OverrideRecord[];
  /** Coverage over time, oldest first. */
  history: HistorySnapshot[];
}

/** Requests, by type, with the response each one gets. */
export interface Protocol {
  /**
   * A district site's gate (registered content script): this page talks like a plan; start the site's
   * reader in my frame (core/sites/readers.ts). `started` is false where the page is not one the
   * site's gate runs on.
   */
  startReader: { request: { site: ReaderSite }; response: { started: boolean } };
  /**
   * The Google Docs reader, at its first read: what the export answered the probe in my page, if
   * the background still has it for this document (background/probes.ts); null otherwise.
   */
  takeExport: { request: { docKey: string }; response: { answer: ExportAnswer | null } };
  /** Content script: here is the text of the document in my tab. */
  snapshot: { request: { snapshot: DocSnapshot }; response: { docKey: string; isPlan: boolean } };
  /** Content script: I found a document but could not read it. */
  readFailed: {
    request: { docKey: string; site: SiteId; url: string; title: string; reason: ReadFailure; message: string };
    response: { docKey: string };
  };
  /** Extension pages: the stored record and coverage of one document. */
  getDocument: { request: { docKey: string }; response: DocumentView | null };
  /** Extension pages: which document is in the active tab of the focused window. */
  getActiveDocument: {
    request: { _?: never };
    response: { docKey: string | null; url: string | null; failure: ReadError | null };
  };
  /** Extension pages: the bank in use, for question texts. */
  getBank: { request: { _?: never }; response: BankFile };
  /** Extension pages: mark a question answered / not applicable / unanswered, or (null) back to automatic. */
  setManualStatus: {
    request: { docKey: string; questionId: string; status: OverrideStatus | null };
    response: OverrideRecord;
  };
  /** Extension pages: save the note of a question ('' clears it). */
  setNote: { request: { docKey: string; questionId: string; note: string }; response: OverrideRecord };
  /**
   * Extension pages: everything stored about one document (docKey) or all of them, for the JSON
   * export, one page at a time (a district's store is larger than one message may be): ask again
   * with `after: next` until `next` is null. lib/transfer.ts assembles the pages.
   */
  exportCoverage: { request: { docKey?: string; after?: string }; response: ExportPage };
  /**
   * Extension pages: hands the background one slice (in order, from 0) of an export file too
   * large for one message; preview and apply then name it by importId.
   */
  stageImport: { request: { importId: string; part: number; text: string }; response: { receivedChars: number } };
  /** Extension pages: what importing this export file would change; changes nothing. */
  previewImport: { request: ImportSource; response: ImportPreview };
  /** Extension pages: import an export file, all of it or (on any error) none of it. */
  applyImport: { request: ImportSource; response: ImportPreview };
  /**
   * Extension pages: show an evidence passage in the document's own tab. Google Docs: open the
   * heading that holds it (`#heading=h.…`, reloading so the editor honours it); pages whose text
   * is in the DOM: highlight and scroll to the passage.
   */
  showEvidence: {
    request: { docKey: string; blockId: string; anchor?: string; snippet: string };
    response: { shown: ShowEvidenceOutcome };
  };
  /** Extension pages: keep this page although it does not look like a plan ("Track anyway"). */
  trackAnyway: { request: { docKey: string }; response: { docKey: string; stored: boolean } };
  /**
   * Extension pages (dashboard): one page of tracked documents with their coverage per cell,
   * counted in the background; ask again with `after: next` until `next` is null.
   */
  listDocuments: { request: { after?: string }; response: DocumentSummaryPage };
  /**
   * Extension pages (side panel): "Stop tracking" removes everything stored about one document
   * and keeps it from being stored again until "Track anyway". `removed` is false when there
   * was no record.
   */
  stopTracking: { request: { docKey: string }; response: { docKey: string; removed: boolean } };
  /** Extension pages (side panel): the panel shows this document now; returns its panel memory. */
  recordVisit: { request: { docKey: string }; response: DocumentPanelState };
  /** Extension pages (side panel): "We are in: <stage>" for one document (null: not chosen). */
  setCurrentStage: { request: { docKey: string; stage: StageId | null }; response: DocumentPanelState };
  /** Extension pages (settings): the question bank in use and where it came from. */
  getActiveBank: { request: { _?: never }; response: ActiveBankInfo };
  /**
   * Extension pages (settings): a district's bank file (its JSON text) becomes the bank used for
   * every analysis from now on. A bank with errors changes nothing; each error names the
   * question and field.
   */
  importBank: { request: { text: string }; response: BankImportResult };
  /** Extension pages (settings): back to the built-in bank. */
  resetBank: { request: { _?: never }; response: ActiveBankInfo };
  /**
   * Extension pages (settings): delete everything PlanLens stored (documents, coverage, answers,
   * notes, history, banks, settings) in one transaction. `confirm` guards against a stray call.
   */
  deleteAllData: { request: { confirm: 'delete-all' }; response: { documents: number } };
}

/** The bank analyses use; `installedAt` is when a district's bank was imported (null: the built-in bank). */
export interface ActiveBankInfo {
  bank: BankFile;
  installedAt: number | null;
}

/** An imported bank in use, or every problem the file has (nothing was changed). */
export type BankImportResult = { ok: true; active: ActiveBankInfo } | { ok: false; errors: string[] };

/** One page of an export: its documents, and where the next page starts (null: this was the last). */
export interface ExportPage {
  exportedAt: string;
  documents: CoverageExport['documents'];
  next: string | null;
}

/** One page of the dashboard's list, and where the next page starts (null: this was the last). */
export interface DocumentSummaryPage {
  summaries: DocumentSummary[];
  next: string | null;
}

/** An export file's text, sent whole (small files) or staged in slices with stageImport. */
export type ImportSource = { text: string; importId?: never } | { importId: string; text?: never };

/** What "Show in document" did: scrolled a tab in place, reloaded it at a heading, or opened a new one. */
export type ShowEvidenceOutcome = 'scrolled' | 'reloaded' | 'opened' | 'focused';

export type RequestType = keyof Protocol;
export type Request<T extends RequestType = RequestType> = { type: T } & Protocol[T]['request'];
export type Response<T extends RequestType> = Protocol[T]['response'];

/** Replies travel wrapped, so an error reaches the caller as a message, not as a silent undefined. */
export type Reply<T extends RequestType> = { ok: true; value: Response<T> } | { ok: false; error: string };

/** Broadcast from the background to extension pages when stored data changes. */
export interface ChangeNotice {
  type: 'documentChanged';
  docKey: string;
}

const SITES = new Set(['gdocs', 'canvas', 'schoology', 'brightspace', 'moodle', 'classroom', 'custom', 'file']);
const FAILURES = new Set([
  'signed_out',
  'no_access',
  'not_found',
  'rate_limited',
  'network',
  'too_large',
  'unreadable',
  'not_a_plan',
  'stopped',
]);
const BLOCK_KINDS = new Set(['heading', 'paragraph', 'listItem', 'tableCell']);
/** Upper bounds that keep a hostile page from filling the database through a content script. */
export const LIMITS = {
  blocks: 60000,
  blockChars: 20000,
  totalChars: 12_000_000,
  title: 500,
  url: 4000,
  note: NOTE_MAX_CHARS,
  /**
   * Characters of import text per message. Chrome refuses extension messages above 64 MiB of
   * JSON; escaping and UTF-8 can make a character up to 6 bytes, so 8 M characters always fit.
   */
  importPartChars: 8_000_000,
  /** A whole import file (about 2,000 documents with the full bank). */
  importChars: 200_000_000,
  /** A question bank file's text (2,000 questions with their terms fit easily). */
  bankChars: 8_000_000,
};

/**
 * Requests only PlanLens's own pages may send (they change or reveal what the user recorded);
 * the router refuses them from content scripts.
 */
export const PAGE_ONLY: ReadonlySet<RequestType> = new Set<RequestType>([
  'setManualStatus',
  'setNote',
  'exportCoverage',
  'stageImport',
  'previewImport',
  'applyImport',
  'showEvidence',
  'trackAnyway',
  'listDocuments',
  'getActiveBank',
  'importBank',
  'resetBank',
  'deleteAllData',
  'stopTracking',
  'recordVisit',
  'setCurrentStage',
]);

/**
 * Of the PAGE_ONLY requests, those PlanLens's in-page panel may send too: the user's own answers
 * and choices about the document beside it. The panel runs as a content script, so the router
 * accepts these only from the top frame of a tab where the user opened it, on the same page
 * (background/surfaces.ts OverlayTabs). Reading or replacing everything stored (export, import,
 * the dashboard's list, the bank, delete all) and "Stop tracking" stay with extension pages.
 */
export const OVERLAY_MAY: ReadonlySet<RequestType> = new Set<RequestType>([
  'setManualStatus',
  'setNote',
  'setCurrentStage',
  'recordVisit',
  'showEvidence',
  'trackAnyway',
]);

/** Checks an incoming message's shape; returns a description of the problem, or null. */
export function requestProblem(message: unknown): string | null {
  if (!isRecord(message) || typeof message.type !== 'string') return 'not a PlanLens request';
  switch (message.type) {
    case 'startReader':
      return isReaderSite(message.site) ? null : 'startReader: unknown site';
    case 'takeExport':
      return isDocKey(message.docKey) ? null : 'takeExport: bad document';
    case 'snapshot':
      return snapshotProblem(message.snapshot);
    case 'readFailed':
      if (!isDocKey(message.docKey) || !SITES.has(String(message.site))) return 'readFailed: bad document';
      if (!FAILURES.has(String(message.reason))) return 'readFailed: unknown reason';
      if (!isShortString(message.url, LIMITS.url) || !isShortString(message.title, LIMITS.title))
        return 'readFailed: bad url or title';
      return typeof message.message === 'string' ? null : 'readFailed: message missing';
    case 'getDocument':
      return isDocKey(message.docKey) ? null : 'getDocument: bad docKey';
    case 'getActiveDocument':
    case 'getBank':
      return null;
    case 'setManualStatus':
      if (!isDocKey(message.docKey) || !isQuestionId(message.questionId)) return 'setManualStatus: bad question';
      return message.status === null || isOverrideStatus(message.status) ? null : 'setManualStatus: unknown status';
    case 'setNote':
      if (!isDocKey(message.docKey) || !isQuestionId(message.questionId)) return 'setNote: bad question';
      if (typeof message.note !== 'string') return 'setNote: note missing';
      return message.note.length <= LIMITS.note ? null : `setNote: a note can be at most ${LIMITS.note} characters`;
    case 'exportCoverage':
      if (message.docKey !== undefined && !isDocKey(message.docKey)) return 'exportCoverage: bad docKey';
      return message.after === undefined || isDocKey(message.after) ? null : 'exportCoverage: bad page';
    case 'stageImport':
      if (!isImportId(message.importId)) return 'stageImport: bad importId';
      if (!Number.isInteger(message.part) || (message.part as number) < 0) return 'stageImport: bad part';
      return isShortString(message.text, LIMITS.importPartChars) ? null : 'stageImport: bad or too large text';
    case 'previewImport':
    case 'applyImport':
      if (message.importId !== undefined)
        return isImportId(message.importId) && message.text === undefined ? null : `${message.type}: bad importId`;
      if (typeof message.text !== 'string') return `${message.type}: file text missing`;
      return message.text.length <= LIMITS.importPartChars ? null : `${message.type}: stage a file this large first`;
    case 'showEvidence':
      if (!isDocKey(message.docKey) || !isShortString(message.blockId, 100)) return 'showEvidence: bad block';
      if (message.anchor !== undefined && !isShortString(message.anchor, 200)) return 'showEvidence: bad anchor';
      return isShortString(message.snippet, LIMITS.blockChars) ? null : 'showEvidence: bad snippet';
    case 'trackAnyway':
      return isDocKey(message.docKey) ? null : 'trackAnyway: bad docKey';
    case 'listDocuments':
      return message.after === undefined || isDocKey(message.after) ? null : 'listDocuments: bad page';
    case 'getActiveBank':
    case 'resetBank':
      return null;
    case 'importBank':
      return isShortString(message.text, LIMITS.bankChars) ? null : 'importBank: bank text missing or too large';
    case 'deleteAllData':
      return message.confirm === 'delete-all' ? null : 'deleteAllData: not confirmed';
    case 'stopTracking':
    case 'recordVisit':
      return isDocKey(message.docKey) ? null : `${message.type}: bad docKey`;
    case 'setCurrentStage':
      if (!isDocKey(message.docKey)) return 'setCurrentStage: bad docKey';
      return message.stage === null || isStageId(message.stage) ? null : 'setCurrentStage: unknown stage';
    default:
      return `unknown request type ${JSON.stringify(message.type).slice(0, 40)}`;
  }
}

/** What is wrong with a page's snapshot (from a content script, or a probe's page), or null. */
export function snapshotProblem(snapshot: unknown): string | null {
  if (!isRecord(snapshot)) return 'snapshot: missing';
  if (!isDocKey(snapshot.docKey)) return 'snapshot: bad docKey';
  if (!SITES.has(String(snapshot.site))) return 'snapshot: unknown site';
  if (!isShortString(snapshot.url, LIMITS.url) || !isShortString(snapshot.title, LIMITS.title))
    return 'snapshot: bad url or title';
  if (!Array.isArray(snapshot.blocks)) return 'snapshot: blocks missing';
  if (snapshot.blocks.length > LIMITS.blocks) return 'snapshot: too many blocks';
  let total = 0;
  for (const block of snapshot.blocks) {
    if (!isRecord(block) || typeof block.id !== 'string' || typeof block.text !== 'string')
      return 'snapshot: bad block';
    if (!BLOCK_KINDS.has(String(block.kind))) return 'snapshot: bad block kind';
    if (block.text.length > LIMITS.blockChars) return 'snapshot: block too long';
    total += block.text.length;
  }
  return total > LIMITS.totalChars ? 'snapshot: document too large' : null;
}

export const isDocKey = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 600 && /^[a-z]+:[^\s]+$/.test(value);
const isImportId = (value: unknown): value is string => typeof value === 'string' && /^[a-z0-9-]{8,64}$/.test(value);
export const isSiteId = (value: unknown): value is SiteId => typeof value === 'string' && SITES.has(value);
export const isReadFailure = (value: unknown): value is ReadFailure => typeof value === 'string' && FAILURES.has(value);
const isShortString = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
