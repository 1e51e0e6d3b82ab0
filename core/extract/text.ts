import type { Block } from '../model';
import { decodeEntities, normalizeSpace } from './html';

/**
 * Markdown and plain text → blocks, for plans kept as files (the CLI, dropped files). Like
 * html.ts it is forgiving and line-based rather than a full parser: it recovers the structure
 * the analyzer relies on (headings with levels, list items, table cells with row and column)
 * and keeps everything else as paragraphs. Text stays plain text; markup is removed, never kept.
 */

type BlockExtra = Pick<Block, 'level' | 'table'>;

/** Collects blocks in document order and numbers them `b0`, `b1`, … as html.ts does. */
class BlockSink {
  readonly blocks: Block[] = [];
  private tables = 0;

  emit(kind: Block['kind'], text: string, extra: BlockExtra = {}): void {
    const clean = normalizeSpace(text);
    if (!clean) return;
    const block: Block = { id: `b${this.blocks.length}`, kind, text: clean };
    if (extra.level !== undefined) block.level = extra.level;
    if (extra.table) block.table = extra.table;
    this.blocks.push(block);
  }

  /** Row 0 is the header row, matching what htmlToBlocks produces for `<table>`. */
  emitTable(rows: string[][]): void {
    const index = this.tables++;
    rows.forEach((cells, row) => {
      cells.forEach((cell, col) => {
        this.emit('tableCell', cell, { table: { index, row, col } });
      });
    });
  }
}

function toLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function indentOf(line: string): number {
  return (/^[ \t]*/.exec(line)?.[0] ?? '').replace(/\t/g, '    ').length;
}

// ───────────────────────────────────────── Markdown ─────────────────────────────────────────

const ATX_RE = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_RE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_RE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
const MD_LIST_RE = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(.*)$/;
const TASK_RE = /^\[[ xX]\][ \t]+/;
const QUOTE_RE = /^ {0,3}>[ \t]?/;
const REF_DEF_RE = /^ {0,3}\[[^\]]+\]:[ \t]*\S/;
const DELIMITER_ROW_RE = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

interface OpenText {
  kind: 'paragraph' | 'listItem';
  lines: string[];
  /** List items: the column where the item's text starts, for continuation after a blank. */
  contentIndent: number;
  /** A blank line followed this item; only indented text may still continue it. */
  afterBlank: boolean;
}

/** Reads Markdown (CommonMark + GFM tables, leniently) into document-order blocks. */
export function markdownToBlocks(md: string): Block[] {
  const sink = new BlockSink();
  const lines = stripHtmlComments(dropFrontMatter(toLines(md)));
  let open: OpenText | null = null;

  const flush = (): void => {
    if (open) sink.emit(open.kind, stripInline(open.lines.join(' ')));
    open = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = unquote(lines[i] ?? '');
    if (isBlank(line)) {
      if (open?.kind === 'listItem') open.afterBlank = true;
      else flush();
      continue;
    }
    if (open?.afterBlank) {
      // A blank line inside a list item only continues it when the next text is indented under it.
      if (indentOf(line) >= open.contentIndent && !MD_LIST_RE.test(line)) {
        open.lines.push(line.trim());
        open.afterBlank = false;
        continue;
      }
      flush();
    }

    const fence = FENCE_RE.exec(line);
    if (fence?.[1]) {
      flush();
      const end = findFenceEnd(lines, i + 1, fence[1]);
      // Code is kept as written (no markup stripping): it may hold the plan's own wording.
      sink.emit('paragraph', lines.slice(i + 1, end).join(' '));
      i = end;
      continue;
    }

    const atx = ATX_RE.exec(line);
    if (atx?.[1]) {
      flush();
      sink.emit('heading', stripInline(atx[2] ?? ''), { level: atx[1].length });
      continue;
    }

    const setext = SETEXT_RE.exec(line);
    if (setext?.[1] && open?.kind === 'paragraph') {
      sink.emit('heading', stripInline(open.lines.join(' ')), { level: setext[1].startsWith('=') ? 1 : 2 });
      open = null;
      continue;
    }
    if (THEMATIC_RE.test(line)) {
      flush();
      continue;
    }

    const tableEnd = findMarkdownTableEnd(lines, i, open !== null);
    if (tableEnd > i) {
      flush();
      const rows = lines
        .slice(i, tableEnd)
        .map(unquote)
        .filter((row) => !DELIMITER_ROW_RE.test(row))
        .map((row) => splitPipeRow(row).map(stripInline));
      sink.emitTable(rows);
      i = tableEnd - 1;
      continue;
    }

    const item = MD_LIST_RE.exec(line);
    if (item) {
      flush();
      const text = (item[2] ?? '').replace(TASK_RE, '');
      open = {
        kind: 'listItem',
        lines: [text],
        contentIndent: line.length - (item[2] ?? '').length,
        afterBlank: false,
      };
      continue;
    }
    if (!open && REF_DEF_RE.test(line)) continue;

    if (open) open.lines.push(line.trim());
    else open = { kind: 'paragraph', lines: [line.trim()], contentIndent: 0, afterBlank: false };
  }
  flush();
  return sink.blocks;
}

