import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { googleDocUrl, launch, panelUrl, removeProfileDir, type Session, serveGoogleDoc } from './harness';
import { googleExportOf, LONGTASKS, largeDocId, SCENARIOS, type Scenario } from './large-docs';
import { fillTemplate, lmsFixture, servePage } from './lms';
import type { TraceEvent } from './trace-event';

/**
 * Size and time: a 10 MB document, 20,000 one-line paragraphs, deeply nested tables, and
 * right-to-left (Arabic, Hebrew) and emoji text, served as Google Docs exports and as Canvas
 * pages (generated here, not committed). The side panel shows results (or, for the 10 MB
 * document, whose 7 million characters are beyond what PlanLens reads, a clear "too large"
 * message), and PlanLens never blocks the page's main thread for 50 ms or more at a time.
 *
 * How the main thread is measured and attributed:
 * - In the page (main world, registered before load with addInitScript): a PerformanceObserver
 *   for 'longtask' records every task over 50 ms. That includes the page's own work (parsing and
 *   laying out 10 MB of HTML), so the same page is also loaded in the same browser without
 *   PlanLens (the baseline); both figures are printed. The trace below also gives the page
 *   thread's longest task in wall and CPU time: with PlanLens on a 2-core machine, the page's long
 *   tasks are mostly time in which its thread did not run (one was 120 ms with 13 ms of CPU),
 *   while PlanLens's background analysis and side panel had the cores. A thread that is not
 *   running is not blocked by PlanLens's script, so the bound is asserted on CPU time (below).
 * - Attribution: a Chrome trace of the page's renderer (CDP Tracing, 'toplevel' RunTask events and
 *   the V8 sampling profiler). For each task on the page's main thread, the samples whose stack
 *   holds a frame of chrome-extension://<PlanLens id>/ are PlanLens's time in that task (its
 *   content script's JavaScript and the native work it calls: DOM reads, message serialization).
 *   The assertion: PlanLens's time inside any one task is under 50 ms, counted in CPU time (its
 *   share of the task's samples times the task's thread time): on a shared 2-core machine the OS
 *   can deschedule the renderer mid-task, which stretches wall time without anything running.
 *   Wall times are printed too, and the task's own length (a page task can run PlanLens's
 *   MutationObserver callback at its end).
 * - Playwright enables DevTools' network agent in every page, which copies and decodes each
 *   response body in the page's thread: the 10 MB export's arrival is then a long task of the
 *   page's that a user's browser does not have. large-unwatched.e2e.test.ts measures the Google
 *   Docs cases in a browser without it.
 */

const CANVAS_HOST = 'https://hcusd.instructure.com';
const BOUND_MS = 50;

/** Records a trace of the page while `run` loads and uses it. */
async function traced(context: BrowserContext, page: Page, run: () => Promise<void>): Promise<TraceEvent[]> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    for (const ev of e.value) events.push(ev as unknown as TraceEvent);
  });
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-v8.cpu_profiler',
      ],
    },
  });
  try {
    await run();
  } finally {
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
  }
  return events;
}

/** The task in which PlanLens ran longest (ms): wall time and CPU time, PlanLens's and the whole task's. */
interface Attribution {
  ours: number;
  task: number;
  oursCpu: number;
  taskCpu: number;
  /** The page thread's longest task in the trace, whoever ran in it: wall time and CPU time. */
  longest: number;
  longestCpu: number;
}

