import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BACKGROUND_STOPPED_MESSAGE, EXTENSION_RELOADED_MESSAGE, send } from '../../../lib/messaging';
import { recordCount } from '../../security-counts';
import { DOC, readPlan, testRouter } from '../background/router-harness';

/**
 * The background's worker stopped while a request was in flight (issue 7, "Failure"): what a
 * side panel or a content script gets from send(). Chrome's own words for the loss are used.
 */

const CHANNEL_CLOSED =
  'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received';
const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';
const INVALIDATED = 'Extension context invalidated.';

let tried = 0;
let survived = 0;
afterAll(() =>
  recordCount(
    'failures',
    tried,
    tried - survived,
    `tests/unit/lib/failure-messaging.test.ts: worker stopped before answering a request`,
  ),
);
afterEach(() => {
  vi.restoreAllMocks();
});

/** The background as a worker that answers through a real router, after `lost` lost requests. */
async function worker(lost: Array<Error | undefined>) {
  const t = await testRouter();
  await readPlan(t);
  const calls: unknown[] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: unknown) => {
    calls.push(message);
    if (calls.length <= lost.length) {
      const loss = lost[calls.length - 1];
      if (loss) throw loss;
      return undefined;
    }
    return t.route(message, { id: 'planlens-extension-id', url: 'chrome-extension://planlens-extension-id/x.html' });
  }) as never);
  return { t, calls };
}

describe('a request whose worker stopped before answering', () => {
  it.each([
    ['the channel closed (native promise)', new Error(CHANNEL_CLOSED)],
    ['no reply at all (the polyfill’s form)', undefined],
    ['no receiver yet (the worker was starting)', new Error(NO_RECEIVER)],
  ])('is sent again once, which wakes a new worker: %s', async (_name, loss) => {
    tried += 1;
    const { calls } = await worker([loss]);
    const view = await send({ type: 'getDocument', docKey: DOC });
    expect(view?.record.docKey).toBe(DOC);
    expect(calls).toHaveLength(2);
    survived += 1;
  });

  it('a user’s write repeated after the loss lands once, with its history point', async () => {
    tried += 1;
    const { t, calls } = await worker([new Error(CHANNEL_CLOSED)]);
    const questionId = 'coaching.initial_implementation.observe-feedback';
    t.clock.now += 60_000;
    const record = await send({ type: 'setManualStatus', docKey: DOC, questionId, status: 'unanswered' });
    expect(record).toMatchObject({ questionId, status: 'unanswered' });
    expect(calls).toHaveLength(2);
    const view = await send({ type: 'getDocument', docKey: DOC });
    expect(view?.overrides).toHaveLength(1);
    expect(view?.history.at(-1)?.at).toBe(t.clock.now);
    survived += 1;
  });

  it('says so clearly when the second try is lost too', async () => {
    tried += 1;
    const { calls } = await worker([new Error(CHANNEL_CLOSED), new Error(CHANNEL_CLOSED)]);
    await expect(send({ type: 'getDocument', docKey: DOC })).rejects.toThrow(BACKGROUND_STOPPED_MESSAGE);
    expect(BACKGROUND_STOPPED_MESSAGE).toMatch(/stopped before it answered.*Nothing was half-saved; try again/);
    expect(calls).toHaveLength(2);
    // And the next action works (a new worker answers).
    expect((await send({ type: 'getDocument', docKey: DOC }))?.record.docKey).toBe(DOC);
    survived += 1;
  });

  it('does not repeat an import, whose reply counts what that very call changed', async () => {
    tried += 1;
    const { calls } = await worker([new Error(CHANNEL_CLOSED)]);
    await expect(send({ type: 'applyImport', text: '{}' })).rejects.toThrow(BACKGROUND_STOPPED_MESSAGE);
    expect(calls).toHaveLength(1);
    survived += 1;
  });

  it('tells a page whose extension was reloaded under it to reload, without trying again', async () => {
    tried += 1;
    const { calls } = await worker([new Error(INVALIDATED)]);
    await expect(send({ type: 'getDocument', docKey: DOC })).rejects.toThrow(EXTENSION_RELOADED_MESSAGE);
    expect(calls).toHaveLength(1);
    survived += 1;
  });

  it('tells an orphaned content script (runtime removed by Chrome) the same, without throwing a TypeError', async () => {
    tried += 1;
    const runtime = fakeBrowser.runtime;
    const orphan = fakeBrowser as unknown as { runtime: typeof runtime | undefined };
    orphan.runtime = undefined;
    try {
      await expect(send({ type: 'getDocument', docKey: DOC })).rejects.toThrow(EXTENSION_RELOADED_MESSAGE);
    } finally {
      orphan.runtime = runtime;
    }
    survived += 1;
  });

  it('passes the background’s own refusals through unchanged, once', async () => {
    const { calls } = await worker([]);
    const questionId = 'coaching.initial_implementation.observe-feedback';
    await expect(
      send({ type: 'setNote', docKey: 'gdocs:unknown-document-0000', questionId, note: 'n' }),
    ).rejects.toThrow(/no record of this document/);
    expect(calls).toHaveLength(1);
  });
});
