/** Helpers the DOM adapters share. */

/** The element matching `selector` in the page, or inside the editor iframe's document. */
export function findRoot(doc: Document, selector: string, editorFrame?: string): Element | null {
  if (!editorFrame) return doc.querySelector(selector);
  const frame = doc.querySelector(editorFrame) as HTMLIFrameElement | null;
  let inner: Document | null = null;
  try {
    inner = frame?.contentDocument ?? null;
  } catch {
    inner = null;
  }
  return inner?.querySelector(selector) ?? null;
}

/** A title from an element: an input's value, otherwise its text. */
export function titleOf(doc: Document, selector: string): string {
  const element = doc.querySelector(selector);
  if (!element) return '';
  const value = element instanceof HTMLInputElement ? element.value : (element.textContent ?? '');
  return value.replace(/\s+/g, ' ').trim();
}

export function bodySignature(doc: Document): { id: string; classes: string[] } {
  return { id: doc.body?.id ?? '', classes: [...(doc.body?.classList ?? [])] };
}
