import fc from 'fast-check';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { effectiveCoverage } from '../../../core/coverage/effective';
import type { OverrideRecord } from '../../../core/coverage/types';
import { COVERAGE_CSV_COLUMNS, csvField, formatCoverageCsv } from '../../../core/export/csv';
import { buildExport, type CoverageExport, type DocumentExport } from '../../../core/export/format';
import { formatHtmlReport } from '../../../core/export/html';
import { formatMarkdownSummary, formatUnansweredChecklist } from '../../../core/export/markdown';
import type { QuestionTexts } from '../../../core/export/text';
import type { AutoStatus, OverrideStatus } from '../../../core/model';
import { Q, recordOf, reportWith } from '../coverage-fixtures';
import { anyText, MARKUP } from './arbitraries';
import { holds, Tally } from './run';

/**
 * Exports carry untrusted text (titles, notes, evidence, a district bank's questions) into files
 * other programs open. CSV must come back cell for cell through an RFC 4180 reader, with every
 * cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) made inert by a leading
 * apostrophe; the HTML report and the Markdown must carry that text without one piece of markup
 * of its own: the same elements, attributes and markup characters as the same report whose
 * untrusted texts are a plain "x".
 */

/**
 * Strict RFC 4180 reader: CRLF row ends, quotes only around a whole field, "" inside quotes.
 * Throws on anything else, so malformed output fails the test instead of being guessed at.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  if (!text.endsWith('\r\n')) throw new Error('CSV does not end with CRLF');
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i];
        i++;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        field += text[i];
        i++;
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} after a field at ${i}`);
  }
  return rows;
}

const FORMULA_START = /^[=+\-@\t\r]/;
/** What a cell must read as: text a spreadsheet would run gets the apostrophe that makes it inert. */
const inert = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/** Cell text: formula starts, CSV specials and arbitrary Unicode, in any order. */
const cell = fc
  .tuple(
    fc.constantFrom('', '', '=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ' =', "'", '\r\n', '=cmd|'),
    fc.array(fc.oneof(anyText, fc.constantFrom(',', '"', '\n', '\r', '\r\n', '""', ...MARKUP)), { maxLength: 4 }),
  )
  .map(([start, rest]) => `${start}${rest.join('')}`);

describe('CSV (property)', () => {
  it('round-trips any cells through an RFC 4180 reader, with formula cells neutralized', async () => {
    const payloads = new Tally('payloads');
    await holds(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (rows) => {
        const text = rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
        const parsed = parseCsv(text);
        expect(parsed).toEqual(rows.map((row) => row.map(inert)));
        for (const value of rows.flat()) {
          if (!FORMULA_START.test(value)) continue;
          // A formula-looking cell offered to the spreadsheet; "executed" if it still starts like one.
          const executable = parsed.flat().some((c) => c === value);
          payloads.count(!executable);
        }
        expect(parsed.flat().some((c) => FORMULA_START.test(c))).toBe(false);
      }),
      500,
      payloads,
    );
  }, 120_000);
});

/* ---------------------------------------------------------------------------------------- */
/* Whole exports with hostile text                                                          */
/* ---------------------------------------------------------------------------------------- */

const QUESTION_IDS: string[] = [...Object.values(Q)];
const RETIRED = 'selection.exploration.retired-question';
const KEYS = ['gdocs:1RiversideLiteracyPlan2026abcdef', 'custom:<img/src=x/onerror=alert(1)>', 'canvas:"quoted"&amp;'];

interface Hostile {
  docs: Array<{
    docKey: string;
    title: string;
    hasReport: boolean;
    statuses: AutoStatus[];
    snippets: string[];
    overrides: Array<{ questionId: string; status: OverrideStatus | null; note: string }>;
  }>;
  questionTexts: string[];
}

