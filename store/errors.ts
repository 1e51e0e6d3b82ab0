/**
 * Turns a failure of the browser's storage into a sentence for the user. Every write goes
 * through inTransaction (store/transaction.ts), which aborts the whole transaction on any
 * failure, so "nothing was changed" is true whenever these messages are shown.
 */
export function describeStorageError(error: unknown): string | null {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  const detail =
    error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
      ? String((error as { message: unknown }).message).slice(0, 200)
      : '';
  switch (name) {
    case 'QuotaExceededError':
      return 'Your browser’s storage for PlanLens is full. Free some disk space (or delete old documents in PlanLens) and try again; nothing was changed.';
    case 'DatabaseBlockedError':
      return 'PlanLens was updated, but a PlanLens page from before the update still holds its data open. Close or reload the other PlanLens tabs and windows, then try again; nothing was changed.';
    case 'VersionError':
      return 'PlanLens’s stored data was written by a newer version of PlanLens. Update PlanLens; nothing was changed.';
    case 'AbortError':
    case 'UnknownError':
    case 'InvalidStateError':
    case 'TransactionInactiveError':
    case 'DataError':
    case 'DataCloneError':
    case 'ConstraintError':
    case 'ReadOnlyError':
    case 'NotFoundError':
    case 'InvalidAccessError':
      return `PlanLens could not use the browser’s storage (${name}${detail ? `: ${detail}` : ''}). Nothing was changed; try again, or restart the browser if it keeps happening.`;
    default:
      return null;
  }
}
