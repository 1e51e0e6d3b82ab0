/**
 * Long work in a content script (reading a 10 MB export, walking 20,000 paragraphs, hashing
 * what it read) runs on the page's main thread. It is written as a generator that pauses every
 * so often; this drives it in slices of at most SLICE_MS and gives the thread back to the page
 * between slices, so PlanLens never blocks the page for long (issue 7: under 50 ms at a time).
 */
export const SLICE_MS = 8;

type Yielder = { scheduler?: { yield?: () => Promise<void> } };

/** Lets the page run: scheduler.yield() where the browser has it, else a zero-delay timer. */
export function pause(): Promise<void> {
  const scheduler = (globalThis as Yielder).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs `steps` to the end in time slices; stops (throws) once `signal` aborts. */
export async function runInSlices<T>(
  steps: Generator<void, T, void>,
  signal?: AbortSignal,
  sliceMs = SLICE_MS,
): Promise<T> {
  let deadline = performance.now() + sliceMs;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() >= deadline) {
      await pause();
      signal?.throwIfAborted();
      deadline = performance.now() + sliceMs;
    }
  }
}

/** Runs `steps` to the end at once (tests, and callers off the page's thread). */
export function runAtOnce<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
