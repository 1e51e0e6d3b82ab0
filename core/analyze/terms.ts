import { STOP_WORDS, stem, words } from './text';

/**
 * An index of bank terms (words and phrases) that finds every term in a block in one pass over
 * its words. Terms are keyed by their first stem (or, for a `prefix*` first word, by its first
 * three letters), so the cost is one or two map look-ups per word, whatever the bank's size.
 */

interface CompiledTerm {
  id: number;
  /** Stems, or raw prefixes for words written with a trailing `*`. */
  parts: string[];
  prefix: boolean[];
}

export interface BlockTerms {
  /** Folded words of the block, for snippets and highlighting. */
  words: string[];
  /** Term id → index of its first word in the first place it occurs. */
  found: Map<number, number>;
}

export class TermIndex {
  private readonly byKey = new Map<string, number>();
  private readonly terms: CompiledTerm[] = [];
  private readonly byFirstStem = new Map<string, CompiledTerm[]>();
  private readonly byFirstPrefix = new Map<string, CompiledTerm[]>();

  /** Adds a term and returns its id (the same id for the same normalized term); -1 if unusable. */
  add(term: string): number {
    const raw = term.trim().toLowerCase();
    const pieces = raw.split(/\s+/).filter(Boolean);
    const parts: string[] = [];
    const prefix: boolean[] = [];
    for (const piece of pieces) {
      const isPrefix = piece.endsWith('*');
      const ws = words(isPrefix ? piece.slice(0, -1) : piece);
      ws.forEach((w, i) => {
        const last = i === ws.length - 1;
        parts.push(isPrefix && last ? w : stem(w));
        prefix.push(isPrefix && last);
      });
    }
    if (parts.length === 0) return -1;
    if (parts.length === 1 && (STOP_WORDS.has(parts[0] ?? '') || (parts[0] ?? '').length < 2)) return -1;
    const key = parts.map((p, i) => (prefix[i] ? `${p}*` : p)).join(' ');
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const compiled: CompiledTerm = { id: this.terms.length, parts, prefix };
    this.terms.push(compiled);
    this.byKey.set(key, compiled.id);
    const first = parts[0] ?? '';
    if (prefix[0]) pushTo(this.byFirstPrefix, first.slice(0, 3), compiled);
    else pushTo(this.byFirstStem, first, compiled);
    return compiled.id;
  }

  get size(): number {
    return this.terms.length;
  }

  match(text: string): BlockTerms {
    const ws = words(text);
    const ss = ws.map(stem);
    const found = new Map<number, number>();
    for (let i = 0; i < ss.length; i++) {
      const s = ss[i] ?? '';
      const exact = this.byFirstStem.get(s);
      if (exact) for (const term of exact) if (!found.has(term.id) && matchesAt(term, ws, ss, i)) found.set(term.id, i);
      if (this.byFirstPrefix.size > 0) {
        const pre = this.byFirstPrefix.get((ws[i] ?? '').slice(0, 3));
        if (pre) for (const term of pre) if (!found.has(term.id) && matchesAt(term, ws, ss, i)) found.set(term.id, i);
      }
    }
    return { words: ws, found };
  }

  /** Number of words the term spans (for highlighting). */
  length(termId: number): number {
    return this.terms[termId]?.parts.length ?? 1;
  }
}

function matchesAt(term: CompiledTerm, ws: string[], ss: string[], at: number): boolean {
  if (at + term.parts.length > ss.length) return false;
  for (let k = 0; k < term.parts.length; k++) {
    const part = term.parts[k] ?? '';
    if (term.prefix[k]) {
      if (!(ws[at + k] ?? '').startsWith(part)) return false;
    } else if (ss[at + k] !== part) return false;
  }
  return true;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
