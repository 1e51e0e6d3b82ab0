import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../core/analyze/engine';
import { defaultBank } from '../../../core/bank/default';
import type { DocumentPanelState } from '../../../core/coverage/visits';
import { buildExport, formatExportJson } from '../../../core/export/format';
import type { DocumentView, ExportPage } from '../../../core/protocol';
import { saveAnalysisUnlessStopped } from '../../../store/repository';
import { DOC, fromContentScript, fromPanel, planSnapshot, readPlan, testRouter } from './router-harness';

const HOUR = 3_600_000;

describe('side panel memory: current stage and visits', () => {
  it('remembers the stage the team is in, per document, and tells other panels', async () => {
    const t = await testRouter();
    await readPlan(t);
    t.changed.length = 0;
    const state = await t.call<DocumentPanelState>({ type: 'setCurrentStage', docKey: DOC, stage: 'installation' });
    expect(state.currentStage).toBe('installation');
    expect(t.changed).toEqual([DOC]);
    // A later visit still has it.
    t.clock.now += 2 * HOUR;
    expect((await t.call<DocumentPanelState>({ type: 'recordVisit', docKey: DOC })).currentStage).toBe('installation');
    // And re-reading the plan does not touch it.
    await readPlan(t);
    expect((await t.call<DocumentPanelState>({ type: 'recordVisit', docKey: DOC })).currentStage).toBe('installation');
  });

  it('starts a new visit after a pause, compared with the end of the previous one', async () => {
    const t = await testRouter();
    await readPlan(t);
    const first = await t.call<DocumentPanelState>({ type: 'recordVisit', docKey: DOC });
    expect(first.baselineAt).toBeNull();
    const endOfFirst = first.lastSeenAt;
    t.clock.now += 3 * 24 * HOUR;
    const second = await t.call<DocumentPanelState>({ type: 'recordVisit', docKey: DOC });
    expect(second.baselineAt).toBe(endOfFirst);
  });

  it('refuses an unknown stage, a document it does not keep, and content scripts', async () => {
    const t = await testRouter();
    await readPlan(t);
    expect(await t.refused({ type: 'setCurrentStage', docKey: DOC, stage: 'launch' })).toMatch(/unknown stage/);
    expect(await t.refused({ type: 'recordVisit', docKey: 'gdocs:unknownDocument123' })).toMatch(/no record/);
    expect(await t.refused({ type: 'setCurrentStage', docKey: DOC, stage: null }, fromContentScript)).toMatch(
      /own pages/,
    );
  });
});

describe('stop tracking', () => {
  it('removes everything kept about the document, and keeps it from coming back until "Track anyway"', async () => {
    const t = await testRouter();
    await readPlan(t);
    const view = (await t.call<DocumentView>({ type: 'getDocument', docKey: DOC })) as DocumentView;
    const questionId = view.report?.questions[0]?.questionId as string;
    await t.call({ type: 'setNote', docKey: DOC, questionId, note: 'Ask HR' });
    await t.call({ type: 'setCurrentStage', docKey: DOC, stage: 'installation' });

    t.changed.length = 0;
    expect(await t.call({ type: 'stopTracking', docKey: DOC }, fromPanel)).toEqual({ docKey: DOC, removed: true });
    expect(t.changed).toEqual([DOC]);
    expect(await t.call({ type: 'getDocument', docKey: DOC })).toBeNull();
    expect(await t.db.count('overrides')).toBe(0);
    expect(await t.db.count('history')).toBe(0);
    expect(await t.db.get('settings', `panel:${DOC}`)).toBeUndefined();

    // The document's tab reads it again: not stored, and the panel can say why.
    await t.call({ type: 'snapshot', snapshot: planSnapshot() }, fromContentScript);
    expect(await t.call({ type: 'getDocument', docKey: DOC })).toBeNull();
    expect(await t.db.count('documents')).toBe(0);

    // "Track anyway" stores what was held, and later readings are stored again.
    expect(await t.call({ type: 'trackAnyway', docKey: DOC })).toEqual({ docKey: DOC, stored: true });
    const back = (await t.call<DocumentView>({ type: 'getDocument', docKey: DOC })) as DocumentView;
    expect(back.record.title).toBe('Lakeview PBIS plan');
    // The user's old answers are gone for good: stopping said so.
    expect(back.overrides).toEqual([]);
  });

  it('changes nothing for a document it does not keep, and refuses content scripts', async () => {
    const t = await testRouter();
    expect(await t.call({ type: 'stopTracking', docKey: DOC })).toEqual({ docKey: DOC, removed: false });
    expect(await t.db.count('settings')).toBe(0);
    await readPlan(t);
    expect(await t.refused({ type: 'stopTracking', docKey: DOC }, fromContentScript)).toMatch(/own pages/);
    expect(await t.db.count('documents')).toBe(1);
  });

  it('is not undone by an analysis that was under way when the user stopped', async () => {
    const t = await testRouter();
    await readPlan(t);
    // The analysis of a page read just before "Stop tracking" lands after it.
    const snapshot = planSnapshot();
    const report = createAnalyzer(defaultBank()).analyze(snapshot);
    await t.call({ type: 'stopTracking', docKey: DOC }, fromPanel);
    expect(await saveAnalysisUnlessStopped(t.db, snapshot, report, Date.now())).toBeNull();
    expect(await t.db.count('documents')).toBe(0);
    expect(await t.db.count('coverage')).toBe(0);
    expect(await t.db.count('history')).toBe(0);
  });

  it('ends when a teammate’s export brings the document back: later readings are stored again', async () => {
    const t = await testRouter();
    await readPlan(t);
    const page = await t.call<ExportPage>({ type: 'exportCoverage', docKey: DOC }, fromPanel);
    const text = formatExportJson(buildExport(page.documents, Date.parse(page.exportedAt)));
    await t.call({ type: 'stopTracking', docKey: DOC }, fromPanel);
    await t.call({ type: 'applyImport', text }, fromPanel);
    expect(await t.db.count('documents')).toBe(1);

    await t.call(
      { type: 'snapshot', snapshot: { ...planSnapshot(), title: 'Lakeview PBIS plan, revised' } },
      fromContentScript,
    );
    const read = (await t.call<DocumentView>({ type: 'getDocument', docKey: DOC })) as DocumentView;
    expect(read.record.title).toBe('Lakeview PBIS plan, revised');
  });
});
