import type { CoverageReport } from './analyze/report';
import type { BankFile } from './bank/types';
import type { DocSnapshot, SiteId } from './model';

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
  | 'unreadable';

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
}

/** Requests, by type, with the response each one gets. */
export interface Protocol {
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
}

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
]);
const BLOCK_KINDS = new Set(['heading', 'paragraph', 'listItem', 'tableCell']);
/** Upper bounds that keep a hostile page from filling the database through a content script. */
export const LIMITS = { blocks: 60000, blockChars: 20000, totalChars: 12_000_000, title: 500, url: 4000 };

/** Checks an incoming message's shape; returns a description of the problem, or null. */
export function requestProblem(message: unknown): string | null {
  if (!isRecord(message) || typeof message.type !== 'string') return 'not a PlanLens request';
  switch (message.type) {
    case 'snapshot':
      return snapshotProblem(message.snapshot);
    case 'readFailed':
      if (!isKey(message.docKey) || !SITES.has(String(message.site))) return 'readFailed: bad document';
      if (!FAILURES.has(String(message.reason))) return 'readFailed: unknown reason';
      if (!isShortString(message.url, LIMITS.url) || !isShortString(message.title, LIMITS.title))
        return 'readFailed: bad url or title';
      return typeof message.message === 'string' ? null : 'readFailed: message missing';
    case 'getDocument':
      return isKey(message.docKey) ? null : 'getDocument: bad docKey';
    case 'getActiveDocument':
    case 'getBank':
      return null;
    default:
      return `unknown request type ${JSON.stringify(message.type).slice(0, 40)}`;
  }
}

function snapshotProblem(snapshot: unknown): string | null {
  if (!isRecord(snapshot)) return 'snapshot: missing';
  if (!isKey(snapshot.docKey)) return 'snapshot: bad docKey';
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

const isKey = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 600 && /^[a-z]+:[^\s]+$/.test(value);
const isShortString = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
