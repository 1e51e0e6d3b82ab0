import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  asProbeAnswer,
  DISTRICT_GATE,
  isReaderSite,
  MAX_HANDED_EXPORT_CHARS,
  matchesPattern,
  type ProbedSite,
  probedSiteAt,
  probeFile,
  readerFor,
  SITE_SCRIPTS,
} from '../../../core/sites/readers';
import { withoutGlobalName } from '../../../scripts/probe-build';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('match patterns (as the manifest states them)', () => {
  const table: Array<[string, string, boolean]> = [
    ['https://*.instructure.com/courses/*/pages/*', 'https://hcusd.instructure.com/courses/4821/pages/plan', true],
    ['https://*.instructure.com/courses/*/pages/*', 'https://instructure.com/courses/1/pages/x', true],
    ['https://*.instructure.com/courses/*/pages/*', 'https://hcusd.instructure.com/courses/4821', false],
    ['https://*.instructure.com/courses/*/pages/*', 'http://hcusd.instructure.com/courses/1/pages/x', false],
    ['https://*.instructure.com/courses/*/pages/*', 'https://evil-instructure.com/courses/1/pages/x', false],
    ['https://*.instructure.com/courses/*/pages/*', 'https://instructure.com.evil.org/courses/1/pages/x', false],
    ['https://*.moodlecloud.com/mod/page/view.php*', 'https://a.moodlecloud.com/mod/page/view.php?id=5', true],
    ['https://*.moodlecloud.com/mod/page/view.php*', 'https://a.moodlecloud.com/mod/page/edit.php?id=5', false],
    ['https://docs.google.com/document/*', 'https://docs.google.com/document/d/abc/edit#heading=h.1', true],
    ['https://docs.google.com/document/*', 'https://docs.google.com/spreadsheets/d/abc/edit', false],
    ['https://classroom.google.com/*', 'https://classroom.google.com/', true],
    ['not a pattern', 'https://classroom.google.com/', false],
    ['https://classroom.google.com/*', 'not a url', false],
  ];
  it.each(table)('%s against %s: %s', (pattern, url, expected) => {
    expect(matchesPattern(pattern, url)).toBe(expected);
  });
});

describe('which site’s probe runs at an address', () => {
  const table: Array<[string, ProbedSite | null]> = [
    ['https://docs.google.com/document/d/abc/edit', 'gdocs'],
    ['https://docs.google.com/spreadsheets/d/abc/edit', null],
    ['https://hcusd.instructure.com/courses/4821/pages/plan', 'canvas'],
    ['https://hcusd.instructure.com/courses/4821/assignments/7/edit', 'canvas'],
    ['https://hcusd.instructure.com/courses/4821', null],
    ['https://pinecrestsd.schoology.com/page/7315502914', 'schoology'],
    ['https://district.brightspace.com/d2l/le/content/6606/viewContent/12/View', 'brightspace'],
    ['https://pinecrest.moodlecloud.com/mod/page/view.php?id=590', 'moodle'],
    ['https://pinecrest.moodlecloud.com/course/view.php?id=42', null],
    ['https://classroom.google.com/c/MTIz', 'classroom'],
    ['https://intranet.district.org/plans/reading', null],
    ['http://docs.google.com/document/d/abc/edit', null],
  ];
  it.each(table)('%s: %s', (url, site) => {
    expect(probedSiteAt(url)).toBe(site);
  });
});

