import { useState } from 'preact/hooks';
import { send } from '../lib/messaging';

/**
 * Shown for an LMS or district page that does not look like a plan (PlanLens does not keep
 * those): the user can say it is one, and PlanLens stores it from then on.
 */
export function TrackAnywayButton({ docKey }: { docKey: string }) {
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const track = async () => {
    setBusy(true);
    try {
      const result = await send({ type: 'trackAnyway', docKey });
      if (!result.stored)
        setNote('PlanLens will keep this page from its next reading. Reload the page to read it now.');
    } catch (e) {
      setNote((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <p class="track-anyway">
      <button type="button" class="button" disabled={busy} onClick={track}>
        Track anyway
      </button>
      {note && <output> {note}</output>}
    </p>
  );
}
