import type { EffectiveQuestion } from '../coverage/effective';
import { cellId, DRIVER_LABELS, DRIVERS, STAGE_LABELS, STAGES, type StageId } from '../model';
import type { CoverageExport, DocumentExport } from './format';
import { effectiveOf, escapeMarkdown, isoTime, type QuestionTexts } from './text';

/**
 * Markdown for people: a summary per document (stage × driver counts, open questions) and the
 * "Copy unanswered questions" checklist. All document text, titles and notes are escaped.
 */

export function formatMarkdownSummary(data: CoverageExport, texts: QuestionTexts): string {
  const out = ['# PlanLens coverage summary', '', `Exported ${data.exportedAt}.`, ''];
  for (const doc of data.documents) out.push(...documentSummary(doc, texts));
  return `${out.join('\n').trimEnd()}\n`;
}

function documentSummary(doc: DocumentExport, texts: QuestionTexts): string[] {
  const effective = effectiveOf(doc);
  const { counts } = effective;
  const manual = effective.questions.filter((q) => q.source === 'manual').length;
  const out = [
    `## ${escapeMarkdown(doc.record.title)}`,
    '',
    `- Document: ${escapeMarkdown(doc.record.docKey)}`,
    `- Last read: ${isoTime(doc.record.lastReadAt) || 'never'}`,
  ];
  if (!doc.report) return [...out, '', 'No coverage stored for this document yet.', ''];
  out.push(
    `- Addressed: ${counts.covered} of ${counts.total} questions (${manual} set by hand); ${counts.partial} partly covered, ${counts.unanswered} unanswered`,
    '',
    `| Driver | ${STAGES.map((s) => STAGE_LABELS[s]).join(' | ')} |`,
    `|---|${STAGES.map(() => '---').join('|')}|`,
  );
  for (const driver of DRIVERS) {
    const cells = STAGES.map((stage) => {
      const cell = effective.cells[cellId(driver, stage)];
      return cell.total ? `${cell.covered}/${cell.total}` : '–';
    });
    out.push(`| ${DRIVER_LABELS[driver]} | ${cells.join(' | ')} |`);
  }
  out.push('', 'Cells count addressed questions (covered, answered or not applicable) of all questions.', '');
  const open = effective.questions.filter((q) => q.status === 'unanswered');
  out.push(`### Unanswered questions (${open.length})`, '');
  if (open.length === 0) out.push('None.', '');
  for (const [stage, questions] of byStage(open)) {
    out.push(`#### ${STAGE_LABELS[stage]}`, '');
    for (const q of questions) out.push(questionLine('-', q, texts));
    out.push('');
  }
  return out;
}

/** The checklist a user pastes into the plan: one unchecked item per unanswered question. */
export function formatUnansweredChecklist(doc: DocumentExport, texts: QuestionTexts): string {
  const open = effectiveOf(doc).questions.filter((q) => q.status === 'unanswered');
  const out = [`## Unanswered implementation questions: ${escapeMarkdown(doc.record.title)}`, ''];
  if (open.length === 0) out.push('Every question is addressed.', '');
  for (const [stage, questions] of byStage(open)) {
    out.push(`### ${STAGE_LABELS[stage]}`, '');
    for (const q of questions) out.push(questionLine('- [ ]', q, texts));
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function questionLine(bullet: string, q: EffectiveQuestion, texts: QuestionTexts): string {
  const note = q.note ? ` (note: ${escapeMarkdown(q.note)})` : '';
  return `${bullet} **${DRIVER_LABELS[q.driver]}:** ${escapeMarkdown(texts(q.questionId))}${note}`;
}

function byStage(questions: EffectiveQuestion[]): Array<[StageId, EffectiveQuestion[]]> {
  return STAGES.map((stage): [StageId, EffectiveQuestion[]] => [
    stage,
    questions.filter((q) => q.stage === stage),
  ]).filter(([, list]) => list.length > 0);
}
