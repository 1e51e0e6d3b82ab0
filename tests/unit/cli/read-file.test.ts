import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs, readDocument, toSnapshot } from '../../../cli/read-file';
import { FIXTURES } from '../helpers';

let dir = '';
const at = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'planlens-cli-'));
  mkdirSync(at('plans/2026'), { recursive: true });
  mkdirSync(at('plans/.git'));
  mkdirSync(at('empty'));
  writeFileSync(at('plans/b.md'), '# Beta plan\n\nText.');
  writeFileSync(at('plans/a.txt'), 'Alpha has no heading.\n');
  writeFileSync(at('plans/2026/c.HTML'), '<title>Gamma &amp; co</title><h1>Other</h1><p>Text</p>');
  writeFileSync(at('plans/notes.pdf'), '%PDF-1.4');
  writeFileSync(at('plans/.hidden.md'), '# Hidden');
  writeFileSync(at('plans/~$b.docx'), 'Word lock file');
  writeFileSync(at('plans/.git/x.md'), '# Git');
  writeFileSync(at('empty.md'), '');
  writeFileSync(at('binary.txt'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]));
  // Windows Notepad's "Unicode" is UTF-16 with a byte-order mark.
  writeFileSync(
    at('utf16.txt'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('STAGE 2: INSTALLATION\n\nCoaches.', 'utf16le')]),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI file reading', () => {
  it('expands a folder to its plans, recursively and sorted, skipping hidden files, lock files and other types', async () => {
    const { files, problems } = await expandInputs([at('plans'), at('plans/b.md')]);
    expect(files.map((f) => path.relative(dir, f))).toEqual(['plans/2026/c.HTML', 'plans/a.txt', 'plans/b.md']);
    expect(problems).toEqual([]);
  });

  it('reports missing paths and folders without plans, and keeps going', async () => {
    const { files, problems } = await expandInputs([at('nope.md'), at('empty'), at('empty.md')]);
    expect(files).toEqual([at('empty.md')]);
    expect(problems).toEqual([
      { file: at('nope.md'), reason: 'no such file or folder' },
      { file: at('empty'), reason: 'folder has no .txt, .md, .markdown, .html, .htm or .docx files' },
    ]);
  });

  it('titles a document by its HTML title, else its first heading, else its file name', async () => {
    expect((await readDocument(at('plans/2026/c.HTML'))).title).toBe('Gamma & co');
    expect((await readDocument(at('plans/b.md'))).title).toBe('Beta plan');
    expect((await readDocument(at('plans/a.txt'))).title).toBe('a.txt');
    const docx = await readDocument(path.join(FIXTURES, 'cli/plans/riverside-literacy-plan.docx'));
    expect(docx.title).toBe('Riverside Unified Structured Literacy Implementation Plan');
  });

  it('reads UTF-16 text files', async () => {
    const doc = await readDocument(at('utf16.txt'));
    expect(doc.blocks.map((b) => b.text)).toEqual(['STAGE 2: INSTALLATION', 'Coaches.']);
  });

  it.each([
    ['plans/notes.pdf', /unsupported file type "\.pdf" \(PlanLens reads \.txt, .*\.docx files\)/],
    ['empty.md', /the file is empty/],
    ['binary.txt', /not a text file/],
    ['missing.md', /no such file or folder/],
  ])('refuses %s with a reason a user can act on', async (name, reason) => {
    await expect(readDocument(at(name))).rejects.toThrow(reason);
  });

  it('keys a snapshot by absolute path so the same plan is one document however it was named', async () => {
    const doc = await readDocument(at('plans/b.md'));
    const relative = path.relative(process.cwd(), at('plans/b.md'));
    const snapshot = toSnapshot(relative, doc);
    expect(snapshot).toMatchObject({ docKey: `file:${at('plans/b.md')}`, site: 'file', title: 'Beta plan' });
    expect(snapshot.url).toMatch(/^file:\/\/\/.*\/plans\/b\.md$/);
    expect(readFileSync(new URL(snapshot.url), 'utf8')).toContain('Beta plan');
  });
});
