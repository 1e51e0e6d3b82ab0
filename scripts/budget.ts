/**
 * `npm run budget`: prints what PlanLens costs the pages it runs on. Not a test: it measures
 * and prints, and says which figures are over budget (exit status 1 if any is).
 *
 * 1. Each script PlanLens runs in a page that may not be a plan, gzipped (budget: under 20 KB):
 *    the known sites' probes, which the background runs in the page's own world when a page has
 *    loaded (core/sites/readers.ts), and the gate registered on granted district sites.
 * 2. The main-thread time PlanLens adds on pages that are not plans (budget: under 5 ms), two ways,
 *    over the load and the following seconds in which a page is read:
 *    - "old": Chromium's ScriptDuration (CDP Performance.getMetrics) with PlanLens minus the same
 *      page's without it. Wall-clock time, so on a busy machine it also counts the time the
 *      thread waited for a core; and it leaves out the isolated world the browser creates for a
 *      content script (its context and extension bindings) before the script runs.
 *    - "precise", the budget figure: a trace of the page (CDP Tracing) summing the page main
 *      thread's CPU time (trace `tdur`, not wall time) spent for PlanLens: creating its isolated
 *      world, if any, and injecting its script (ScriptInjection::InjectJs), evaluating the script
 *      (EvaluateScript of chrome-extension://<id>/*.js: compile, run, the microtasks at its end),
 *      callbacks into it (FunctionCall from those scripts: timers, observers, listeners), and
 *      the tasks that answer what it asked for (responses to requests it sent while it ran,
 *      messages from the extension).
 *    The "floor" is, for comparison, the precise figure of a control extension whose manifest
 *    content script is one statement (`void 0;`) on the same pages: what any content script
 *    costs before it does anything (the isolated world), which the probes do not pay.
 *
 * Needs a build (`npm run build`) and Chromium, like the end-to-end tests.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession } from 'playwright-core';
import { DISTRICT_GATE, type ProbedSite, probeFile, type ReaderSite, SITE_SCRIPTS } from '../core/sites/readers';
import { DIST, launch, newProfileDir, removeProfileDir, type Session, serveGoogleDoc } from '../tests/e2e/harness';
import { fillTemplate, lmsFixture, servePage } from '../tests/e2e/lms';
import type { TraceEvent } from '../tests/e2e/trace-event';

const SIZE_BUDGET = 20 * 1024;
const TIME_BUDGET_MS = 5;
/** How long after load the trace keeps running (the pages' debounced reads happen in it). */
const SETTLE_MS = 4000;
/** Loads measured per page (BUDGET_RUNS for a quick look), after the warm-up loads. */
const RUNS = Number(process.env.BUDGET_RUNS) || 7;
const WARMUP = 2;

interface ScriptSize {
  file: string;
  bytes: number;
  gzip: number;
}

function sizeOf(file: string): ScriptSize {
  const data = readFileSync(path.join(DIST, file));
  return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

/** The scripts run in pages that may not be plans: the known sites' probes and the district sites' gate. */
function pageLoadSizes(): ScriptSize[] {
  const probes = (Object.keys(SITE_SCRIPTS) as ReaderSite[])
    .filter((site): site is ProbedSite => site !== 'custom')
    .map((site) => probeFile(site).slice(1));
  return [...probes, DISTRICT_GATE.slice(1)].sort().map(sizeOf);
}

/** The readers, injected only where a gate found a likely plan. */
function readerSizes(): ScriptSize[] {
  return readdirSync(path.join(DIST, 'content-scripts'))
    .filter((f) => f.endsWith('.js'))
    .map((file) => sizeOf(`content-scripts/${file}`));
}

/** Main-thread CPU time (ms) spent for one extension during one page load, by kind. */
interface Attributed {
  /** Creating the isolated world: its V8 context and the extension bindings. */
  world: number;
  /** Evaluating the content script: compile, run, the microtasks at its end. */
  script: number;
  /** Of which compiling it (v8.compile). */
  compile: number;
  /** Callbacks into the script (timers, observers, event listeners) and the tasks answering it. */
  later: number;
  total: number;
  /** Whether PlanLens's script ran in the page at all (a probe, a gate or a reader). */
  ran: boolean;
}

const TRACE_CATEGORIES = ['devtools.timeline', 'v8', 'extensions', 'toplevel'];

async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (batch) => {
    events.push(...(batch.value as unknown as TraceEvent[]));
  });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: TRACE_CATEGORIES },
  });
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    return events;
  };
}

/**
 * The CPU time the page's main thread spent for the extension `extensionId` (see the top of
 * this file). Events nested in one already counted are not counted again.
 */
