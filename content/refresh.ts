/**
 * When to read the page again: after a change has been quiet for a while, once the site has
 * finished saving, never more often than a floor, and with exponential back-off after failures
 * that may pass (rate limiting, server errors, no network) until it gives up. Timers are passed
 * in (the content script gives the context's own, which die with it), so this runs in unit tests
 * with fake timers.
 */

export interface Timers {
  setTimeout(handler: () => void, ms: number): number;
  clearTimeout(id: number): void;
  now(): number;
}

/** Timers of a content script context: they stop when the context is invalidated. */
export function contextTimers(ctx: { setTimeout(handler: () => void, ms?: number): number }): Timers {
  return {
    setTimeout: (handler, ms) => ctx.setTimeout(handler, ms),
    clearTimeout: (id) => clearTimeout(id),
    now: () => performance.now(),
  };
}

export interface BackoffPolicy {
  /** Wait before the first retry; doubles each time. */
  baseMs: number;
  /** Longest wait between two tries. */
  capMs: number;
  /** Tries in a row (the first read included) before giving up. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2000, capMs: 60_000, maxAttempts: 4 };

/** Wait before retry number `retry` (1-based): base·2^(retry−1), capped; a longer Retry-After wins (still capped). */
export function backoffDelay(retry: number, policy: BackoffPolicy, retryAfterMs?: number): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, retry - 1);
  return Math.min(policy.capMs, Math.max(exponential, retryAfterMs ?? 0));
}

export interface FailureState {
  /** Failures in a row, this one included. */
  attempt: number;
  /** False when PlanLens gives up (or the failure is not worth retrying) until the next change. */
  willRetry: boolean;
}

export interface RefresherOptions {
  /** Reads the page and hands the result on; throws to report a failure. */
  read: () => Promise<void>;
  /** Whether a failure may pass by itself (rate limiting, server error, network). */
  retryable: (error: unknown) => boolean;
  /** A server's own wait (Retry-After), when it gave one. */
  retryAfterMs?: (error: unknown) => number | undefined;
  onFailure: (error: unknown, state: FailureState) => Promise<void> | void;
  /** The site is still saving (or otherwise mid-change): wait and check again. */
  isBusy?: () => boolean;
  debounceMs: number;
  busyRecheckMs: number;
  /** Least time between the starts of two reads caused by changes. */
  minIntervalMs: number;
  backoff: BackoffPolicy;
  timers: Timers;
  signal: AbortSignal;
}

export interface Refresher {
  /** Something on the page changed: read again once it has been quiet for `debounceMs`. */
  changed(): void;
  /** Read now (page load, another document in the same tab); forgets failures in a row. */
  readNow(): void;
}

type Pending = 'none' | 'change' | 'now';

export function createRefresher(options: RefresherOptions): Refresher {
  const { timers, signal, backoff } = options;
  let timer: number | null = null;
  let waitingForRetry = false;
  let running = false;
  /** What to do once the read in progress (or the retry wait) ends. */
  let pending: Pending = 'none';
  let failures = 0;
  let lastStart = Number.NEGATIVE_INFINITY;

  const clear = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    waitingForRetry = false;
  };
  signal.addEventListener('abort', clear, { once: true });

  const schedule = (ms: number, retry: boolean): void => {
    clear();
    if (signal.aborted) return;
    waitingForRetry = retry;
    timer = timers.setTimeout(() => {
      timer = null;
      waitingForRetry = false;
      fire(retry);
    }, ms);
  };

  const fire = (retry: boolean): void => {
    if (signal.aborted) return;
    if (options.isBusy?.()) {
      schedule(options.busyRecheckMs, retry);
      return;
    }
    if (!retry) {
      const wait = lastStart + options.minIntervalMs - timers.now();
      if (wait > 0) {
        schedule(wait, false);
        return;
      }
    }
    void run();
  };

  const run = async (): Promise<void> => {
    running = true;
    pending = 'none';
    lastStart = timers.now();
    let retryIn: number | null = null;
    try {
      await options.read();
      failures = 0;
    } catch (error) {
      if (!signal.aborted) {
        failures += 1;
        const willRetry = options.retryable(error) && failures < backoff.maxAttempts;
        const state = { attempt: failures, willRetry };
        if (willRetry) retryIn = backoffDelay(failures, backoff, options.retryAfterMs?.(error));
        else failures = 0;
        try {
          await options.onFailure(error, state);
        } catch {
          // Reporting is best effort; the next change tries again.
        }
      }
    } finally {
      running = false;
    }
    if (signal.aborted) return;
    // Changed by changed()/readNow() while the read was awaited.
    const next = pending as Pending;
    pending = 'none';
    if (next === 'now') {
      failures = 0;
      void run();
    } else if (retryIn !== null) schedule(retryIn, true);
    else if (next === 'change') schedule(options.debounceMs, false);
  };

  return {
    changed() {
      if (signal.aborted) return;
      if (running || waitingForRetry) {
        if (pending === 'none') pending = 'change';
        return;
      }
      schedule(options.debounceMs, false);
    },
    readNow() {
      if (signal.aborted) return;
      clear();
      if (running) {
        pending = 'now';
        return;
      }
      failures = 0;
      void run();
    },
  };
}
