import { useMemo, useRef, useState } from 'preact/hooks';
import type { BankFile } from '../core/bank/types';
import { type EffectiveQuestion, effectiveCoverage } from '../core/coverage/effective';
import { filterQuestions, isNarrowed, matchesInOtherStages, type QuestionFilter } from '../core/coverage/filter';
import { cellTallies, changeSince, driverTallies, readinessOf, stageTallies } from '../core/coverage/progress';
import { type DocumentPanelState, focusStage } from '../core/coverage/visits';
import { questionTexts } from '../core/export/text';
import { type DriverId, STAGES, type StageId } from '../core/model';
import type { DocumentView } from '../core/protocol';
import { t } from '../lib/i18n';
import { send } from '../lib/messaging';
import { CoverageGrid } from './CoverageGrid';
import { DashboardLink } from './DashboardLink';
import { ExportMenu } from './ExportMenu';
import { driverLabel, formatTime, readFailureText, siteLabel, stageLabel } from './labels';
import { OpenSidePanelButton } from './OpenSidePanelButton';
import { ProgressMeters, readinessText } from './ProgressMeters';
import { QuestionItem } from './QuestionItem';
import { StageFocus } from './StageFocus';
import { StopTrackingButton } from './StopTrackingButton';

/**
 * One document in the side panel: header (title, site, last read, plan score, actions), the
 * team's stage, progress, the driver × stage map and the questions of one stage grouped by
 * driver, with filters. Opens on the team's stage; the map, the stage tabs and "also in other
 * stages" keep every other question one step away.
 */
