import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CdpMessage, launchPipe, type PipeBrowser } from './cdp-pipe';
import { EDITOR_HTML } from './harness';
import { googleExportOf, LONGTASKS, largeDocId, SCENARIOS } from './large-docs';
import type { TraceEvent } from './trace-event';

/**
 * The page's long tasks while PlanLens reads a large Google Doc, in a browser driven over the
 * DevTools pipe without the protocol's Network domain (tests/e2e/cdp-pipe.ts says why: under
 * Playwright the browser copies and decodes every response body for the inspector, in the page's
 * thread, which made the 10 MB export's arrival a 65–230 ms task in large.e2e.test.ts).
 * Issue 7 asks that the page's main thread is never blocked for 50 ms or more at a time. This
 * measures it two ways and prints both: the page's own long-task observer (wall time, as the
 * page sees it), and the trace's tasks on the page's main thread (wall and CPU time). It asserts
 * that the figures are real (the observer ran, PlanLens's probe and reader ran in the page); the
 * bound on PlanLens's own time in a task is asserted in large.e2e.test.ts. The page's longest
 * task here holds Chromium's native handling of the export's body as it arrives (the fixture
 * hands over 10 MB at once), which PlanLens does not control: a figure to watch, not to assert.
 */

/** Long enough for the probe, the reader's download and its analysis on a busy 2-core machine. */
const SETTLE_MS = 12_000;

let browser: PipeBrowser | null = null;
const figures: string[] = [];

beforeAll(async () => {
  browser = await launchPipe();
});

afterAll(async () => {
  await browser?.close();
  console.log(`large Google Docs, the page's tasks in a browser no test tool watches:\n${figures.join('\n')}`);
});

/** Traces the whole browser while `run` runs. */
async function traced(b: PipeBrowser, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  let complete: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    complete = resolve;
  });
  const stop = b.onEvent((message: CdpMessage) => {
    if (message.method === 'Tracing.dataCollected') events.push(...(message.params?.value as TraceEvent[]));
    if (message.method === 'Tracing.tracingComplete') complete();
  });
  await b.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        ...(process.env.PLANLENS_TRACE_DEBUG ? ['v8', 'disabled-by-default-v8.gc', 'blink', 'loading'] : []),
      ],
    },
  });
  try {
    await run();
  } finally {
    await b.send('Tracing.end');
    await done;
    stop();
  }
  return events;
}

/** The page's main thread (where PlanLens's probe ran): its longest task by wall and by CPU time, in ms. */
function pageTasks(events: TraceEvent[], extensionOrigin: RegExp) {
  const ran = (file: RegExp) =>
    events.some(
      (e) =>
        e.name === 'EvaluateScript' &&
        extensionOrigin.test(e.args?.data?.url ?? '') &&
        file.test(e.args?.data?.url ?? ''),
    );
  const probe = events.find((e) => e.name === 'EvaluateScript' && extensionOrigin.test(e.args?.data?.url ?? ''));
  if (!probe) return null;
  const tasks = events.filter(
    (e) =>
      e.pid === probe.pid &&
      e.tid === probe.tid &&
      e.ph === 'X' &&
      (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'),
  );
  if (process.env.PLANLENS_TRACE_DEBUG) printLongestTasks(events, tasks, probe);
  const wall = Math.max(0, ...tasks.map((t) => t.dur ?? 0)) / 1000;
  const cpu = Math.max(0, ...tasks.map((t) => t.tdur ?? 0)) / 1000;
  return {
    wall,
    cpu,
    tasks: tasks.length,
    probeRan: ran(/-probe\.js$/),
    readerRan: ran(/content-scripts\/gdocs\.js$/),
  };
}

describe('large Google Docs in a browser no test tool watches', () => {
  for (const scenario of SCENARIOS.filter((s) => s.name === '10 MB' || s.name.startsWith('20,000'))) {
    it(`${scenario.name}: the page's longest tasks, measured without DevTools' network agent`, async () => {
      const b = browser as PipeBrowser;
      const id = largeDocId(`unwatched ${scenario.name}`);
      const exportHtml = googleExportOf(scenario.body());
      const tab = await b.openTab((url) => {
        if (!url.startsWith(`https://docs.google.com/document/d/${id}/`)) return null;
        const body = new URL(url).pathname.endsWith('/export') ? exportHtml : EDITOR_HTML('Large plan');
        return { status: 200, contentType: 'text/html; charset=utf-8', body };
      });
      await b.send('Page.enable', {}, tab);
      await b.send('Page.addScriptToEvaluateOnNewDocument', { source: LONGTASKS }, tab);
      const events = await traced(b, async () => {
        await b.send('Page.navigate', { url: `https://docs.google.com/document/d/${id}/edit` }, tab);
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      });
      const { result } = await b.send<{ result: { value?: string } }>(
        'Runtime.evaluate',
        { expression: 'JSON.stringify(window.__planlensLongTasks ?? null)', returnByValue: true },
        tab,
      );
      const observed = JSON.parse(result.value ?? 'null') as Array<{ duration: number }> | null;
      // The observer was registered before the page's scripts ran.
      expect(observed).not.toBeNull();
      const longTasks = observed ?? [];
      const worstObserved = Math.round(Math.max(0, ...longTasks.map((t) => t.duration)));
      const page = pageTasks(events, /^chrome-extension:\/\//);
      const line =
        `gdocs ${scenario.name}: long-task observer's worst ${worstObserved} ms (${longTasks.length} over 50 ms); ` +
        `the page's longest task ${page?.wall.toFixed(1)} ms wall, ${page?.cpu.toFixed(1)} ms CPU (${page?.tasks} tasks)`;
      figures.push(line);
      console.log(line);

      // PlanLens did its work in this page: the probe looked, and the reader read the export.
      expect(page?.probeRan).toBe(true);
      expect(page?.readerRan).toBe(true);
    }, 60_000);
  }
});

/** PLANLENS_TRACE_DEBUG=1: what the page's three longest tasks held, and how the export's body arrived. */
function printLongestTasks(events: TraceEvent[], tasks: TraceEvent[], probe: TraceEvent): void {
  const onThread = (e: TraceEvent) => e.pid === probe.pid && e.tid === probe.tid;
  for (const top of [...tasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 3)) {
    const end = top.ts + (top.dur ?? 0);
    const inside = events
      .filter((e) => onThread(e) && e.ph === 'X' && e.ts >= top.ts && e.ts < end && e !== top)
      .sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))
      .slice(0, 8)
      .map((e) => `${e.name} ${ms(e.dur)}/${ms(e.tdur)} ${JSON.stringify(e.args ?? {}).slice(0, 140)}`);
    console.log(
      `task ${ms(top.dur)} ms wall, ${ms(top.tdur)} ms CPU, ${ms(top.ts - probe.ts)} ms after the probe`,
      inside,
    );
  }
  const arrivals = events.filter((e) => onThread(e) && e.name === 'SimpleWatcher::OnHandleReady');
  console.log(
    `body arrivals: ${arrivals.length}, the longest ${ms(Math.max(0, ...arrivals.map((e) => e.tdur ?? 0)))} ms CPU`,
  );
}

const ms = (us: number | undefined): string => ((us ?? 0) / 1000).toFixed(1);