function attribute(events: TraceEvent[], extensionId: string): Attributed {
  const prefix = `chrome-extension://${extensionId}/`;
  const ours = (e: TraceEvent): boolean => (e.args?.data?.url ?? '').startsWith(prefix);
  const result: Attributed = { world: 0, script: 0, compile: 0, later: 0, total: 0, ran: false };
  const evaluations = events.filter((e) => e.ph === 'X' && e.name === 'EvaluateScript' && ours(e));
  const first = evaluations[0];
  if (!first) return result;
  result.ran = true;
  const thread = events
    .filter((e) => e.pid === first.pid && e.tid === first.tid && e.ph !== 'M')
    .sort((x, y) => x.ts - y.ts || (y.dur ?? 0) - (x.dur ?? 0));
  const end = (e: TraceEvent): number => e.ts + (e.dur ?? 0);
  const within = (inner: TraceEvent, outer: TraceEvent): boolean => outer.ts <= inner.ts && end(inner) <= end(outer);
  const counted: TraceEvent[] = [];
  const count = (e: TraceEvent, kind: 'world' | 'script' | 'later'): void => {
    if (counted.some((c) => within(e, c) || within(c, e))) return;
    counted.push(e);
    const ms = (e.tdur ?? e.dur ?? 0) / 1000;
    result[kind] += ms;
    result.total += ms;
  };
  for (const e of thread) {
    if (e.name === 'ScriptInjection::InjectJs' && e.args?.chrome_extension_id?.extension_id === extensionId)
      count(e, 'world');
  }
  for (const e of evaluations) count(e, 'script');
  for (const e of thread) {
    if (e.name === 'v8.compile' && ours(e)) result.compile += (e.tdur ?? 0) / 1000;
    if (e.name === 'FunctionCall' && ours(e)) count(e, 'later');
  }
  // Requests the content script sent while its code ran (the Google Docs export), then the tasks
  // that handle their responses and the extension's messages (replies to runtime.sendMessage).
  const requests = new Set<string>();
  for (const e of thread) {
    const id = e.args?.data?.requestId;
    if (e.name === 'ResourceSendRequest' && id && counted.some((c) => c.ts <= e.ts && e.ts <= end(c))) requests.add(id);
  }
  const tasks = thread.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  let cursor = 0;
  for (const task of tasks) {
    while (cursor < thread.length && (thread[cursor]?.ts ?? 0) < task.ts) cursor++;
    let answers = false;
    for (let i = cursor; i < thread.length; i++) {
      const e = thread[i] as TraceEvent;
      if (e.ts > end(task)) break;
      const id = e.args?.data?.requestId;
      const tag = e.args?.chrome_mojo_event_info?.mojo_interface_tag ?? '';
      if ((e.name.startsWith('Resource') && id && requests.has(id)) || tag.startsWith('extensions.mojom')) {
        answers = true;
        break;
      }
    }
    if (answers) count(task, 'later');
  }
  return result;
}

interface Load {
  /** ScriptDuration of the page (ms, wall clock). */
  scriptDuration: number;
  /** The precise figure (zero for a browser without the extension). */
  attributed: Attributed;
}

/**
 * One page load, traced, read once the page has been quiet for `settleMs` (the debounced reads
 * happen in it). The extension whose time is attributed is `extensionId` ('' for none).
 */
async function load(session: Session, url: string, extensionId: string, settleMs: number): Promise<Load> {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const stop = await startTrace(cdp);
  await page.goto(url);
  await page.waitForTimeout(settleMs);
  const events = await stop();
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  await page.close();
  return {
    scriptDuration: (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000,
    attributed: extensionId
      ? attribute(events, extensionId)
      : { world: 0, script: 0, compile: 0, later: 0, total: 0, ran: false },
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** RUNS loads after WARMUP loads (which fill the browser's caches; content scripts get no code cache). */
async function measure(session: Session, url: string, extensionId: string, settleMs = SETTLE_MS): Promise<Load[]> {
  for (let i = 0; i < WARMUP; i++) await load(session, url, extensionId, settleMs);
  const loads: Load[] = [];
  for (let i = 0; i < RUNS; i++) loads.push(await load(session, url, extensionId, settleMs));
  return loads;
}

/**
 * The control extension: one content script of one statement on the pages PlanLens probes, so
 * its figure is the floor any content script pays.
 */
function writeControlExtension(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'planlens-control-'));
  const scripts = Object.values(SITE_SCRIPTS)
    .filter(({ matches }) => matches.length > 0)
    .map(({ matches }) => ({ matches, run_at: 'document_idle', js: ['empty.js'] }));
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'Control', version: '1.0', content_scripts: scripts }),
  );
  writeFileSync(path.join(dir, 'empty.js'), 'void 0;\n');
  return dir;
}

