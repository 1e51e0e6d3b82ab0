import { useState } from 'preact/hooks';
import type { BankFile } from '../core/bank/types';
import { formatUnansweredChecklist } from '../core/export/markdown';
import { questionTexts } from '../core/export/text';
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
        if (!doc) throw new Error('Nothing to copy.');
        await navigator.clipboard.writeText(formatUnansweredChecklist(doc, questionTexts(bank)));
        setMessage({ text: 'Unanswered questions copied as a checklist.', error: false });
        return;
      }
      const name = saveExport(action, data, bank, title);
      setMessage({ text: `Saved ${name}.`, error: false });
    } catch (e) {
      setMessage({ text: `Export failed: ${(e as Error).message}`, error: true });
    }
  };

  return (
    <details class="export-menu">
      <summary class="button">Export</summary>
      <fieldset class="export-actions">
        <legend class="visually-hidden">Export this document</legend>
        <button type="button" class="button button-small" onClick={() => void run('json')}>
          JSON (for import)
        </button>
        <button type="button" class="button button-small" onClick={() => void run('csv')}>
          CSV
        </button>
        <button type="button" class="button button-small" onClick={() => void run('markdown')}>
          Markdown summary
        </button>
        <button type="button" class="button button-small" onClick={() => void run('report')}>
          Printable report
        </button>
        <button type="button" class="button button-small" onClick={() => void run('copy')}>
          Copy unanswered questions
        </button>
      </fieldset>
      <output class={message?.error ? 'export-message notice-error' : 'export-message'}>{message?.text ?? ''}</output>
    </details>
  );
}