const hostile: fc.Arbitrary<Hostile> = fc.record({
  docs: fc.uniqueArray(
    fc.record({
      docKey: fc.constantFrom(...KEYS),
      title: anyText,
      hasReport: fc.boolean(),
      statuses: fc.array(fc.constantFrom<AutoStatus>('covered', 'partial', 'unanswered'), {
        minLength: 5,
        maxLength: 5,
      }),
      snippets: fc.array(anyText, { minLength: 5, maxLength: 5 }),
      overrides: fc.uniqueArray(
        fc.record({
          questionId: fc.constantFrom(...QUESTION_IDS, RETIRED),
          status: fc.constantFrom<OverrideStatus | null>('answered', 'not_applicable', 'unanswered', null),
          note: anyText,
        }),
        { selector: (o) => o.questionId, maxLength: 6 },
      ),
    }),
    { selector: (d) => d.docKey, minLength: 1, maxLength: 3 },
  ),
  questionTexts: fc.array(anyText, { minLength: QUESTION_IDS.length, maxLength: QUESTION_IDS.length }),
});

const reports = new Map<string, ReturnType<typeof reportWith>>();
function reportOf(docKey: string): ReturnType<typeof reportWith> {
  let report = reports.get(docKey);
  if (!report) {
    report = reportWith(docKey);
    reports.set(docKey, report);
  }
  return report;
}

/** The export and question texts for `h`, with every untrusted text passed through `text`. */
function build(h: Hostile, text: (s: string) => string): { data: CoverageExport; texts: QuestionTexts } {
  const documents = h.docs.map((d): DocumentExport => {
    const base = reportOf(d.docKey);
    const report = d.hasReport
      ? {
          ...base,
          questions: base.questions.map((q, i) => {
            const status = d.statuses[i] ?? 'unanswered';
            const evidence = [{ blockId: 'b1', snippet: text(d.snippets[i] ?? ''), score: 0.9, terms: ['coach'] }];
            return { ...q, status, evidence: status === 'unanswered' ? [] : evidence };
          }),
        }
      : null;
    const overrides = d.overrides.map(
      (o, i): OverrideRecord => ({
        docKey: d.docKey,
        questionId: o.questionId,
        status: o.status,
        statusAt: o.status ? 5_000 + i : null,
        note: text(o.note),
        noteAt: o.note ? 6_000 + i : null,
        updatedAt: 6_000 + i,
      }),
    );
    return { record: recordOf(d.docKey, { title: text(d.title) }), report, overrides, history: [] };
  });
  const byId = new Map(QUESTION_IDS.map((id, i) => [id, text(h.questionTexts[i] ?? '')]));
  const texts: QuestionTexts = (id) => byId.get(id) ?? `(question ${id}, no longer in the question bank)`;
  return { data: buildExport(documents, Date.UTC(2026, 0, 15, 12)), texts };
}

/** The same report's untrusted texts as a harmless "x" (empty stays empty: some markup depends on it). */
const plain = (s: string): string => (s ? 'x' : '');
const same = (s: string): string => s;

describe('CSV export of hostile documents (property)', () => {
  it('gives one clean row per document × question, every untrusted cell intact and inert', async () => {
    const payloads = new Tally('payloads');
    await holds(
      fc.property(hostile, (h) => {
        const { data, texts } = build(h, same);
        const rows = parseCsv(formatCoverageCsv(data, texts));
        expect(rows[0]).toEqual([...COVERAGE_CSV_COLUMNS]);
        for (const row of rows) expect(row).toHaveLength(COVERAGE_CSV_COLUMNS.length);
        let r = 1;
        for (const doc of data.documents) {
          const seen = new Set<string>();
          while (rows[r]?.[1] === doc.record.docKey) {
            const row = rows[r] as string[];
            const questionId = row[4] as string;
            seen.add(questionId);
            expect(row[0]).toBe(inert(doc.record.title));
            expect(row[5]).toBe(inert(texts(questionId)));
            const note = doc.overrides.find((o) => o.questionId === questionId)?.note ?? '';
            expect(row[9]).toBe(inert(note));
            const snippet = doc.report?.questions.find((q) => q.questionId === questionId)?.evidence[0]?.snippet ?? '';
            expect(row[8]).toBe(inert(snippet));
            for (const value of [doc.record.title, texts(questionId), note, snippet])
              if (FORMULA_START.test(value)) payloads.count(!row.includes(value));
            r++;
          }
          const effective = effectiveCoverage(doc.report, doc.overrides);
          expect(seen.size).toBe(effective.questions.length + effective.retired.length);
        }
        expect(r).toBe(rows.length);
        expect(rows.flat().some((c) => FORMULA_START.test(c))).toBe(false);
      }),
      200,
      payloads,
    );
  }, 120_000);
});

