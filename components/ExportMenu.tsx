import { useState } from 'preact/hooks';
import type { BankFile } from '../core/bank/types';
import { formatCoverageCsv } from '../core/export/csv';
import { type CoverageExport, formatExportJson } from '../core/export/format';
import { formatHtmlReport } from '../core/export/html';
import { formatMarkdownSummary, formatUnansweredChecklist } from '../core/export/markdown';
import { fileSlug, questionTexts } from '../core/export/text';
import { downloadText } from '../lib/download';
import { fetchExport } from '../lib/transfer';

type Action = 'json' | 'csv' | 'markdown' | 'report' | 'copy';

const FILES: Record<
  Exclude<Action, 'copy'>,
  { ext: string; mime: string; format: (d: CoverageExport, b: BankFile) => string }
> = {
  json: { ext: 'json', mime: 'application/json', format: (d) => formatExportJson(d) },
  csv: { ext: 'csv', mime: 'text/csv;charset=utf-8', format: (d, b) => formatCoverageCsv(d, questionTexts(b)) },
  markdown: {
    ext: 'md',
    mime: 'text/markdown;charset=utf-8',
    format: (d, b) => formatMarkdownSummary(d, questionTexts(b)),
  },
  report: { ext: 'html', mime: 'text/html;charset=utf-8', format: (d, b) => formatHtmlReport(d, questionTexts(b)) },
};

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
      const file = FILES[action];
      const name = `planlens-${fileSlug(title)}-${data.exportedAt.slice(0, 10)}.${file.ext}`;
      downloadText(name, file.mime, file.format(data, bank));
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
