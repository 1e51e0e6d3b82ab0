import { describe, expect, it } from 'vitest';
import { COVERAGE_CSV_COLUMNS, csvField, formatCoverageCsv } from '../../../../core/export/csv';
import { buildExport, type CoverageExport, formatExportJson } from '../../../../core/export/format';
import { formatHtmlReport } from '../../../../core/export/html';
import { formatMarkdownSummary, formatUnansweredChecklist } from '../../../../core/export/markdown';
import { escapeHtml, escapeMarkdown, fileSlug, questionTexts } from '../../../../core/export/text';
import { documentOf, overrideOf, Q, recordOf, reportWith } from '../../coverage-fixtures';
import { miniBank } from '../../helpers';

const DOC = 'gdocs:1RiversideLiteracyPlan2026abcdef';
const HOSTILE = '<img src=x onerror=alert(1)>';
const texts = questionTexts(miniBank());

/** One document whose title, note and evidence are hostile. */
function hostileExport(): CoverageExport {
  const report = reportWith(DOC, { [Q.coachPosition]: 'covered', [Q.trainingPlan]: 'partial' });
  const position = report.questions.find((q) => q.questionId === Q.coachPosition);
  if (position?.evidence[0]) position.evidence[0].snippet = `=HYPERLINK("http://evil") ${HOSTILE}`;
  return buildExport(
    [
      documentOf(DOC, {
        record: recordOf(DOC, { title: `Plan ${HOSTILE} & "friends"` }),
        report,
        overrides: [
          overrideOf(DOC, Q.observe, { status: 'answered', statusAt: 7_000 }),
          overrideOf(DOC, Q.fidelityMeasure, { note: `${HOSTILE}\nsecond line | pipe`, noteAt: 8_000 }),
          overrideOf(DOC, 'selection.exploration.retired-question', { status: 'not_applicable', statusAt: 6_000 }),
        ],
      }),
    ],
    Date.UTC(2026, 0, 15, 12),
  );
}

