import { STOP_WORDS, stem, words } from './text';
import { WordTable } from './word-table';

/**
 * An index of bank terms (words and phrases) that finds every term in a block in one pass over
 * its words. Terms live in a trie keyed by stems (a word written `prefix*` is a prefix edge), so
 * each word costs one cached look-up plus a walk as deep as the longest phrase starting there,
 * whatever the bank's size.
 *
 * Hot path: the trie is built with maps, then frozen into flat integer arrays (nodes, edges and
 * term ends by number, stems by id), so a scan walks it without string hashing or recursion.
 */

export interface ScannedTerms {
  /** Number of words in the block; wordIds[0..wordCount) name them in order. */
  wordCount: number;
  /** Ids of the block's words in the index's word list (`wordText`). */
  wordIds: Int32Array;
  /** The index's words by id (shared by every scan: read, don't keep). */
  wordText: readonly string[];
  /** Distinct term ids, in order of first occurrence, and the word index where each first occurs. */
  ids: Int32Array;
  positions: Int32Array;
  /** How many entries of ids and positions are valid. */
  count: number;
  /** Per word, its classes from the index's classifier (valid for wordCount entries). */
  classes: Int32Array;
}

export interface BlockTerms {
  /** Folded words of the block, for snippets and highlighting. */
  words: string[];
  /** Term id → index of its first word in the first place it occurs. */
  found: Map<number, number>;
}

/** The folded words of a scan, as strings. */
export function scannedWords(scanned: ScannedTerms): string[] {
  const out: string[] = [];
  for (let i = 0; i < scanned.wordCount; i++) out.push(scanned.wordText[scanned.wordIds[i] as number] as string);
  return out;
}

/** Beyond this many distinct words the word list starts over (bounded memory on hostile input). */
const MAX_WORDS = 200_000;
const ROOT = 0;
const NO_PREFIXES: Array<[string, number]> = [];

export class TermIndex {
  /** @param classify gives each distinct word a class bitmask, cached with its stem. */
  constructor(private readonly classify: (word: string) => number = () => 0) {}

  private readonly byKey = new Map<string, number>();
  private readonly lengths: number[] = [];
  /** Stems of exact edges → their ids. */
  private readonly stemIds = new Map<string, number>();
  /** The trie while terms are added, one entry per node. */
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly prefixNext: Array<Array<[string, number]>> = [[]];
  private readonly ends: number[][] = [[]];
  /**
   * The frozen trie: node n has exactCount[n] exact edges, found in an open-addressing table by
   * (node, stem id) → child (a node may have dozens: "data" → "data team", "data review", ...).
   */
  private frozen = false;
  private exactCount = new Int32Array(0);
  private edgeMask = 0;
  private edgeNode = new Int32Array(0);
  private edgeStem = new Int32Array(0);
  private edgeChild = new Int32Array(0);
  /** Node n's term ids are endIds[endStart[n]..endStart[n+1]). */
  private endStart = new Int32Array(0);
  private endIds = new Int32Array(0);
  /** Per node, 1 when it has prefix edges, and those edges (rare: most nodes share one empty list). */
  private hasPrefixes = new Uint8Array(0);
  private prefixes: Array<Array<[string, number]>> = [];
  /** Branches of the depth-first walk waiting their turn, as [node, word index] pairs. */
  private stack: Int32Array = new Int32Array(64);
  /**
   * Distinct words met so far, by id, with what a scan needs of each: its classes, its stem's edge
   * id and the trie nodes it leads to from the root (firstNodes[firstStart[id]..firstStart[id]+
   * firstCount[id])). Words repeat a lot across a document, so this pays.
   */
  private readonly wordIds = new Map<string, number>();
  private readonly wordText: string[] = [];
  private wordClass = new Int32Array(1024);
  private wordStem = new Int32Array(1024);
  private firstStart = new Int32Array(1024);
  private firstCount = new Int32Array(1024);
  private firstNodes = new Int32Array(1024);
  private firstUsed = 0;
  /** Per term id, the scan (epoch) that last found it: de-duplicates without a Set per block. */
  private seen = new Int32Array(0);
  private epoch = 0;
  /** ASCII words interned by their characters, so known words cost no string allocation. */
  private readonly table = new WordTable();
  /** Word ids of a non-ASCII text (ASCII ones are read from the table's buffer). */
  private unicodeIds = new Int32Array(64);
  private readonly scanned: ScannedTerms = {
    wordCount: 0,
    wordIds: new Int32Array(256),
    wordText: this.wordText,
    ids: new Int32Array(64),
    positions: new Int32Array(64),
    count: 0,
    classes: new Int32Array(256),
  };

