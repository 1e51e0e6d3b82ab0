import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { send } from '../lib/messaging';

/**
 * "Stop tracking": after the user confirms, removes everything PlanLens keeps about the
 * document (record, coverage, answers, notes, history). The confirmation is inline and takes
 * the focus, so it works the same by keyboard; Cancel gives the focus back.
 */
export function StopTrackingButton({
  docKey,
  title,
  onStopped,
}: {
  docKey: string;
  title: string;
  onStopped: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmButton.current?.focus();
    else if (wasAsking.current) openButton.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  const stop = async () => {
    setBusy(true);
    setError(null);
    try {
      await send({ type: 'stopTracking', docKey });
      onStopped();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  if (!asking)
    return (
      <button type="button" class="button button-quiet" ref={openButton} onClick={() => setAsking(true)}>
        {t('panel_stopTracking')}
      </button>
    );
  return (
    <fieldset class="stop-confirm">
      <legend>{t('panel_stopQuestion', { title })}</legend>
      <div class="stop-actions">
        <button
          type="button"
          class="button button-danger"
          ref={confirmButton}
          disabled={busy}
          onClick={() => void stop()}
        >
          {t('panel_stopConfirm')}
        </button>
        <button type="button" class="button button-quiet" disabled={busy} onClick={() => setAsking(false)}>
          {t('panel_cancel')}
        </button>
      </div>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