describe('what a probe may answer', () => {
  it('takes the three verdicts and a short fingerprint, and nothing else', () => {
    expect(asProbeAnswer({ verdict: 'read' })).toEqual({ verdict: 'read' });
    expect(asProbeAnswer({ verdict: 'skip', fingerprint: '12:abc', extra: '<img>' })).toEqual({
      verdict: 'skip',
      fingerprint: '12:abc',
    });
    for (const bad of [null, 'read', 1, {}, { verdict: 'READ' }, { verdict: 'none', fingerprint: {} }])
      expect(asProbeAnswer(bad)).toBeNull();
  });

  it('takes a Google Docs export answer only with "read", whole and well formed', () => {
    const exported = { status: 200, redirected: false, retryAfter: null, html: '<p>plan</p>' };
    expect(asProbeAnswer({ verdict: 'read', export: exported })).toEqual({ verdict: 'read', export: exported });
    expect(
      asProbeAnswer({ verdict: 'read', export: { ...exported, status: 429, retryAfter: '7', html: null } }),
    ).toMatchObject({ export: { status: 429, retryAfter: '7' } });
    for (const bad of [
      { verdict: 'skip', export: exported },
      { verdict: 'read', export: { ...exported, status: '200' } },
      { verdict: 'read', export: { ...exported, status: 20.5 } },
      { verdict: 'read', export: { ...exported, redirected: 'no' } },
      { verdict: 'read', export: { ...exported, retryAfter: 7 } },
      { verdict: 'read', export: { ...exported, html: { toString: () => 'x' } } },
      { verdict: 'read', export: { ...exported, html: 'x'.repeat(MAX_HANDED_EXPORT_CHARS + 1) } },
      { verdict: 'read', export: null },
    ])
      expect(asProbeAnswer(bad)).toBeNull();
  });
});

describe('which reader a gate may start', () => {
  it('starts the site’s reader only on pages its gate runs on', () => {
    expect(readerFor('canvas', 'https://hcusd.instructure.com/courses/1/pages/plan')).toBe(
      '/content-scripts/canvas.js',
    );
    expect(readerFor('canvas', 'https://hcusd.instructure.com/courses/1/grades')).toBeNull();
    // A gate naming another site's reader gets nothing.
    expect(readerFor('gdocs', 'https://hcusd.instructure.com/courses/1/pages/plan')).toBeNull();
    expect(readerFor('schoology', undefined)).toBeNull();
  });

  it('starts the district reader on any https page (the browser refuses where nothing was granted)', () => {
    expect(readerFor('custom', 'https://intranet.district.org/plans/reading')).toBe('/content-scripts/custom.js');
    expect(readerFor('custom', 'http://intranet.district.org/plans/reading')).toBeNull();
  });

  it('names, for every site, a probe (or the district gate) and a reader that exist as entrypoints', () => {
    for (const [site, scripts] of Object.entries(SITE_SCRIPTS)) {
      expect(isReaderSite(site)).toBe(true);
      // WXT builds entrypoints/<name>.ts (unlisted) to /<name>.js and <name>.content.ts to /content-scripts/<name>.js.
      const first = site === 'custom' ? DISTRICT_GATE : probeFile(site as ProbedSite);
      const unlisted = /^\/([a-z]+-(?:probe|gate))\.js$/.exec(first)?.[1];
      const reader = /^\/content-scripts\/([a-z]+)\.js$/.exec(scripts.reader)?.[1];
      expect(existsSync(path.join(ROOT, 'entrypoints', `${unlisted}.ts`))).toBe(true);
      const readerSource = readFileSync(path.join(ROOT, 'entrypoints', `${reader}.content.ts`), 'utf8');
      // Injected on demand only: a reader in the manifest would run on every page again.
      expect(readerSource).toMatch(/registration: 'runtime'/);
    }
    expect(isReaderSite('file')).toBe(false);
    expect(isReaderSite('toString')).toBe(false);
    expect(isReaderSite(undefined)).toBe(false);
  });
});

describe('a probe as built (scripts/probe-build.ts)', () => {
  it('keeps the script’s value and drops the global WXT names it by', () => {
    const built = 'var canvasProbe=(function(){"use strict";return {verdict:"skip"}})();\ncanvasProbe;\n';
    const unwrapped = withoutGlobalName(built, 'canvas-probe.js');
    expect(unwrapped).toBe('(function(){"use strict";return {verdict:"skip"}})();\n');
    const scope: Record<string, unknown> = {};
    // Evaluated as the browser does: the last expression is the value; nothing is declared.
    expect(new Function('scope', `with (scope) { return eval(${JSON.stringify(unwrapped)}); }`)(scope)).toEqual({
      verdict: 'skip',
    });
    expect(Object.keys(scope)).toEqual([]);
  });

  it('fails the build when WXT’s shape changes, rather than leak a global', () => {
    expect(() => withoutGlobalName('(function(){})();', 'x-probe.js')).toThrow(/shape/);
    expect(() => withoutGlobalName('var a=(function(){})();\nb;', 'x-probe.js')).toThrow(/shape/);
  });
});
