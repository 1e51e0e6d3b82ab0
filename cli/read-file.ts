import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { docxToBlocks } from '../core/extract/docx';
import { htmlTitle, htmlToBlocks } from '../core/extract/html';
import { markdownToBlocks, plainTextToBlocks } from '../core/extract/text';
import type { Block, DocSnapshot } from '../core/model';

/**
 * Files on disk → document snapshots for the analyzer. Everything that can go wrong with one file
 * becomes an Error whose message is a short reason a coordinator can act on; the caller reports
 * it and carries on with the other files.
 */

type Reader = (bytes: Uint8Array) => { title: string; blocks: Block[] };

const READERS: Record<string, Reader> = {
  '.txt': (bytes) => ({ title: '', blocks: plainTextToBlocks(decodeText(bytes)) }),
  '.md': readMarkdown,
  '.markdown': readMarkdown,
  '.html': readHtml,
  '.htm': readHtml,
  '.docx': docxToBlocks,
};

export const SUPPORTED_EXTENSIONS = Object.keys(READERS);
const extensionList = (conjunction: string) =>
  `${SUPPORTED_EXTENSIONS.slice(0, -1).join(', ')} ${conjunction} ${SUPPORTED_EXTENSIONS.at(-1)}`;

export interface InputProblem {
  file: string;
  reason: string;
}

export interface ReadDocument {
  title: string;
  blocks: Block[];
}

/**
 * Turns the command line's files and folders into the list of files to analyze, in order:
 * folders are searched recursively and their plans sorted by path. A file named twice is read once.
 */
export async function expandInputs(inputs: readonly string[]): Promise<{ files: string[]; problems: InputProblem[] }> {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const input of inputs) {
    let isFolder: boolean;
    try {
      isFolder = (await stat(input)).isDirectory();
    } catch (error) {
      problems.push({ file: input, reason: fileErrorReason(error) });
      continue;
    }
    if (!isFolder) {
      add(input);
      continue;
    }
    const known = problems.length;
    const found = await plansInFolder(input, new Set(), problems);
    if (found.length === 0 && problems.length === known)
      problems.push({ file: input, reason: `folder has no ${extensionList('or')} files` });
    for (const file of found) add(file);
  }
  return { files, problems };
}

/** Supported files under a folder, sorted; skips hidden entries and Word's `~$` lock files. */
async function plansInFolder(folder: string, visited: Set<string>, problems: InputProblem[]): Promise<string[]> {
  // A symbolic link back to a parent folder must not send the walk round in circles.
  const real = await realpath(folder);
  if (visited.has(real)) return [];
  visited.add(real);
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    problems.push({ file: folder, reason: fileErrorReason(error) });
    return [];
  }
  const names = entries
    .map((entry) => entry.name)
    .filter((name) => !name.startsWith('.') && !name.startsWith('~$'))
    .sort();
  const files: string[] = [];
  for (const name of names) {
    const full = path.join(folder, name);
    const info = await stat(full).catch(() => null);
    if (info?.isDirectory()) files.push(...(await plansInFolder(full, visited, problems)));
    else if (info?.isFile() && isSupported(full)) files.push(full);
  }
  return files;
}

function isSupported(file: string): boolean {
  return path.extname(file).toLowerCase() in READERS;
}

/** Reads and extracts one file; throws an Error whose message is the reason it cannot be used. */
export async function readDocument(file: string): Promise<ReadDocument> {
  const extension = path.extname(file).toLowerCase();
  const reader = READERS[extension];
  if (!reader) {
    const what = extension ? `"${extension}"` : 'without an extension';
    throw new Error(`unsupported file type ${what} (PlanLens reads ${extensionList('and')} files)`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new Error(fileErrorReason(error));
  }
  if (bytes.length === 0) throw new Error('the file is empty');
  const { title, blocks } = reader(bytes);
  if (blocks.length === 0) throw new Error('no text found in the file');
  return { title: title || firstHeading(blocks) || path.basename(file), blocks };
}

/** The snapshot the analyzer reads; docKey and url use the absolute path so they are stable. */
export function toSnapshot(file: string, doc: ReadDocument): DocSnapshot {
  const absolute = path.resolve(file);
  return {
    docKey: `file:${absolute}`,
    site: 'file',
    url: pathToFileURL(absolute).href,
    title: doc.title,
    blocks: doc.blocks,
  };
}

function firstHeading(blocks: Block[]): string {
  return blocks.find((block) => block.kind === 'heading')?.text ?? '';
}

function readMarkdown(bytes: Uint8Array): { title: string; blocks: Block[] } {
  return { title: '', blocks: markdownToBlocks(decodeText(bytes)) };
}

function readHtml(bytes: Uint8Array): { title: string; blocks: Block[] } {
  const html = decodeText(bytes);
  return { title: htmlTitle(html), blocks: htmlToBlocks(html) };
}

/**
 * UTF-8 unless a byte-order mark says UTF-16 (Windows Notepad's "Unicode"). A NUL byte in UTF-8
 * text means the file is really binary (a PDF or .doc renamed), which would only yield noise.
 */
function decodeText(bytes: Uint8Array): string {
  const [a, b] = bytes;
  if (a === 0xff && b === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (a === 0xfe && b === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes.subarray(0, 8192).includes(0)) throw new Error('not a text file (it contains binary data)');
  return new TextDecoder('utf-8').decode(bytes);
}

/** Node's error codes as the short reasons a user reads. */
export function fileErrorReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
