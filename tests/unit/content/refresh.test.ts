import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadFailedError, retryAfterMs } from '../../../content/adapters/gdocs';
import {
  backoffDelay,
  createRefresher,
  DEFAULT_BACKOFF,
  type FailureState,
  type Refresher,
  type RefresherOptions,
} from '../../../content/refresh';

let controller: AbortController;
let reads: number[];
let failures: Array<{ error: unknown; state: FailureState }>;
let busy: boolean;
let outcomes: Array<Error | null>;

function make(overrides: Partial<RefresherOptions> = {}): Refresher {
  return createRefresher({
    read: async () => {
      reads.push(Date.now());
      const outcome = outcomes.shift();
      if (outcome) throw outcome;
    },
    retryable: (error) => error instanceof ReadFailedError && error.retryable,
    retryAfterMs: (error) => (error instanceof ReadFailedError ? error.retryAfterMs : undefined),
    onFailure: (error, state) => {
      failures.push({ error, state });
    },
    isBusy: () => busy,
    debounceMs: 2000,
    busyRecheckMs: 1000,
    minIntervalMs: 5000,
    backoff: DEFAULT_BACKOFF,
    timers: {
      setTimeout: (handler, ms) => setTimeout(handler, ms) as unknown as number,
      clearTimeout: (id) => clearTimeout(id),
      now: () => Date.now(),
    },
    signal: controller.signal,
    ...overrides,
  });
}

const rateLimited = () => new ReadFailedError('rate_limited', 'slow down');
const serverError = () => new ReadFailedError('network', 'error 503');

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  controller = new AbortController();
  reads = [];
  failures = [];
  busy = false;
  outcomes = [];
});

afterEach(() => {
  vi.useRealTimers();
});

const elapsed = () => reads.map((t) => t - 1_000_000);

describe('refresh after edits', () => {
  it('reads at once on load, then once per burst of edits after 2 s of quiet', async () => {
    const refresher = make();
    refresher.readNow();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(elapsed()).toEqual([0]);
    for (let i = 0; i < 5; i++) {
      refresher.changed();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(reads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1600);
    expect(elapsed()).toEqual([0, 12_000 + 2000]);
  });

  it('waits while the editor says it is saving', async () => {
    const refresher = make();
    refresher.readNow();
    await vi.advanceTimersByTimeAsync(10_000);
    busy = true;
    refresher.changed();
    await vi.advanceTimersByTimeAsync(8000);
    expect(reads).toHaveLength(1);
    busy = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(reads).toHaveLength(2);
  });

  it('never starts reads for edits closer together than the floor', async () => {
    const refresher = make();
    refresher.readNow();
    refresher.changed();
    await vi.advanceTimersByTimeAsync(2000);
    expect(reads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(elapsed()).toEqual([0, 5000]);
  });

  it('backs off exponentially on rate limiting and server errors, then reads', async () => {
    outcomes = [rateLimited(), serverError(), null];
    const refresher = make();
    refresher.readNow();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(elapsed()).toEqual([0, 2000, 2000 + 4000]);
    expect(failures.map((f) => f.state)).toEqual([
      { attempt: 1, willRetry: true },
      { attempt: 2, willRetry: true },
    ]);
  });

  it('honours a longer Retry-After, within the cap', async () => {
    outcomes = [new ReadFailedError('rate_limited', 'slow down', 30_000), null];
    const refresher = make();
    refresher.readNow();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(elapsed()).toEqual([0, 30_000]);
    expect(backoffDelay(1, DEFAULT_BACKOFF, 3_600_000)).toBe(DEFAULT_BACKOFF.capMs);
    expect(backoffDelay(10, DEFAULT_BACKOFF)).toBe(DEFAULT_BACKOFF.capMs);
  });

  it('gives up after a few tries, says so once, and tries again after the next edit', async () => {
    outcomes = [serverError(), serverError(), serverError(), serverError(), null];
    const refresher = make();
    refresher.readNow();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(elapsed()).toEqual([0, 2000, 6000, 14_000]);
    expect(failures.map((f) => f.state.willRetry)).toEqual([true, true, true, false]);
    expect(failures.at(-1)?.state.attempt).toBe(4);
    refresher.changed();
    await vi.advanceTimersByTimeAsync(2000);
    expect(reads).toHaveLength(5);
  });

  it('does not retry failures that will not pass by themselves', async () => {
    outcomes = [new ReadFailedError('no_access', 'refused')];
    const refresher = make();
    refresher.readNow();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(reads).toHaveLength(1);
    expect(failures[0]?.state).toEqual({ attempt: 1, willRetry: false });
  });

  it('edits during a back-off wait are covered by the retry', async () => {
    outcomes = [rateLimited(), null];
    const refresher = make();
    refresher.readNow();
    await vi.advanceTimersByTimeAsync(100);
    refresher.changed();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(elapsed()).toEqual([0, 2000]);
  });

  it('stops everything when the context is invalidated', async () => {
    const refresher = make();
    refresher.readNow();
    refresher.changed();
    controller.abort();
    refresher.changed();
    refresher.readNow();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reads).toHaveLength(1);
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
  });
});
