import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isReaderSite, matchesPattern, readerFor, SITE_SCRIPTS } from '../../../core/sites/readers';

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

  it('names, for every site, a gate and a reader that exist as entrypoints', () => {
    for (const [site, scripts] of Object.entries(SITE_SCRIPTS)) {
      expect(isReaderSite(site)).toBe(true);
      // WXT builds entrypoints/<name>-gate.ts to /<name>-gate.js and <name>.content.ts to /content-scripts/<name>.js.
      const gate = /^\/([a-z]+-gate)\.js$/.exec(scripts.gate)?.[1];
      const reader = /^\/content-scripts\/([a-z]+)\.js$/.exec(scripts.reader)?.[1];
      expect(existsSync(path.join(ROOT, 'entrypoints', `${gate}.ts`))).toBe(true);
      const readerSource = readFileSync(path.join(ROOT, 'entrypoints', `${reader}.content.ts`), 'utf8');
      // Injected on demand only: a reader in the manifest would run on every page again.
      expect(readerSource).toMatch(/registration: 'runtime'/);
    }
    expect(isReaderSite('file')).toBe(false);
    expect(isReaderSite('toString')).toBe(false);
    expect(isReaderSite(undefined)).toBe(false);
  });
});
