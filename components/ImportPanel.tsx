import { useRef, useState } from 'preact/hooks';
import type { ImportPreview } from '../core/import/merge';
import type { ImportSource } from '../core/protocol';
import { type MessageKey, t } from '../lib/i18n';
import { applyImportFile, previewImportFile, stageImportFile } from '../lib/transfer';

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'refused'; message: string }
  | { kind: 'preview'; fileName: string; source: ImportSource; preview: ImportPreview }
  | { kind: 'applied'; preview: ImportPreview };

const SHOWN = 50;
const ACTION_TEXT: Record<'new' | 'updated' | 'unchanged', MessageKey> = {
  new: 'dashboard_actionNew',
  updated: 'dashboard_actionUpdated',
  unchanged: 'dashboard_actionUnchanged',
};

/**
 * Import of a JSON export: pick a file, see what would change (nothing is written yet), then
 * Apply (one transaction in the background). A file that cannot be imported gets a message
 * and changes nothing.
 */
export function ImportPanel({ onApplied }: { onApplied: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  const choose = async (file: File) => {
    setState({ kind: 'busy', text: t('dashboard_importReading', { file: file.name }) });
    try {
      const source = await stageImportFile(await file.text());
      const preview = await previewImportFile(source);
      setState({ kind: 'preview', fileName: file.name, source, preview });
    } catch (error) {
      setState({
        kind: 'refused',
        message: t('dashboard_importRefused', { file: file.name, message: (error as Error).message }),
      });
    }
  };

  const apply = async (source: ImportSource) => {
    setState({ kind: 'busy', text: t('dashboard_importing') });
    try {
      const preview = await applyImportFile(source);
      setState({ kind: 'applied', preview });
      onApplied();
    } catch (error) {
      setState({ kind: 'refused', message: t('dashboard_importFailed', { message: (error as Error).message }) });
    }
  };

  return (
    <section class="import-panel" aria-label={t('dashboard_import')}>
      <button type="button" class="button" onClick={() => input.current?.click()} disabled={state.kind === 'busy'}>
        {t('dashboard_import')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label={t('dashboard_importFileLabel')}
        class="visually-hidden"
        tabIndex={-1}
        onChange={(e) => {
          const target = e.target as HTMLInputElement;
          const file = target.files?.[0];
          target.value = '';
          if (file) void choose(file);
        }}
      />
      {state.kind === 'busy' && <output class="notice import-busy">{state.text}</output>}
      {state.kind === 'refused' && (
        <p class="notice notice-error import-error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'applied' && (
        <output class="notice import-done">
          {t('dashboard_importDone', {
            added: state.preview.totals.new,
            updated: state.preview.totals.updated,
            unchanged: state.preview.totals.unchanged,
          })}
        </output>
      )}
      {state.kind === 'preview' && (
        <div class="import-preview">
          <h2>{t('dashboard_importPreviewTitle', { file: state.fileName })}</h2>
          <p class="import-totals">
            {t('dashboard_importTotals', {
              added: state.preview.totals.new,
              updated: state.preview.totals.updated,
              unchanged: state.preview.totals.unchanged,
              conflicts: state.preview.totals.conflicts,
            })}
          </p>
          <ul class="import-docs">
            {state.preview.documents.slice(0, SHOWN).map((d) => (
              <li key={d.docKey} data-action={d.action}>
                <span class={`chip chip-${d.action}`}>{t(ACTION_TEXT[d.action])}</span> {d.title}
              </li>
            ))}
            {state.preview.documents.length > SHOWN && (
              <li>{t('dashboard_importMore', { count: state.preview.documents.length - SHOWN })}</li>
            )}
          </ul>
          {state.preview.conflicts.length > 0 && (
            <>
              <h3>{t('dashboard_conflicts')}</h3>
              <ul class="import-conflicts">
                {state.preview.conflicts.slice(0, SHOWN).map((c) => (
                  <li key={`${c.docKey} ${c.questionId} ${c.field}`}>
                    {t(c.winner === 'local' ? 'dashboard_conflictLocalWins' : 'dashboard_conflictFileWins', {
                      question: c.questionId,
                      field: c.field,
                      local: c.local ?? t('dashboard_conflictAutomatic'),
                      imported: c.imported ?? t('dashboard_conflictAutomatic'),
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" class="button" onClick={() => void apply(state.source)}>
            {t('dashboard_apply')}
          </button>{' '}
          <button type="button" class="button button-quiet" onClick={() => setState({ kind: 'idle' })}>
            {t('dashboard_cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
