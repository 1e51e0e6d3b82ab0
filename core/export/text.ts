import type { BankFile } from '../bank/types';
import { type EffectiveCoverage, effectiveCoverage } from '../coverage/effective';
import type { DocumentExport } from './format';

/** Helpers every export format shares. Pure. */

/** Question id → question text, from the bank in use; ids the bank no longer has say so. */
export type QuestionTexts = (questionId: string) => string;

export function questionTexts(bank: Pick<BankFile, 'questions'>): QuestionTexts {
  const texts = new Map(bank.questions.map((q) => [q.id, q.text]));
  return (id) => texts.get(id) ?? `(question ${id}, no longer in the question bank)`;
}

export function effectiveOf(doc: DocumentExport): EffectiveCoverage {
  return effectiveCoverage(doc.report, doc.overrides);
}

export function isoTime(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString();
}

/** Document text arrives with line breaks and runs of spaces; one line reads better in tables and lists. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text for an HTML text node or a quoted attribute: nothing in it can open a tag or an entity. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Untrusted text inline in Markdown: on one line, with every character that could start
 * markup (emphasis, links, images, raw HTML, table pipes, entities) backslash-escaped, so
 * `<img src=x onerror=…>` shows as those characters in any CommonMark renderer.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|~&!#]/g, '\\$&');
}

/** A file name from a document title: letters, digits and dashes only. */
export function fileSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'document';
}
