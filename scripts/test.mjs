#!/usr/bin/env node
// `npm test`: static checks, unit tests, a fresh build, end-to-end tests in real Chromium.
// Ends with one plain line "N passed, N failed" counted from the runners' JSON results.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

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
  failed += results.numFailedTests;
  // A file that fails to load counts no tests but is still a failure.
  const brokenFiles = results.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
  failed += brokenFiles.length;
  if (!ok || results.numFailedTests || brokenFiles.length) failures.push(label);
  console.log(`${label}: ${results.numPassedTests} passed, ${results.numFailedTests + brokenFiles.length} failed`);
}

step('check', 'npm', ['run', '--silent', 'check']);
suite('unit');
if (step('build', 'npx', ['wxt', 'build'])) suite('e2e', 'vitest.e2e.config.ts');
else {
  failed++;
  failures.push('e2e (not run: the build failed)');
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
