import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../lib/i18n';

/**
 * The second step of a destructive action, in the page (not a browser dialog): the question, the
 * action and Cancel. Focus goes to Cancel, the harmless choice; Escape cancels too.
 */
export function ConfirmStep({
  text,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  text: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <fieldset
      class="confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <legend class="confirm-text">{text}</legend>
      <button type="button" class="button button-danger" onClick={onConfirm}>
        {confirmLabel}
      </button>{' '}
      <button ref={cancel} type="button" class="button button-quiet" onClick={onCancel}>
        {t('options_cancel')}
      </button>
    </fieldset>
  );
}
