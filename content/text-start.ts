/**
 * The start of an element's text: at least `limit` characters of it where it has that many,
 * read node by node. `textContent` would build the whole text of a 10 MB page in one task of the
 * page's thread (issue 7), where the plan-words look (content/plan-hint.ts) reads the start only.
 */
export function textStart(root: Node, limit: number): string {
  // 4 is NodeFilter.SHOW_TEXT (in a page's own world, its globals are the page's).
  const walker = (root.ownerDocument ?? document).createTreeWalker(root, 4);
  const parts: string[] = [];
  let length = 0;
  for (let node = walker.nextNode(); node && length < limit; node = walker.nextNode()) {
    const value = node.nodeValue ?? '';
    parts.push(value);
    length += value.length;
  }
  return parts.join('');
}
