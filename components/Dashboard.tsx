import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { DocumentSummary, SummaryFilter } from '../core/coverage/summary';
import { filterSummaries, sitesOf, stageShare } from '../core/coverage/summary';
import { isStageId, STAGE_LABELS, STAGES } from '../core/model';
import { isSiteId } from '../core/protocol';
import { onDocumentChanged, send } from '../lib/messaging';
import { DashboardExport } from './DashboardExport';
import { HeatMap, percent, StageShares, shareText } from './HeatMap';
import { ImportPanel } from './ImportPanel';
import { formatTime, SITE_LABELS } from './labels';

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
        <h1>PlanLens dashboard</h1>
        <p class="doc-count" data-count={rows.length} data-loaded={load.kind === 'done' ? 'yes' : 'no'}>
          {rows.length} tracked {rows.length === 1 ? 'document' : 'documents'}
          {load.kind === 'loading' ? ' (loading…)' : ''}
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
      <form class="dashboard-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Site{' '}
          <select
            value={filter.site}
            onChange={(e) => {
              const value = (e.target as HTMLSelectElement).value;
              setFilterPart({ site: isSiteId(value) ? value : 'all' });
            }}
          >
            <option value="all">All sites</option>
            {sites.map((s) => (
              <option key={s} value={s}>
                {SITE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Stage{' '}
          <select
            value={filter.stage}
            onChange={(e) => {
              const value = (e.target as HTMLSelectElement).value;
              setFilterPart({ stage: isStageId(value) ? value : 'all' });
            }}
          >
            <option value="all">All stages</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {STAGE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Title{' '}
          <input
            type="search"
            value={filter.text}
            onInput={(e) => setFilterPart({ text: (e.target as HTMLInputElement).value })}
          />
        </label>
        <output class="shown-count" data-count={shown.length}>
          {' '}
          Showing {shown.length}
        </output>
      </form>
      <HeatLegend />
      {rows.length === 0 && load.kind === 'done' ? (
        <p class="notice dashboard-empty">
          No plans tracked yet. Open an implementation plan in Google Docs or your LMS, or import a teammate’s export.
        </p>
      ) : (
        <table class="dashboard-table">
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col">Site</th>
              <th scope="col">Last read</th>
              <th scope="col">{filter.stage === 'all' ? 'Addressed' : STAGE_LABELS[filter.stage]}</th>
              <th scope="col">
                {filter.stage === 'all' ? 'Drivers × stages' : 'Drivers'}
                <span class="heat-key">
                  {filter.stage === 'all' ? 'stages across, drivers down' : 'Selection … Leadership, down'}
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
        <nav class="pager" aria-label="Pages">
          <button
            type="button"
            class="button button-small"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            Previous
          </button>{' '}
          <span class="pager-position">
            Page {current + 1} of {pages}
          </span>{' '}
          <button
            type="button"
            class="button button-small"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Next
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
        <a class="open-link" href={open} target="_blank" rel="noopener">
          Open
        </a>
        {summary.readError && <span class="row-error">{summary.readError}</span>}
      </td>
      <td>{SITE_LABELS[summary.site]}</td>
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
  const levels = [
    { level: 0, text: 'none' },
    { level: 1, text: 'under a third' },
    { level: 2, text: 'a third or more' },
    { level: 3, text: 'two thirds or more' },
    { level: 4, text: 'all' },
  ];
  return (
    <p class="heat-legend">
      Questions addressed:{' '}
      {levels.map((l) => (
        <span key={l.level} class="heat-legend-item">
          <span class={`heat heat-${l.level}`} /> {l.text}
        </span>
      ))}
    </p>
  );
}
