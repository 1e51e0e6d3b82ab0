import { describe, expect, it } from 'vitest';
import {
  type DocumentSummary,
  driverShare,
  filterSummaries,
  heatLevel,
  shareRatio,
  sitesOf,
  stageShare,
  summarizeDocument,
} from '../../../../core/coverage/summary';
import { overrideOf, Q, recordOf, reportWith } from '../../coverage-fixtures';

const DOC = 'gdocs:1RiversideLiteracyPlan2026abcdef';

describe('summarizeDocument: a dashboard row counts addressed questions per cell', () => {
  it('counts automatic covered and manual answered / not applicable as addressed, not partial', () => {
    const report = reportWith(DOC, {
      [Q.coachPosition]: 'covered',
      [Q.trainingPlan]: 'partial',
      [Q.fidelityMeasure]: 'covered',
    });
    const overrides = [
      overrideOf(DOC, Q.observe, { status: 'answered' }),
      overrideOf(DOC, Q.coachingNeed, { status: 'not_applicable' }),
      // Manual "unanswered" beats an automatic "covered".
      overrideOf(DOC, Q.fidelityMeasure, { status: 'unanswered' }),
    ];
    const s = summarizeDocument(recordOf(DOC), report, overrides);
    expect(s.cells['coaching.installation'].addressed).toBe(1);
    expect(s.cells['coaching.initial_implementation'].addressed).toBe(1);
    expect(s.cells['coaching.exploration'].addressed).toBe(1);
    expect(s.cells['training.installation'].addressed).toBe(0);
    expect(s.cells['fidelity.installation'].addressed).toBe(0);
    expect(s.manual).toBe(3);
    const total = Object.values(s.cells).reduce((n, c) => n + c.total, 0);
    expect(s.overall).toEqual({ addressed: 3, total });
    expect(total).toBe(report.questions.length);
    expect(stageShare(s, 'installation').addressed).toBe(1);
    expect(driverShare(s, 'coaching')).toEqual({
      addressed: 3,
      total: report.questions.filter((q) => q.driver === 'coaching').length,
    });
    expect(s).toMatchObject({ docKey: DOC, site: 'gdocs', title: 'Riverside literacy plan', lastReadAt: 2_000 });
  });

  it('has all 36 cells, empty, for a document without a report; keeps a read error as text', () => {
    const s = summarizeDocument(
      recordOf(DOC, { readError: { reason: 'no_access', message: 'No access <b>', at: 1 } }),
      null,
      [],
    );
    expect(Object.keys(s.cells)).toHaveLength(36);
    expect(s.overall).toEqual({ addressed: 0, total: 0 });
    expect(s.readError).toBe('No access <b>');
    expect(heatLevel(s.overall)).toBeNull();
  });
});

describe('heat levels', () => {
  it('maps shares to 0–4 (null without questions)', () => {
    expect(shareRatio({ addressed: 1, total: 4 })).toBe(0.25);
    expect([0, 1, 2, 3, 4].map((a) => heatLevel({ addressed: a, total: 4 }))).toEqual([0, 1, 2, 3, 4]);
    expect(heatLevel({ addressed: 1, total: 100 })).toBe(1);
    expect(heatLevel({ addressed: 99, total: 100 })).toBe(3);
    expect(heatLevel({ addressed: 0, total: 0 })).toBeNull();
  });
});

describe('filterSummaries', () => {
  const make = (key: string, site: DocumentSummary['site'], lastReadAt: number, title: string, installed: number) => {
    const s = summarizeDocument(recordOf(key, { site, lastReadAt, title }), reportWith(key), []);
    s.cells['coaching.installation'] = { addressed: installed, total: 2 };
    return s;
  };
  const rows = [
    make('gdocs:1Aaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'gdocs', 3, 'Alpha plan', 2),
    make('canvas:lms.example.org/courses/1/pages/b', 'canvas', 5, 'Beta plan', 0),
    make('gdocs:1Cccccccccccccccccccccccccccccc', 'gdocs', 4, 'Gamma PLAN', 1),
  ];

  it('keeps all, newest read first, without filters', () => {
    expect(filterSummaries(rows, { site: 'all', stage: 'all' }).map((s) => s.title)).toEqual([
      'Beta plan',
      'Gamma PLAN',
      'Alpha plan',
    ]);
  });

  it('filters by site and by title text (case-insensitive)', () => {
    expect(filterSummaries(rows, { site: 'gdocs', stage: 'all' }).map((s) => s.title)).toEqual([
      'Gamma PLAN',
      'Alpha plan',
    ]);
    expect(filterSummaries(rows, { site: 'all', stage: 'all', text: ' gamma ' }).map((s) => s.title)).toEqual([
      'Gamma PLAN',
    ]);
    expect(filterSummaries(rows, { site: 'moodle', stage: 'all' })).toEqual([]);
  });

  it('with a stage, orders by that stage’s share, least addressed first', () => {
    expect(filterSummaries(rows, { site: 'all', stage: 'installation' }).map((s) => s.title)).toEqual([
      'Beta plan',
      'Gamma PLAN',
      'Alpha plan',
    ]);
  });

  it('does not reorder its input; lists the sites present', () => {
    const before = rows.map((r) => r.docKey);
    filterSummaries(rows, { site: 'all', stage: 'installation' });
    expect(rows.map((r) => r.docKey)).toEqual(before);
    expect(sitesOf(rows)).toEqual(['canvas', 'gdocs']);
  });
});
