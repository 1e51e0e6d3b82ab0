import { useMemo, useState } from 'preact/hooks';
import type { BankFile } from '../core/bank/types';
import { type EffectiveQuestion, effectiveCoverage } from '../core/coverage/effective';
import { questionTexts } from '../core/export/text';
import { DRIVERS, type DriverId, STAGES, type StageId } from '../core/model';
import type { DocumentView } from '../core/protocol';
import { DashboardLink } from './DashboardLink';
import { ExportMenu } from './ExportMenu';
import { formatTime, SITE_LABELS } from './labels';
import { OpenSidePanelButton } from './OpenSidePanelButton';
import { QuestionItem } from './QuestionItem';

export function CoverageView({ view, bank, inTab }: { view: DocumentView; bank: BankFile; inTab: boolean }) {
  const { record, report } = view;
  const [stage, setStage] = useState<StageId>(report?.declaredStage ?? 'exploration');
  const texts = useMemo(() => questionTexts(bank), [bank]);
  // Manual statuses win over automatic ones everywhere below: counts, groups, chips.
  const effective = useMemo(() => effectiveCoverage(report, view.overrides), [report, view.overrides]);

  return (
    <main class="panel">
      <header class="doc-header">
        <h1 class="doc-title">{record.title}</h1>
        <p class="doc-meta">
          {SITE_LABELS[record.site]} · Last read {formatTime(record.lastReadAt)}
        </p>
        {report && (
          <p class={report.isPlan ? 'plan-verdict' : 'plan-verdict plan-verdict-no'}>
            {report.isPlan ? 'Implementation plan' : 'This does not look like an implementation plan'} (plan score{' '}
            {Math.round(report.planScore * 100)}%)
          </p>
        )}
        <div class="doc-actions">
          {inTab && <OpenSidePanelButton />}
          <ExportMenu docKey={record.docKey} title={record.title} bank={bank} />
          <DashboardLink />
        </div>
      </header>
      {record.readError && (
        <p class="notice notice-error" role="alert">
          {record.readError.message} Showing what PlanLens stored from {formatTime(record.lastReadAt)}.
        </p>
      )}
      {!report ? (
        <p class="notice">No coverage stored for this document yet.</p>
      ) : (
        <>
          <div class="stage-tabs" role="tablist" aria-label="Implementation stage">
            {STAGES.map((s) => {
              const inStage = effective.questions.filter((q) => q.stage === s);
              const answered = inStage.filter((q) => q.status === 'covered').length;
              return (
                <button
                  key={s}
                  type="button"
                  role="tab"
                  aria-selected={s === stage}
                  class={s === stage ? 'stage-tab stage-tab-on' : 'stage-tab'}
                  onClick={() => setStage(s)}
                >
                  <span class="stage-name">{bank.stages[s].label}</span>
                  <span class="stage-count">
                    {answered}/{inStage.length}
                  </span>
                </button>
              );
            })}
          </div>
          <section role="tabpanel" aria-label={bank.stages[stage].label}>
            {DRIVERS.map((driver) => (
              <DriverGroup
                key={driver}
                docKey={record.docKey}
                driver={driver}
                label={bank.drivers[driver].label}
                questions={effective.questions.filter((q) => q.stage === stage && q.driver === driver)}
                texts={texts}
              />
            ))}
            <RetiredQuestions
              docKey={record.docKey}
              questions={effective.retired.filter((q) => q.stage === stage)}
              texts={texts}
            />
          </section>
        </>
      )}
    </main>
  );
}

function DriverGroup({
  docKey,
  driver,
  label,
  questions,
  texts,
}: {
  docKey: string;
  driver: DriverId;
  label: string;
  questions: EffectiveQuestion[];
  texts: (id: string) => string;
}) {
  if (questions.length === 0) return null;
  const open = questions.filter((q) => q.status === 'unanswered').length;
  return (
    <section class="driver" data-driver={driver}>
      <h2 class="driver-name">
        {label} <span class="driver-count">{open === 0 ? 'all addressed' : `${open} unanswered`}</span>
      </h2>
      <ul class="questions">
        {questions.map((q) => (
          <QuestionItem key={q.questionId} docKey={docKey} question={q} text={texts(q.questionId)} />
        ))}
      </ul>
    </section>
  );
}

/** Manual answers to questions the bank no longer asks: kept and editable, not counted. */
function RetiredQuestions({
  docKey,
  questions,
  texts,
}: {
  docKey: string;
  questions: EffectiveQuestion[];
  texts: (id: string) => string;
}) {
  if (questions.length === 0) return null;
  return (
    <section class="driver retired">
      <h2 class="driver-name">No longer in the question bank</h2>
      <ul class="questions">
        {questions.map((q) => (
          <QuestionItem key={q.questionId} docKey={docKey} question={q} text={texts(q.questionId)} />
        ))}
      </ul>
    </section>
  );
}