/** Every element with its attributes, in document order: the markup of a page, without its text. */
const parser = new new Window().DOMParser();
function skeleton(html: string): string[] {
  const doc = parser.parseFromString(html, 'text/html');
  return [...doc.querySelectorAll('*')].map(
    (el) => `${el.tagName}${[...el.attributes].map((a) => ` ${a.name}=${JSON.stringify(a.value)}`).join('')}`,
  );
}

const count = (text: string, c: string): number => text.split(c).length - 1;

/** A Markdown line's markup: its markup characters once backslash-escaped pairs are removed. */
const MD_ESCAPED = /\\[\\`*_[\]<>|~&!#]/g;
const MD_MARKUP = /[\\`*_[\]<>|~&!#]/g;
const markdownSkeleton = (md: string): string[] =>
  md.split('\n').map((line) => (line.replace(MD_ESCAPED, '').match(MD_MARKUP) ?? []).join(''));

/** Counts the untrusted texts that carry markup, as payloads offered to a renderer. */
function markupTexts(h: Hostile): number {
  const texts = [...h.questionTexts, ...h.docs.flatMap((d) => [d.title, d.docKey, ...d.overrides.map((o) => o.note)])];
  return texts.filter((t) => /[<>&"'`*_[\]|#!\\]/.test(t)).length;
}

describe('HTML and Markdown exports of hostile documents (property)', () => {
  it('the HTML report has exactly the markup of the same report with plain text', async () => {
    const payloads = new Tally('payloads');
    await holds(
      fc.property(hostile, (h) => {
        const bad = build(h, same);
        const good = build(h, plain);
        const html = formatHtmlReport(bad.data, bad.texts);
        const reference = formatHtmlReport(good.data, good.texts);
        const sameCounts = count(html, '<') === count(reference, '<') && count(html, '>') === count(reference, '>');
        const structure = skeleton(html);
        const injected = !sameCounts || JSON.stringify(structure) !== JSON.stringify(skeleton(reference));
        for (let i = markupTexts(h); i > 0; i--) payloads.count(!injected);
        expect(count(html, '<')).toBe(count(reference, '<'));
        expect(count(html, '>')).toBe(count(reference, '>'));
        expect(structure).toEqual(skeleton(reference));
        expect(structure.some((el) => /^(SCRIPT|IMG|SVG|IFRAME|A) /.test(`${el} `))).toBe(false);
      }),
      80,
      payloads,
    );
  }, 120_000);

  it('the Markdown summary and checklist have exactly the markup of the same files with plain text', async () => {
    const payloads = new Tally('payloads');
    await holds(
      fc.property(hostile, (h) => {
        const bad = build(h, same);
        const good = build(h, plain);
        const pairs: Array<[string, string]> = [
          [formatMarkdownSummary(bad.data, bad.texts), formatMarkdownSummary(good.data, good.texts)],
          ...bad.data.documents.map((doc, i): [string, string] => [
            formatUnansweredChecklist(doc, bad.texts),
            formatUnansweredChecklist(good.data.documents[i] as DocumentExport, good.texts),
          ]),
        ];
        const clean = pairs.every(
          ([md, ref]) => JSON.stringify(markdownSkeleton(md)) === JSON.stringify(markdownSkeleton(ref)),
        );
        for (let i = markupTexts(h); i > 0; i--) payloads.count(clean);
        for (const [md, ref] of pairs) expect(markdownSkeleton(md)).toEqual(markdownSkeleton(ref));
      }),
      200,
      payloads,
    );
  }, 120_000);
});
