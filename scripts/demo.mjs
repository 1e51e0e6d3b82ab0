#!/usr/bin/env node
// `npm start`: build PlanLens, open Chromium with it, show the bundled demo plan at a real
// Google Docs address with the side panel open. Without a display it runs headless, prints the
// demo plan's coverage, writes screenshots to demo-output/ and exits.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, '.output/chrome-mv3');
const outDir = path.join(root, 'demo-output');
const DOC_ID = '1RiverbendLiteracyPlanDemo2026x8Kq3Zt';
const DOC_KEY = `gdocs:${DOC_ID}`;
const DOC_URL = `https://docs.google.com/document/d/${DOC_ID}/edit`;
const headless = process.env.PLANLENS_HEADLESS === '1' || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);

const browserPath = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].find((p) => p && existsSync(p));
if (!browserPath) {
  console.error(
    'PlanLens demo needs Chromium. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).',
  );
  process.exit(1);
}

console.log('Building PlanLens…');
const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const plan = readFileSync(path.join(root, 'demo/plan.html'), 'utf8');
const title = readFileSync(path.join(root, 'demo/plan.title.txt'), 'utf8').trim();
// The real editor paints text on a canvas; for the demo, the page shows the plan itself (our own
// bundled file) where the canvas would be, so people can read what PlanLens is reading.
const planBody = /<body[^>]*>([\s\S]*)<\/body>/i.exec(plan)?.[1] ?? '';
const planStyle = /<style[^>]*>([\s\S]*?)<\/style>/i.exec(plan)?.[1] ?? '';
const editor = readFileSync(path.join(root, 'tests/fixtures/gdocs/editor.html'), 'utf8')
  .replaceAll(
    '{{TITLE}}',
    title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
  )
  .replace(
    '<canvas class="kix-canvas-tile-content" width="624" height="864"></canvas>',
    `<div class="demo-page">${planBody}</div>`,
  )
  .replace('</style>', `${planStyle}\n.demo-page { font-family: Arial, sans-serif; font-size: 11pt; }\n</style>`);

const profile = mkdtempSync(path.join(tmpdir(), 'planlens-demo-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: browserPath,
  headless,
  viewport: headless ? { width: 1280, height: 900 } : null,
  args: [
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    // Chromium refuses to run as root with its sandbox; only then is it turned off.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});
// The demo plan is served at its Google Docs address; nothing else leaves the machine.
await context.route(/^https?:\/\//, (route) => route.abort('internetdisconnected'));
await context.route(`https://docs.google.com/document/d/${DOC_ID}/**`, (route) => {
  const isExport = new URL(route.request().url()).pathname.endsWith('/export');
  return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: isExport ? plan : editor });
});
const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(sw.url()).host;

const doc = context.pages()[0] ?? (await context.newPage());
await doc.goto(DOC_URL);

const panel = await context.newPage();
await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?doc=${encodeURIComponent(DOC_KEY)}`);
const view = await waitForCoverage(panel);

if (headless) {
  mkdirSync(outDir, { recursive: true });
  printSummary(view);
  await panel.setViewportSize({ width: 420, height: 1400 });
  await panel.screenshot({ path: path.join(outDir, 'side-panel.png'), fullPage: false });
  await doc.screenshot({ path: path.join(outDir, 'google-doc.png') });
  console.log(`\nScreenshots written to ${outDir}/ (side-panel.png, google-doc.png)`);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit(0);
}

// With a display: open the real side panel next to the document (the click is the user gesture).
await doc.bringToFront();
await panel.getByRole('button', { name: 'Open in side panel' }).click();
await panel.close();
printSummary(view);
console.log('\nPlanLens is running on the demo plan. Close the browser window to finish.');
await new Promise((resolve) => context.on('close', resolve));
rmSync(profile, { recursive: true, force: true });

async function waitForCoverage(page) {
  for (let i = 0; i < 200; i++) {
    const value = await page.evaluate(async (docKey) => {
      const reply = await chrome.runtime.sendMessage({ type: 'getDocument', docKey });
      return reply?.ok ? reply.value : null;
    }, DOC_KEY);
    if (value?.report) {
      await page.reload();
      return value;
    }
    await page.waitForTimeout(100);
  }
  console.error('The demo plan was not analyzed in time.');
  await context.close();
  process.exit(1);
}

function printSummary(view) {
  const { record, report } = view;
  console.log(`\n${record.title}`);
  console.log(`Plan: ${report.isPlan ? 'yes' : 'no'} (score ${report.planScore})`);
  const stages = ['exploration', 'installation', 'initial_implementation', 'full_implementation'];
  for (const stage of stages) {
    const qs = report.questions.filter((q) => q.stage === stage);
    const count = (s) => qs.filter((q) => q.status === s).length;
    console.log(
      `  ${stage.padEnd(24)} ${String(count('covered')).padStart(3)} covered  ${String(count('partial')).padStart(3)} partial  ${String(count('unanswered')).padStart(3)} unanswered`,
    );
  }
}