/** Minimal RFC 4180 reader, to check the CSV round-trips to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('CSV export', () => {
  const cases: Array<[string, string]> = [
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['=HYPERLINK("u")', `"'=HYPERLINK(""u"")"`],
    ['', ''],
  ];
  it.each(cases)('field %j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('has one row per document × question (retired ones included) with the agreed columns', () => {
    const rows = parseCsv(formatCoverageCsv(hostileExport(), texts));
    expect(rows[0]).toEqual([...COVERAGE_CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 5 + 1);
    const byId = new Map(rows.slice(1).map((r) => [r[4], r]));
    expect(byId.get(Q.observe)).toEqual([
      `Plan ${HOSTILE} & "friends"`,
      DOC,
      'Initial Implementation',
      'Coaching',
      Q.observe,
      'How often do coaches observe and give feedback?',
      'answered',
      'manual',
      '',
      '',
      '1970-01-01T00:00:07.000Z',
    ]);
    expect(byId.get(Q.trainingPlan)?.slice(6, 9)).toEqual(['partial', 'automatic', `Evidence for ${Q.trainingPlan}`]);
    expect(byId.get(Q.trainingPlan)?.[10]).toBe('1970-01-01T00:00:02.000Z');
    expect(byId.get('selection.exploration.retired-question')?.slice(2, 8)).toEqual([
      'Exploration',
      'Selection',
      'selection.exploration.retired-question',
      '(question selection.exploration.retired-question, no longer in the question bank)',
      'not_applicable',
      'manual',
    ]);
  });

  it('keeps hostile text as inert text: formulas neutralized, markup untouched', () => {
    const rows = parseCsv(formatCoverageCsv(hostileExport(), texts));
    const byId = new Map(rows.slice(1).map((r) => [r[4], r]));
    expect(byId.get(Q.coachPosition)?.[8]).toBe(`'=HYPERLINK("http://evil") ${HOSTILE}`);
    expect(byId.get(Q.fidelityMeasure)?.[9]).toBe(`${HOSTILE}\nsecond line | pipe`);
  });
});

describe('JSON export', () => {
  it('carries format, version, time and every part of each document', () => {
    const data = hostileExport();
    const parsed = JSON.parse(formatExportJson(data));
    expect(parsed).toMatchObject({ format: 'planlens-coverage', version: 1, exportedAt: '2026-01-15T12:00:00.000Z' });
    expect(Object.keys(parsed.documents[0]).sort()).toEqual(['history', 'overrides', 'record', 'report']);
    expect(parsed).toEqual(data);
  });
});

describe('Markdown summary and checklist', () => {
  it('escapes hostile text so no renderer sees markup', () => {
    const cases: Array<[string, string]> = [
      [HOSTILE, '\\<img src=x onerror=alert(1)\\>'],
      ['[link](javascript:alert(1))', '\\[link\\](javascript:alert(1))'],
      ['![img](x)', '\\!\\[img\\](x)'],
      ['a | b', 'a \\| b'],
      ['*bold* _it_ `code`', '\\*bold\\* \\_it\\_ \\`code\\`'],
      ['&amp;', '\\&amp;'],
      ['two\n# lines', 'two \\# lines'],
    ];
    for (const [input, expected] of cases) expect(escapeMarkdown(input)).toBe(expected);
  });

  it('summarizes each document: stage × driver counts and the unanswered questions', () => {
    const md = formatMarkdownSummary(hostileExport(), texts);
    expect(md).not.toMatch(/(?<!\\)</);
    expect(md).toContain('## Plan \\<img src=x onerror=alert(1)\\> \\& "friends"');
    expect(md).toContain('| Driver | Exploration | Installation | Initial Implementation | Full Implementation |');
    expect(md).toContain('| Coaching | 0/1 | 1/1 | 1/1 | – |');
    expect(md).toContain('| Training | – | 0/1 | – | – |');
    expect(md).toContain('- Addressed: 2 of 5 questions (1 set by hand); 1 partly covered, 2 unanswered');
    expect(md).toContain('### Unanswered questions (2)');
    expect(md).toContain('- **Coaching:** What kind and amount of coaching will the practice need?');
    expect(md).toContain(
      '- **Fidelity assessment:** Which fidelity measure will be used? (note: \\<img src=x onerror=alert(1)\\> second line \\| pipe)',
    );
    expect(md).not.toContain('How often do coaches observe');
  });

  it('copies the unanswered questions as a checklist grouped by stage', () => {
    const doc = hostileExport().documents[0];
    if (!doc) throw new Error('no document');
    const text = formatUnansweredChecklist(doc, texts);
    expect(text.split('\n')).toEqual([
      '## Unanswered implementation questions: Plan \\<img src=x onerror=alert(1)\\> \\& "friends"',
      '',
      '### Exploration',
      '',
      '- [ ] **Coaching:** What kind and amount of coaching will the practice need?',
      '',
      '### Installation',
      '',
      '- [ ] **Fidelity assessment:** Which fidelity measure will be used? (note: \\<img src=x onerror=alert(1)\\> second line \\| pipe)',
      '',
    ]);
    const done = {
      ...doc,
      overrides: [
        ...doc.overrides,
        overrideOf(DOC, Q.coachingNeed, { status: 'answered' }),
        overrideOf(DOC, Q.fidelityMeasure, { status: 'not_applicable' }),
      ],
    };
    expect(formatUnansweredChecklist(done, texts)).toContain('Every question is addressed.');
  });
});

describe('printable HTML report', () => {
  it('is a standalone document with the 9 × 4 grid colored by effective coverage', () => {
    const html = formatHtmlReport(hostileExport(), texts);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('@media print');
    expect(html.match(/<tr><th scope="row">/g)).toHaveLength(9);
    expect(html.match(/<th scope="col">/g)).toHaveLength(5);
    expect(html).toContain('<tr><th scope="row">Coaching</th><td class="cell cell-unanswered">0/1');
    expect(html).toContain('<td class="cell cell-covered">1/1<span class="cell-label">Covered</span></td>');
    expect(html).toContain('<h3>Unanswered questions (2)</h3>');
  });

  it('escapes all untrusted text and has no script or remote load', () => {
    const html = formatHtmlReport(hostileExport(), texts);
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).toContain('Plan &#60;img src=x onerror=alert(1)&#62; &#38; &#34;friends&#34;');
    expect(html).not.toMatch(/<script|javascript:|onerror=alert\(1\)>/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('says so for a document without stored coverage', () => {
    const html = formatHtmlReport(buildExport([documentOf(DOC, { report: null })], 0), texts);
    expect(html).toContain('No coverage stored for this document yet.');
  });
});

describe('shared text helpers', () => {
  it.each([
    ['<a href="x">&\'', '&#60;a href=&#34;x&#34;&#62;&#38;&#39;'],
    ['plain', 'plain'],
  ])('escapeHtml(%j)', (input, expected) => expect(escapeHtml(input)).toBe(expected));

  it.each([
    ['Riverside Literacy Plan 2026', 'riverside-literacy-plan-2026'],
    ['Écoles — plan', 'ecoles-plan'],
    ['../../etc/passwd', 'etc-passwd'],
    ['<>', 'document'],
  ])('fileSlug(%j) = %j', (input, expected) => expect(fileSlug(input)).toBe(expected));
});
