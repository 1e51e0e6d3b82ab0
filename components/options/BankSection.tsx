import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { pickTranslation } from '../../core/bank/localize';
import type { BankFile } from '../../core/bank/types';
import { DRIVERS, isStageId, STAGES, type StageId } from '../../core/model';
import type { ActiveBankInfo } from '../../core/protocol';
import { t, uiLanguage } from '../../lib/i18n';
import { send } from '../../lib/messaging';
import { driverLabel, formatTime, stageLabel } from '../labels';
import { ConfirmStep } from './ConfirmStep';

/** Problems listed for a rejected bank; the rest are counted. */
const ERRORS_SHOWN = 50;

type Action =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'imported'; text: string }
  | { kind: 'rejected'; fileName: string; errors: string[] }
  | { kind: 'failed'; text: string }
  | { kind: 'confirmReset' }
  | { kind: 'reset' };

/**
 * The question bank in use: what it is, its questions (by stage and driver, with a filter), a
 * district's bank imported from a file (a file with errors is refused with every problem named,
 * and changes nothing), and back to the built-in bank after a confirmation.
 */
export function BankSection({ generation = 0 }: { generation?: number }) {
  const [active, setActive] = useState<ActiveBankInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [action, setAction] = useState<Action>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const resetButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let cancelled = false;
    send({ type: 'getActiveBank' })
      .then((info) => {
        if (!cancelled) setActive(info);
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoadError((error as Error).message);
      });
    return () => {
      cancelled = true;
    };
  }, [generation]);

  const choose = async (file: File) => {
    setAction({ kind: 'busy', text: t('options_bankReading', { file: file.name }) });
    try {
      const result = await send({ type: 'importBank', text: await file.text() });
      if (!result.ok) {
        setAction({ kind: 'rejected', fileName: file.name, errors: result.errors });
        return;
      }
      setActive(result.active);
      const { bank } = result.active;
      setAction({
        kind: 'imported',
        text: t('options_bankImported', {
          file: file.name,
          title: bank.title,
          revision: bank.revision,
          count: bank.questions.length,
        }),
      });
    } catch (error) {
      setAction({
        kind: 'failed',
        text: t('options_bankImportFailed', { file: file.name, message: (error as Error).message }),
      });
    }
  };

  const reset = async () => {
    setAction({ kind: 'busy', text: t('options_working') });
    try {
      setActive(await send({ type: 'resetBank' }));
      setAction({ kind: 'reset' });
    } catch (error) {
      setAction({ kind: 'failed', text: (error as Error).message });
    }
  };

  return (
    <section id="bank" class="options-section" aria-labelledby="bank-title">
      <h2 id="bank-title">{t('options_bankTitle')}</h2>
      <p>{t('options_bankIntro')}</p>
      {loadError && (
        <p class="notice notice-error" role="alert">
          {loadError}
        </p>
      )}
      {!active && !loadError && <p class="bank-loading">{t('options_bankLoading')}</p>}
      {active && <BankFacts active={active} />}
      {active && <BankBrowser bank={active.bank} />}

      <h3>{t('options_bankImportTitle')}</h3>
      <p>{t('options_bankImportHelp')}</p>
      <div class="bank-actions">
        <button type="button" class="button" disabled={action.kind === 'busy'} onClick={() => input.current?.click()}>
          {t('options_bankImport')}
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          aria-label={t('options_bankFileLabel')}
          class="visually-hidden"
          tabIndex={-1}
          onChange={(e) => {
            const target = e.target as HTMLInputElement;
            const file = target.files?.[0];
            target.value = '';
            if (file) void choose(file);
          }}
        />
        {active?.installedAt != null && action.kind !== 'confirmReset' && (
          <button
            ref={resetButton}
            type="button"
            class="button button-quiet"
            disabled={action.kind === 'busy'}
            onClick={() => setAction({ kind: 'confirmReset' })}
          >
            {t('options_bankReset')}
          </button>
        )}
      </div>
      {action.kind === 'confirmReset' && (
        <ConfirmStep
          text={t('options_bankResetConfirm')}
          confirmLabel={t('options_bankResetYes')}
          onConfirm={() => void reset()}
          onCancel={() => {
            setAction({ kind: 'idle' });
            setTimeout(() => resetButton.current?.focus(), 0);
          }}
        />
      )}
      <output class="bank-message">
        {action.kind === 'busy' && action.text}
        {action.kind === 'imported' && action.text}
        {action.kind === 'reset' && t('options_bankResetDone')}
      </output>
      {action.kind === 'failed' && (
        <p class="notice notice-error bank-error" role="alert">
          {action.text}
        </p>
      )}
      {action.kind === 'rejected' && (
        <div class="notice notice-error bank-errors" role="alert">
          <p>{t('options_bankRejected', { file: action.fileName })}</p>
          <ul>
            {action.errors.slice(0, ERRORS_SHOWN).map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
          {action.errors.length > ERRORS_SHOWN && (
            <p>{t('options_bankMoreErrors', { count: action.errors.length - ERRORS_SHOWN })}</p>
          )}
        </div>
      )}
    </section>
  );
}

