import { beforeEach, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../../core/analyze/report';
import { effectiveCoverage } from '../../../core/coverage/effective';
import type { OverrideRecord } from '../../../core/coverage/types';
import type { DocumentView } from '../../../core/protocol';
import { miniBank } from '../helpers';
import {
  DOC,
  fromContentScript,
  fromPanel,
  fromPanelTab,
  readPlan,
  type TestRouter,
  testRouter,
} from './router-harness';

const OBSERVE = 'coaching.initial_implementation.observe-feedback';
const POSITION = 'coaching.installation.coach-position';
const FIDELITY = 'fidelity.installation.fidelity-measure';

let t: TestRouter;
beforeEach(async () => {
  t = await testRouter();
});

const view = (docKey = DOC) => t.call<DocumentView>({ type: 'getDocument', docKey });
const setStatus = (questionId: string, status: string | null, sender = fromPanel) =>
  t.call<OverrideRecord>({ type: 'setManualStatus', docKey: DOC, questionId, status }, sender);
const setNote = (questionId: string, note: string, sender = fromPanel) =>
  t.call<OverrideRecord>({ type: 'setNote', docKey: DOC, questionId, note }, sender);
const autoStatus = (report: CoverageReport | null, id: string) =>
  report?.questions.find((q) => q.questionId === id)?.status;

describe('manual answers and notes', () => {
  it('stores a manual status and a note, returns them with the document, and tells open panels', async () => {
    await readPlan(t);
    t.changed.length = 0;
    t.clock.now += 1_000;
    expect(await setStatus(OBSERVE, 'answered')).toMatchObject({ status: 'answered', statusAt: t.clock.now, note: '' });
    t.clock.now += 1_000;
    expect(await setNote(OBSERVE, 'Coaches observe every two weeks <b>see p. 4</b>')).toMatchObject({
      status: 'answered',
      note: 'Coaches observe every two weeks <b>see p. 4</b>',
      noteAt: t.clock.now,
    });
    expect(t.changed).toEqual([DOC, DOC]);

    const v = await view();
    expect(v.overrides).toEqual([
      expect.objectContaining({ docKey: DOC, questionId: OBSERVE, status: 'answered', updatedAt: t.clock.now }),
    ]);
    const q = effectiveCoverage(v.report, v.overrides).questions.find((x) => x.questionId === OBSERVE);
    expect(q).toMatchObject({ status: 'covered', source: 'manual' });
  });

  it('repeating what is stored writes nothing and tells nobody', async () => {
    await readPlan(t);
    await setStatus(OBSERVE, 'not_applicable');
    t.changed.length = 0;
    const historyBefore = (await view()).history.length;
    await setStatus(OBSERVE, 'not_applicable');
    await setNote(POSITION, '');
    expect(t.changed).toEqual([]);
    expect((await view()).history).toHaveLength(historyBefore);
  });

  it('going back to automatic keeps the note', async () => {
    await readPlan(t);
    await setStatus(OBSERVE, 'unanswered');
    await setNote(OBSERVE, 'Ask the principal');
    await setStatus(OBSERVE, null);
    expect((await view()).overrides[0]).toMatchObject({ status: null, note: 'Ask the principal' });
  });

  it('survive re-analysis: reading the plan again never touches them', async () => {
    await readPlan(t);
    await setStatus(POSITION, 'unanswered');
    await setNote(FIDELITY, 'We use the TFI');
    const before = (await view()).overrides;
    t.clock.now += 60_000;
    await readPlan(t);
    const after = await view();
    expect(after.record.lastReadAt).toBe(t.clock.now);
    expect(after.overrides).toEqual(before);
  });

  it('a question later removed from the bank keeps its answer, its note and the history', async () => {
    await readPlan(t);
    t.clock.now += 1_000;
    // The status opposite to the automatic one, so coverage moves and history gets a point.
    const manual = autoStatus((await view()).report, FIDELITY) === 'covered' ? 'unanswered' : 'answered';
    await setStatus(FIDELITY, manual);
    await setNote(FIDELITY, 'Kept');
    const history = (await view()).history;
    expect(history.length).toBeGreaterThanOrEqual(2);

    const smaller = miniBank();
    smaller.questions = smaller.questions.filter((q) => q.id !== FIDELITY);
    t.useBank(smaller);
    t.clock.now += 60_000;
    await readPlan(t);
    const v = await view();
    expect(v.report?.questions.some((q) => q.questionId === FIDELITY)).toBe(false);
    expect(v.overrides).toEqual([expect.objectContaining({ questionId: FIDELITY, status: manual, note: 'Kept' })]);
    expect(v.history.slice(0, history.length)).toEqual(history);
    expect(effectiveCoverage(v.report, v.overrides).retired.map((q) => q.questionId)).toEqual([FIDELITY]);
    // …and stays editable.
    await setNote(FIDELITY, 'Still editable');
    expect((await view()).overrides[0]?.note).toBe('Still editable');
  });

  it('concurrent edits from two panels lose nothing', async () => {
    await readPlan(t);
    const ids = (await view()).report?.questions.map((q) => q.questionId) ?? [];
    expect(ids.length).toBe(5);
    // Two panels fire at once: statuses from one, notes from the other, on the same questions.
    await Promise.all(
      ids.flatMap((id, i) => [
        setStatus(id, i % 2 ? 'answered' : 'not_applicable', fromPanel),
        setNote(id, `note ${i}`, fromPanelTab),
      ]),
    );
    const overrides = (await view()).overrides;
    expect(overrides).toHaveLength(5);
    for (const [i, id] of ids.entries()) {
      expect(overrides.find((o) => o.questionId === id)).toMatchObject({
        status: i % 2 ? 'answered' : 'not_applicable',
        note: `note ${i}`,
      });
    }
  });
});

describe('history', () => {
  it('adds a point when coverage moves, not otherwise, and keeps at most 50 per document', async () => {
    await readPlan(t);
    expect((await view()).history).toHaveLength(1);
    t.clock.now += 1_000;
    await readPlan(t); // same text, same counts
    expect((await view()).history).toHaveLength(1);
    t.clock.now += 1_000;
    await setNote(OBSERVE, 'a note does not change coverage');
    expect((await view()).history).toHaveLength(1);

    const first = (await view()).report;
    const status = autoStatus(first, OBSERVE) === 'covered' ? 'unanswered' : 'answered';
    for (let i = 0; i < 60; i++) {
      t.clock.now += 1_000;
      await setStatus(OBSERVE, i % 2 === 0 ? status : null);
    }
    const history = (await view()).history;
    expect(history).toHaveLength(50);
    expect(history.at(-1)?.at).toBe(t.clock.now);
    const times = history.map((h) => h.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('refusals', () => {
  it('refuses bad requests with a clear message and changes nothing', async () => {
    await readPlan(t);
    t.changed.length = 0;
    const cases: Array<[unknown, RegExp]> = [
      [{ type: 'setManualStatus', docKey: DOC, questionId: OBSERVE, status: 'done' }, /unknown status/],
      [{ type: 'setManualStatus', docKey: DOC, questionId: OBSERVE }, /unknown status/],
      [{ type: 'setManualStatus', docKey: DOC, questionId: '<script>', status: 'answered' }, /bad question/],
      [{ type: 'setManualStatus', docKey: 'no key', questionId: OBSERVE, status: 'answered' }, /bad question/],
      [{ type: 'setNote', docKey: DOC, questionId: OBSERVE, note: 'x'.repeat(5001) }, /at most 5000 characters/],
      [{ type: 'setNote', docKey: DOC, questionId: OBSERVE, note: 42 }, /note missing/],
      [
        { type: 'setNote', docKey: DOC, questionId: 'selection.exploration.not-in-report', note: 'x' },
        /not one of this document/,
      ],
      [
        { type: 'setNote', docKey: 'gdocs:1NeverSeenDocument000000000000', questionId: OBSERVE, note: 'x' },
        /no record of this document/,
      ],
    ];
    for (const [message, error] of cases) expect(await t.refused(message)).toMatch(error);
    expect(await t.db.count('overrides')).toBe(0);
    expect(t.changed).toEqual([]);
  });

  it('refuses manual answers, exports and imports from content scripts and other extensions', async () => {
    await readPlan(t);
    const requests = [
      { type: 'setManualStatus', docKey: DOC, questionId: OBSERVE, status: 'answered' },
      { type: 'setNote', docKey: DOC, questionId: OBSERVE, note: 'x' },
      { type: 'exportCoverage' },
      { type: 'previewImport', text: '{}' },
      { type: 'applyImport', text: '{}' },
    ];
    for (const message of requests) {
      expect(await t.refused(message, fromContentScript)).toMatch(/only come from PlanLens’s own pages/);
      expect(await t.refused(message, { id: 'another-extension', url: fromPanel.url })).toMatch(
        /did not come from PlanLens/,
      );
    }
    expect(await t.db.count('overrides')).toBe(0);
  });
});
