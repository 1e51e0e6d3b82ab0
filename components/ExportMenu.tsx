import { useState } from 'preact/hooks';
import type { BankFile } from '../core/bank/types';
import { formatUnansweredChecklist } from '../core/export/markdown';
import { questionTexts } from '../core/export/text';
import { t } from '../lib/i18n';
import { fetchExport } from '../lib/transfer';
import { type FileFormat, saveExport } from './export-files';

type Action = FileFormat | 'copy';

/**
 * Export of the shown document: the JSON export (re-importable), CSV, a Markdown summary, a
 * printable report, and the unanswered questions as a checklist on the clipboard. The data is
 * fetched fresh from the background on each click, so it includes changes from other panels.
 */
export function ExportMenu({ docKey, title, bank }: { docKey: string; title: string; bank: BankFile }) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const run = async (action: Action) => {
    setMessage(null);
    try {
      const data = await fetchExport(docKey);
      if (action === 'copy') {
        const doc = data.documents[0];
        if (!doc) throw new Error(t('panel_exportNothing'));
        await navigator.clipboard.writeText(formatUnansweredChecklist(doc, questionTexts(bank)));
        setMessage({ text: t('panel_exportCopied'), error: false });
        return;
      }
      const name = saveExport(action, data, bank, title);
      setMessage({ text: t('panel_exportSaved', { name }), error: false });
    } catch (e) {
      setMessage({ text: t('panel_exportFailed', { problem: (e as Error).message }), error: true });
    }
  };

  return (
    <details class="export-menu">
      <summary class="button">{t('panel_export')}</summary>
      <fieldset class="export-actions">
        <legend class="visually-hidden">{t('panel_exportLegend')}</legend>
        <button type="button" class="button button-small" onClick={() => void run('json')}>
          {t('panel_exportJson')}
        </button>
        <button type="button" class="button button-small" onClick={() => void run('csv')}>
          {t('panel_exportCsv')}
        </button>
        <button type="button" class="button button-small" onClick={() => void run('markdown')}>
          {t('panel_exportMarkdown')}
        </button>
        <button type="button" class="button button-small" onClick={() => void run('report')}>
          {t('panel_exportReport')}
        </button>
        <button type="button" class="button button-small" onClick={() => void run('copy')}>
          {t('panel_exportCopy')}
        </button>
      </fieldset>
      <output class={message?.error ? 'export-message notice-error' : 'export-message'}>{message?.text ?? ''}</output>
    </details>
  );
}
