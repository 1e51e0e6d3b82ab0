import { BLOCK_TAGS } from '../core/extract/block-tags';
import type { Block } from '../core/model';
import { runAtOnce } from './slices';
import { MAX_DOCUMENT_CHARS } from './too-large';

/**
 * A rendered page body (or an editor's body) → blocks, by walking the live DOM: the same block
 * rules as core/extract/html.ts (headings, paragraphs, list items, table cells; a paragraph
 * inside a list item or cell stays part of it), reading only text nodes. Nothing is written to
 * the page. Each block remembers its element, so a passage can be highlighted later.
 */

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
  'aside',
  'nav',
  'details',
  'summary',
]);

const SKIP_TAGS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'math',
  'iframe',
  'object',
  'button',
  'select',
  'textarea',
  'input',
]);

/** Screen-reader-only hints ("Links to an external site."), editor scaffolding, hidden parts. */
const SKIP_CLASSES = ['screenreader-only', 'sr-only', 'hidden-readable', 'visually-hidden'];

/** Cheaper than Element.matches() with a selector list, which this walk would run on every element. */
function skipped(element: Element): boolean {
  if (element.attributes.length === 0) return false;
  if (element.hasAttribute('hidden')) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  if (element.getAttribute('data-mce-bogus') === 'all') return true;
  const list = element.classList;
  return list.length > 0 && SKIP_CLASSES.some((name) => list.contains(name));
}

export interface DomBlocks {
  blocks: Block[];
  /** Element holding each block (by block id), for highlighting its passage. */
  elements: Map<string, Element>;
}

interface Open {
  kind: Block['kind'];
  element: Element;
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

const normalize = (text: string): string => text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();

export function domToBlocks(root: Element, maxBlocks = 60000): DomBlocks {
  return runAtOnce(domToBlockSteps(root, maxBlocks));
}

/** Elements visited between two pauses of domToBlockSteps. */
const ELEMENTS_PER_STEP = 256;

/**
 * The same walk in steps: a generator that pauses every few hundred elements, so run-page.ts can
 * read a page of 20,000 paragraphs in time slices (content/slices.ts) without blocking it.
 */
export function* domToBlockSteps(
  root: Element,
  maxBlocks = 60000,
  /** Past this much text the walk stops: the page is too large to read (content/too-large.ts). */
  maxChars = MAX_DOCUMENT_CHARS,
): Generator<void, DomBlocks, void> {
  const blocks: Block[] = [];
  let chars = 0;
  const elements = new Map<string, Element>();
  const stack: Open[] = [];
  const tables: TableState[] = [];
  let tableCount = 0;
  let loose = '';
  let looseElement: Element | null = null;

  const emit = (kind: Block['kind'], text: string, element: Element, extra: Partial<Block>): void => {
    const clean = normalize(text);
    if (!clean || blocks.length >= maxBlocks) return;
    const id = `b${blocks.length}`;
    chars += clean.length;
    blocks.push({ id, kind, text: clean, ...extra });
    elements.set(id, element);
  };
  const flushLoose = (): void => {
    if (looseElement) emit('paragraph', loose, looseElement, {});
    loose = '';
    looseElement = null;
  };

  let visited = 0;
  function* walk(node: Node): Generator<void, void, void> {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const text = child.nodeValue ?? '';
        const top = stack[stack.length - 1];
        if (top) top.text += text;
        else if (text.trim()) {
          loose += text;
          looseElement ??= node as Element;
        } else loose += text;
        continue;
      }
      if (child.nodeType !== 1) continue;
      // Already more than PlanLens reads: the rest of a 10 MB page is not walked.
      if (chars > maxChars) return;
      if (++visited % ELEMENTS_PER_STEP === 0) yield;
      const element = child as Element;
      const tag = element.localName;
      if (SKIP_TAGS.has(tag) || skipped(element)) continue;
      if (tag === 'table') tables.push({ index: tableCount++, row: -1, col: -1 });
      if (tag === 'tr') {
        const table = tables[tables.length - 1];
        if (table) {
          table.row += 1;
          table.col = -1;
        }
      }
      const kind = BLOCK_TAGS[tag];
      const top = stack[stack.length - 1];
      if (kind && !(top && kind === 'paragraph')) {
        flushLoose();
        const open: Open = { kind, element, text: '' };
        if (kind === 'heading') open.level = Number(tag[1]);
        // Google Docs style anchors (<a id> inside a heading) matter for headings only.
        const anchor = element.id || (kind === 'heading' ? element.querySelector('a[id]')?.id : undefined);
        if (anchor) open.anchor = anchor;
        if (kind === 'tableCell') {
          const table = tables[tables.length - 1];
          if (table) {
            table.col += 1;
            open.table = { index: table.index, row: Math.max(table.row, 0), col: table.col };
          }
        }
        stack.push(open);
        yield* walk(element);
        stack.pop();
        const extra: Partial<Block> = {};
        if (open.level !== undefined) extra.level = open.level;
        if (open.anchor) extra.anchor = open.anchor;
        if (open.table) extra.table = open.table;
        // A block inside another (a list inside a cell) ends the outer block's text run here.
        emit(open.kind, open.text, element, extra);
      } else if (kind || BREAK_TAGS.has(tag)) {
        if (top) top.text += ' ';
        else flushLoose();
        yield* walk(element);
        if (top) top.text += ' ';
        else flushLoose();
      } else {
        yield* walk(element);
      }
      if (tag === 'table') tables.pop();
    }
  }
  yield* walk(root);
  flushLoose();
  return { blocks, elements };
}
