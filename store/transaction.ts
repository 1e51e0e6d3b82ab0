/**
 * Runs the work of one IndexedDB transaction and waits for it to commit. If anything fails
 * (a put refused for quota, a check that throws, a bug) the transaction is aborted, so none of
 * its writes land: every write in PlanLens is all or nothing.
 */
export async function inTransaction<T>(tx: { done: Promise<void>; abort(): void }, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the browser (a failed request aborts its transaction) or finished.
    }
    // tx.done now rejects with the abort; the caller hears about the first error instead.
    tx.done.catch(() => undefined);
    throw error;
  }
}

/**
 * Collects the requests of a transaction issued without awaiting each one. When one fails (or
 * a later one throws before being issued) the transaction aborts and every other request
 * rejects with AbortError; marking each as handled keeps those expected rejections quiet, while
 * `all()` still rejects with the first real error.
 */
export function requestBatch() {
  const pending: Promise<unknown>[] = [];
  return {
    add<T>(request: Promise<T>): Promise<T> {
      request.catch(() => undefined);
      pending.push(request);
      return request;
    },
    all: (): Promise<unknown[]> => Promise.all(pending),
  };
}
