import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Allowlist,
  BLOCK_TAG,
  CATEGORIES,
  type Category,
  manifestEntries,
  readAllowlist,
  unlistedEntries,
} from '../../../scripts/manifest-allowlist';
import config from '../../../wxt.config';

/**
 * The allowlist of docs/permissions.md and the comparison that `npm test` runs on the built
 * manifests (scripts/check-manifest.ts): it must name every entry of a manifest within the list,
 * fail on anything else, and the document's block must stay readable and explained.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const doc = readFileSync(path.join(ROOT, 'docs/permissions.md'), 'utf8');
const allowlist = readAllowlist(doc);

/** A manifest asking for exactly `entries`, in the shapes browsers read. */
function manifestWith(entries: Partial<Record<Category, string[]>>): Record<string, unknown> {
  const csp = entries.content_security_policy ?? [];
  const external = entries.externally_connectable ?? [];
  return {
    manifest_version: 3,
    name: 'PlanLens',
    version: '0.1.0',
    permissions: entries.permissions ?? [],
    optional_permissions: entries.optional_permissions ?? [],
    host_permissions: entries.host_permissions ?? [],
    optional_host_permissions: entries.optional_host_permissions ?? [],
    content_scripts: (entries.content_script_matches ?? []).map((match) => ({ matches: [match], js: ['x.js'] })),
    ...(entries.web_accessible_resources?.length || entries.web_accessible_matches?.length
      ? {
          web_accessible_resources: [
            { resources: entries.web_accessible_resources ?? [], matches: entries.web_accessible_matches ?? [] },
          ],
        }
      : {}),
    ...(csp.length
      ? { content_security_policy: Object.fromEntries(csp.map((e) => e.split(': ') as [string, string])) }
      : {}),
    ...(external.length
      ? {
          externally_connectable: {
            matches: external.filter((e) => e.startsWith('matches: ')).map((e) => e.slice('matches: '.length)),
          },
        }
      : {}),
  };
}

const everything = (list: Allowlist) =>
  Object.fromEntries(CATEGORIES.map((c) => [c, Object.keys(list[c])])) as Record<Category, string[]>;

/** An entry the allowlist does not have, in each category, as a manifest would write it. */
const INTRUDERS: Record<Category, string> = {
  permissions: 'tabs',
  optional_permissions: 'history',
  host_permissions: '<all_urls>',
  optional_host_permissions: 'http://*/*',
  content_script_matches: 'https://mail.google.com/*',
  web_accessible_resources: 'overlay.js',
  web_accessible_matches: '<all_urls>',
  content_security_policy: "extension_pages: script-src 'self' https://cdn.example.com",
  externally_connectable: 'matches: https://*.example.com/*',
};

describe('manifest allowlist', () => {
  it('docs/permissions.md has one readable allowlist block with a reason for every entry', () => {
    expect(doc).toContain(`\`\`\`${BLOCK_TAG}`);
    // readAllowlist has checked that every entry carries its reason.
    expect(Object.keys(allowlist.permissions)).toContain('scripting');
    // What PlanLens must never ask for stays out of the list.
    expect(Object.keys(allowlist.host_permissions)).not.toContain('<all_urls>');
    expect(Object.keys(allowlist.host_permissions)).not.toContain('https://*/*');
    expect(allowlist.content_security_policy).toEqual({});
    expect(allowlist.externally_connectable).toEqual({});
  });

  it('accepts a manifest that asks for exactly the allowlisted entries', () => {
    const manifest = manifestWith(everything(allowlist));
    expect(manifestEntries(manifest)).toEqual(everything(allowlist));
    expect(unlistedEntries(manifest, allowlist)).toEqual([]);
  });

  it.each(CATEGORIES)('fails on an unlisted %s entry, naming it', (category) => {
    const entries = everything(allowlist);
    const intruder = INTRUDERS[category];
    entries[category] = [...entries[category], intruder];
    // Web-accessible resources need pages to be exposed to, and the other way round.
    if (category === 'web_accessible_resources' && entries.web_accessible_matches.length === 0)
      entries.web_accessible_matches = ['https://docs.google.com/*'];
    const problems = unlistedEntries(manifestWith(entries), {
      ...allowlist,
      web_accessible_matches: { 'https://docs.google.com/*': 'for this test only, a page list' },
    });
    expect(problems).toEqual([
      `${category}: ${JSON.stringify(intruder)} is not in the allowlist of docs/permissions.md`,
    ]);
  });

  it('reads the Manifest V2 shapes too: a CSP string, a list of resources, hosts among permissions', () => {
    const v2 = {
      manifest_version: 2,
      permissions: ['scripting', '<all_urls>'],
      content_security_policy: "script-src 'self'; object-src 'self'",
      web_accessible_resources: ['page.html'],
    };
    expect(unlistedEntries(v2, allowlist)).toEqual([
      'permissions: "<all_urls>" is not in the allowlist of docs/permissions.md',
      'web_accessible_resources: "page.html" is not in the allowlist of docs/permissions.md',
      `content_security_policy: "extension_pages: script-src 'self'; object-src 'self'" is not in the allowlist of docs/permissions.md`,
    ]);
  });

  it('refuses an allowlist block that is missing, doubled, not JSON, incomplete or unexplained', () => {
    const block = (json: string) => `# Permissions\n\n\`\`\`${BLOCK_TAG}\n${json}\n\`\`\`\n`;
    const valid = JSON.parse(doc.split(`\`\`\`${BLOCK_TAG}\n`)[1]?.split('\n```')[0] ?? '') as Record<string, unknown>;
    expect(() => readAllowlist('# Permissions\n\nno block here\n')).toThrow(/found 0/);
    expect(() => readAllowlist(block(JSON.stringify(valid)) + block(JSON.stringify(valid)))).toThrow(/found 2/);
    expect(() => readAllowlist(block('{ "permissions": '))).toThrow(/not valid JSON/);
    const { externally_connectable: _dropped, ...incomplete } = valid;
    expect(() => readAllowlist(block(JSON.stringify(incomplete)))).toThrow(/externally_connectable/);
    expect(() => readAllowlist(block(JSON.stringify({ ...valid, cookies: {} })))).toThrow(
      /unknown allowlist category "cookies"/,
    );
    expect(() => readAllowlist(block(JSON.stringify({ ...valid, permissions: { tabs: '' } })))).toThrow(
      /permissions "tabs" needs its reason/,
    );
    expect(readAllowlist(block(JSON.stringify(valid)))).toEqual(allowlist);
  });

  it('wxt.config.ts asks for nothing outside the allowlist, in Chrome and in Firefox', async () => {
    // The early check (before any build) of what the config itself writes; the built manifests,
    // content scripts included, are checked after the builds by scripts/check-manifest.ts.
    const manifest = config.manifest;
    expect(typeof manifest).toBe('function');
    for (const browser of ['chrome', 'firefox']) {
      const written = await (manifest as (env: Record<string, unknown>) => unknown)({
        browser,
        manifestVersion: 3,
        mode: 'production',
        command: 'build',
      });
      expect(manifestEntries(written).host_permissions, browser).toContain('https://docs.google.com/*');
      expect(unlistedEntries(written, allowlist), browser).toEqual([]);
    }
  });
});