function BankFacts({ active }: { active: ActiveBankInfo }) {
  const { bank, installedAt } = active;
  return (
    <dl class="bank-facts" data-bank={bank.id}>
      <div>
        <dt>{t('options_bankName')}</dt>
        <dd class="bank-title">{bank.title}</dd>
      </div>
      <div>
        <dt>{t('options_bankVersion')}</dt>
        <dd class="bank-revision">{bank.revision}</dd>
      </div>
      <div>
        <dt>{t('options_bankQuestions')}</dt>
        <dd class="bank-count">{bank.questions.length}</dd>
      </div>
      <div>
        <dt>{t('options_bankSource')}</dt>
        <dd class="bank-source">
          {installedAt === null
            ? t('options_bankSourceBuiltIn')
            : t('options_bankSourceImported', { date: formatTime(installedAt) })}
        </dd>
      </div>
    </dl>
  );
}

/** Lowercase, without accents, for a filter that finds "capacitación" from "capacitacion". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The bank's questions by stage, then driver, in the UI language where the bank has it. */
function BankBrowser({ bank }: { bank: BankFile }) {
  const [text, setText] = useState('');
  const [stage, setStage] = useState<StageId | 'all'>('all');
  const lang = uiLanguage();
  const rows = useMemo(
    () =>
      bank.questions.map((q) => {
        const translated = pickTranslation(q, lang);
        const shown = translated?.text ?? q.text;
        return { q, shown, lang: translated?.tag ?? bank.language, folded: fold(`${shown} ${q.text} ${q.id}`) };
      }),
    [bank, lang],
  );
  const wanted = fold(text.trim());
  const visible = rows.filter(
    (r) => (stage === 'all' || r.q.stage === stage) && (!wanted || r.folded.includes(wanted)),
  );

  return (
    <details class="bank-browse">
      <summary>{t('options_bankBrowse', { count: bank.questions.length })}</summary>
      <div class="bank-filters">
        <label>
          {t('options_bankFilter')}{' '}
          <input type="search" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </label>{' '}
        <label>
          {t('options_bankStage')}{' '}
          <select
            value={stage}
            onChange={(e) => {
              const value = (e.target as HTMLSelectElement).value;
              setStage(isStageId(value) ? value : 'all');
            }}
          >
            <option value="all">{t('options_allStages')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {stageLabel(s)}
              </option>
            ))}
          </select>
        </label>{' '}
        <output class="bank-shown" data-count={visible.length}>
          {t('options_bankShown', { shown: visible.length, total: bank.questions.length })}
        </output>
      </div>
      {visible.length === 0 && <p class="bank-no-match">{t('options_bankNoMatch', { text: text.trim() })}</p>}
      {STAGES.map((s) => {
        const inStage = visible.filter((r) => r.q.stage === s);
        if (inStage.length === 0) return null;
        return (
          <section key={s} class="bank-stage" data-stage={s}>
            <h3>
              {stageLabel(s)} <span class="bank-stage-count">({inStage.length})</span>
            </h3>
            {DRIVERS.map((d) => {
              const inCell = inStage.filter((r) => r.q.driver === d);
              if (inCell.length === 0) return null;
              return (
                <div key={d} class="bank-cell" data-cell={`${d}.${s}`}>
                  <h4>{driverLabel(d)}</h4>
                  <ul class="bank-questions">
                    {inCell.map((r) => (
                      <li key={r.q.id} class="bank-question" data-question={r.q.id} lang={r.lang}>
                        {r.shown}
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </section>
        );
      })}
    </details>
  );
}