/** The control extension's id, read from its script's address in a trace of a page it runs on. */
async function controlExtensionId(session: Session, url: string): Promise<string> {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  const stop = await startTrace(cdp);
  await page.goto(url);
  await page.waitForTimeout(1000);
  const events = await stop();
  await page.close();
  const script = events.find((e) => e.name === 'EvaluateScript' && /\/empty\.js$/.test(e.args?.data?.url ?? ''));
  return script ? new URL(script.args?.data?.url ?? '').host : '';
}

interface Scenario {
  name: string;
  setup: (session: Session) => Promise<void>;
  url: string;
}

const NON_PLAN_DOC = `<html><body><h1>Staff potluck sign-up</h1><p>Bring a dish to share on Friday. Soups, salads and desserts welcome.</p><ul><li>Ms. Alvarez: tamales</li><li>Mr. Kim: fruit salad</li></ul></body></html>`;

/** An LMS page served at `url` from one of the saved templates, with its fields filled in. */
function lmsPage(name: string, url: string, template: string, fields: Record<string, string>): Scenario {
  const setup = async (s: Session): Promise<void> => {
    await servePage(s.context, url, fillTemplate(lmsFixture(template), fields));
  };
  return { name, url, setup };
}

const CANVAS = 'https://hcusd.instructure.com/courses/4821';
const canvasFields = (title: string, course: string, slug: string, body: string) => ({
  TITLE: title,
  COURSE: course,
  COURSE_ID: '4821',
  SLUG: slug,
  BODY: lmsFixture(body),
});

const SCENARIOS: Scenario[] = [
  {
    name: 'Google Docs, a document that is not a plan',
    url: 'https://docs.google.com/document/d/1PotluckSignupNotAPlan2026abcdefg/edit',
    setup: (s) =>
      serveGoogleDoc(s.context, {
        id: '1PotluckSignupNotAPlan2026abcdefg',
        title: 'Potluck',
        exportHtml: NON_PLAN_DOC,
      }),
  },
  lmsPage(
    'Canvas, a course page that is not a plan',
    `${CANVAS}/pages/aquarium-field-trip`,
    'canvas-page.html',
    canvasFields('Aquarium field trip', 'Biology 9', 'aquarium-field-trip', 'canvas-nonplan-body.html'),
  ),
  lmsPage(
    'Canvas, a job posting (plan words, not a plan)',
    `${CANVAS}/pages/job-posting`,
    'canvas-page.html',
    canvasFields('Instructional coach posting', 'HR', 'job-posting', 'job-posting-body.html'),
  ),
  lmsPage(
    'Canvas, a page that is no document (course home)',
    CANVAS,
    'canvas-page.html',
    canvasFields('Home', 'Biology 9', 'home', 'canvas-nonplan-body.html'),
  ),
  lmsPage(
    'Moodle, a page that is not a plan',
    'https://pinecrest.moodlecloud.com/mod/page/view.php?id=590',
    'moodle-page.html',
    {
      TITLE: 'Staff wellness corner',
      COURSE: 'Staff room',
      SHORTNAME: 'STAFF',
      COURSE_ID: '42',
      CONTEXT_ID: '1234',
      CMID: '590',
      BODY: lmsFixture('moodle-nonplan-body.html'),
    },
  ),
  lmsPage(
    'Schoology, a page that is not a plan',
    'https://pinecrestsd.schoology.com/page/7315502914',
    'schoology-page.html',
    {
      TITLE: 'Aquarium field trip',
      COURSE: 'Biology 9',
      COURSE_ID: '6650213801',
      PAGE_ID: '7315502914',
      BODY: lmsFixture('canvas-nonplan-body.html'),
    },
  ),
];

/**
 * Every scenario's loads in one browser, which is closed afterwards. `extensionIdOf` names the
 * extension whose time is attributed ('' for none), found once the first scenario is served.
 */
async function measureAll(
  session: Session,
  extensionIdOf: (session: Session, url: string) => string | Promise<string>,
  settleMs = SETTLE_MS,
): Promise<Load[][]> {
  const all: Load[][] = [];
  try {
    let extensionId = '';
    for (const scenario of SCENARIOS) {
      await scenario.setup(session);
      extensionId ||= await extensionIdOf(session, scenario.url);
      all.push(await measure(session, scenario.url, extensionId, settleMs));
    }
  } finally {
    await session.context.close();
    removeProfileDir(session.userDataDir);
  }
  return all;
}

const ms = (value: number): string => value.toFixed(2).padStart(6);

