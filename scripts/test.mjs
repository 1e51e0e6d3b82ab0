#!/usr/bin/env node
// `npm test`: static checks, unit tests, a fresh build, the Firefox build through Mozilla's
// addons-linter, the manifest allowlist, end-to-end tests in real Chromium; then the security
// suite's figures. Ends with one plain line "N passed, N failed" counted from the runners' JSON
// results (a step that is not a test runner counts as one check).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { summarizeCounts } from './count-summary.mjs';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

/** A step that is not a test runner (typecheck, lint, build) counts as one check. */
function step(label, command, args) {
  const ok = run(label, command, args);
  if (ok) passed++;
  else {
    failed++;
    failures.push(label);
  }
  return ok;
}

function suite(label, config) {
  const json = path.join(out, `${label}.json`);
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`];
  if (config) args.push('--config', config);
  const ok = run(label, 'npx', args);
  if (!existsSync(json)) {
    failed++;
    failures.push(`${label} (the runner produced no results)`);
    return;
  }
  const results = JSON.parse(readFileSync(json, 'utf8'));
  passed += results.numPassedTests;
  // A file that failed with no failed test (it did not load, or a hook such as afterAll threw)
  // is still a failure, counted once.
  const brokenFiles = results.testResults.filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
  );
  let suiteFailed = results.numFailedTests + brokenFiles.length;
  // The runner failed for a reason no test or file shows: that is a failure too.
  if (!ok && suiteFailed === 0) suiteFailed = 1;
  failed += suiteFailed;
  if (suiteFailed) failures.push(label);
  console.log(`${label}: ${results.numPassedTests} passed, ${suiteFailed} failed`);
}

/** A check that could not run because what it checks was not built counts as failed. */
function notRun(label, why) {
  failed++;
  failures.push(`${label} (not run: ${why})`);
}

step('check', 'npm', ['run', '--silent', 'check']);
suite('unit');
const built = step('build', 'npx', ['wxt', 'build']);
// Builds .output/firefox-mv3 (beside the Chrome build, which it leaves alone) and lints it.
step('lint:firefox', 'npm', ['run', '--silent', 'lint:firefox']);
// The built manifests, not wxt.config.ts: WXT adds the content scripts (docs/permissions.md).
// A build starts by deleting its output folder, so a failed Firefox build leaves no manifest.
if (built && existsSync(path.join(root, '.output/firefox-mv3/manifest.json')))
  step('manifest allowlist', 'npx', ['tsx', 'scripts/check-manifest.ts', '.output/chrome-mv3', '.output/firefox-mv3']);
else notRun('manifest allowlist', 'a build failed');
if (built) suite('e2e', 'vitest.e2e.config.ts');
else notRun('e2e', 'the build failed');

// The security and reliability figures the tests recorded (tests/security-counts.ts).
const countsFile = path.join(out, 'security-counts.jsonl');
const figures = summarizeCounts(existsSync(countsFile) ? readFileSync(countsFile, 'utf8') : '');
console.log('\nSecurity and reliability figures:');
for (const line of figures.lines) console.log(`  ${line}`);
if (figures.failed) {
  failed++;
  failures.push('security figures');
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