/** PlanLens's time per main-thread task, from the trace's sampling profile. */
function attribute(events: TraceEvent[], extensionId: string): Attribution {
  const origin = `chrome-extension://${extensionId}/`;
  // The page's renderer main thread: the one that ran PlanLens's content script.
  const script = events.find((e) => e.name === 'EvaluateScript' && e.args?.data?.url?.startsWith(origin));
  if (!script) return { ours: 0, task: 0, oursCpu: 0, taskCpu: 0, longest: 0, longestCpu: 0 };
  const { pid, tid } = script;
  const tasks = events
    .filter((e) => e.pid === pid && e.tid === tid && e.name === 'RunTask' && e.ph === 'X' && e.dur)
    .sort((a, b) => a.ts - b.ts);
  // Samples: Profile (start) + ProfileChunk (nodes, samples, time deltas), one profile per thread.
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  if (!profile) throw new Error('The trace has no CPU profile for the page thread');
  const parent = new Map<number, number | undefined>();
  const names = new Map<number, string>();
  const ownNode = new Map<number, boolean>();
  let time = profile.args?.data?.startTime ?? 0;
  const samples: Array<{ at: number; node: number }> = [];
  for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.id === profile.id && e.pid === pid)) {
    const data = chunk.args?.data;
    for (const node of data?.cpuProfile?.nodes ?? []) {
      parent.set(node.id, node.parent);
      ownNode.set(node.id, (node.callFrame.url ?? '').startsWith(origin));
      names.set(
        node.id,
        `${(node.callFrame as { functionName?: string }).functionName || '(anon)'}@${(node.callFrame.url ?? '').split('/').pop()}:${(node.callFrame as { lineNumber?: number }).lineNumber}`,
      );
    }
    const ids = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    for (let i = 0; i < ids.length; i++) {
      time += deltas[i] ?? 0;
      samples.push({ at: time, node: ids[i] as number });
    }
  }
  const isOurs = (node: number): boolean => {
    for (let n: number | undefined = node; n !== undefined; n = parent.get(n)) if (ownNode.get(n)) return true;
    return false;
  };
  if (process.env.PLANLENS_TRACE_DEBUG)
    console.log('trace', {
      tasks: tasks.length,
      samples: samples.length,
      ourNodes: [...ownNode.values()].filter(Boolean).length,
      profiles: events.filter((e) => e.name === 'Profile').map((e) => [e.pid, e.tid, e.id]),
      pid,
      tid,
      firstSample: samples[0]?.at,
      firstTask: tasks[0]?.ts,
      urls: [
        ...new Set(
          events
            .filter((e) => e.name === 'ProfileChunk')
            .flatMap((e) => (e.args?.data?.cpuProfile?.nodes ?? []).map((n) => n.callFrame.url)),
        ),
      ].slice(0, 15),
    });
  let worst = { ours: 0, task: 0, oursCpu: 0, taskCpu: 0 };
  let longest = { wall: 0, cpu: 0 };
  let s = 0;
  for (const task of tasks) {
    if ((task.dur as number) > longest.wall) longest = { wall: task.dur as number, cpu: task.tdur ?? 0 };
    const end = task.ts + (task.dur as number);
    while (s < samples.length && (samples[s] as { at: number }).at < task.ts) s++;
    let ours = 0;
    for (let i = s; i < samples.length && (samples[i] as { at: number }).at < end; i++) {
      const sample = samples[i] as { at: number; node: number };
      const next = Math.min(samples[i + 1]?.at ?? end, end);
      if (isOurs(sample.node)) ours += next - sample.at;
    }
    // On a loaded machine the OS can take the CPU away in the middle of a task: the task's thread
    // time (tdur) is what ran. PlanLens's CPU time in it is its share of the samples times that.
    const dur = task.dur as number;
    const cpu = task.tdur ?? dur;
    const oursCpu = (ours / dur) * cpu;
    if (oursCpu > worst.oursCpu) {
      worst = { ours, task: dur, oursCpu, taskCpu: cpu };
      if (process.env.PLANLENS_TRACE_DEBUG) {
        const by = new Map<string, number>();
        for (let i = s; i < samples.length && (samples[i] as { at: number }).at < end; i++) {
          const sample = samples[i] as { at: number; node: number };
          if (!isOurs(sample.node)) continue;
          const stack: string[] = [];
          for (let n: number | undefined = sample.node; n !== undefined; n = parent.get(n))
            stack.push(names.get(n) ?? '?');
          const key = stack.slice(0, 4).join(' < ');
          by.set(key, (by.get(key) ?? 0) + 1);
        }
        console.log('worst so far', ours / 1000, [...by].sort((a, b) => b[1] - a[1]).slice(0, 6));
      }
    }
  }
  return {
    ours: worst.ours / 1000,
    task: worst.task / 1000,
    oursCpu: worst.oursCpu / 1000,
    taskCpu: worst.taskCpu / 1000,
    longest: longest.wall / 1000,
    longestCpu: longest.cpu / 1000,
  };
}

async function worstLongTask(page: Page): Promise<number> {
  const tasks = (await page.evaluate('window.__planlensLongTasks')) as Array<{ duration: number }>;
  return Math.round(Math.max(0, ...tasks.map((t) => t.duration)));
}

type Where = 'gdocs' | 'canvas';

