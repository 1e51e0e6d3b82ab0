/**
 * Every record of one document in a store keyed [docKey, …]: arrays sort after strings and
 * numbers in IndexedDB, so [docKey] … [docKey, []] spans exactly that document's keys.
 */
export function docRange(docKey: string): IDBKeyRange {
  return IDBKeyRange.bound([docKey], [docKey, []]);
}