/** Blockquote markers carry no meaning for the analyzer; the quoted text is read as usual. */
function unquote(line: string): string {
  let out = line;
  while (QUOTE_RE.test(out)) out = out.replace(QUOTE_RE, '');
  return out;
}

/** YAML front matter (`---` … `---` at the very top) is metadata, not plan text. */
function dropFrontMatter(lines: string[]): string[] {
  if (lines[0]?.trim() !== '---') return lines;
  const end = lines.findIndex((line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'));
  return end > 0 ? lines.slice(end + 1) : lines;
}

/**
 * Removes `<!-- … -->` comments (also across lines) outside fenced code. A line that held only a
 * comment becomes blank: as in CommonMark, a comment ends the paragraph before it.
 */
function stripHtmlComments(lines: string[]): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  let inComment = false;
  for (const line of lines) {
    if (!inComment) {
      const marker = FENCE_RE.exec(line)?.[1];
      if (fence) {
        if (marker && isFenceClose(line, fence)) fence = null;
        out.push(line);
        continue;
      }
      if (marker) {
        fence = marker;
        out.push(line);
        continue;
      }
    }
    let rest = line;
    let kept = '';
    while (rest) {
      if (inComment) {
        const end = rest.indexOf('-->');
        if (end < 0) rest = '';
        else {
          rest = rest.slice(end + 3);
          inComment = false;
        }
        continue;
      }
      const start = rest.indexOf('<!--');
      if (start < 0) {
        kept += rest;
        rest = '';
      } else {
        kept += rest.slice(0, start);
        rest = rest.slice(start + 4);
        inComment = true;
      }
    }
    out.push(kept);
  }
  return out;
}

function isFenceClose(line: string, fence: string): boolean {
  const marker = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line)?.[1];
  return !!marker && marker[0] === fence[0] && marker.length >= fence.length;
}

/** Index of the closing fence line, or the end of the document for an unclosed fence. */
function findFenceEnd(lines: string[], from: number, fence: string): number {
  for (let i = from; i < lines.length; i++) if (isFenceClose(lines[i] ?? '', fence)) return i;
  return lines.length;
}

/**
 * Returns the index after the last row of a pipe table starting at `start`, or `start` when
 * there is none. A table is a row followed by a delimiter row (GFM), or — leniently, as people
 * write them — a run of lines that start and end with `|`. A table cannot interrupt a paragraph
 * unless it has its delimiter row.
 */
function findMarkdownTableEnd(lines: string[], start: number, inParagraph: boolean): number {
  const first = unquote(lines[start] ?? '');
  if (!first.includes('|')) return start;
  const next = unquote(lines[start + 1] ?? '');
  const delimited = DELIMITER_ROW_RE.test(next) && next.includes('|') && !DELIMITER_ROW_RE.test(first);
  const framed = /^[ \t]*\|.*\|[ \t]*$/.test(first);
  if (!delimited && (!framed || inParagraph)) return start;
  let end = start + 1;
  while (end < lines.length) {
    const line = unquote(lines[end] ?? '');
    if (isBlank(line) || !line.includes('|')) break;
    end++;
  }
  return end;
}