async function main(): Promise<void> {
  let over = 0;
  console.log('Scripts run in pages that may not be plans: the probes and the district gate (gzip -9):');
  for (const { file, bytes, gzip } of pageLoadSizes()) {
    const ok = gzip < SIZE_BUDGET;
    if (!ok) over++;
    console.log(
      `  ${file.padEnd(22)} ${(bytes / 1024).toFixed(1).padStart(6)} KB raw ${(gzip / 1024).toFixed(1).padStart(6)} KB gzip  ${ok ? 'ok' : 'OVER'} (< 20 KB)`,
    );
  }
  console.log('Readers, injected only where a probe or gate found a likely plan:');
  for (const { file, bytes, gzip } of readerSizes()) {
    console.log(
      `  ${file.padEnd(32)} ${(bytes / 1024).toFixed(1).padStart(6)} KB raw ${(gzip / 1024).toFixed(1).padStart(6)} KB gzip`,
    );
  }
  // The in-page panel (Preact and the panel UI) is injected only when the user opens it: no budget.
  const overlay = readFileSync(path.join(DIST, 'overlay.js'));
  console.log(
    `  (overlay.js, injected only when the in-page panel is opened: ${(overlay.length / 1024).toFixed(1)} KB raw, ${(gzipSync(overlay, { level: 9 }).length / 1024).toFixed(1)} KB gzip)`,
  );

  const load1 = loadavg()[0] ?? 0;
  console.log(
    `\nMain-thread time added on pages that are not plans (median of ${RUNS} loads after ${WARMUP}; load average ${load1.toFixed(1)} on this machine's cores):`,
  );
  console.log(
    '  old     = ScriptDuration with PlanLens minus without (wall clock; no isolated world)\n' +
      '  precise = main-thread CPU time for PlanLens from a trace: world (isolated world and bindings)\n' +
      '            + script (compile and run) + later (callbacks, answers to its requests)\n' +
      '  floor   = for comparison: the precise figure of a one-statement content script on the same page\n' +
      '            (its isolated world), which PlanLens no longer runs at page load',
  );
  // One browser at a time, so the one measured never shares this machine's cores with the others.
  const controlDir = writeControlExtension();
  let withLoads: Load[][];
  let withoutLoads: Load[][];
  let controlLoads: Load[][];
  try {
    withLoads = await measureAll(await launch(), (session) => session.extensionId);
    withoutLoads = await measureAll(await launch(newProfileDir(), { withoutExtension: true }), () => '');
    // The control's script does nothing after it ran: a shorter wait is enough.
    controlLoads = await measureAll(
      await launch(newProfileDir(), { extensionDir: controlDir }),
      controlExtensionId,
      1000,
    );
  } finally {
    rmSync(controlDir, { recursive: true, force: true });
  }
  SCENARIOS.forEach((scenario, i) => {
    const withScenario = withLoads[i] ?? [];
    const old = Math.max(
      0,
      median(withScenario.map((l) => l.scriptDuration)) - median((withoutLoads[i] ?? []).map((l) => l.scriptDuration)),
    );
    const pick = (loads: Load[], key: Exclude<keyof Attributed, 'ran'>): number =>
      median(loads.map((l) => l.attributed[key]));
    const precise = pick(withScenario, 'total');
    const floor = pick(controlLoads[i] ?? [], 'total');
    const ok = precise < TIME_BUDGET_MS;
    if (!ok) over++;
    console.log(`  ${scenario.name}`);
    console.log(
      `    old ${ms(old)} ms   precise ${ms(precise)} ms ${ok ? 'ok' : 'OVER'} (< 5 ms)   floor ${ms(floor)} ms   precise above floor ${ms(Math.max(0, precise - floor))} ms`,
    );
    console.log(
      `    precise by part: world ${ms(pick(withScenario, 'world'))}  script ${ms(pick(withScenario, 'script'))} (compile ${pick(withScenario, 'compile').toFixed(2)})  later ${ms(pick(withScenario, 'later'))}`,
    );
    console.log(
      `    PlanLens ran in the page in ${withScenario.filter((l) => l.attributed.ran).length} of ${withScenario.length} loads`,
    );
    console.log(
      `    loads: precise ${withScenario.map((l) => l.attributed.total.toFixed(1)).join(', ')}; old with ${withScenario.map((l) => l.scriptDuration.toFixed(1)).join(', ')}; without ${median((withoutLoads[i] ?? []).map((l) => l.scriptDuration)).toFixed(1)}`,
    );
  });
  console.log(over ? `\n${over} figure(s) over budget.` : '\nAll figures within budget.');
  process.exitCode = over ? 1 : 0;
}

await main();
