import { describe, expect, it } from 'vitest';
import { buildExport, formatExportJson } from '../../../../core/export/format';
import { parseCoverageExport } from '../../../../core/import/parse';
import { documentOf, Q } from '../../coverage-fixtures';

/**
 * Reports carry their reasons twice: English sentences (`reasons`, always) and the same as data
 * (`reasonCodes`, since reasons became data). Files written before have only the sentences.
 */

const DOC = 'gdocs:1RiversideLiteracyPlan2026abcdef';

// biome-ignore lint/suspicious/noExplicitAny: the cases reach into the parsed file, on purpose.
function fileWith(edit: (question: Record<string, any>) => void): string {
  const data = JSON.parse(formatExportJson(buildExport([documentOf(DOC)], Date.UTC(2026, 0, 15))));
  const question = data.documents[0].report.questions.find((q: { questionId: string }) => q.questionId === Q.observe);
  edit(question);
  return JSON.stringify(data);
}

const observe = (text: string) => {
  const parsed = parseCoverageExport(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.data.documents[0]?.report?.questions.find((q) => q.questionId === Q.observe);
};

describe('importing reasons', () => {
  it('exports reasons as data beside the English and reads both back', () => {
    const q = observe(fileWith(() => {}));
    expect(q?.reasons).toEqual(['No passage in the plan talks about this question’s key ideas together.']);
    expect(q?.reasonCodes).toEqual([{ kind: 'noPassage' }]);
  });

  it('reads a file from before reasons were data: English only, no data made up', () => {
    const q = observe(
      fileWith((question) => {
        delete question.reasonCodes;
      }),
    );
    expect(q?.reasons).toHaveLength(1);
    expect(q).not.toHaveProperty('reasonCodes');
  });

  it('keeps only the fields of each reason', () => {
    const q = observe(
      fileWith((question) => {
        question.reasonCodes = [
          { kind: 'mentions', terms: ['coach'], html: '<img src=x onerror=alert(1)>' },
          { kind: 'section', title: '<b>Year 1</b>' },
        ];
      }),
    );
    expect(q?.reasonCodes).toEqual([
      { kind: 'mentions', terms: ['coach'] },
      { kind: 'section', title: '<b>Year 1</b>' },
    ]);
  });

  it('drops the data, keeping the English, when a reason is of a kind a later PlanLens added', () => {
    const q = observe(
      fileWith((question) => {
        question.reasonCodes = [{ kind: 'noPassage' }, { kind: 'somethingNew', words: ['x'] }];
      }),
    );
    expect(q).not.toHaveProperty('reasonCodes');
    expect(q?.reasons).toHaveLength(1);
  });

  it.each([
    ['not a list', { kind: 'noPassage' }, /questions\[2\]\.reasonCodes is not a list/],
    ['a text', ['The passage mentions coach.'], /questions\[2\]\.reasonCodes\[0\] is not a reason/],
    ['terms that are not texts', [{ kind: 'mentions', terms: [1] }], /reasonCodes\[0\] is not a reason/],
    [
      'an unknown stage',
      [{ kind: 'noPassage' }, { kind: 'stage', stage: 'launch', how: 'heading' }],
      /reasonCodes\[1\] is not a reason/,
    ],
    ['an unknown way to find a stage', [{ kind: 'stage', stage: 'installation', how: 'guess' }], /is not a reason/],
    ['a kind that is not a text', [{ kind: 3 }], /reasonCodes\[0\] is not a reason/],
  ])('refuses a file whose reasons are %s', (_, reasonCodes, message) => {
    const parsed = parseCoverageExport(
      fileWith((question) => {
        question.reasonCodes = reasonCodes;
      }),
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
