import { type Analyzer, createAnalyzer } from '../core/analyze/engine';
import { defaultBank } from '../core/bank/default';
import { activeBankRecord } from '../store/bank-store';
import type { PlanLensDb } from '../store/db';

/**
 * The analyzer of the bank in use (the district's imported bank, or the built-in one), read from
 * the store once and kept until the bank changes. `invalidate()` after an import, a reset or
 * "delete all": the next analysis reads the store again.
 *
 * Stored documents are not re-analysed when the bank changes: PlanLens keeps no copy of a
 * document's text, only its coverage. Each document is analysed with the new bank the next time
 * it is read (opened, or edited while open); until then its stored coverage (which names the bank
 * it came from) stays as it was.
 */
export function activeAnalyzer(db: () => Promise<PlanLensDb>) {
  let current: Promise<Analyzer> | undefined;
  const load = async (): Promise<Analyzer> => {
    const record = await activeBankRecord(await db());
    return createAnalyzer(record ? record.bank : defaultBank());
  };
  return {
    get(): Promise<Analyzer> {
      if (!current) {
        const loading = load();
        current = loading;
        // A failed read (storage trouble) is not remembered: the next call tries again.
        loading.catch(() => {
          if (current === loading) current = undefined;
        });
      }
      return current;
    },
    invalidate(): void {
      current = undefined;
    },
  };
}
