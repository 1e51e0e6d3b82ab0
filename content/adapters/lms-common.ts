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

/** The body of a same-origin iframe's document, or null (not loaded yet, or cross-origin). */
export function frameBody(frame: Element | null): HTMLElement | null {
  try {
    const doc = (frame as HTMLIFrameElement | null)?.contentDocument;
    return doc?.body && doc.readyState !== 'loading' ? doc.body : null;
  } catch {
    return null;
  }
}

/**
 * querySelector that also looks inside open shadow roots (web components such as Brightspace's
 * editor keep their parts there). Depth-first; stops at the first match.
 */
export function deepQuerySelector(root: ParentNode, selector: string, budget = { nodes: 20000 }): Element | null {
  const direct = root.querySelector(selector);
  if (direct) return direct;
  const walker = (root instanceof Document ? root : (root as Node).ownerDocument)?.createTreeWalker(
    root as Node,
    1 /* NodeFilter.SHOW_ELEMENT */,
  );
  if (!walker) return null;
  for (let node = walker.nextNode(); node && budget.nodes > 0; node = walker.nextNode()) {
    budget.nodes -= 1;
    const shadow = (node as Element).shadowRoot;
    if (shadow) {
      const found = deepQuerySelector(shadow, selector, budget);
      if (found) return found;
    }
  }
  return null;
}
