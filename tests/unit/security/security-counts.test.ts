import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarizeCounts } from '../../../scripts/count-summary.mjs';
import { countsFile, recordCount } from '../../security-counts';

/**
 * The suite's figures: tests append count records (tests/security-counts.ts), and `npm test`
 * sums and prints them (scripts/count-summary.mjs). Records here go to a temporary file, so the
 * real figures only hold what the security tests tried.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'planlens-counts-'));
  process.env.PLANLENS_COUNTS_FILE = path.join(dir, 'nested', 'counts.jsonl');
});
afterEach(() => {
  delete process.env.PLANLENS_COUNTS_FILE;
  rmSync(dir, { recursive: true, force: true });
});

const records = () =>
  readFileSync(countsFile(), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('recordCount', () => {
  it('appends one JSON line per call, creating the folder, naming the test it came from', () => {
    recordCount('payloads', 12, 0);
    recordCount('malformed', 5, 1, 'a fake source');
    expect(records()).toEqual([
      {
        kind: 'payloads',
        tried: 12,
        failed: 0,
        source: expect.stringMatching(/^tests\/unit\/security\/security-counts\.test\.ts > recordCount > appends/),
      },
      { kind: 'malformed', tried: 5, failed: 1, source: 'a fake source' },
    ]);
  });

  it('refuses counts that cannot be true', () => {
    expect(() => recordCount('payloads', 1, 2)).toThrow(/0 ≤ failed ≤ tried/);
    expect(() => recordCount('payloads', -1, 0)).toThrow(/whole numbers/);
    expect(() => recordCount('payloads', 1.5, 0)).toThrow(/whole numbers/);
    expect(() => recordCount('nonsense' as 'payloads', 1, 0)).toThrow(/unknown kind/);
  });

  it('keeps every line whole when several processes append at once', async () => {
    const file = countsFile();
    const writer = path.join(dir, 'writer.mts');
    const helper = path.resolve(import.meta.dirname, '../../security-counts.ts');
    writeFileSync(
      writer,
      `import { recordCount } from ${JSON.stringify(helper)};
      for (let i = 0; i < 200; i++) recordCount('failures', 1, 0, 'writer ' + process.argv[2] + ' '.repeat(300));`,
    );
    await Promise.all(
      [1, 2, 3, 4].map(
        (n) =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(process.execPath, ['--import', 'tsx', writer, String(n)], {
              env: { ...process.env, PLANLENS_COUNTS_FILE: file },
              stdio: 'inherit',
            });
            child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${n} exited ${code}`))));
          }),
      ),
    );
    const lines = records();
    expect(lines).toHaveLength(800);
    for (const n of [1, 2, 3, 4])
      expect(lines.filter((r) => String(r.source).startsWith(`writer ${n} `))).toHaveLength(200);
    expect(summarizeCounts(readFileSync(file, 'utf8')).lines[2]).toBe('failure scenarios tried: 800, survived: 800');
  }, 60_000);
});

describe('summarizeCounts', () => {
  it('sums each kind and prints one line per kind, in a fixed order', () => {
    const text = [
      { kind: 'failures', tried: 3, failed: 0 },
      { kind: 'payloads', tried: 40, failed: 0 },
      { kind: 'malformed', tried: 300, failed: 0 },
      { kind: 'payloads', tried: 2, failed: 0 },
    ]
      .map((r) => JSON.stringify({ ...r, source: 'x' }))
      .join('\n');
    expect(summarizeCounts(`${text}\n`)).toEqual({
      lines: [
        'payloads tried: 42, executed: 0',
        'malformed inputs tried: 300, partially applied: 0',
        'failure scenarios tried: 3, survived: 3',
      ],
      failed: false,
    });
  });

  it('fails on a payload executed, an input partially applied or a scenario not survived', () => {
    for (const kind of ['payloads', 'malformed', 'failures'])
      expect(summarizeCounts(JSON.stringify({ kind, tried: 5, failed: 1 })).failed, kind).toBe(true);
    expect(summarizeCounts(JSON.stringify({ kind: 'failures', tried: 5, failed: 2 })).lines[2]).toBe(
      'failure scenarios tried: 5, survived: 3',
    );
  });

  it('says when a kind was not tried at all, and fails on unreadable lines', () => {
    expect(summarizeCounts('')).toEqual({
      lines: [
        'payloads: none tried (no test reported any)',
        'malformed inputs: none tried (no test reported any)',
        'failure scenarios: none tried (no test reported any)',
      ],
      failed: false,
    });
    const bad = summarizeCounts(['{"kind":"payloads","tried":1', '{"kind":"other","tried":1,"failed":0}'].join('\n'));
    expect(bad.failed).toBe(true);
    expect(bad.lines.slice(3)).toEqual([
      'unreadable counts: line 1 is not JSON',
      'unreadable counts: line 2 is not a count record',
    ]);
  });
});
