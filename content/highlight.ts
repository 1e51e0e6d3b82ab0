/**
 * Evidence in the page: the passage is marked with the CSS Custom Highlight API (a Range
 * registered under a highlight name, painted by a ::highlight() rule) and scrolled into view.
 * Nothing is inserted into the page's content or its editor: the ::highlight() rule is an
 * adopted constructed style sheet (a <style> in <head> only where those are unavailable).
 */

export const HIGHLIGHT_NAME = 'planlens-evidence';
const STYLE_ID = 'planlens-highlight-style';

interface HighlightRegistry {
  set(name: string, highlight: unknown): void;
  delete(name: string): void;
}
type HighlightConstructor = new (...ranges: Range[]) => unknown;

function highlightApi(win: Window): { registry: HighlightRegistry; Highlight: HighlightConstructor } | null {
  const css = (win as unknown as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  const Highlight = (win as unknown as { Highlight?: HighlightConstructor }).Highlight;
  return css?.highlights && Highlight ? { registry: css.highlights, Highlight } : null;
}

const fold = (text: string): string => text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').toLowerCase();

/**
 * The range of `snippet` inside `element`'s text (whitespace-insensitive, case-insensitive;
 * the snippet's "…" ends are dropped); the whole element when the text is not found.
 */
export function passageRange(element: Element, snippet: string): Range {
  const doc = element.ownerDocument;
  const range = doc.createRange();
  const wanted = fold(snippet.replace(/^…|…$/g, '')).trim();
  // Folded text of the element, with each folded character's text node and offset.
  const nodes: Text[] = [];
  const walker = doc.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  let folded = '';
  const at: Array<[Text, number]> = [];
  for (const node of nodes) {
    const value = node.nodeValue ?? '';
    for (let i = 0; i < value.length; i++) {
      const ch = value[i] ?? '';
      const isSpace = /[\s\u00a0\u200b\ufeff]/.test(ch);
      if (isSpace && folded.endsWith(' ')) continue;
      folded += isSpace ? ' ' : ch.toLowerCase();
      at.push([node, i]);
    }
  }
  const start = wanted ? folded.indexOf(wanted) : -1;
  const first = at[start];
  const last = at[start + wanted.length - 1];
  if (start < 0 || !first || !last) {
    range.selectNodeContents(element);
    return range;
  }
  range.setStart(first[0], first[1]);
  range.setEnd(last[0], last[1] + 1);
  return range;
}

/** Marks the passage and scrolls to it; false when the browser lacks the Highlight API (it still scrolls). */
export function showPassage(element: Element, snippet: string): boolean {
  const doc = element.ownerDocument;
  const win = doc.defaultView;
  element.scrollIntoView({ block: 'center', behavior: 'smooth' });
  if (!win) return false;
  const api = highlightApi(win);
  if (!api) return false;
  addHighlightRule(doc, win);
  api.registry.set(HIGHLIGHT_NAME, new api.Highlight(passageRange(element, snippet)));
  return true;
}

const RULE = `::highlight(${HIGHLIGHT_NAME}) { background-color: #ffe27a; color: inherit; }`;
const adopted = new WeakMap<Document, CSSStyleSheet>();

/**
 * The ::highlight() rule, as a constructed style sheet adopted by the document (no node in the
 * page at all); a <style> in <head> where constructed sheets are unavailable.
 */
function addHighlightRule(doc: Document, win: Window): void {
  if (adopted.has(doc) || doc.getElementById(STYLE_ID)) return;
  try {
    const Sheet = (win as unknown as { CSSStyleSheet: typeof CSSStyleSheet }).CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(RULE);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    adopted.set(doc, sheet);
  } catch {
    const style = doc.createElement('style');
    style.id = STYLE_ID;
    style.textContent = RULE;
    (doc.head ?? doc.documentElement).appendChild(style);
  }
}

/** Removes the highlight (the context ended, or another document is shown). */
export function clearPassage(doc: Document): void {
  const win = doc.defaultView;
  if (!win) return;
  highlightApi(win)?.registry.delete(HIGHLIGHT_NAME);
  const sheet = adopted.get(doc);
  if (sheet) {
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    adopted.delete(doc);
  }
  doc.getElementById(STYLE_ID)?.remove();
}
