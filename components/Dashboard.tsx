import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { DocumentSummary, SummaryFilter } from '../core/coverage/summary';
import { filterSummaries, sitesOf, stageShare } from '../core/coverage/summary';
import { isStageId, STAGES } from '../core/model';
import { isSiteId } from '../core/protocol';
import { type MessageKey, t } from '../lib/i18n';
import { onDocumentChanged, send } from '../lib/messaging';
import { DashboardExport } from './DashboardExport';
import { HeatMap, percent, StageShares, shareText } from './HeatMap';
import { ImportPanel } from './ImportPanel';
import { formatTime, siteLabel, stageLabel } from './labels';

/** Rows per page: the page renders at most this many heat maps, whatever the store holds. */
export const ROWS_PER_PAGE = 50;

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done' };

/** Every tracked document, page by page from the background (each page is one message). */
async function loadAll(onPage: (rows: DocumentSummary[], done: boolean) => void, isCancelled: () => boolean) {
  const rows: DocumentSummary[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await send({ type: 'listDocuments', ...(after ? { after } : {}) });
    if (isCancelled()) return;
    rows.push(...page.summaries);
    onPage([...rows], page.next === null);
    if (page.next === null) return;
    after = page.next;
  }
}

/**
 * The district dashboard: every tracked plan with its site, last read time and coverage as a
 * heat map, filtered by site and stage, paginated; Export of all documents and Import.
 */
