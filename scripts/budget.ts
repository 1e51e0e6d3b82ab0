/**
 * `npm run budget`: prints what PlanLens costs the pages it runs on. Not a test: it measures
 * and prints, and says which figures are over budget (exit status 1 if any is).
 *
 * 1. Each content script injected at page load, gzipped (budget: under 20 KB).
 * 2. The main-thread time they add on pages that are not plans (budget: under 5 ms): Chromium's
 *    script time for the page's main thread (CDP Performance.getMetrics ScriptDuration, which
 *    counts the content scripts' compile, evaluation and callbacks: observers, timers,
 *    messages) with PlanLens, minus the same page's without it, over the load and the following
 *    seconds in which a page is read.
 *
 * Needs a build (`npm run build`) and Chromium, like the end-to-end tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, launch, newProfileDir, removeProfileDir, type Session, serveGoogleDoc } from '../tests/e2e/harness';
import { fillTemplate, lmsFixture, servePage } from '../tests/e2e/lms';

const SIZE_BUDGET = 20 * 1024;
const TIME_BUDGET_MS = 5;
/** How long after load the trace keeps running (the pages' debounced reads happen in it). */
const SETTLE_MS = 4000;
const RUNS = 7;
const WARMUP = 2;

function sizes(): Array<{ file: string; bytes: number; gzip: number }> {
  const dir = path.join(DIST, 'content-scripts');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const data = readFileSync(path.join(dir, file));
      return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
    });
}

/**
 * Main-thread script time of one page load (CDP Performance.getMetrics ScriptDuration: all
 * JavaScript run on the page's main thread, the content scripts' isolated worlds included),
 * read once the page has been quiet for SETTLE_MS (the debounced reads happen in it).
 */
async function scriptTime(session: Session, url: string): Promise<number> {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.waitForTimeout(SETTLE_MS);
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  await page.close();
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Median script time of RUNS loads (after WARMUP loads, which fill the browser's caches). */
async function measure(session: Session, url: string): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await scriptTime(session, url);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await scriptTime(session, url));
  return times;
}

interface Scenario {
  name: string;
  setup: (session: Session) => Promise<void>;
  url: string;
}

const NON_PLAN_DOC = `<html><body><h1>Staff potluck sign-up</h1><p>Bring a dish to share on Friday. Soups, salads and desserts welcome.</p><ul><li>Ms. Alvarez: tamales</li><li>Mr. Kim: fruit salad</li></ul></body></html>`;

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
  {
    name: 'Canvas, a course page that is not a plan',
    url: 'https://hcusd.instructure.com/courses/4821/pages/aquarium-field-trip',
    setup: async (s) => {
      await servePage(
        s.context,
        'https://hcusd.instructure.com/courses/4821/pages/aquarium-field-trip',
        fillTemplate(lmsFixture('canvas-page.html'), {
          TITLE: 'Aquarium field trip',
          COURSE: 'Biology 9',
          COURSE_ID: '4821',
          SLUG: 'aquarium-field-trip',
          BODY: lmsFixture('canvas-nonplan-body.html'),
        }),
      );
    },
  },
  {
    name: 'Canvas, a job posting (plan words, not a plan)',
    url: 'https://hcusd.instructure.com/courses/4821/pages/job-posting',
    setup: async (s) => {
      await servePage(
        s.context,
        'https://hcusd.instructure.com/courses/4821/pages/job-posting',
        fillTemplate(lmsFixture('canvas-page.html'), {
          TITLE: 'Instructional coach posting',
          COURSE: 'HR',
          COURSE_ID: '4821',
          SLUG: 'job-posting',
          BODY: lmsFixture('job-posting-body.html'),
        }),
      );
    },
  },
  {
    name: 'Canvas, a page that is no document (course home)',
    url: 'https://hcusd.instructure.com/courses/4821',
    setup: async (s) => {
      await servePage(
        s.context,
        'https://hcusd.instructure.com/courses/4821',
        fillTemplate(lmsFixture('canvas-page.html'), {
          TITLE: 'Home',
          COURSE: 'Biology 9',
          COURSE_ID: '4821',
          SLUG: 'home',
          BODY: lmsFixture('canvas-nonplan-body.html'),
        }),
      );
    },
  },
  {
    name: 'Moodle, a page that is not a plan',
    url: 'https://pinecrest.moodlecloud.com/mod/page/view.php?id=590',
    setup: async (s) => {
      await servePage(
        s.context,
        'https://pinecrest.moodlecloud.com/mod/page/view.php?id=590',
        fillTemplate(lmsFixture('moodle-page.html'), {
          TITLE: 'Staff wellness corner',
          COURSE: 'Staff room',
          SHORTNAME: 'STAFF',
          COURSE_ID: '42',
          CONTEXT_ID: '1234',
          CMID: '590',
          BODY: lmsFixture('moodle-nonplan-body.html'),
        }),
      );
    },
  },
  {
    name: 'Schoology, a page that is not a plan',
    url: 'https://pinecrestsd.schoology.com/page/7315502914',
    setup: async (s) => {
      await servePage(
        s.context,
        'https://pinecrestsd.schoology.com/page/7315502914',
        fillTemplate(lmsFixture('schoology-page.html'), {
          TITLE: 'Aquarium field trip',
          COURSE: 'Biology 9',
          COURSE_ID: '6650213801',
          PAGE_ID: '7315502914',
          BODY: lmsFixture('canvas-nonplan-body.html'),
        }),
      );
    },
  },
];

async function main(): Promise<void> {
  let over = 0;
  console.log('Content scripts injected at page load (gzip -9):');
  for (const { file, bytes, gzip } of sizes()) {
    const ok = gzip < SIZE_BUDGET;
    if (!ok) over++;
    console.log(
      `  ${file.padEnd(18)} ${(bytes / 1024).toFixed(1).padStart(6)} KB raw ${(gzip / 1024).toFixed(1).padStart(6)} KB gzip  ${ok ? 'ok' : 'OVER'} (< 20 KB)`,
    );
  }
  // The in-page panel (Preact and the panel UI) is injected only when the user opens it: no budget.
  const overlay = readFileSync(path.join(DIST, 'overlay.js'));
  console.log(
    `  (overlay.js, injected only when the in-page panel is opened: ${(overlay.length / 1024).toFixed(1)} KB raw, ${(gzipSync(overlay, { level: 9 }).length / 1024).toFixed(1)} KB gzip)`,
  );

  console.log(
    `\nMain-thread time added on pages that are not plans (script time with PlanLens minus without, median of ${RUNS} loads):`,
  );
  const withExtension = await launch();
  const without = await launch(newProfileDir(), { withoutExtension: true });
  try {
    for (const scenario of SCENARIOS) {
      await scenario.setup(withExtension);
      await scenario.setup(without);
      const times = await measure(withExtension, scenario.url);
      const base = median(await measure(without, scenario.url));
      const added = Math.max(0, median(times) - base);
      const ok = added < TIME_BUDGET_MS;
      if (!ok) over++;
      console.log(
        `  ${scenario.name.padEnd(52)} ${added.toFixed(2).padStart(6)} ms  (with: ${times.map((t) => t.toFixed(1)).join(', ')}; without: ${base.toFixed(1)})  ${ok ? 'ok' : 'OVER'} (< 5 ms)`,
      );
    }
  } finally {
    for (const session of [withExtension, without]) {
      await session.context.close();
      removeProfileDir(session.userDataDir);
    }
  }
  console.log(over ? `\n${over} figure(s) over budget.` : '\nAll figures within budget.');
  process.exitCode = over ? 1 : 0;
}

await main();