  /** Adds a term and returns its id (the same id for the same normalized term); -1 if unusable. */
  add(term: string): number {
    const parts = termParts(term);
    if (parts.length === 0) return -1;
    const only = parts[0];
    if (parts.length === 1 && only && !only.prefix && (STOP_WORDS.has(only.text) || only.text.length < 2)) return -1;
    const key = parts.map((p) => (p.prefix ? `${p.text}*` : p.text)).join(' ');
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const id = this.lengths.length;
    this.lengths.push(parts.length);
    this.byKey.set(key, id);
    let node = ROOT;
    for (const part of parts) node = part.prefix ? this.prefixChild(node, part.text) : this.exactChild(node, part.text);
    (this.ends[node] as number[]).push(id);
    this.frozen = false;
    this.forgetWords();
    return id;
  }

  get size(): number {
    return this.lengths.length;
  }

  /** Number of words the term spans (for highlighting). */
  length(termId: number): number {
    return this.lengths[termId] ?? 1;
  }

  match(text: string): BlockTerms {
    const scanned = this.scan(text);
    const found = new Map<number, number>();
    for (let k = 0; k < scanned.count; k++) found.set(scanned.ids[k] as number, scanned.positions[k] as number);
    return { words: scannedWords(scanned), found };
  }

  /**
   * Like match, but into reused buffers (no Map and no arrays per block): the result is valid only
   * until the next call. The analyzer reads every block this way and keeps only what it derives.
   */
  scan(text: string): ScannedTerms {
    if (!this.frozen) this.freeze();
    // Bounded: a hostile or huge document cannot grow the word list without limit. Only between
    // scans, so the ids of one scan stay valid.
    if (this.wordText.length > MAX_WORDS) this.forgetWords();
    const out = this.scanned;
    out.count = 0;
    let n = this.table.tokenize(text, this.wordIdBound);
    if (n >= 0) out.wordIds = this.table.out;
    else {
      // Non-ASCII text: the Unicode-aware rules of words().
      const ws = words(text);
      n = ws.length;
      if (this.unicodeIds.length < n) this.unicodeIds = new Int32Array(n * 2);
      for (let i = 0; i < n; i++) this.unicodeIds[i] = this.wordId(ws[i] as string);
      out.wordIds = this.unicodeIds;
    }
    out.wordCount = n;
    if (out.classes.length < n) out.classes = new Int32Array(Math.max(n, out.classes.length * 2));
    const epoch = ++this.epoch;
    if (this.seen.length < this.lengths.length) this.seen = new Int32Array(this.lengths.length * 2);
    const { wordIds, classes } = out;
    const { wordClass, firstStart, firstCount, firstNodes } = this;
    const { exactCount, edgeMask, edgeNode, edgeStem, edgeChild, endStart, endIds, prefixes, seen } = this;
    const { wordStem, wordText, hasPrefixes } = this;
    let stack = this.stack;
    let { ids, positions } = out;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const id = wordIds[i] as number;
      classes[i] = wordClass[id] as number;
      const steps = firstCount[id] as number;
      if (steps === 0) continue;
      // Every term that starts at word i, depth first: a node's terms before its children's,
      // the exact edge before prefix edges (the order terms are recorded in).
      // Branches wait on the stack; most words take one path and never touch it.
      let top = 0;
      const first = firstStart[id] as number;
      for (let k = first + steps - 1; k > first; k--) {
        if (top + 2 > stack.length) stack = this.growStack();
        stack[top++] = firstNodes[k] as number;
        stack[top++] = i + 1;
      }
      let node = firstNodes[first] as number;
      let at = i + 1;
      for (;;) {
        for (;;) {
          for (let e = endStart[node] as number, end = endStart[node + 1] as number; e < end; e++) {
            const term = endIds[e] as number;
            if (seen[term] === epoch) continue;
            seen[term] = epoch;
            if (count === ids.length) {
              this.grow(count);
              ids = out.ids;
              positions = out.positions;
            }
            ids[count] = term;
            positions[count++] = i;
          }
          if (at >= n) break;
          const exacts = exactCount[node] as number;
          const prefixed = hasPrefixes[node] === 1;
          if (exacts === 0 && !prefixed) break;
          const next = wordIds[at] as number;
          const pre = prefixed ? (prefixes[node] as Array<[string, number]>) : NO_PREFIXES;
          for (let p = pre.length - 1; p >= 0; p--) {
            const [prefix, child] = pre[p] as [string, number];
            if (!(wordText[next] as string).startsWith(prefix)) continue;
            if (top + 2 > stack.length) stack = this.growStack();
            stack[top++] = child;
            stack[top++] = at + 1;
          }
          const sid = wordStem[next] as number;
          let exact = -1;
          if (sid >= 0 && exacts !== 0)
            for (let h = edgeHash(node, sid) & edgeMask; ; h = (h + 1) & edgeMask) {
              const from = edgeNode[h] as number;
              if (from === -1) break;
              if (from === node && edgeStem[h] === sid) {
                exact = edgeChild[h] as number;
                break;
              }
            }
          if (exact < 0) break;
          node = exact;
          at++;
        }
        if (top === 0) break;
        at = stack[--top] as number;
        node = stack[--top] as number;
      }
    }
    out.count = count;
    return out;
  }

  private growStack(): Int32Array {
    const stack = new Int32Array(this.stack.length * 2);
    stack.set(this.stack);
    this.stack = stack;
    return stack;
  }

  /** Doubles the found-term buffers, keeping their first `count` entries. */
  private grow(count: number): void {
    const out = this.scanned;
    const ids = new Int32Array(count * 2);
    const positions = new Int32Array(count * 2);
    ids.set(out.ids);
    positions.set(out.positions);
    out.ids = ids;
    out.positions = positions;
  }

  private readonly wordIdBound = (word: string): number => this.wordId(word);

  /** The id of a folded word, giving new words one (with their stem, classes and first steps). */
  private wordId(word: string): number {
    const known = this.wordIds.get(word);
    if (known !== undefined) return known;
    const id = this.wordText.length;
    if (id === this.wordClass.length) {
      const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.wordClass = grow(this.wordClass);
      this.wordStem = grow(this.wordStem);
      this.firstStart = grow(this.firstStart);
      this.firstCount = grow(this.firstCount);
    }
    const s = stem(word);
    this.wordText.push(word);
    this.wordIds.set(word, id);
    this.wordClass[id] = this.classify(word);
    this.wordStem[id] = this.stemIds.get(s) ?? -1;
    const steps = this.stepsFromRoot(word, s);
    if (this.firstUsed + steps.length > this.firstNodes.length) {
      const nodes = new Int32Array(Math.max(this.firstNodes.length * 2, this.firstUsed + steps.length));
      nodes.set(this.firstNodes);
      this.firstNodes = nodes;
    }
    this.firstStart[id] = this.firstUsed;
    this.firstCount[id] = steps.length;
    for (const node of steps) this.firstNodes[this.firstUsed++] = node;
    return id;
  }

  /** Drops every word id (the trie changed, or the list grew too long). */
  private forgetWords(): void {
    this.wordIds.clear();
    this.wordText.length = 0;
    this.firstUsed = 0;
    this.table.clear();
  }

  /** Nodes a word leads to from the root: its stem's edge, then every prefix edge it starts with. */
  private stepsFromRoot(word: string, wordStem: string): number[] {
    const steps: number[] = [];
    const sid = this.stemIds.get(wordStem);
    const exact = sid === undefined ? undefined : this.next[ROOT]?.get(sid);
    if (exact !== undefined) steps.push(exact);
    for (const [prefix, child] of this.prefixNext[ROOT] ?? []) if (word.startsWith(prefix)) steps.push(child);
    return steps;
  }

  private newNode(): number {
    this.next.push(new Map());
    this.prefixNext.push([]);
    this.ends.push([]);
    return this.ends.length - 1;
  }

  private exactChild(node: number, stemText: string): number {
    let sid = this.stemIds.get(stemText);
    if (sid === undefined) {
      sid = this.stemIds.size;
      this.stemIds.set(stemText, sid);
    }
    const edges = this.next[node] as Map<number, number>;
    let child = edges.get(sid);
    if (child === undefined) {
      child = this.newNode();
      edges.set(sid, child);
    }
    return child;
  }

  private prefixChild(node: number, prefix: string): number {
    const edges = this.prefixNext[node] as Array<[string, number]>;
    const existing = edges.find(([p]) => p === prefix);
    if (existing) return existing[1];
    const child = this.newNode();
    edges.push([prefix, child]);
    return child;
  }

  /** Flattens the trie into the integer arrays the scan walks. */
  private freeze(): void {
    const count = this.ends.length;
    this.exactCount = new Int32Array(count);
    this.hasPrefixes = new Uint8Array(count);
    this.endStart = new Int32Array(count + 1);
    let edges = 0;
    let ends = 0;
    for (let n = 0; n < count; n++) {
      edges += (this.next[n] as Map<number, number>).size;
      ends += (this.ends[n] as number[]).length;
    }
    let capacity = 16;
    while (capacity < edges * 2) capacity *= 2;
    this.edgeMask = capacity - 1;
    this.edgeNode = new Int32Array(capacity).fill(-1);
    this.edgeStem = new Int32Array(capacity);
    this.edgeChild = new Int32Array(capacity);
    this.endIds = new Int32Array(ends);
    this.prefixes = [];
    ends = 0;
    for (let n = 0; n < count; n++) {
      const next = this.next[n] as Map<number, number>;
      this.exactCount[n] = next.size;
      for (const [sid, child] of next) {
        let h = edgeHash(n, sid) & this.edgeMask;
        while (this.edgeNode[h] !== -1) h = (h + 1) & this.edgeMask;
        this.edgeNode[h] = n;
        this.edgeStem[h] = sid;
        this.edgeChild[h] = child;
      }
      this.endStart[n] = ends;
      for (const id of this.ends[n] as number[]) this.endIds[ends++] = id;
      const pre = this.prefixNext[n] as Array<[string, number]>;
      this.prefixes.push(pre.length ? pre : NO_PREFIXES);
      this.hasPrefixes[n] = pre.length ? 1 : 0;
    }
    this.endStart[count] = ends;
    this.frozen = true;
  }
}

/** Slot of the exact edge (node, stem id) in the frozen trie's edge table (before masking). */
function edgeHash(node: number, sid: number): number {
  const h = Math.imul(node, 0x9e3779b1) ^ Math.imul(sid + 1, 0x85ebca6b);
  return h ^ (h >>> 15);
}

function termParts(term: string): Array<{ text: string; prefix: boolean }> {
  const parts: Array<{ text: string; prefix: boolean }> = [];
  for (const piece of term.trim().toLowerCase().split(/\s+/).filter(Boolean)) {
    const isPrefix = piece.endsWith('*');
    const ws = words(isPrefix ? piece.slice(0, -1) : piece);
    ws.forEach((w, i) => {
      const prefix = isPrefix && i === ws.length - 1;
      parts.push({ text: prefix ? w : stem(w), prefix });
    });
  }
  return parts;
}