export function CoverageView({
  view,
  bank,
  inTab,
  panel,
  onPanelChange,
  onStopped,
  inPage = false,
}: {
  view: DocumentView;
  bank: BankFile;
  inTab: boolean;
  panel: DocumentPanelState;
  onPanelChange: (state: DocumentPanelState) => void;
  onStopped: () => void;
  /**
   * In the in-page panel (a content script in the plan's page): not the page's main landmark,
   * and without the actions only extension pages can do (export, dashboard, stop tracking).
   */
  inPage?: boolean;
}) {
  // A <section>, not a <div>: its <header> then stays the panel's, not a second page banner.
  const Root = inPage ? 'section' : 'main';
  const { record, report } = view;
  const focus = focusStage(panel, report?.declaredStage ?? null);
  const [stage, setStage] = useState<StageId>(focus);
  const [driver, setDriver] = useState<DriverId | null>(null);
  const [unansweredOnly, setUnansweredOnly] = useState(false);
  const [search, setSearch] = useState('');
  const tabs = useRef<HTMLDivElement>(null);
  const texts = useMemo(() => questionTexts(bank), [bank]);
  // Manual statuses win over automatic ones everywhere below: counts, groups, chips, map.
  const effective = useMemo(() => effectiveCoverage(report, view.overrides), [report, view.overrides]);
  const stages = useMemo(() => stageTallies(effective.questions), [effective]);
  const drivers = useMemo(() => driverTallies(effective.questions), [effective]);
  const cells = useMemo(() => cellTallies(effective.questions), [effective]);
  const now = Date.now();
  const change = panel.baselineAt === null ? null : changeSince(view.history, panel.baselineAt, effective.counts);
  const readiness = readinessOf(stages, focus);
  const filter: QuestionFilter = { stage, driver, unansweredOnly, search };
  const groups = filterQuestions(effective.questions, filter, texts);
  const elsewhere = isNarrowed(filter) ? matchesInOtherStages(effective.questions, filter, texts) : [];
  const score = report ? Math.round(report.planScore * 100) : 0;

  const chooseFocus = async (next: StageId) => {
    onPanelChange(await send({ type: 'setCurrentStage', docKey: record.docKey, stage: next }));
    setStage(next);
  };

  const selectTab = (next: StageId, moveFocus = false) => {
    setStage(next);
    if (moveFocus) tabs.current?.querySelector<HTMLElement>(`[data-stage="${next}"]`)?.focus();
  };

  const onTabKey = (event: KeyboardEvent) => {
    const index = STAGES.indexOf(stage);
    const to: Record<string, number> = {
      ArrowRight: (index + 1) % STAGES.length,
      ArrowLeft: (index + STAGES.length - 1) % STAGES.length,
      Home: 0,
      End: STAGES.length - 1,
    };
    const target = to[event.key];
    if (target === undefined) return;
    event.preventDefault();
    selectTab(STAGES[target] as StageId, true);
  };

  return (
    <Root class="panel">
      <header class="doc-header">
        <h1 class="doc-title">{record.title}</h1>
        <p class="doc-meta">
          {t('panel_docMeta', { site: siteLabel(record.site), time: formatTime(record.lastReadAt) })}
        </p>
        {report && (
          <p class={report.isPlan ? 'plan-verdict' : 'plan-verdict plan-verdict-no'}>
            {report.isPlan ? t('panel_isPlan', { score }) : t('panel_notPlan', { score })}
          </p>
        )}
        <div class="doc-actions">
          {inTab && <OpenSidePanelButton />}
          {!inPage && <ExportMenu docKey={record.docKey} title={record.title} bank={bank} />}
          {!inPage && <DashboardLink />}
          {!inPage && <StopTrackingButton docKey={record.docKey} title={record.title} onStopped={onStopped} />}
        </div>
      </header>
      {record.readError && (
        <p class="notice notice-error" role="alert">
          {t('panel_readErrorStored', {
            problem: readFailureText(record.readError),
            time: formatTime(record.lastReadAt),
          })}
        </p>
      )}
      {!report ? (
        <p class="notice">{t('panel_noCoverage')}</p>
      ) : (
        <>
          <StageFocus
            stage={focus}
            chosen={panel.currentStage !== null}
            declared={report.declaredStage}
            onChange={chooseFocus}
          />
          {readiness && <p class="readiness">{readinessText(readiness)}</p>}
          <ProgressMeters stages={stages} drivers={drivers} focus={focus} change={change} now={now} />
          <section class="map" aria-labelledby="map-heading">
            <h2 id="map-heading" class="section-heading">
              {t('panel_mapHeading')}
            </h2>
            <p class="hint">{t('panel_mapHint')}</p>
            <CoverageGrid
              cells={cells}
              chosen={driver ? { driver, stage } : null}
              focusStage={focus}
              onChoose={(choice) => {
                setDriver(choice?.driver ?? null);
                if (choice) setStage(choice.stage);
              }}
            />
          </section>
          <section class="question-list" aria-labelledby="questions-heading">
            <h2 id="questions-heading" class="section-heading">
              {t('panel_questionsHeading')}
            </h2>
            <div class="filters">
              <label class="search-label">
                <span>{t('panel_search')}</span>
                <input
                  type="search"
                  class="search-input"
                  value={search}
                  onInput={(e) => setSearch(e.currentTarget.value)}
                />
              </label>
              <label class="check">
                <input
                  type="checkbox"
                  checked={unansweredOnly}
                  onChange={(e) => setUnansweredOnly(e.currentTarget.checked)}
                />{' '}
                {t('panel_unansweredOnly')}
              </label>
            </div>
            {driver && (
              <p class="filter-chip">
                <span>{t('panel_showingCell', { driver: driverLabel(driver), stage: stageLabel(stage) })}</span>{' '}
                <button type="button" class="button button-small button-quiet" onClick={() => setDriver(null)}>
                  {t('panel_showAllDrivers')}
                </button>
              </p>
            )}
            <div class="stage-tabs" role="tablist" aria-label={t('panel_stageTabs')} ref={tabs} onKeyDown={onTabKey}>
              {STAGES.map((s) => (
                <button
                  key={s}
                  type="button"
                  role="tab"
                  id={`tab-${s}`}
                  data-stage={s}
                  aria-selected={s === stage}
                  aria-controls="stage-panel"
                  tabIndex={s === stage ? 0 : -1}
                  class={`stage-tab${s === stage ? ' stage-tab-on' : ''}${s === focus ? ' stage-tab-focus' : ''}`}
                  onClick={() => selectTab(s)}
                >
                  <span class="stage-name">{stageLabel(s)}</span>
                  <span class="stage-count">
                    {t('panel_tabCount', { addressed: stages[s].addressed, total: stages[s].total })}
                  </span>
                  {s === focus && <span class="stage-here">{t('panel_weAreHere')}</span>}
                </button>
              ))}
            </div>
            <section role="tabpanel" id="stage-panel" aria-label={stageLabel(stage)} tabIndex={-1}>
              {groups.length === 0 && <p class="notice">{t('panel_noMatches')}</p>}
              {groups.map((group) => (
                <DriverGroup
                  key={group.driver}
                  docKey={record.docKey}
                  driver={group.driver}
                  questions={group.questions}
                  texts={texts}
                />
              ))}
              {elsewhere.length > 0 && (
                <p class="elsewhere">
                  <span>{t('panel_alsoIn')}</span>
                  {elsewhere.map((entry) => (
                    <button
                      key={entry.stage}
                      type="button"
                      class="button button-small button-quiet"
                      onClick={() => selectTab(entry.stage, true)}
                    >
                      {t('panel_alsoInStage', { stage: stageLabel(entry.stage), count: entry.count })}
                    </button>
                  ))}
                </p>
              )}
              {!isNarrowed(filter) && (
                <RetiredQuestions
                  docKey={record.docKey}
                  questions={effective.retired.filter((q) => q.stage === stage)}
                  texts={texts}
                />
              )}
            </section>
          </section>
        </>
      )}
    </Root>
  );
}

function DriverGroup({
  docKey,
  driver,
  questions,
  texts,
}: {
  docKey: string;
  driver: DriverId;
  questions: EffectiveQuestion[];
  texts: (id: string) => string;
}) {
  const open = questions.filter((q) => q.status === 'unanswered').length;
  return (
    <section class="driver" data-driver={driver} aria-labelledby={`driver-${driver}`}>
      <h3 class="driver-name" id={`driver-${driver}`}>
        {driverLabel(driver)}{' '}
        <span class={open === 0 ? 'driver-count' : 'driver-count driver-count-open'}>
          {open === 0 ? t('panel_allAddressed') : t('panel_unansweredCount', { count: open })}
        </span>
      </h3>
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
    <section class="driver retired" aria-labelledby="retired-heading">
      <h3 class="driver-name" id="retired-heading">
        {t('panel_retiredHeading')}
      </h3>
      <ul class="questions">
        {questions.map((q) => (
          <QuestionItem key={q.questionId} docKey={docKey} question={q} text={texts(q.questionId)} />
        ))}
      </ul>
    </section>
  );
}
