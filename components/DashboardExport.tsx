import { useState } from 'preact/hooks';
import { type MessageKey, t } from '../lib/i18n';
import { send } from '../lib/messaging';
import { fetchExport } from '../lib/transfer';
import { FILE_FORMATS, type FileFormat, saveExport } from './export-files';

/** Button texts: format names, except "Report", which is a word. */
const SHORT: Record<FileFormat, () => string> = {
  json: () => 'JSON',
  csv: () => 'CSV',
  markdown: () => 'Markdown',
  report: () => t('dashboard_formatReport'),
};
const TITLE: Record<FileFormat, MessageKey> = {
  json: 'dashboard_formatJsonTitle',
  csv: 'dashboard_formatCsvTitle',
  markdown: 'dashboard_formatMarkdownTitle',
  report: 'dashboard_formatReportTitle',
};

/**
 * Export of every tracked document, in the same formats (and code) as the side panel's. The
 * dashboard shows it as "Export"; the settings page as "Export all".
 */
export function DashboardExport({ label }: { label?: string } = {}) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (format: FileFormat) => {
    setMessage({ text: t('dashboard_exporting'), error: false });
    setBusy(true);
    try {
      const [data, bank] = await Promise.all([fetchExport(), send({ type: 'getBank' })]);
      if (data.documents.length === 0) throw new Error(t('dashboard_exportNone'));
      const name = saveExport(format, data, bank, 'all-plans');
      setMessage({ text: t('dashboard_exportSaved', { file: name, count: data.documents.length }), error: false });
    } catch (e) {
      setMessage({ text: t('dashboard_exportFailed', { message: (e as Error).message }), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="dashboard-export">
      <button type="button" class="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {label ?? t('dashboard_export')}
      </button>
      {open && (
        <fieldset class="export-actions">
          <legend class="visually-hidden">{t('dashboard_exportLegend')}</legend>
          {FILE_FORMATS.map((f) => (
            <button
              key={f}
              type="button"
              class="button button-small"
              disabled={busy}
              title={t(TITLE[f])}
              onClick={() => void run(f)}
            >
              {SHORT[f]()}
            </button>
          ))}
        </fieldset>
      )}
      <output class={message?.error ? 'export-message notice-error' : 'export-message'}>{message?.text ?? ''}</output>
    </div>
  );
}
