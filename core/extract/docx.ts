import { strFromU8, type UnzipFileInfo, unzipSync } from 'fflate';
import type { Block } from '../model';
import { decodeEntities, normalizeSpace } from './html';

/**
 * Word (.docx) → blocks, without a DOM: fflate unzips (pure JavaScript, same in Node and in the
 * browser) and a small tokenizer walks WordprocessingML. We read what the analyzer needs —
 * paragraph text, heading levels, list items, table cells with row and column — and ignore
 * tracked deletions, field codes and layout.
 */

export interface DocxContent {
  title: string;
  blocks: Block[];
}

/** A plan is a few hundred KB of XML; anything far larger is a zip bomb or not a plan. */
const MAX_PART_BYTES = 64 * 1024 * 1024;
const MAIN_PART = 'word/document.xml';
const STYLES_PART = 'word/styles.xml';
const CORE_PART = 'docProps/core.xml';
const ROOT_RELS = '_rels/.rels';

export function docxToBlocks(bytes: Uint8Array): DocxContent {
  checkSignature(bytes);
  const mainPath = mainDocumentPath(unzipParts(bytes, [ROOT_RELS])[ROOT_RELS]);
  const parts = unzipParts(bytes, [mainPath, MAIN_PART, STYLES_PART, CORE_PART]);
  const main = parts[mainPath] ?? parts[MAIN_PART];
  if (!main) throw new Error(`not a .docx file (no ${MAIN_PART})`);
  const styles = readStyles(partText(parts, STYLES_PART));
  return {
    title: readCoreTitle(partText(parts, CORE_PART)),
    blocks: readDocument(strFromU8(main), styles),
  };
}

function partText(parts: Record<string, Uint8Array>, name: string): string {
  const bytes = parts[name];
  return bytes ? strFromU8(bytes) : '';
}

/** Tells apart "this is some other kind of file" from "this zip is broken", for the message. */
function checkSignature(bytes: Uint8Array): void {
  const [a, b, c, d] = bytes;
  if (a === 0x50 && b === 0x4b) return;
  if (a === 0xd0 && b === 0xcf && c === 0x11 && d === 0xe0)
    throw new Error('not a .docx file (this is an older Word .doc file; save it as .docx)');
  throw new Error('not a .docx file (not a zip archive)');
}

