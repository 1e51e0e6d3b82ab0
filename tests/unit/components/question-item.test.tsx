// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectiveCoverage } from '../../../core/coverage/effective';
import type { OverrideRecord } from '../../../core/coverage/types';
import type { OverrideStatus } from '../../../core/model';
import { overrideOf, Q, reportWith } from '../coverage-fixtures';

const sent: unknown[] = [];
vi.mock('../../../lib/messaging', () => ({
  send: vi.fn(
    async (request: {
      type: string;
      docKey: string;
      questionId: string;
      note?: string;
      status?: OverrideStatus | null;
    }) => {
      sent.push(request);
      return {
        docKey: request.docKey,
        questionId: request.questionId,
        status: request.status ?? null,
        statusAt: null,
        note: request.note ?? '',
        noteAt: 1,
        updatedAt: 1,
      } satisfies OverrideRecord;
    },
  ),
}));

const { QuestionItem } = await import('../../../components/QuestionItem');

const DOC = 'gdocs:1RiversideLiteracyPlan2026abcdef';
const HOSTILE = '<img src=x onerror=alert(1)>';

function question(overrides: OverrideRecord[], auto = 'covered' as const) {
  const report = reportWith(DOC, { [Q.observe]: auto });
  const q = effectiveCoverage(report, overrides).questions.find((x) => x.questionId === Q.observe);
  if (!q) throw new Error('missing');
  return q;
}

beforeEach(() => {
  sent.length = 0;
});
afterEach(cleanup);

describe('a question in the side panel', () => {
  it('says when the status is automatic, and when it was set by hand', () => {
    const { container, rerender } = render(<QuestionItem docKey={DOC} question={question([])} text="How often?" />);
    expect(container.querySelector('.chip')?.textContent).toBe('Covered');
    expect(screen.getByText('Found in the plan automatically')).toBeTruthy();

    rerender(
      <QuestionItem
        docKey={DOC}
        question={question([overrideOf(DOC, Q.observe, { status: 'answered' })], 'covered')}
        text="How often?"
      />,
    );
    expect(container.querySelector('.chip')?.textContent).toBe('Answered');
    expect(container.querySelector('.status-source')?.textContent).toBe('Marked answered by you (automatic: Covered)');
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('answered');
  });

  it('renders notes, question text and snippets as text, never as markup', () => {
    const q = question([overrideOf(DOC, Q.observe, { note: HOSTILE })]);
    if (q.auto?.evidence[0]) q.auto.evidence[0].snippet = HOSTILE;
    const { container } = render(<QuestionItem docKey={DOC} question={q} text={HOSTILE} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.note')?.textContent).toBe(HOSTILE);
    expect(container.querySelector('.question-text')?.textContent).toBe(HOSTILE);
    expect(container.querySelector('.evidence')?.textContent).toBe(HOSTILE);
  });

  it('sends a manual status from the labelled control', async () => {
    render(<QuestionItem docKey={DOC} question={question([])} text="How often?" />);
    const select = screen.getByLabelText('Status') as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'not_applicable' } });
    await waitFor(() =>
      expect(sent).toEqual([{ type: 'setManualStatus', docKey: DOC, questionId: Q.observe, status: 'not_applicable' }]),
    );
    fireEvent.change(select, { target: { value: '' } });
    await waitFor(() => expect(sent.at(-1)).toMatchObject({ type: 'setManualStatus', status: null }));
  });

  it('edits a note in a labelled text area, saves it with Save and says "Saved"', async () => {
    render(<QuestionItem docKey={DOC} question={question([])} text="How often?" />);
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    const area = screen.getByLabelText('Note') as HTMLTextAreaElement;
    fireEvent.input(area, { target: { value: 'Weekly walkthroughs' } });
    expect(sent).toEqual([]); // nothing is saved before Save
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText('Saved')).toBeTruthy());
    expect(sent).toEqual([{ type: 'setNote', docKey: DOC, questionId: Q.observe, note: 'Weekly walkthroughs' }]);
    expect(screen.getByText('Weekly walkthroughs')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit note' })).toBeTruthy();
  });
});
