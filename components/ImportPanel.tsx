import { useRef, useState } from 'preact/hooks';
import type { ImportPreview } from '../core/import/merge';
import type { ImportSource } from '../core/protocol';
import { applyImportFile, previewImportFile, stageImportFile } from '../lib/transfer';

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'refused'; message: string }
  | { kind: 'preview'; fileName: string; source: ImportSource; preview: ImportPreview }
  | { kind: 'applied'; preview: ImportPreview };

const SHOWN = 50;
const ACTION_TEXT = { new: 'New', updated: 'Updated', unchanged: 'Unchanged' } as const;

/**
 * Import of a JSON export: pick a file, see what would change (nothing is written yet), then
 * Apply (one transaction in the background). A file that cannot be imported gets a message
 * and changes nothing.
 */
export function ImportPanel({ onApplied }: { onApplied: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  const choose = async (file: File) => {
    setState({ kind: 'busy', text: `Reading ${file.name}…` });
    try {
      const source = await stageImportFile(await file.text());
      const preview = await previewImportFile(source);
      setState({ kind: 'preview', fileName: file.name, source, preview });
    } catch (error) {
      setState({ kind: 'refused', message: `${file.name} cannot be imported: ${(error as Error).message}` });
    }
  };

  const apply = async (source: ImportSource) => {
    setState({ kind: 'busy', text: 'Importing…' });
    try {
      const preview = await applyImportFile(source);
      setState({ kind: 'applied', preview });
      onApplied();
    } catch (error) {
      setState({ kind: 'refused', message: `Import failed, nothing changed: ${(error as Error).message}` });
    }
  };

  return (
    <section class="import-panel" aria-label="Import">
      <button type="button" class="button" onClick={() => input.current?.click()} disabled={state.kind === 'busy'}>
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Export file to import"
        class="visually-hidden"
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
          Imported: {state.preview.totals.new} new, {state.preview.totals.updated} updated,{' '}
          {state.preview.totals.unchanged} unchanged.
        </output>
      )}
      {state.kind === 'preview' && (
        <div class="import-preview">
          <h2>Import {state.fileName}?</h2>
          <p class="import-totals">
            {state.preview.totals.new} new, {state.preview.totals.updated} updated, {state.preview.totals.unchanged}{' '}
            unchanged, {state.preview.totals.conflicts} conflicts. Nothing changes until you apply.
          </p>
          <ul class="import-docs">
            {state.preview.documents.slice(0, SHOWN).map((d) => (
              <li key={d.docKey} data-action={d.action}>
                <span class={`chip chip-${d.action}`}>{ACTION_TEXT[d.action]}</span> {d.title}
              </li>
            ))}
            {state.preview.documents.length > SHOWN && <li>… and {state.preview.documents.length - SHOWN} more</li>}
          </ul>
          {state.preview.conflicts.length > 0 && (
            <>
              <h3>Conflicts</h3>
              <ul class="import-conflicts">
                {state.preview.conflicts.slice(0, SHOWN).map((c) => (
                  <li key={`${c.docKey} ${c.questionId} ${c.field}`}>
                    {c.questionId} ({c.field}): “{c.local ?? 'automatic'}” here, “{c.imported ?? 'automatic'}” in the
                    file — {c.winner === 'local' ? 'this browser’s' : 'the file’s'} change wins.
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" class="button" onClick={() => void apply(state.source)}>
            Apply
          </button>{' '}
          <button type="button" class="button button-quiet" onClick={() => setState({ kind: 'idle' })}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