/** Splits `| a | b |` into cells; `\|` is a literal pipe inside a cell. */
function splitPipeRow(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  const body = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\' && body[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (ch === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

const PROTECT = '\u0000';

/**
 * Strips inline Markdown: emphasis, code spans (their text is kept), links (their text is
 * kept), images (dropped: alt text is not plan text), autolinks, inline HTML tags and escapes.
 * Code spans and escaped characters are set aside first so the emphasis rules cannot eat them.
 */
export function stripInline(text: string): string {
  const kept: string[] = [];
  const protect = (value: string): string => {
    kept.push(value);
    return `${PROTECT}${kept.length - 1}${PROTECT}`;
  };
  let out = text
    .replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_m, _ticks: string, code: string) => protect(code.trim()))
    .replace(/\\([!-/:-@[-`{-~])/g, (_m, ch: string) => protect(ch))
    .replace(/!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<((?:https?|mailto|ftp):[^\s<>]+)>/gi, '$1')
    .replace(/<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g, ' ')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, '$1')
    .replace(/(^|[^\p{L}\p{N}_])_(?=[^\s_])([^_]*?[^\s_])_(?![\p{L}\p{N}_])/gu, '$1$2');
  out = decodeEntities(out);
  return out.replace(new RegExp(`${PROTECT}(\\d+)${PROTECT}`, 'g'), (_m, n: string) => kept[Number(n)] ?? '');
}

// ──────────────────────────────────────── Plain text ────────────────────────────────────────

/** Lines of only rule characters (`-----`, `=====`) frame sections; they read as blank lines. */
const RULE_RE = /^[ \t]*([-=_*~#+])\1{2,}[ \t]*$/;
const BULLET_RE = /^([ \t]*)(?:[-*•◦▪‣–]|o(?=[ \t])|\d{1,3}[.)]|[a-z][.)]|\(\d{1,3}\)|\([a-z]\))[ \t]+(\S.*)$/;
const NUMBERED_RE = /^[ \t]*(?:\d{1,3}[.)]|\d{1,3}(?:\.\d{1,3})+\.?)[ \t]+\S/;
const SECTION_WORD_RE =
  /^(stage|phase|step|part)[ \t]+(?:\d{1,2}|[ivx]{1,5}|one|two|three|four|five|six|seven|eight|nine|ten)\b[ \t]*(?:$|[:.)(–—-])/i;
const ROMAN_RE = /^[IVXL]{1,6}[.)][ \t]+\S/;
const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'into',
  'of',
  'on',
  'or',
  'per',
  'the',
  'to',
  'vs',
  'with',
]);
const MAX_HEADING_WORDS = 10;

type LineKind = 'start' | 'blank' | 'heading' | 'paragraph' | 'listItem' | 'table';

/**
 * Reads plain text into blocks: paragraphs separated by blank lines, headings recognized by
 * how people type them (ALL CAPS, "Stage 2: Installation", "3. Coaching", "Key Dates:"), bullet
 * lines as list items and tab- or pipe-aligned lines as tables.
 */
export function plainTextToBlocks(text: string): Block[] {
  const sink = new BlockSink();
  const lines = toLines(text).map((line) => (RULE_RE.test(line) ? '' : line));
  let open: { kind: 'paragraph' | 'listItem'; lines: string[]; indent: number } | null = null;
  let previous: LineKind = 'start';

  const flush = (): void => {
    if (open) sink.emit(open.kind, open.lines.join(' '));
    open = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isBlank(line)) {
      flush();
      previous = 'blank';
      continue;
    }
    const rows = readTextTable(lines, i);
    if (rows) {
      flush();
      sink.emitTable(rows.cells);
      i = rows.end - 1;
      previous = 'table';
      continue;
    }
    const level = textHeadingLevel(lines, i, previous);
    if (level) {
      flush();
      sink.emit('heading', line.trim().replace(/[ \t]*:$/, ''), { level });
      previous = 'heading';
      continue;
    }
    const bullet = BULLET_RE.exec(line);
    if (bullet) {
      flush();
      open = { kind: 'listItem', lines: [bullet[2] ?? ''], indent: indentOf(line) };
      previous = 'listItem';
      continue;
    }
    const continues =
      open?.kind === 'paragraph' || (open?.kind === 'listItem' && continuesItem(open.lines, open.indent, line));
    if (open && continues) open.lines.push(line.trim());
    else {
      flush();
      open = { kind: 'paragraph', lines: [line.trim()], indent: indentOf(line) };
    }
    previous = open.kind;
  }
  flush();
  return sink.blocks;
}

/**
 * A line continues a list item when it is indented under the bullet, or when the item has not
 * finished its sentence yet (people wrap long bullets without indenting).
 */
function continuesItem(itemLines: string[], bulletIndent: number, line: string): boolean {
  if (indentOf(line) > bulletIndent) return true;
  const last = itemLines[itemLines.length - 1] ?? '';
  return !/[.!?:;]["')\]]?$/.test(last.trim());
}

/**
 * Heading level for line `i`, or 0 when it is not a heading. Levels come from the kind of
 * heading, so that a plan's outline nests the way its author meant: a Title Case or ALL CAPS
 * first line (the document's title), "Part I" and "IV." at the top, then "Stage 2", ALL CAPS
 * section names, "3. Coaching", "Step 1" and "Key Dates:" labels. A heading starts its own run
 * of lines and has something under it.
 */
function textHeadingLevel(lines: string[], i: number, previous: LineKind): number {
  const line = lines[i] ?? '';
  const text = line.trim();
  if (previous === 'paragraph' || previous === 'listItem') return 0;
  // A parenthetical date range ("(January - June 2026)") does not make a heading long.
  const words = text
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .split(/\s+/);
  if (words.length > MAX_HEADING_WORDS || /[.,;]$/.test(text)) return 0;
  if (!lines.slice(i + 1).some((next) => !isBlank(next))) return 0;

  const section = SECTION_WORD_RE.exec(text)?.[1]?.toLowerCase();
  if (section === 'part') return 1;
  if (ROMAN_RE.test(text)) return 1;
  if (section === 'stage' || section === 'phase') return 2;
  if (NUMBERED_RE.test(line)) {
    // "1. Hire coaches" next to "2. Train staff" is a list, not a run of headings.
    const neighbours = [lines[i - 1] ?? '', lines[i + 1] ?? ''];
    if (neighbours.some((n) => NUMBERED_RE.test(n) || (BULLET_RE.test(n) && indentOf(n) <= indentOf(line)))) return 0;
    const depth = (/^\d+((?:\.\d+)*)/.exec(text)?.[1] ?? '').split('.').length - 1;
    return Math.min(4 + depth, 6);
  }
  // The first line of a text file is its title when it is set like one.
  if (previous === 'start' && (isAllCaps(text) || isTitleCase(text))) return 1;
  if (isAllCaps(text)) return 3;
  if (section === 'step') return 5;
  if (text.endsWith(':') && isTitleCase(text.slice(0, -1))) return 6;
  return 0;
}

/** "INSTALLATION (August 2025)" counts: a parenthetical note may be in mixed case. */
function isAllCaps(text: string): boolean {
  const letters = text.replace(/\([^)]*\)/g, '').replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** "Key Dates and Owners" is Title Case; "Plan owner" is not. Small words may stay lowercase. */
function isTitleCase(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return false;
  return words.every((word, k) => {
    const first = word.replace(/^[^\p{L}\p{N}]+/u, '')[0] ?? '';
    if (k > 0 && SMALL_WORDS.has(word.toLowerCase())) return true;
    return /[\p{Lu}\p{N}]/u.test(first);
  });
}

/** Splits a line into cells on tabs or on ` | `; one cell means it is not a table row. */
function textCells(line: string): { sep: 'tab' | 'pipe'; cells: string[] } | null {
  const trimmed = line.trim();
  if (trimmed.includes('\t')) return { sep: 'tab', cells: trimmed.split(/\t+/).map((c) => c.trim()) };
  if (trimmed.includes(' | ') || /^\|.*\|$/.test(trimmed)) {
    const cells = trimmed
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((c) => c.trim());
    return { sep: 'pipe', cells };
  }
  return null;
}

const TABLE_RULE_RE = /^[ \t|+:=-]*[-=][ \t|+:=-]*$/;

/**
 * Reads a table starting at line `start`: at least two consecutive lines split the same way into
 * the same number (≥ 2) of cells. Lines like `---+---` between rows are skipped.
 */
function readTextTable(lines: string[], start: number): { cells: string[][]; end: number } | null {
  const first = textCells(lines[start] ?? '');
  if (!first || first.cells.length < 2) return null;
  const rows = [first.cells];
  let end = start + 1;
  while (end < lines.length) {
    const line = lines[end] ?? '';
    if (TABLE_RULE_RE.test(line) && !isBlank(line)) {
      end++;
      continue;
    }
    const next = textCells(line);
    if (!next || next.sep !== first.sep || next.cells.length !== first.cells.length) break;
    rows.push(next.cells);
    end++;
  }
  if (rows.length < 2) return null;
  // A trailing rule line belongs to the text after the table, not to the table.
  while (end > start && TABLE_RULE_RE.test(lines[end - 1] ?? '')) end--;
  return { cells: rows, end };
}