async function serve(
  context: BrowserContext,
  where: Where,
  scenario: Scenario,
): Promise<{ url: string; docKey: string }> {
  const slug = `large-${scenario.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
  if (where === 'gdocs') {
    const id = largeDocId(scenario.name);
    const exportHtml = googleExportOf(scenario.body());
    await serveGoogleDoc(context, { id, title: `Large plan: ${scenario.name}`, exportHtml });
    return { url: googleDocUrl(id), docKey: `gdocs:${id}` };
  }
  const url = `${CANVAS_HOST}/courses/4821/pages/${slug}`;
  await servePage(
    context,
    url,
    fillTemplate(lmsFixture('canvas-page.html'), {
      TITLE: `Large plan: ${scenario.name}`,
      COURSE: 'HCUSD District Implementation Team',
      COURSE_ID: '4821',
      SLUG: slug,
      ASSIGNMENT_ID: '77',
      BODY: scenario.body(),
    }),
  );
  return { url, docKey: `canvas:hcusd.instructure.com:4821:${slug}` };
}

/** What the side panel following the document's tab shows: its title and questions, or a message. */
async function outcome(session: Session, page: Page): Promise<string> {
  const panel = await session.context.newPage();
  await panel.goto(panelUrl(session));
  await page.bringToFront();
  let shown = '';
  await expect
    .poll(
      async () => {
        const questions = await panel.locator('li.question').count();
        const alert = (await panel.locator('[role=alert]').allTextContents()).join(' ');
        shown = questions > 0 ? `results: ${questions} questions` : alert ? `message: ${alert}` : '';
        return shown;
      },
      { timeout: 60_000 },
    )
    .not.toBe('');
  // An LMS page of 20,000 checklist lines may not look like a plan: the user can keep it anyway,
  // and then it must be read and shown like any other.
  if (/does not look like an implementation plan/.test(shown)) {
    await panel.getByRole('button', { name: 'Track anyway' }).click();
    await expect.poll(() => panel.locator('li.question').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    shown = `results after "Track anyway": ${await panel.locator('li.question').count()} questions`;
  }
  await panel.close();
  return shown;
}

const figures: string[] = [];
let session: Session | null = null;
let baseline: Session | null = null;

afterAll(async () => {
  for (const s of [session, baseline]) {
    if (!s) continue;
    await s.context.close().catch(() => undefined);
    removeProfileDir(s.userDataDir);
  }
  console.log(`large documents, worst main-thread tasks:\n${figures.join('\n')}`);
});

describe('large and unusual documents', () => {
  for (const where of ['gdocs', 'canvas'] as const) {
    for (const scenario of SCENARIOS) {
      it(`${where}: ${scenario.name}: results or "too large", and PlanLens never blocks the page ≥ ${BOUND_MS} ms`, async () => {
        if (!session) {
          session = await launch();
          await session.context.addInitScript(LONGTASKS);
        }
        if (!baseline) {
          baseline = await launch(undefined, { withoutExtension: true });
          await baseline.context.addInitScript(LONGTASKS);
        }

        // Without PlanLens: the page's own long tasks.
        const { url } = await serve(baseline.context, where, scenario);
        const plain = await baseline.context.newPage();
        await plain.goto(url);
        await plain.waitForTimeout(1500);
        const withoutWorst = await worstLongTask(plain);
        await plain.close();

        // With PlanLens: read, analyzed, shown (or refused with a message), traced.
        const s = session;
        await serve(s.context, where, scenario);
        const page = await s.context.newPage();
        let shown = '';
        const events = await traced(s.context, page, async () => {
          await page.goto(url);
          shown = await outcome(s, page);
          await page.waitForTimeout(500);
        });
        const withWorst = await worstLongTask(page);
        const ours = attribute(events, s.extensionId);
        await page.close();
        const line =
          `${where} ${scenario.name}: ${shown.slice(0, 60)}; worst long task ${withWorst} ms with PlanLens, ` +
          `${withoutWorst} ms without; PlanLens's worst task: ${ours.oursCpu.toFixed(1)} ms CPU of its own ` +
          `(${ours.ours.toFixed(1)} ms wall; the task ${ours.taskCpu.toFixed(1)} ms CPU, ${ours.task.toFixed(1)} ms wall); ` +
          `the page's longest task ${ours.longest.toFixed(1)} ms wall, ${ours.longestCpu.toFixed(1)} ms CPU`;
        figures.push(line);
        console.log(line);

        if (scenario.tooLarge) expect(shown).toMatch(/too large/i);
        else expect(shown).toMatch(/^results/);
        expect(ours.oursCpu).toBeLessThan(BOUND_MS);
      }, 120_000);
    }
  }
});
