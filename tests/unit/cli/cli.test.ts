import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../../cli/format';

/**
 * The CLI end to end, as a coordinator runs it: `npx tsx cli/main.ts analyze …` on real files.
 * Each run costs about a second, so these few tests run concurrently and cover what only a real
 * run shows (exit codes, stdout vs stderr, the four file types through one analyzer).
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const PLANS = 'tests/fixtures/cli/plans';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'cli/main.ts', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr: stderr.replace(/^npm warn .*\n/gm, '') }));
  });
}

describe.concurrent('planlens analyze (end to end)', { timeout: 60_000 }, () => {
  it('analyzes a folder of plans in .docx, .html, .md and .txt alike, citing the passage that answers', async () => {
    const run = await cli('analyze', PLANS);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as FileResult[];
    expect(results.map((r) => r.file)).toEqual(
      ['docx', 'html', 'md', 'txt'].map((ext) => `${PLANS}/riverside-literacy-plan.${ext}`),
    );
    for (const result of results) {
      expect(result.title).toMatch(/^Riverside Unified Structured Literacy Implementation Plan$/i);
      expect(result.isPlan).toBe(true);
      expect(result.declaredStage).toBe('installation');
      const question = result.questions.find((q) => q.id === 'coaching.installation.coach-position-description');
      expect(question?.status, result.file).toBe('covered');
      expect(question?.text).toMatch(/coach job description/);
      expect(question?.evidence[0]?.snippet).toContain('instructional coach job description');
      const cell = result.cells['coaching.installation'];
      expect(cell?.evidence.length).toBeGreaterThan(0);
      expect(cell?.evidence.length).toBeLessThanOrEqual(3);
      expect(new Set(cell?.evidence.map((e) => e.blockId)).size).toBe(cell?.evidence.length);
      // The deleted "Exploration" in the Word file's tracked changes is not read as plan text.
      expect(JSON.stringify(result)).not.toContain('Current stage: Exploration');
    }
  });

  it('prints CSV that a spreadsheet opens safely: quoted fields and neutralized formulas', async () => {
    const run = await cli('analyze', 'tests/fixtures/cli/csv/formula-plan.md', '--csv');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]).toBe('file,title,is_plan,plan_score,driver,stage,question_id,question,status,score,evidence');
    const title = '"\'=HYPERLINK(""https://evil.example"",""Plan, with a comma"")"';
    expect(
      lines.slice(1, -1).every((line) => line.startsWith(`tests/fixtures/cli/csv/formula-plan.md,${title},`)),
    ).toBe(true);
    const cited = lines.find((line) => line.includes(',coaching.initial_implementation.feedback-multiple-sources,'));
    expect(cited).toMatch(
      /,"'@Coaches observe each K-2 teacher .* written ""glow and grow"" feedback within one day\."$/,
    );
  });

  it('reports a missing file on stderr and still analyzes the others', async () => {
    const run = await cli('analyze', 'no-such-plan.md', `${PLANS}/riverside-literacy-plan.md`);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('planlens: no-such-plan.md: no such file or folder\n');
    expect((JSON.parse(run.stdout) as FileResult[]).map((r) => r.file)).toEqual([
      `${PLANS}/riverside-literacy-plan.md`,
    ]);
  });

  it('exits 1 with one line per file when no file can be read', async () => {
    const run = await cli('analyze', 'tests/fixtures/cli/bad', 'tests/fixtures/cli/bad/notes.pdf', 'no-such-plan.md');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      'planlens: no-such-plan.md: no such file or folder',
      'planlens: tests/fixtures/cli/bad/damaged.docx: not a .docx file (not a zip archive)',
      expect.stringMatching(/^planlens: tests\/fixtures\/cli\/bad\/notes\.pdf: unsupported file type "\.pdf"/),
    ]);
  });

  it('exits 2 without analyzing when the bank has errors, naming each question and field', async () => {
    const run = await cli('analyze', PLANS, '--bank', 'tests/fixtures/cli/bad-bank.json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^planlens: tests\/fixtures\/cli\/bad-bank\.json: question "coaching\.installation\.coach-position": driver "coachng" is not one of /,
      ),
      'planlens: tests/fixtures/cli/bad-bank.json: question "coaching.initial_implementation.observe-feedback": text must be a non-empty string.',
    ]);
  });

  it('exits 2 with the usage on stderr for a mistyped option', async () => {
    const run = await cli('analyze', PLANS, '--xml');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^planlens: unknown option "--xml"\n\nUsage: planlens analyze /);
  });
});
