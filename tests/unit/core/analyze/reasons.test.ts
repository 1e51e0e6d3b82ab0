import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../core/analyze/engine';
import { copyReasons, isReason, reasonText, reasonTexts } from '../../../../core/analyze/reasons';
import type { QuestionResult, Reason } from '../../../../core/analyze/report';
import { defaultBank } from '../../../../core/bank/default';
import { htmlToBlocks } from '../../../../core/extract/html';
import type { StageId } from '../../../../core/model';
import { miniBank, readFixture, snapshotOf } from '../../helpers';

const question = (results: QuestionResult[], id: string) => {
  const found = results.find((q) => q.questionId === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
};

const bankStage = (stage: StageId) => miniBank().stages[stage].label;

/**
 * The English reasons the analyzer gave before reasons were data, per plan and question: the
 * derivation from data must say exactly the same (CLI output, exports and e2e tests read them).
 */
const ENGLISH: Array<[string, string, string, string[]]> = [
  [
    'under a stage heading, with its section',
    '<h2>Installation</h2><p>We will write a position description for the two instructional coaches before hiring in May.</p>',
    'coaching.installation.coach-position',
    [
      'The passage mentions coaches, position description.',
      'Stage: Installation (under a stage heading).',
      'Section: “Installation”.',
    ],
  ],
  [
    'in a stage column',
    '<table><tr><td>Driver</td><td>Exploration</td><td>Installation</td></tr><tr><td>Coaching</td><td>Count how many coaches we need</td><td>Coach position description drafted by HR</td></tr></table>',
    'coaching.exploration.coaching-need',
    ['The passage mentions coaches, how many, need.', 'Stage: Exploration (in a stage column).'],
  ],
  [
    'in a stage row',
    '<table><tr><td>Stage</td><td>Coaching</td></tr><tr><td>Installation</td><td>Coach position description drafted by HR</td></tr></table>',
    'coaching.installation.coach-position',
    ['The passage mentions coach, position description.', 'Stage: Installation (in a stage row).'],
  ],
  [
    'labelled with the stage',
    '<p>Installation: we will write a position description for the two instructional coaches.</p>',
    'coaching.installation.coach-position',
    ['The passage mentions coaches, position description.', 'Stage: Installation (labelled with the stage).'],
  ],
  [
    'stage inferred',
    '<p>We will hire and recruit coaches after we write a position description for them.</p>',
    'coaching.installation.coach-position',
    ['The passage mentions coaches, position description.', 'Stage: Installation (stage inferred from the activity).'],
  ],
  [
    'no stage, a title that is not one',
    '<h1>Literacy Implementation Plan</h1><p>Coaches observe teachers monthly and give feedback.</p>',
    'coaching.initial_implementation.observe-feedback',
    [
      'The passage mentions coaches, observe, feedback.',
      'Stage: not stated near the passage.',
      'Section: “Literacy Implementation Plan”.',
    ],
  ],
  [
    'a concept found only in the heading',
    '<h2>Coaching feedback</h2><p>Coaches observe each classroom every two weeks.</p>',
    'coaching.initial_implementation.observe-feedback',
    [
      'The passage mentions coaches, observe.',
      'Its heading or table header adds feedback.',
      'Stage: not stated near the passage.',
      'Section: “Coaching feedback”.',
    ],
  ],
  [
    'a concept found nowhere near',
    '<h2>Initial Implementation</h2><p>Coaches observe each classroom every two weeks.</p>',
    'coaching.initial_implementation.observe-feedback',
    [
      'The passage mentions coaches, observe.',
      'Nothing nearby mentions feedback.',
      'Stage: Initial Implementation (under a stage heading).',
      'Section: “Initial Implementation”.',
    ],
  ],
  [
    'no passage at all',
    '<p>nothing relevant here</p>',
    'training.installation.training-plan',
    ['No passage in the plan talks about this question’s key ideas together.'],
  ],
];

describe('reasons as data and in English', () => {
  it.each(ENGLISH)('says the same English as before: %s', (_, html, id, english) => {
    const q = question(analyze(miniBank(), snapshotOf(html)).questions, id);
    expect(q.reasons).toEqual(english);
    expect(q.reasonCodes).toBeDefined();
    expect(reasonTexts(q.reasonCodes ?? [], bankStage)).toEqual(q.reasons);
  });

  it('keeps the words as data: matched terms as written, concepts by their first bank term', () => {
    const q = question(
      analyze(
        miniBank(),
        snapshotOf('<h2>Coaching feedback</h2><p>Coaches observe each classroom every two weeks.</p>'),
      ).questions,
      'coaching.initial_implementation.observe-feedback',
    );
    expect(q.reasonCodes).toEqual([
      { kind: 'mentions', terms: ['coaches', 'observe'] },
      { kind: 'headingAdds', concepts: ['feedback'] },
      { kind: 'stageUnknown' },
      { kind: 'section', title: 'Coaching feedback' },
    ]);
    const staged = question(
      analyze(
        miniBank(),
        snapshotOf('<h2>Initial Implementation</h2><p>Coaches observe each classroom every two weeks.</p>'),
      ).questions,
      'coaching.initial_implementation.observe-feedback',
    );
    expect(staged.reasonCodes).toContainEqual({ kind: 'missing', concepts: ['feedback'] });
    expect(staged.reasonCodes).toContainEqual({ kind: 'stage', stage: 'initial_implementation', how: 'heading' });
  });

  it('agrees with the data for every question of a real plan and the built-in bank', () => {
    const bank = defaultBank();
    const report = analyze(
      bank,
      snapshotOf(htmlToBlocks(readFixture('corpus/copper-valley-sel-implementation-plan.html')), 'file:copper'),
    );
    const names = (stage: StageId) => bank.stages[stage].label;
    expect(report.questions.some((q) => q.status === 'covered')).toBe(true);
    for (const q of report.questions) expect(reasonTexts(q.reasonCodes ?? [], names)).toEqual(q.reasons);
  });

  it('says each kind of reason in English, the stage by the bank’s name for it', () => {
    const cases: Array<[Reason, string]> = [
      [{ kind: 'noPassage' }, 'No passage in the plan talks about this question’s key ideas together.'],
      [{ kind: 'mentions', terms: ['coach', 'walkthroughs'] }, 'The passage mentions coach, walkthroughs.'],
      [{ kind: 'headingAdds', concepts: ['feedback'] }, 'Its heading or table header adds feedback.'],
      [{ kind: 'missing', concepts: ['trainer', 'date'] }, 'Nothing nearby mentions trainer, date.'],
      [
        { kind: 'stage', stage: 'installation', how: 'document' },
        'Stage: Installation (the stage the plan says the team is in).',
      ],
      [{ kind: 'stage', stage: 'exploration', how: 'none' }, 'Stage: Exploration (no stage stated).'],
      [{ kind: 'stageUnknown' }, 'Stage: not stated near the passage.'],
      [{ kind: 'section', title: '<b>Year 1</b>' }, 'Section: “<b>Year 1</b>”.'],
    ];
    for (const [reason, english] of cases) expect(reasonText(reason, bankStage)).toBe(english);
    // A bank that names a stage its own way is quoted as it names it.
    expect(reasonText({ kind: 'stage', stage: 'installation', how: 'heading' }, () => 'Getting ready')).toBe(
      'Stage: Getting ready (under a stage heading).',
    );
  });
});

describe('reasons from outside (imports)', () => {
  it('knows every kind it writes and refuses broken ones', () => {
    const good: Reason[] = [
      { kind: 'noPassage' },
      { kind: 'mentions', terms: ['coach'] },
      { kind: 'headingAdds', concepts: [] },
      { kind: 'missing', concepts: ['x'] },
      { kind: 'stage', stage: 'full_implementation', how: 'row' },
      { kind: 'stageUnknown' },
      { kind: 'section', title: '' },
    ];
    for (const reason of good) expect(isReason(reason)).toBe(true);
    for (const bad of [
      null,
      'The passage mentions coach.',
      [],
      { kind: 'mentions' },
      { kind: 'mentions', terms: [1] },
      { kind: 'missing', terms: ['x'] },
      { kind: 'stage', stage: 'launch', how: 'heading' },
      { kind: 'stage', stage: 'installation', how: 'toString' },
      { kind: 'section', title: 3 },
      { kind: 'hasOwnProperty' },
      { kind: 'laterKind', words: ['x'] },
    ])
      expect(isReason(bad)).toBe(false);
  });

  it('copies only the fields of each kind, and nothing when one kind is unknown', () => {
    expect(
      copyReasons([
        { kind: 'mentions', terms: ['coach'], html: '<b>x</b>' },
        { kind: 'stage', stage: 'installation', how: 'label', label: 'x' },
      ]),
    ).toEqual([
      { kind: 'mentions', terms: ['coach'] },
      { kind: 'stage', stage: 'installation', how: 'label' },
    ]);
    expect(copyReasons([{ kind: 'stageUnknown' }, { kind: 'laterKind' }])).toBeUndefined();
    expect(copyReasons([])).toEqual([]);
  });
});
