import { useRef, useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import { send } from '../../lib/messaging';
import { DashboardExport } from '../DashboardExport';
import { ConfirmStep } from './ConfirmStep';

type State =
  | { kind: 'idle' }
  | { kind: 'confirm' }
  | { kind: 'busy' }
  | { kind: 'done'; documents: number }
  | { kind: 'failed'; message: string };

/**
 * Export all (the dashboard's export, same formats and code) and delete all, which asks first.
 * The background deletes every store in one transaction and tells open pages about each
 * document, so a side panel or dashboard shows the empty state without a reload.
 */
export function DataSection({ onDeleted }: { onDeleted?: () => void }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const trigger = useRef<HTMLButtonElement>(null);

  const cancel = () => {
    setState({ kind: 'idle' });
    setTimeout(() => trigger.current?.focus(), 0);
  };
  const remove = async () => {
    setState({ kind: 'busy' });
    try {
      const { documents } = await send({ type: 'deleteAllData', confirm: 'delete-all' });
      setState({ kind: 'done', documents });
      onDeleted?.();
    } catch (error) {
      setState({ kind: 'failed', message: (error as Error).message });
    }
    setTimeout(() => trigger.current?.focus(), 0);
  };

  return (
    <section id="data" class="options-section" aria-labelledby="data-title">
      <h2 id="data-title">{t('options_dataTitle')}</h2>
      <p>{t('options_dataExportIntro')}</p>
      <DashboardExport label={t('options_exportAll')} />
      <p>{t('options_deleteIntro')}</p>
      {state.kind === 'confirm' ? (
        <ConfirmStep
          text={t('options_deleteConfirm')}
          confirmLabel={t('options_deleteYes')}
          onConfirm={() => void remove()}
          onCancel={cancel}
        />
      ) : (
        <button
          ref={trigger}
          type="button"
          class="button button-danger-quiet"
          disabled={state.kind === 'busy'}
          onClick={() => setState({ kind: 'confirm' })}
        >
          {t('options_deleteAll')}
        </button>
      )}
      <output class={state.kind === 'failed' ? 'notice notice-error data-message' : 'data-message'}>
        {state.kind === 'busy' && t('options_working')}
        {state.kind === 'done' && t('options_deleteDone', { count: state.documents })}
        {state.kind === 'failed' && t('options_deleteFailed', { message: state.message })}
      </output>
    </section>
  );
}
