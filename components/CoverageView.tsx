import { useState } from 'preact/hooks';
import type { QuestionResult } from '../core/analyze/report';
import type { BankFile, BankQuestion } from '../core/bank/types';
import { DRIVERS, type DriverId, STAGES, type StageId } from '../core/model';
import type { DocumentView } from '../core/protocol';
import { EvidenceSnippet } from './EvidenceSnippet';
import { OpenSidePanelButton } from './OpenSidePanelButton';

const STATUS_TEXT: Record<QuestionResult['status'], string> = {
  covered: 'Covered',
  partial: 'Partly covered',
  unanswered: 'Unanswered',
};

const SITE_NAMES: Record<string, string> = {
  gdocs: 'Google Docs',
  canvas: 'Canvas',
  schoology: 'Schoology',
  brightspace: 'Brightspace',
  moodle: 'Moodle',
  classroom: 'Google Classroom',
  custom: 'District site',
  file: 'File',
};

function formatTime(ms: number | null): string {
  return ms ? new Date(ms).toLocaleString() : 'never';
}

export function CoverageView({ view, bank, inTab }: { view: DocumentView; bank: BankFile; inTab: boolean }) {
  const { record, report } = view;
  const [stage, setStage] = useState<StageId>(report?.declaredStage ?? 'exploration');
  const questionsById = new Map<string, BankQuestion>(bank.questions.map((q) => [q.id, q]));

  return (
    <main class="panel">
      <header class="doc-header">
        <h1 class="doc-title">{record.title}</h1>
        <p class="doc-meta">
          {SITE_NAMES[record.site] ?? record.site} · Last read {formatTime(record.lastReadAt)}
        </p>
        {report && (
          <p class={report.isPlan ? 'plan-verdict' : 'plan-verdict plan-verdict-no'}>
            {report.isPlan ? 'Implementation plan' : 'This does not look like an implementation plan'} (plan score{' '}
            {Math.round(report.planScore * 100)}%)
          </p>
        )}
        {inTab && <OpenSidePanelButton />}
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
              const inStage = report.questions.filter((q) => q.stage === s);
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
                driver={driver}
                label={bank.drivers[driver].label}
                results={report.questions.filter((q) => q.stage === stage && q.driver === driver)}
                questionsById={questionsById}
              />
            ))}
          </section>
        </>
      )}
    </main>
  );
}

function DriverGroup({
  driver,
  label,
  results,
  questionsById,
}: {
  driver: DriverId;
  label: string;
  results: QuestionResult[];
  questionsById: Map<string, BankQuestion>;
}) {
  if (results.length === 0) return null;
  const open = results.filter((r) => r.status === 'unanswered').length;
  return (
    <section class="driver" data-driver={driver}>
      <h2 class="driver-name">
        {label} <span class="driver-count">{open === 0 ? 'all addressed' : `${open} unanswered`}</span>
      </h2>
      <ul class="questions">
        {results.map((result) => (
          <li key={result.questionId} class={`question question-${result.status}`} data-question={result.questionId}>
            <span class={`chip chip-${result.status}`}>{STATUS_TEXT[result.status]}</span>
            <span class="question-text">{questionsById.get(result.questionId)?.text ?? result.questionId}</span>
            {result.status !== 'unanswered' && result.evidence[0] && <EvidenceSnippet evidence={result.evidence[0]} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
