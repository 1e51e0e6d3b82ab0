/**
 * `npx tsx scripts/check-manifest.ts <build dir or manifest.json>...` — fails when a built
 * manifest asks for anything the allowlist in docs/permissions.md does not name (a step of
 * `npm test`, after the Chrome and Firefox builds). The built manifest is what the browser
 * grants, so it is checked rather than wxt.config.ts: WXT adds the content scripts from the
 * entrypoints and could add resources or a CSP of its own.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readAllowlist, unlistedEntries, unusedEntries } from './manifest-allowlist';

const root = path.resolve(import.meta.dirname, '..');
const targets = process.argv.slice(2);
if (targets.length === 0) {
  console.error('usage: tsx scripts/check-manifest.ts <build dir or manifest.json>...');
  process.exit(2);
}

let failed = false;
const allowlist = readAllowlist(readFileSync(path.join(root, 'docs/permissions.md'), 'utf8'));
const manifests: unknown[] = [];
for (const target of targets) {
  const file = existsSync(target) && statSync(target).isDirectory() ? path.join(target, 'manifest.json') : target;
  if (!existsSync(file)) {
    console.error(`✗ ${file}: no manifest (did the build run?)`);
    failed = true;
    continue;
  }
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  manifests.push(manifest);
  const problems = unlistedEntries(manifest, allowlist);
  if (problems.length) {
    failed = true;
    console.error(`✗ ${path.relative(root, path.resolve(file))}:`);
    for (const problem of problems) console.error(`    ${problem}`);
  } else console.log(`✓ ${path.relative(root, path.resolve(file))}: every entry is in the allowlist`);
}
const unused = unusedEntries(manifests, allowlist);
if (unused.length && !failed) console.log(`  (allowlisted but used by no manifest here: ${unused.join(', ')})`);
if (failed) {
  console.error('Add the entry, with its reason, to docs/permissions.md if PlanLens really needs it.');
  process.exit(1);
}
