import { useEffect, useId, useState } from 'preact/hooks';
import type { EffectiveQuestion } from '../core/coverage/effective';
import { AUTO_STATUS_TEXT, MANUAL_STATUS_TEXT, shownStatus, statusText } from '../core/coverage/labels';
import { NOTE_MAX_CHARS } from '../core/coverage/types';
import { isOverrideStatus, type OverrideStatus } from '../core/model';
import { send } from '../lib/messaging';
import { EvidenceSnippet } from './EvidenceSnippet';

const AUTO_SOURCE_TEXT = {
  covered: 'Found in the plan automatically',
  partial: 'Partly found in the plan automatically',
  unanswered: 'Not found in the plan automatically',
} as const;

const MANUAL_SOURCE_TEXT: Record<OverrideStatus, string> = {
  answered: 'Marked answered by you',
  not_applicable: 'Marked not applicable by you',
  unanswered: 'Marked unanswered by you',
};

/**
 * One question: its status (manual or automatic, said in words), its evidence, a control to
 * set the status by hand and a note editor. Every text here (question, snippet, note) is
 * rendered as a text node. Changes go to the background; the panel then reloads the document
 * (documentChanged), which is also how another open panel sees them.
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
  return (
    <li
      class={`question question-${q.status}${q.source === 'manual' ? ' question-manual' : ''}`}
      data-question={q.questionId}
    >
      <span class={`chip chip-${shown}`}>{statusText(q)}</span>
      <span class="question-text">{text}</span>
      <p class="status-source">
        {q.manual ? MANUAL_SOURCE_TEXT[q.manual] : AUTO_SOURCE_TEXT[auto]}
        {q.manual && q.auto && <span class="status-auto"> (automatic: {AUTO_STATUS_TEXT[auto]})</span>}
      </p>
      {q.auto && q.auto.status !== 'unanswered' && q.auto.evidence[0] && (
        <EvidenceSnippet evidence={q.auto.evidence[0]} docKey={docKey} />
      )}
      <div class="question-controls">
        <label for={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          class="status-select"
          value={pendingStatus ?? q.manual ?? ''}
          onChange={(e) => void changeStatus(e.currentTarget.value)}
        >
          <option value="">Automatic ({AUTO_STATUS_TEXT[auto]})</option>
          <option value="answered">{MANUAL_STATUS_TEXT.answered}</option>
          <option value="not_applicable">{MANUAL_STATUS_TEXT.not_applicable}</option>
          <option value="unanswered">{MANUAL_STATUS_TEXT.unanswered}</option>
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
            {note ? 'Edit note' : 'Add note'}
          </button>
        )}
      </div>
      {draft === null ? (
        note && <p class="note">{note}</p>
      ) : (
        <div class="note-editor">
          <label for={`${id}-note`}>Note</label>
          <textarea
            id={`${id}-note`}
            rows={3}
            maxLength={NOTE_MAX_CHARS}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <div class="note-actions">
            <button type="button" class="button button-small" disabled={busy} onClick={() => void saveNote()}>
              Save
            </button>
            <button
              type="button"
              class="button button-small button-quiet"
              disabled={busy}
              onClick={() => setDraft(null)}
            >
              Cancel
            </button>
            <span class="note-count">
              {draft.length}/{NOTE_MAX_CHARS}
            </span>
          </div>
        </div>
      )}
      <output class="note-saved">{savedNote !== null && draft === null ? 'Saved' : ''}</output>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
