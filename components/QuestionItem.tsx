import { useEffect, useId, useState } from 'preact/hooks';
import type { QuestionResult } from '../core/analyze/report';
import type { EffectiveQuestion } from '../core/coverage/effective';
import { shownStatus } from '../core/coverage/labels';
import { NOTE_MAX_CHARS } from '../core/coverage/types';
import { type AutoStatus, isOverrideStatus, type OverrideStatus } from '../core/model';
import { type MessageKey, t, uiLanguage } from '../lib/i18n';
import { send } from '../lib/messaging';
import { EvidenceSnippet } from './EvidenceSnippet';
import { autoStatusLabel, manualStatusLabel, questionStatusLabel } from './labels';
import { ReasonText } from './ReasonText';

const AUTO_SOURCE: Record<AutoStatus, MessageKey> = {
  covered: 'panel_sourceAuto_covered',
  partial: 'panel_sourceAuto_partial',
  unanswered: 'panel_sourceAuto_unanswered',
};

const MANUAL_SOURCE: Record<OverrideStatus, MessageKey> = {
  answered: 'panel_sourceManual_answered',
  not_applicable: 'panel_sourceManual_not_applicable',
  unanswered: 'panel_sourceManual_unanswered',
};

const WHY_HEADING: Record<AutoStatus, MessageKey> = {
  covered: 'panel_why_covered',
  partial: 'panel_why_partial',
  unanswered: 'panel_why_unanswered',
};

/**
 * One question: its status (manual or automatic, said in words), its best evidence passage,
 * a control to set the status by hand and a note editor; "Evidence and reasons" opens the
 * detail: why it counts as it does, and every passage found. Every text here (question,
 * snippet, note) is rendered as a text node. Changes go to the background; the panel then
 * reloads the document (documentChanged), which is also how another open panel sees them.
 */
export function QuestionItem({
  docKey,
  question: q,
  text,
}: {
  docKey: string;
  question: EffectiveQuestion;
  text: string;
}) {
  const id = useId();
  const [pendingStatus, setPendingStatus] = useState<string | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  // The stored values arrived (from this panel's save or another panel's): show those.
  useEffect(() => setPendingStatus(null), [q.manual]);
  useEffect(() => setSavedNote((saved) => (saved === q.note ? saved : null)), [q.note]);

  const changeStatus = async (value: string) => {
    setError(null);
    setPendingStatus(value);
    try {
      const status = isOverrideStatus(value) ? value : null;
      await send({ type: 'setManualStatus', docKey, questionId: q.questionId, status });
    } catch (e) {
      setPendingStatus(null);
      setError((e as Error).message);
    }
  };

  const saveNote = async () => {
    if (draft === null) return;
    setError(null);
    setBusy(true);
    try {
      const saved = await send({ type: 'setNote', docKey, questionId: q.questionId, note: draft });
      setSavedNote(saved.note);
      setDraft(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const auto = q.auto?.status ?? 'unanswered';
  const note = savedNote ?? q.note;
  const shown = shownStatus(q);
  const evidence = q.auto && q.auto.status !== 'unanswered' ? q.auto.evidence : [];
  return (
    <li
      class={`question question-${q.status}${q.source === 'manual' ? ' question-manual' : ''}`}
      data-question={q.questionId}
    >
      <span class={`chip chip-${shown}`}>{questionStatusLabel(q)}</span>
      <span class="question-text" id={`${id}-text`}>
        {text}
      </span>
      <p class="status-source">
        {q.manual ? t(MANUAL_SOURCE[q.manual]) : t(AUTO_SOURCE[auto])}
        {q.manual && q.auto && (
          <span class="status-auto"> {t('panel_statusAutoAside', { status: autoStatusLabel(auto) })}</span>
        )}
      </p>
      {evidence[0] && <EvidenceSnippet evidence={evidence[0]} docKey={docKey} />}
      <div class="question-controls">
        <label for={`${id}-status`}>{t('panel_statusLabel')}</label>
        <select
          id={`${id}-status`}
          class="status-select"
          value={pendingStatus ?? q.manual ?? ''}
          onChange={(e) => void changeStatus(e.currentTarget.value)}
        >
          <option value="">{t('panel_statusAutomatic', { status: autoStatusLabel(auto) })}</option>
          <option value="answered">{manualStatusLabel('answered')}</option>
          <option value="not_applicable">{manualStatusLabel('not_applicable')}</option>
          <option value="unanswered">{manualStatusLabel('unanswered')}</option>
        </select>
        {draft === null && (
          <button
            type="button"
            class="button button-small"
            onClick={() => {
              setDraft(note);
              setSavedNote(null);
            }}
          >
            {note ? t('panel_editNote') : t('panel_addNote')}
          </button>
        )}
        <button
          type="button"
          class="button button-small button-quiet detail-toggle"
          aria-expanded={open}
          aria-controls={`${id}-detail`}
          aria-describedby={`${id}-text`}
          onClick={() => setOpen(!open)}
        >
          {t('panel_details')}
        </button>
      </div>
      {draft === null ? (
        note && <p class="note">{note}</p>
      ) : (
        <div class="note-editor">
          <label for={`${id}-note`}>{t('panel_noteLabel')}</label>
          <textarea
            id={`${id}-note`}
            rows={3}
            maxLength={NOTE_MAX_CHARS}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <div class="note-actions">
            <button type="button" class="button button-small" disabled={busy} onClick={() => void saveNote()}>
              {t('panel_save')}
            </button>
            <button
              type="button"
              class="button button-small button-quiet"
              disabled={busy}
              onClick={() => setDraft(null)}
            >
              {t('panel_cancel')}
            </button>
            <span class="note-count">{t('panel_noteCount', { count: draft.length, max: NOTE_MAX_CHARS })}</span>
          </div>
        </div>
      )}
      <div class="question-detail" id={`${id}-detail`} hidden={!open}>
        {open && (
          <>
            <h3 class="detail-heading">{t(WHY_HEADING[auto])}</h3>
            {q.manual && <p class="detail-manual">{t('panel_whyManual', { status: manualStatusLabel(q.manual) })}</p>}
            {q.auto && (q.auto.reasonCodes ?? q.auto.reasons).length > 0 ? (
              <Reasons result={q.auto} />
            ) : (
              <p class="reasons-none">{q.auto ? t('panel_noReasons') : t('panel_retiredReasons')}</p>
            )}
            {evidence.length > 1 && (
              <>
                <h3 class="detail-heading">{t('panel_moreEvidence', { count: evidence.length - 1 })}</h3>
                {evidence.slice(1).map((e) => (
                  <EvidenceSnippet key={e.blockId} evidence={e} docKey={docKey} />
                ))}
              </>
            )}
          </>
        )}
      </div>
      <output class="note-saved">{savedNote !== null && draft === null ? t('panel_saved') : ''}</output>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/**
 * Why the analyzer gave its status: from the reasons as data, said in the UI's language; a report
 * stored before the analyzer wrote them has only its English sentences (the next analysis adds
 * the data), marked as English for screen readers in other languages.
 */
function Reasons({ result }: { result: QuestionResult }) {
  if (result.reasonCodes) {
    return (
      <ul class="reasons">
        {result.reasonCodes.map((reason, i) => (
          <li key={i}>
            <ReasonText reason={reason} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul class="reasons" lang={uiLanguage().toLowerCase().startsWith('en') ? undefined : 'en'}>
      {result.reasons.map((reason, i) => (
        <li key={i}>{reason}</li>
      ))}
    </ul>
  );
}
