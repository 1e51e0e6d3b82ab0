import { useState } from 'preact/hooks';
import { send } from '../lib/messaging';
import { fetchExport } from '../lib/transfer';
import { EXPORT_FILES, FILE_FORMATS, type FileFormat, saveExport } from './export-files';

const SHORT: Record<FileFormat, string> = { json: 'JSON', csv: 'CSV', markdown: 'Markdown', report: 'Report' };

/** Export of every tracked document, in the same formats (and code) as the side panel's. */
export function DashboardExport() {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (format: FileFormat) => {
    setMessage({ text: 'Exporting…', error: false });
    setBusy(true);
    try {
      const [data, bank] = await Promise.all([fetchExport(), send({ type: 'getBank' })]);
      if (data.documents.length === 0) throw new Error('PlanLens tracks no documents yet.');
      const name = saveExport(format, data, bank, 'all-plans');
      setMessage({ text: `Saved ${name} (${data.documents.length} documents).`, error: false });
    } catch (e) {
      setMessage({ text: `Export failed: ${(e as Error).message}`, error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="dashboard-export">
      <button type="button" class="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Export
      </button>
      {open && (
        <fieldset class="export-actions">
          <legend class="visually-hidden">Export all documents as</legend>
          {FILE_FORMATS.map((f) => (
            <button
              key={f}
              type="button"
              class="button button-small"
              disabled={busy}
              title={EXPORT_FILES[f].label}
              onClick={() => void run(f)}
            >
              {SHORT[f]}
            </button>
          ))}
        </fieldset>
      )}
      <output class={message?.error ? 'export-message notice-error' : 'export-message'}>{message?.text ?? ''}</output>
    </div>
  );
}
