import type { Block } from '../model';
import { BLOCK_TAGS } from './block-tags';

/**
 * HTML → blocks, without a DOM. Runs unchanged in the content script, the background and the
 * Node CLI. It is a forgiving tokenizer, not a full HTML parser: enough for Google Docs exports,
 * LMS page bodies and hand-written HTML plans. Script, style and template contents are dropped;
 * text is decoded and kept as plain strings (never re-rendered as HTML).
 */

/** Tags whose boundaries end the current text run even though they are not blocks themselves. */
const BREAK_TAGS = new Set([
  'div',
  'section',
  'article',
  'br',
  'tr',
  'table',
  'ul',
  'ol',
  'hr',
  'header',
  'footer',
  'main',
  'body',
]);
const SKIP_TAGS = new Set(['script', 'style', 'template', 'noscript', 'head', 'svg', 'math', 'iframe', 'object']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  eacute: 'é',
  aacute: 'á',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  ntilde: 'ñ',
  uuml: 'ü',
  rarr: '→',
  larr: '←',
  ge: '≥',
  le: '≤',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

interface OpenBlock {
  kind: Block['kind'];
  level?: number;
  anchor?: string;
  table?: Block['table'];
  text: string;
}

interface TableState {
  index: number;
  row: number;
  col: number;
}

const TAG_RE =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[^>]*>|<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ID_RE = /\bid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

/** Pulls the text of `<title>` out of an HTML document, or '' when there is none. */
export function htmlTitle(html: string): string {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  return match?.[1] ? normalizeSpace(decodeEntities(match[1])) : '';
}

/** Reads HTML into document-order blocks; ids are `b<n>` in order of appearance. */
export function htmlToBlocks(html: string): Block[] {
  const steps = htmlToBlockSteps(html);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Tags read between two pauses of htmlToBlockSteps. */
const TAGS_PER_STEP = 2048;

/**
 * The same reading, in steps: the generator pauses (yields) every few thousand tags and returns
 * the blocks. A content script drives it in time slices so a 10 MB export never blocks the page
 * (see content/slices.ts); everything else reads in one go with htmlToBlocks.
 */
export function* htmlToBlockSteps(html: string): Generator<void, Block[], void> {
  const blocks: Block[] = [];
  const stack: OpenBlock[] = [];
  const tables: TableState[] = [];
  let tableCount = 0;
  let skipping: string | null = null;
  let looseText = '';
  let last = 0;

  const emit = (kind: Block['kind'], text: string, extra: Partial<Block>): void => {
    const clean = normalizeSpace(text);
    if (!clean) return;
    blocks.push({ id: `b${blocks.length}`, kind, text: clean, ...extra });
  };
  const appendText = (raw: string): void => {
    const text = decodeEntities(raw);
    const top = stack[stack.length - 1];
    if (top) top.text += text;
    else looseText += text;
  };
  const flushLoose = (): void => {
    emit('paragraph', looseText, {});
    looseText = '';
  };
  const closeTop = (): void => {
    const top = stack.pop();
    if (!top) return;
    const extra: Partial<Block> = {};
    if (top.level !== undefined) extra.level = top.level;
    if (top.anchor) extra.anchor = top.anchor;
    if (top.table) extra.table = top.table;
    // A nested block (a <p> inside <li> or <td>) hands its text to the enclosing block so a
    // table cell with several paragraphs stays one cell.
    const parent = stack[stack.length - 1];
    if (parent && top.kind === 'paragraph') {
      parent.text += ` ${top.text} `;
      if (!parent.anchor && top.anchor) parent.anchor = top.anchor;
      return;
    }
    emit(top.kind, top.text, extra);
  };

  // A private copy: another reading may run between two steps of this one.
  const tagRe = new RegExp(TAG_RE.source, 'g');
  let tags = 0;
  for (let match = tagRe.exec(html); match; match = tagRe.exec(html)) {
    if (++tags % TAGS_PER_STEP === 0) yield;
    const tagName = match[1]?.toLowerCase();
    const isClose = match[0][1] === '/';
    if (skipping) {
      if (isClose && tagName === skipping) skipping = null;
      last = tagRe.lastIndex;
      continue;
    }
    if (match.index > last) appendText(html.slice(last, match.index));
    last = tagRe.lastIndex;
    if (!tagName) continue;
    if (SKIP_TAGS.has(tagName)) {
      if (!isClose && !match[0].endsWith('/>')) skipping = tagName;
      continue;
    }
    if (tagName === 'table') {
      if (isClose) tables.pop();
      else tables.push({ index: tableCount++, row: -1, col: -1 });
    } else if (tagName === 'tr' && !isClose) {
      const table = tables[tables.length - 1];
      if (table) {
        table.row += 1;
        table.col = -1;
      }
    }
    const kind = BLOCK_TAGS[tagName];
    if (kind) {
      if (isClose) {
        const index = findOpen(stack, kind, tagName);
        if (index >= 0) while (stack.length > index) closeTop();
        continue;
      }
      flushLoose();
      // A new heading or list item closes an unclosed paragraph (HTML's implied end tags).
      const top = stack[stack.length - 1];
      if (top && top.kind === 'paragraph' && kind !== 'tableCell') closeTop();
      const open: OpenBlock = { kind, text: '' };
      if (kind === 'heading') open.level = Number(tagName[1]);
      const idMatch = ID_RE.exec(match[2] ?? '');
      const id = idMatch?.[1] ?? idMatch?.[2] ?? idMatch?.[3];
      if (id) open.anchor = id;
      if (kind === 'tableCell') {
        const table = tables[tables.length - 1];
        if (table) {
          table.col += 1;
          open.table = { index: table.index, row: Math.max(table.row, 0), col: table.col };
        }
      }
      stack.push(open);
      continue;
    }
    if (BREAK_TAGS.has(tagName)) {
      const top = stack[stack.length - 1];
      if (top) top.text += ' ';
      else flushLoose();
    } else if (!isClose && tagName === 'a') {
      // Google Docs puts heading anchors on empty <a id> elements inside the heading.
      const top = stack[stack.length - 1];
      const idMatch = ID_RE.exec(match[2] ?? '');
      const id = idMatch?.[1] ?? idMatch?.[2] ?? idMatch?.[3];
      if (top && id && !top.anchor) top.anchor = id;
    }
  }
  if (!skipping && last < html.length) appendText(html.slice(last));
  while (stack.length) closeTop();
  flushLoose();
  return blocks;
}

function findOpen(stack: OpenBlock[], kind: Block['kind'], tagName: string): number {
  for (let i = stack.length - 1; i >= 0; i--) {
    const open = stack[i];
    if (!open) continue;
    if (open.kind !== kind) continue;
    if (kind === 'heading' && open.level !== Number(tagName[1])) continue;
    return i;
  }
  return -1;
}