export function Dashboard() {
  const [rows, setRows] = useState<DocumentSummary[]>([]);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [filter, setFilter] = useState<SummaryFilter>({ site: 'all', stage: 'all', text: '' });
  const [page, setPage] = useState(0);
  const [generation, setGeneration] = useState(0);
  const loadedOnce = useRef(false);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    // The first load shows rows as pages arrive; a reload swaps the list once it is complete.
    const reload = loadedOnce.current;
    loadAll(
      (all, done) => {
        if (!reload || done) setRows(all);
        if (done) {
          loadedOnce.current = true;
          setLoad({ kind: 'done' });
        }
      },
      () => cancelled,
    ).catch((error: unknown) => {
      if (!cancelled) setLoad({ kind: 'error', message: (error as Error).message });
    });
    return () => {
      cancelled = true;
    };
  }, [generation]);

  useEffect(() => {
    // Changes elsewhere (a plan read, an answer marked): reload once they settle.
    const stop = onDocumentChanged(() => {
      clearTimeout(reloadTimer.current);
      reloadTimer.current = setTimeout(() => setGeneration((g) => g + 1), 500);
    });
    return () => {
      clearTimeout(reloadTimer.current);
      stop();
    };
  }, []);

  const shown = useMemo(() => filterSummaries(rows, filter), [rows, filter]);
  const sites = useMemo(() => sitesOf(rows), [rows]);
  const pages = Math.max(1, Math.ceil(shown.length / ROWS_PER_PAGE));
  const current = Math.min(page, pages - 1);
  const visible = shown.slice(current * ROWS_PER_PAGE, (current + 1) * ROWS_PER_PAGE);
  const setFilterPart = (part: Partial<SummaryFilter>) => {
    setFilter((f) => ({ ...f, ...part }));
    setPage(0);
  };

  return (
    <main class="dashboard">
      <header class="dashboard-header">
        <h1>{t('dashboard_title')}</h1>
        <p class="doc-count" data-count={rows.length} data-loaded={load.kind === 'done' ? 'yes' : 'no'}>
          {rows.length === 1 ? t('dashboard_docCountOne') : t('dashboard_docCountMany', { count: rows.length })}
          {load.kind === 'loading' ? ` ${t('dashboard_loading')}` : ''}
        </p>
        <div class="dashboard-actions">
          <DashboardExport />
          <ImportPanel onApplied={() => setGeneration((g) => g + 1)} />
        </div>
      </header>
      {load.kind === 'error' && (
        <p class="notice notice-error" role="alert">
          {load.message}
        </p>
      )}
      <form class="dashboard-filters" aria-label={t('dashboard_filters')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('dashboard_filterSite')}{' '}
          <select
            value={filter.site}
            onChange={(e) => {
              const value = (e.target as HTMLSelectElement).value;
              setFilterPart({ site: isSiteId(value) ? value : 'all' });
            }}
          >
            <option value="all">{t('dashboard_allSites')}</option>
            {sites.map((s) => (
              <option key={s} value={s}>
                {siteLabel(s)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('dashboard_filterStage')}{' '}
          <select
            value={filter.stage}
            onChange={(e) => {
              const value = (e.target as HTMLSelectElement).value;
              setFilterPart({ stage: isStageId(value) ? value : 'all' });
            }}
          >
            <option value="all">{t('dashboard_allStages')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {stageLabel(s)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('dashboard_filterTitle')}{' '}
          <input
            type="search"
            value={filter.text}
            onInput={(e) => setFilterPart({ text: (e.target as HTMLInputElement).value })}
          />
        </label>
        <output class="shown-count" data-count={shown.length}>
          {' '}
          {t('dashboard_showing', { count: shown.length })}
        </output>
      </form>
      <HeatLegend />
      {rows.length === 0 && load.kind === 'done' ? (
        <p class="notice dashboard-empty">{t('dashboard_empty')}</p>
      ) : (
        <table class="dashboard-table">
          <thead>
            <tr>
              <th scope="col">{t('dashboard_colPlan')}</th>
              <th scope="col">{t('dashboard_colSite')}</th>
              <th scope="col">{t('dashboard_colLastRead')}</th>
              <th scope="col">{filter.stage === 'all' ? t('dashboard_colAddressed') : stageLabel(filter.stage)}</th>
              <th scope="col">
                {filter.stage === 'all' ? t('dashboard_colHeat') : t('dashboard_colHeatDrivers')}
                <span class="heat-key">
                  {filter.stage === 'all' ? t('dashboard_heatKeyAll') : t('dashboard_heatKeyStage')}
                </span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((s) => (
              <DashboardRow key={s.docKey} summary={s} stage={filter.stage} />
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={t('dashboard_pages')}>
          <button
            type="button"
            class="button button-small"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            {t('dashboard_previous')}
          </button>{' '}
          <span class="pager-position">{t('dashboard_pageOf', { page: current + 1, pages })}</span>{' '}
          <button
            type="button"
            class="button button-small"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            {t('dashboard_next')}
          </button>
        </nav>
      )}
    </main>
  );
}

function DashboardRow({ summary, stage }: { summary: DocumentSummary; stage: SummaryFilter['stage'] }) {
  const open = `${browser.runtime.getURL('/sidepanel.html')}?${new URLSearchParams({ doc: summary.docKey })}`;
  const share = stage === 'all' ? summary.overall : stageShare(summary, stage);
  return (
    <tr class="dashboard-row" data-doc={summary.docKey} data-site={summary.site}>
      <td>
        <span class="row-title">{summary.title}</span>{' '}
        <a
          class="open-link"
          href={open}
          target="_blank"
          rel="noopener"
          aria-label={t('dashboard_openLabel', { title: summary.title })}
        >
          {t('dashboard_open')}
        </a>
        {summary.readError && <span class="row-error">{summary.readError}</span>}
      </td>
      <td>{siteLabel(summary.site)}</td>
      <td>{formatTime(summary.lastReadAt)}</td>
      <td class="row-share" title={shareText(share)}>
        {percent(share)}
        {stage === 'all' && <StageShares summary={summary} />}
      </td>
      <td>
        <HeatMap summary={summary} stage={stage} />
      </td>
    </tr>
  );
}

/** What the heat colors mean. */
function HeatLegend() {
  const levels: { level: number; text: MessageKey }[] = [
    { level: 0, text: 'dashboard_legendNone' },
    { level: 1, text: 'dashboard_legendUnderThird' },
    { level: 2, text: 'dashboard_legendThird' },
    { level: 3, text: 'dashboard_legendTwoThirds' },
    { level: 4, text: 'dashboard_legendAll' },
  ];
  return (
    <p class="heat-legend">
      {t('dashboard_legendTitle')}{' '}
      {levels.map((l) => (
        <span key={l.level} class="heat-legend-item">
          <span class={`heat heat-${l.level}`} /> {t(l.text)}
        </span>
      ))}
    </p>
  );
}
