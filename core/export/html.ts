import type { EffectiveQuestion } from '../coverage/effective';
import { AUTO_STATUS_TEXT } from '../coverage/labels';
import { cellId, DRIVER_LABELS, DRIVERS, STAGE_LABELS, STAGES } from '../model';
import type { CoverageExport, DocumentExport } from './format';
import { effectiveOf, escapeHtml, isoTime, type QuestionTexts } from './text';

/**
 * The printable report: one standalone HTML file (print it to PDF from the browser). Every piece
 * of document text, title and note goes through escapeHtml; the file has no scripts, and its
 * Content-Security-Policy forbids them and any network load, should escaping ever be missed.
 */
export function formatHtmlReport(data: CoverageExport, texts: QuestionTexts): string {
  const title =
    data.documents.length === 1 && data.documents[0]
      ? `PlanLens coverage report: ${data.documents[0].record.title}`
      : 'PlanLens coverage report';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="report-head">
<h1>PlanLens coverage report</h1>
<p class="meta">Exported ${escapeHtml(data.exportedAt)} · ${data.documents.length} document${data.documents.length === 1 ? '' : 's'}</p>
</header>
${data.documents.map((doc) => documentSection(doc, texts)).join('\n')}
</body>
</html>
`;
}

function documentSection(doc: DocumentExport, texts: QuestionTexts): string {
  const { record } = doc;
  const head = `<h2>${escapeHtml(record.title)}</h2>
<p class="meta">${escapeHtml(record.docKey)} · last read ${escapeHtml(isoTime(record.lastReadAt) || 'never')}</p>`;
  if (!doc.report)
    return `<section class="doc">\n${head}\n<p>No coverage stored for this document yet.</p>\n</section>`;
  const effective = effectiveOf(doc);
  const { counts } = effective;
  const rows = DRIVERS.map((driver) => {
    const cells = STAGES.map((stage) => {
      const cell = effective.cells[cellId(driver, stage)];
      if (!cell.total) return '<td class="cell cell-none">–</td>';
      return `<td class="cell cell-${cell.status}">${cell.covered}/${cell.total}<span class="cell-label">${AUTO_STATUS_TEXT[cell.status]}</span></td>`;
    });
    return `<tr><th scope="row">${escapeHtml(DRIVER_LABELS[driver])}</th>${cells.join('')}</tr>`;
  });
  const open = effective.questions.filter((q) => q.status === 'unanswered');
  const lists = STAGES.map((stage) => {
    const inStage = open.filter((q) => q.stage === stage);
    if (inStage.length === 0) return '';
    return `<h4>${escapeHtml(STAGE_LABELS[stage])}</h4>\n<ul>\n${inStage.map((q) => questionItem(q, texts)).join('\n')}\n</ul>`;
  }).filter(Boolean);
  return `<section class="doc">
${head}
<p class="summary">${counts.covered} of ${counts.total} questions addressed · ${counts.partial} partly covered · ${counts.unanswered} unanswered</p>
<table class="grid">
<caption>Questions addressed per driver and stage (covered, answered or not applicable / all)</caption>
<thead><tr><th scope="col">Driver</th>${STAGES.map((s) => `<th scope="col">${escapeHtml(STAGE_LABELS[s])}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<h3>Unanswered questions (${open.length})</h3>
${lists.length ? lists.join('\n') : '<p>None: every question is addressed.</p>'}
</section>`;
}

function questionItem(q: EffectiveQuestion, texts: QuestionTexts): string {
  const note = q.note ? `<div class="note">Note: ${escapeHtml(q.note)}</div>` : '';
  const marked = q.source === 'manual' ? ' <span class="manual">(marked unanswered by the team)</span>' : '';
  return `<li><strong>${escapeHtml(DRIVER_LABELS[q.driver])}:</strong> ${escapeHtml(texts(q.questionId))}${marked}${note}</li>`;
}

const STYLE = `
:root { color-scheme: light; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2127; }
body { margin: 24px auto; max-width: 980px; padding: 0 16px; }
h1 { font-size: 1.5rem; margin: 0; }
h2 { font-size: 1.25rem; margin: 0 0 4px; }
h3 { font-size: 1.05rem; margin: 18px 0 6px; }
h4 { font-size: 0.95rem; margin: 12px 0 4px; }
.meta, .summary { color: #5b6470; margin: 2px 0 8px; overflow-wrap: anywhere; }
.doc { margin-top: 28px; }
.grid { border-collapse: collapse; width: 100%; margin: 8px 0; }
.grid caption { text-align: left; color: #5b6470; padding-bottom: 4px; }
.grid th, .grid td { border: 1px solid #c9ced6; padding: 4px 6px; text-align: left; }
.grid thead th { background: #f1f3f5; }
.cell { font-variant-numeric: tabular-nums; white-space: nowrap; }
.cell-label { display: block; font-size: 0.75rem; }
.cell-covered { background: #cfeedd; color: #17603a; }
.cell-partial { background: #fbe7b5; color: #7a5200; }
.cell-unanswered { background: #f8d4d4; color: #9b1c1c; }
.cell-none { color: #8a929c; }
.note { color: #5b6470; font-size: 0.9rem; white-space: pre-wrap; }
.manual { color: #5b6470; }
li { margin: 2px 0; overflow-wrap: anywhere; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@page { margin: 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  .doc { break-inside: auto; }
  .doc + .doc { break-before: page; }
  .grid, h3, h4 { break-inside: avoid; break-after: avoid; }
  li { break-inside: avoid; }
}
`;
