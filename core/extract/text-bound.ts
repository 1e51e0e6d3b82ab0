/**
 * How much text an HTML document's blocks will hold at least, counted as its bytes arrive,
 * without parsing it. The Google Docs reader stops downloading an export once this passes the
 * most PlanLens reads (content/too-large.ts): a 10 MB export is then neither downloaded whole nor
 * parsed only to be refused (issue 7).
 *
 * A lower bound, so a document that fits is never refused by it: only characters outside tags
 * count, not inside the elements the reader skips (core/extract/html.ts), not whitespace (the
 * reader collapses it), and each `&` takes away the most an entity written the usual way can
 * shrink (`&#1114111;`, ten characters, is one; a zero-padded `&#00000065;`, which Google Docs
 * never writes, could shrink more). The reader's exact check on its blocks still follows.
 */

/** Elements whose content the reader skips; they are skipped here up to their first closing tag. */
const SKIPPED = /^(script|style|template|noscript|head|svg|math|iframe|object)(?![a-z0-9-])/;
/** What an entity may shrink by: ten characters for one. */
const ENTITY_SHRINK = 9;

export class TextLowerBound {
  /** The lower bound so far. */
  count = 0;
  private inTag = false;
  /** The start of the tag being read (enough for its name) and its last characters (for `-->`). */
  private tagStart = '';
  private tagEnd = '';
  /** Inside a skipped element: the name of its closing tag. */
  private skipUntil: string | null = null;

  /** Counts the next piece of the document (pieces may split tags anywhere). */
  feed(piece: string): void {
    let i = 0;
    while (i < piece.length) {
      if (this.inTag) {
        const end = piece.indexOf('>', i);
        this.noteTag(end < 0 ? piece.slice(i) : piece.slice(i, end));
        if (end < 0) return;
        i = end + 1;
        this.closeTag();
      } else {
        const start = piece.indexOf('<', i);
        if (this.skipUntil === null) this.count += textChars(piece, i, start < 0 ? piece.length : start);
        if (start < 0) return;
        this.inTag = true;
        this.tagStart = '';
        this.tagEnd = '';
        i = start + 1;
      }
    }
  }

  private noteTag(part: string): void {
    if (this.tagStart.length < 16) this.tagStart += part.slice(0, 16 - this.tagStart.length);
    this.tagEnd = (this.tagEnd + part).slice(-2);
  }

  private closeTag(): void {
    const tag = this.tagStart.toLowerCase();
    // A comment ends at `-->` only: a `>` inside it does not end it.
    if (tag.startsWith('!--') && (this.tagStart.length < 5 || this.tagEnd !== '--')) {
      this.noteTag('>');
      return;
    }
    this.inTag = false;
    if (this.skipUntil !== null) {
      if (tag.startsWith(`/${this.skipUntil}`)) this.skipUntil = null;
      return;
    }
    this.skipUntil = SKIPPED.exec(tag)?.[1] ?? null;
  }
}

/** Characters of text[from, to) that are not whitespace, less ENTITY_SHRINK for each `&`. */
function textChars(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 38 /* & */) count -= ENTITY_SHRINK;
    else if (c > 32 && !isSpace(c)) count += 1;
  }
  return count;
}

/** The characters above U+0020 that the reader collapses as space (`\s`, U+00A0, U+200B). */
function isSpace(c: number): boolean {
  if (c < 0x00a0) return false;
  return (
    c === 0x00a0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
