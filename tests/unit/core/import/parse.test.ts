import { describe, expect, it } from 'vitest';
import { buildExport, formatExportJson } from '../../../../core/export/format';
import { parseCoverageExport } from '../../../../core/import/parse';
import { documentOf, overrideOf, Q, snapshotPoint } from '../../coverage-fixtures';

const DOC = 'gdocs:1RiversideLiteracyPlan2026abcdef';

function validExport() {
  return buildExport(
    [
      documentOf(DOC, {
        overrides: [overrideOf(DOC, Q.observe, { status: 'answered', note: 'Weekly <b>walkthroughs</b>' })],
        history: [snapshotPoint(DOC, 100, 1), snapshotPoint(DOC, 200, 2)],
      }),
    ],
    Date.UTC(2026, 0, 15),
  );
}
const validText = () => formatExportJson(validExport());

/** The valid export with one change made by `edit` on its parsed JSON. */
// biome-ignore lint/suspicious/noExplicitAny: the cases reach into arbitrary paths of the file, on purpose.
function edited(edit: (data: Record<string, any>) => void): string {
  const data = JSON.parse(validText());
  edit(data);
  return JSON.stringify(data);
}

describe('reading an export file', () => {
  it('reads back exactly what was exported', () => {
    const parsed = parseCoverageExport(validText());
    expect(parsed).toEqual({ ok: true, data: validExport() });
  });

  it('drops fields PlanLens does not know, so they never reach the database', () => {
    const parsed = parseCoverageExport(
      edited((d) => {
        d.documents[0].record.injected = 'x';
        d.documents[0].overrides[0].extra = { big: 'y' };
        d.documents[0].report.questions[0].evidence.push({ blockId: 'b', snippet: 's', score: 1, terms: [], more: 1 });
      }),
    );
    if (!parsed.ok) throw new Error(parsed.message);
    const doc = parsed.data.documents[0];
    expect(doc?.record).not.toHaveProperty('injected');
    expect(doc?.overrides[0]).not.toHaveProperty('extra');
    expect(doc?.report?.questions[0]?.evidence.at(-1)).toEqual({ blockId: 'b', snippet: 's', score: 1, terms: [] });
  });

  const refused: Array<[string, string, RegExp]> = [
    ['an empty file', '', /empty/],
    ['whitespace only', '  \n', /empty/],
    ['a truncated file', validText().slice(0, 400), /incomplete.*cut short/],
    ['a file cut inside a string', '{"format": "planlens-cov', /incomplete/],
    ['text that is not JSON', 'format,version\nplanlens-coverage,1', /not valid JSON/],
    ['JSON that is a list', '[1, 2]', /not a PlanLens export/],
    ['JSON without a format', '{"version": 1}', /no "format"/],
    ['a question bank', '{"format": "planlens-bank", "version": 1}', /question bank, not a coverage export/],
    ['another format', '{"format": "something-else", "version": 1}', /"something-else", expected "planlens-coverage"/],
    [
      'a future version',
      edited((d) => {
        d.version = 2;
      }),
      /newer PlanLens \(export version 2.*Update PlanLens/,
    ],
    [
      'a version that is not a number',
      edited((d) => {
        d.version = '1';
      }),
      /no valid version/,
    ],
    [
      'version 0',
      edited((d) => {
        d.version = 0;
      }),
      /no valid version/,
    ],
    [
      'documents not a list',
      edited((d) => {
        d.documents = {};
      }),
      /documents is not a list/,
    ],
    [
      'a bad date',
      edited((d) => {
        d.exportedAt = 'yesterday';
      }),
      /exportedAt is not a date/,
    ],
    [
      'a record without docKey',
      edited((d) => {
        delete d.documents[0].record.docKey;
      }),
      /documents\[0\]\.record\.docKey is not a document key/,
    ],
    [
      'an unknown site',
      edited((d) => {
        d.documents[0].record.site = 'myspace';
      }),
      /record\.site is not a known site/,
    ],
    [
      'a title too long',
      edited((d) => {
        d.documents[0].record.title = 'x'.repeat(501);
      }),
      /record\.title/,
    ],
    [
      'an unknown override status',
      edited((d) => {
        d.documents[0].overrides[0].status = 'done';
      }),
      /overrides\[0\]\.status is not answered, not_applicable, unanswered or null/,
    ],
    [
      'a note too long',
      edited((d) => {
        d.documents[0].overrides[0].note = 'x'.repeat(5001);
      }),
      /overrides\[0\]\.note/,
    ],
    [
      'an override of another document',
      edited((d) => {
        d.documents[0].overrides[0].docKey = 'gdocs:other';
      }),
      /overrides\[0\]\.docKey does not match/,
    ],
    [
      'a bad question id',
      edited((d) => {
        d.documents[0].overrides[0].questionId = 'Not An Id';
      }),
      /overrides\[0\]\.questionId is not a question id/,
    ],
    [
      'a question answered twice',
      edited((d) => {
        d.documents[0].overrides.push(d.documents[0].overrides[0]);
      }),
      /overrides\[1\]\.questionId appears twice/,
    ],
    [
      'a report of another document',
      edited((d) => {
        d.documents[0].report.docKey = 'gdocs:other';
      }),
      /report\.docKey does not match/,
    ],
    [
      'a bad question status in the report',
      edited((d) => {
        d.documents[0].report.questions[2].status = 'great';
      }),
      /report\.questions\[2\]\.status/,
    ],
    [
      'evidence that is not text',
      edited((d) => {
        d.documents[0].report.questions[0].evidence = [{ snippet: 5 }];
      }),
      /questions\[0\]\.evidence\[0\]/,
    ],
    [
      'a missing cell',
      edited((d) => {
        delete d.documents[0].report.cells['coaching.exploration'];
      }),
      /cells\["coaching\.exploration"\]/,
    ],
    [
      'a history point without counts',
      edited((d) => {
        delete d.documents[0].history[1].byDriver;
      }),
      /history\[1\]\.byDriver/,
    ],
    [
      'the same document twice',
      edited((d) => {
        d.documents.push(d.documents[0]);
      }),
      /documents\[1\]\.record\.docKey repeats/,
    ],
    [
      'a document that is null',
      edited((d) => {
        d.documents.push(null);
      }),
      /documents\[1\] is not a document/,
    ],
  ];
  it.each(refused)('refuses %s with a clear message', (_name, text, message) => {
    const parsed = parseCoverageExport(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('lists at most a few problems of a badly damaged file', () => {
    const text = edited((d) => {
      for (let i = 0; i < 20; i++) d.documents.push({ record: null });
    });
    const parsed = parseCoverageExport(text);
    if (parsed.ok) throw new Error('accepted');
    expect(parsed.message.match(/is missing or not an object/g)).toHaveLength(5);
  });
});