/** Unzips only the named parts (a .docx also holds images, fonts, …), refusing oversized ones. */
function unzipParts(bytes: Uint8Array, names: string[]): Record<string, Uint8Array> {
  let tooLarge = '';
  const keep = (file: UnzipFileInfo): boolean => {
    const wanted = names.includes(file.name);
    if (wanted && file.originalSize > MAX_PART_BYTES) tooLarge = file.name;
    return wanted && !tooLarge;
  };
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: keep });
  } catch (error) {
    throw new Error(`damaged .docx: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (tooLarge) throw new Error(`damaged .docx: ${tooLarge} is larger than ${MAX_PART_BYTES / 1024 / 1024} MB`);
  return parts;
}

/** The package's root relationships name the main part; it is almost always word/document.xml. */
function mainDocumentPath(rels: Uint8Array | undefined): string {
  if (!rels) return MAIN_PART;
  for (const token of tokenize(strFromU8(rels))) {
    if (token.type !== 'open' || localName(token.name) !== 'Relationship') continue;
    const type = token.attrs.Type ?? '';
    const target = token.attrs.Target ?? '';
    if (type.endsWith('/officeDocument') && target) return target.replace(/^\//, '');
  }
  return MAIN_PART;
}

// ─────────────────────────────────────── XML tokenizer ───────────────────────────────────────

type Token =
  | { type: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

const XML_RE =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTR_RE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Splits XML into open/close tags and text. Entities in text and attributes are decoded; no
 * DTD is read, so entity tricks in a hostile file expand to nothing.
 */
function* tokenize(xml: string): Generator<Token> {
  let last = 0;
  XML_RE.lastIndex = 0;
  for (let match = XML_RE.exec(xml); match; match = XML_RE.exec(xml)) {
    if (match.index > last) yield { type: 'text', text: decodeEntities(xml.slice(last, match.index)) };
    last = XML_RE.lastIndex;
    const [, cdata, slash, name, attrText, selfClose] = match;
    if (cdata !== undefined) yield { type: 'text', text: cdata };
    else if (name && slash) yield { type: 'close', name };
    else if (name) yield { type: 'open', name, attrs: parseAttrs(attrText ?? ''), selfClosing: selfClose === '/' };
  }
  if (last < xml.length) yield { type: 'text', text: decodeEntities(xml.slice(last)) };
}

function parseAttrs(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  ATTR_RE.lastIndex = 0;
  for (let match = ATTR_RE.exec(text); match; match = ATTR_RE.exec(text)) {
    if (match[1]) attrs[match[1]] = decodeEntities(match[2] ?? match[3] ?? '');
  }
  return attrs;
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

// ──────────────────────────────────────── core.xml ────────────────────────────────────────

function readCoreTitle(xml: string): string {
  let inTitle = false;
  let title = '';
  for (const token of tokenize(xml)) {
    if (token.type === 'open' && token.name === 'dc:title') inTitle = !token.selfClosing;
    else if (token.type === 'close' && token.name === 'dc:title') inTitle = false;
    else if (token.type === 'text' && inTitle) title += token.text;
  }
  return normalizeSpace(title);
}

// ─────────────────────────────────────── styles.xml ───────────────────────────────────────

interface StyleInfo {
  name: string;
  basedOn?: string;
  /** Outline level 0–8 from the style's paragraph properties (Word's heading levels). */
  outline?: number;
  numbered?: boolean;
}

/**
 * Style id → name, parent, outline level and numbering. Localized Word writes style ids like
 * "berschrift1" (German) but keeps the name "heading 1", so headings are recognized by name
 * and outline level, not only by the id "Heading1".
 */
function readStyles(xml: string): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  let current: StyleInfo | null = null;
  for (const token of tokenize(xml)) {
    if (token.type === 'close') {
      if (token.name === 'w:style') current = null;
      continue;
    }
    if (token.type !== 'open') continue;
    const val = token.attrs['w:val'];
    if (token.name === 'w:style') {
      const id = token.attrs['w:styleId'];
      current = token.selfClosing ? null : { name: '' };
      if (id && current) styles.set(id, current);
      continue;
    }
    if (!current || !val) continue;
    if (token.name === 'w:name') current.name = val;
    else if (token.name === 'w:basedOn') current.basedOn = val;
    else if (token.name === 'w:outlineLvl') current.outline = Number(val);
    else if (token.name === 'w:numId') current.numbered = val !== '0';
  }
  return styles;
}

const HEADING_ID_RE = /^heading\s?([1-6])$/i;

/** Heading level of a paragraph style (following "based on" a few steps), or 0. */
function styleHeadingLevel(styles: Map<string, StyleInfo>, styleId: string): number {
  let id: string | undefined = styleId;
  for (let depth = 0; id && depth < 8; depth++) {
    const style = styles.get(id);
    const byName = HEADING_ID_RE.exec(style?.name ?? '') ?? HEADING_ID_RE.exec(id);
    if (byName?.[1]) return Number(byName[1]);
    if (id === 'Title' || style?.name.toLowerCase() === 'title') return 1;
    if (style?.outline !== undefined && style.outline >= 0 && style.outline < 6) return style.outline + 1;
    id = style?.basedOn;
  }
  return 0;
}

function styleIsNumbered(styles: Map<string, StyleInfo>, styleId: string): boolean {
  let id: string | undefined = styleId;
  for (let depth = 0; id && depth < 8; depth++) {
    const style = styles.get(id);
    if (style?.numbered !== undefined) return style.numbered;
    id = style?.basedOn;
  }
  return false;
}

// ────────────────────────────────────── document.xml ──────────────────────────────────────

interface Paragraph {
  text: string;
  style: string;
  /** From the paragraph's own w:numPr; undefined when it has none (the style decides). */
  numbered?: boolean;
  outline?: number;
}

interface Cell {
  text: string;
  table: NonNullable<Block['table']>;
}

interface Table {
  index: number;
  row: number;
  /** Grid column where the next cell starts (merged cells span several). */
  nextCol: number;
}

/**
 * Elements that are not part of the current document: tracked deletions, text moved away, the
 * fallback copy of drawings (Word stores text boxes twice, in mc:Choice and mc:Fallback).
 */
const SKIPPED = new Set([
  'w:del',
  'w:moveFrom',
  'mc:Fallback',
  // Tracked formatting changes hold the *old* properties (an old style would win otherwise).
  'w:pPrChange',
  'w:rPrChange',
  'w:tblPrChange',
  'w:trPrChange',
  'w:tcPrChange',
]);

function readDocument(xml: string, styles: Map<string, StyleInfo>): Block[] {
  const blocks: Block[] = [];
  const paragraphs: Paragraph[] = [];
  const cells: Cell[] = [];
  const tables: Table[] = [];
  let tableCount = 0;
  let skipDepth = 0;
  let runDepth = 0;
  let inText = false;
  let preserve = false;
  let inParagraphProps = false;

  const emit = (kind: Block['kind'], text: string, extra: Partial<Block>): void => {
    const clean = normalizeSpace(text);
    if (clean) blocks.push({ id: `b${blocks.length}`, kind, text: clean, ...extra });
  };
  const addText = (text: string): void => {
    const paragraph = paragraphs[paragraphs.length - 1];
    if (paragraph) paragraph.text += text;
  };
  const closeParagraph = (): void => {
    const paragraph = paragraphs.pop();
    if (!paragraph) return;
    const cell = cells[cells.length - 1];
    // Paragraphs inside a table cell make up that one cell, as in htmlToBlocks.
    if (cell && paragraphs.length === 0) {
      cell.text += ` ${paragraph.text}`;
      return;
    }
    const level = paragraphLevel(styles, paragraph);
    if (level) emit('heading', paragraph.text, { level });
    else emit(isListParagraph(styles, paragraph) ? 'listItem' : 'paragraph', paragraph.text, {});
  };

  for (const token of tokenize(xml)) {
    if (token.type === 'text') {
      if (inText && !skipDepth) addText(preserve ? token.text : token.text.trim());
      continue;
    }
    const { name } = token;
    if (SKIPPED.has(name)) {
      if (token.type === 'open' && !token.selfClosing) skipDepth++;
      else if (token.type === 'close') skipDepth = Math.max(0, skipDepth - 1);
      continue;
    }
    if (token.type === 'close') {
      if (name === 'w:t') inText = false;
      else if (name === 'w:r') runDepth = Math.max(0, runDepth - 1);
      else if (name === 'w:pPr') inParagraphProps = false;
      else if (name === 'w:p') closeParagraph();
      else if (name === 'w:tc') closeCell(cells, emit);
      else if (name === 'w:tbl') tables.pop();
      continue;
    }
    if (skipDepth) continue;
    const val = token.attrs['w:val'];
    // Style, numbering and outline level count only inside the paragraph's own w:pPr.
    const props = inParagraphProps ? paragraphs[paragraphs.length - 1] : undefined;
    switch (name) {
      case 'w:p':
        paragraphs.push({ text: '', style: '' });
        if (token.selfClosing) closeParagraph();
        break;
      case 'w:pPr':
        inParagraphProps = !token.selfClosing;
        break;
      case 'w:pStyle':
        if (props && val) props.style = val;
        break;
      case 'w:numId':
        // numId 0 explicitly switches numbering off for this paragraph.
        if (props && val) props.numbered = val !== '0';
        break;
      case 'w:outlineLvl':
        if (props && val) props.outline = Number(val);
        break;
      case 'w:r':
        if (!token.selfClosing) runDepth++;
        break;
      case 'w:t':
        inText = !token.selfClosing;
        preserve = token.attrs['xml:space'] === 'preserve';
        break;
      case 'w:tab':
      case 'w:br':
      case 'w:cr':
        // Tab stops are also called w:tab (inside w:pPr); only a tab inside a run is text.
        if (runDepth > 0) addText(' ');
        break;
      case 'w:noBreakHyphen':
        if (runDepth > 0) addText('-');
        break;
      case 'w:tbl':
        tables.push({ index: tableCount++, row: -1, nextCol: 0 });
        break;
      case 'w:tr':
        startRow(tables);
        break;
      case 'w:tc':
        startCell(tables, cells);
        break;
      case 'w:gridSpan':
        widenCell(tables, Number(val) - 1);
        break;
      case 'w:gridBefore':
        widenCell(tables, Number(val));
        break;
    }
  }
  while (paragraphs.length) closeParagraph();
  return blocks;
}

function paragraphLevel(styles: Map<string, StyleInfo>, paragraph: Paragraph): number {
  if (paragraph.outline !== undefined && paragraph.outline >= 0 && paragraph.outline < 6) return paragraph.outline + 1;
  return paragraph.style ? styleHeadingLevel(styles, paragraph.style) : 0;
}

function isListParagraph(styles: Map<string, StyleInfo>, paragraph: Paragraph): boolean {
  if (paragraph.numbered !== undefined) return paragraph.numbered;
  return paragraph.style ? styleIsNumbered(styles, paragraph.style) : false;
}

function startRow(tables: Table[]): void {
  const table = tables[tables.length - 1];
  if (!table) return;
  table.row += 1;
  table.nextCol = 0;
}

function startCell(tables: Table[], cells: Cell[]): void {
  const table = tables[tables.length - 1];
  if (!table) return;
  cells.push({ text: '', table: { index: table.index, row: Math.max(table.row, 0), col: table.nextCol } });
  table.nextCol += 1;
}

/** Merged cells (gridSpan) and rows that start further right (gridBefore) shift later cells. */
function widenCell(tables: Table[], columns: number): void {
  const table = tables[tables.length - 1];
  if (table && Number.isInteger(columns) && columns > 0) table.nextCol += columns;
}

function closeCell(cells: Cell[], emit: (kind: Block['kind'], text: string, extra: Partial<Block>) => void): void {
  const cell = cells.pop();
  if (cell) emit('tableCell', cell.text, { table: cell.table });
}
