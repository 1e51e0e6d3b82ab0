export interface MarkedPart {
  text: string;
  marked: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Splits text into plain and marked parts wherever a matched term (or an inflection of it)
 * starts a word. Returns strings only, so the caller renders them as text, never as HTML.
 */
export function markTerms(text: string, terms: string[]): MarkedPart[] {
  const usable = terms.filter((t) => t.trim().length >= 2);
  if (usable.length === 0) return [{ text, marked: false }];
  const alternatives = usable
    .sort((a, b) => b.length - a.length)
    .map((t) => t.trim().split(/\s+/).map(escapeRegExp).join('[\\s\\W]+'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})[\\p{L}]*`, 'giu');
  const parts: MarkedPart[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ text: text.slice(last, at), marked: false });
    parts.push({ text: match[0], marked: true });
    last = at + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), marked: false });
  return parts;
}
