// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { analyze } from '../../../core/analyze/engine';
import type { Reason } from '../../../core/analyze/report';
import { effectiveCoverage } from '../../../core/coverage/effective';
import { format, paramsOf } from '../../../core/i18n/messages';
import { STAGES } from '../../../core/model';
import { readLocale } from '../../../scripts/locales';
import { miniBank, snapshotOf } from '../helpers';

vi.mock('../../../lib/messaging', () => ({ send: vi.fn() }));

const { QuestionItem } = await import('../../../components/QuestionItem');
const { ReasonText } = await import('../../../components/ReasonText');

const DOC = 'gdocs:1RiversideLiteracyPlan2026abcdef';
const OBSERVE = 'coaching.initial_implementation.observe-feedback';
const HOSTILE = '<img src=x onerror=alert(1)>';

const englishGetMessage = fakeBrowser.i18n.getMessage;
const englishUiLanguage = fakeBrowser.i18n.getUILanguage;

/** Answers as Chrome does in a Spanish browser: from the Spanish sources, positional parameters. */
function speakSpanish(): void {
  const spanish = readLocale('es');
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => {
    const message = spanish[key];
    if (message === undefined) return '';
    const values = Array.isArray(subs) ? subs : subs === undefined ? [] : [subs];
    return format(message, Object.fromEntries(paramsOf(message).map((name, i) => [name, values[i] ?? ''])));
  }) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => 'es-MX';
}

afterEach(() => {
  cleanup();
  fakeBrowser.i18n.getMessage = englishGetMessage;
  fakeBrowser.i18n.getUILanguage = englishUiLanguage;
});

function questionOf(html: string, id = OBSERVE) {
  const q = effectiveCoverage(analyze(miniBank(), snapshotOf(html, DOC)), []).questions.find(
    (x) => x.questionId === id,
  );
  if (!q?.auto) throw new Error(`no result for ${id}`);
  return q;
}

/** The question's reasons as shown once "Evidence and reasons" is open. */
function shownReasons(q: ReturnType<typeof questionOf>) {
  const { container } = render(<QuestionItem docKey={DOC} question={q} text="How often?" />);
  fireEvent.click(container.querySelector('.detail-toggle') as HTMLElement);
  const list = container.querySelector('.reasons') as HTMLElement;
  return { container, list, items: [...list.querySelectorAll('li')].map((li) => li.textContent) };
}

const PLANS = [
  '<h2>Coaching feedback</h2><p>Coaches observe each classroom every two weeks.</p>',
  '<h2>Initial Implementation</h2><p>Coaches observe each classroom every two weeks.</p>',
  '<table><tr><td>Driver</td><td>Initial Implementation</td></tr><tr><td>Coaching</td><td>Coaches observe and give feedback</td></tr></table>',
  '<p>nothing relevant here</p>',
];

describe('a question’s reasons', () => {
  it.each(PLANS)('say in English exactly what the analyzer’s English says (%#)', (html) => {
    const q = questionOf(html);
    expect(q.auto?.reasonCodes?.length).toBeGreaterThan(0);
    const { list, items } = shownReasons(q);
    expect(items).toEqual(q.auto?.reasons);
    expect(list.getAttribute('lang')).toBeNull();
    expect(list.querySelector('[lang]')).toBeNull();
  });

  it('are said in Spanish in a Spanish browser, with the plan’s English words marked as English', () => {
    speakSpanish();
    const { list, items } = shownReasons(
      questionOf('<h2>Initial Implementation</h2><p>Coaches observe each classroom every two weeks.</p>'),
    );
    expect(items).toEqual([
      'El pasaje menciona coaches, observe.',
      'Nada cerca del pasaje menciona feedback.',
      'Etapa: Implementación inicial (bajo un encabezado de etapa).',
      'Sección: “Initial Implementation”.',
    ]);
    // The list is Spanish; only the quoted words are English.
    expect(list.getAttribute('lang')).toBeNull();
    const english = [...list.querySelectorAll('[lang="en"]')].map((el) => el.textContent);
    expect(english).toEqual(['coaches, observe', 'feedback']);
  });

  it('renders the quoted words and titles as text, never as markup', () => {
    const reasons: Reason[] = [
      { kind: 'mentions', terms: [HOSTILE, '$1 {terms}'] },
      { kind: 'section', title: HOSTILE },
    ];
    for (const lang of ['en', 'es']) {
      if (lang === 'es') speakSpanish();
      const { container } = render(
        <ul>
          {reasons.map((reason, i) => (
            <li key={i}>
              <ReasonText reason={reason} />
            </li>
          ))}
        </ul>,
      );
      expect(container.querySelector('img')).toBeNull();
      expect(container.querySelector('.reason-terms')?.textContent).toBe(`${HOSTILE}, $1 {terms}`);
      expect(container.querySelector('.reason-title')?.textContent).toBe(HOSTILE);
      cleanup();
    }
  });

  it('has words for every kind of reason and every way a stage is found, in English and Spanish', () => {
    const reasons: Reason[] = [
      { kind: 'noPassage' },
      { kind: 'mentions', terms: ['coach'] },
      { kind: 'headingAdds', concepts: ['feedback'] },
      { kind: 'missing', concepts: ['date'] },
      { kind: 'stageUnknown' },
      { kind: 'section', title: 'Year 1' },
      ...STAGES.flatMap((stage) =>
        (['heading', 'column', 'row', 'label', 'inferred', 'document', 'none'] as const).map(
          (how): Reason => ({ kind: 'stage', stage, how }),
        ),
      ),
    ];
    const texts = (): string[] =>
      reasons.map((reason) => {
        const { container } = render(<ReasonText reason={reason} />);
        const text = container.textContent ?? '';
        cleanup();
        return text;
      });
    const english = texts();
    speakSpanish();
    const spanish = texts();
    for (const text of [...english, ...spanish]) expect(text).not.toMatch(/panel_|^$/);
    // Every Spanish sentence differs from its English one (nothing left untranslated).
    spanish.forEach((text, i) => {
      expect(text).not.toBe(english[i]);
    });
  });

  describe('of a report stored before reasons were data', () => {
    const stored = () => {
      const q = questionOf('<h2>Coaching feedback</h2><p>Coaches observe each classroom every two weeks.</p>');
      if (q.auto) delete q.auto.reasonCodes;
      return q;
    };

    it('show its English sentences as stored', () => {
      const q = stored();
      const { list, items } = shownReasons(q);
      expect(items).toEqual(q.auto?.reasons);
      expect(list.getAttribute('lang')).toBeNull();
    });

    it('show them marked as English in a Spanish browser', () => {
      speakSpanish();
      const q = stored();
      const { list, items } = shownReasons(q);
      expect(items).toEqual(q.auto?.reasons);
      expect(list.getAttribute('lang')).toBe('en');
    });
  });
});
