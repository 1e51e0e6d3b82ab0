import { type ComponentChild, Fragment } from 'preact';
import type { StageHow } from '../core/analyze/block';
import type { Reason } from '../core/analyze/report';
import { type MessageKey, t, uiLanguage } from '../lib/i18n';
import { stageLabel } from './labels';

/**
 * One of the analyzer's reasons for a question's status (core/analyze/reasons.ts), said in the
 * UI's language. The words it quotes (matched terms, the bank's concept words, a section title)
 * are data: text nodes in their own span, never part of a message, never markup. Terms and
 * concepts are English words (the bank's vocabulary): marked `lang="en"` for other languages.
 */
export function ReasonText({ reason }: { reason: Reason }) {
  switch (reason.kind) {
    case 'noPassage':
      return <>{t('panel_reasonNoPassage')}</>;
    case 'mentions':
      return withData('panel_reasonMentions', { terms: <Words words={reason.terms} /> });
    case 'headingAdds':
      return withData('panel_reasonHeadingAdds', { concepts: <Words words={reason.concepts} /> });
    case 'missing':
      return withData('panel_reasonMissing', { concepts: <Words words={reason.concepts} /> });
    case 'stage':
      return <>{t('panel_reasonStage', { stage: stageLabel(reason.stage), how: t(HOW_KEYS[reason.how]) })}</>;
    case 'stageUnknown':
      return <>{t('panel_reasonStageUnknown')}</>;
    case 'section':
      return withData('panel_reasonSection', { title: <span class="reason-title">{reason.title}</span> });
    default:
      // A kind this version does not know (cannot come from its own analyzer or a checked import).
      return null;
  }
}

const HOW_KEYS: Record<StageHow, MessageKey> = {
  heading: 'panel_reasonHow_heading',
  column: 'panel_reasonHow_column',
  row: 'panel_reasonHow_row',
  label: 'panel_reasonHow_label',
  inferred: 'panel_reasonHow_inferred',
  document: 'panel_reasonHow_document',
  none: 'panel_reasonHow_none',
};

/** English words from the plan or the bank, joined as the analyzer's English joins them. */
function Words({ words }: { words: string[] }) {
  const english = uiLanguage().toLowerCase().startsWith('en');
  return (
    <span class="reason-terms" lang={english ? undefined : 'en'}>
      {words.join(', ')}
    </span>
  );
}

/** Marks a data parameter in a translated message; private-use characters no translation uses. */
const mark = (i: number): string => `\uE000${i}\uE001`;
const MARK = /\uE000(\d+)\uE001/;

/**
 * The message `key` with `data` parameters as elements: each is filled with a marker, and the
 * translated text is cut at the markers, so a translation may put them anywhere, in any order.
 */
function withData(key: MessageKey, data: Record<string, ComponentChild>): ComponentChild {
  const names = Object.keys(data);
  const text = t(key, Object.fromEntries(names.map((name, i) => [name, mark(i)])));
  // split with a capturing group: text, marker index, text, marker index, …, text.
  const parts = text.split(MARK);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>{i % 2 === 0 ? part : data[names[Number(part)] as string]}</Fragment>
      ))}
    </>
  );
}
