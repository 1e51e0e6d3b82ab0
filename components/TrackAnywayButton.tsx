import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
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
      if (!result.stored) setNote(t('panel_trackNextReading'));
    } catch (e) {
      setNote((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <p class="track-anyway">
      <button type="button" class="button" disabled={busy} onClick={track}>
        {t('panel_trackAnyway')}
      </button>
      {note && <output> {note}</output>}
    </p>
  );
}
