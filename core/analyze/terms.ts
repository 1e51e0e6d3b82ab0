import { STOP_WORDS, stem, words } from './text';
import { WordTable } from './word-table';

/**
 * An index of bank terms (words and phrases) that finds every term in a block in one pass over
 * its words. Terms live in a trie keyed by stems (a word written `prefix*` is a prefix edge), so
 * each word costs one cached look-up plus a walk as deep as the longest phrase starting there,
 * whatever the bank's size.
 */

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Edges for words written with a trailing `*`: [prefix, child]. */
  prefixNext: Array<[string, TrieNode]>;
  /** Ids of the terms that end at this node. */
  ends: number[];
}

export interface WordInfo {
  /** The folded word itself. */
  word: string;
  stem: string;
  /** The word's classes from the index's classifier (0 without one). */
  cls: number;
  /** Trie nodes reached from the root by this word (exact stem and matching prefixes). */
  firstNodes: TrieNode[];
}

export interface ScannedTerms {
  /** Number of words in the block; infos[0..wordCount) describe them in order. */
  wordCount: number;
  infos: WordInfo[];
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

const NON_ASCII = /[\u0080-\uffff]/;

/** The folded words of a scan, as strings. */
export function scannedWords(scanned: ScannedTerms): string[] {
  const out = new Array<string>(scanned.wordCount);
  for (let i = 0; i < scanned.wordCount; i++) out[i] = (scanned.infos[i] as WordInfo).word;
  return out;
}

const newNode = (): TrieNode => ({ next: new Map(), prefixNext: [], ends: [] });

export class TermIndex {
  /** @param classify gives each distinct word a class bitmask, cached with its stem. */
  constructor(private readonly classify: (word: string) => number = () => 0) {}

  private readonly byKey = new Map<string, number>();
  private readonly lengths: number[] = [];
  private readonly root = newNode();
  /** Word → stem and first trie steps; words repeat a lot across a document, so this pays. */
  private readonly wordCache = new Map<string, WordInfo>();
  /** Per term id, the scan (epoch) that last found it: de-duplicates without a Set per block. */
  private seen = new Int32Array(0);
  private epoch = 0;
  /** ASCII words interned by their characters, so known words cost no string allocation. */
  private readonly table = new WordTable();
  private readonly scanned: ScannedTerms = {
    wordCount: 0,
    infos: new Array<WordInfo>(256),
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
    let node = this.root;
    for (const part of parts) node = part.prefix ? prefixChild(node, part.text) : exactChild(node, part.text);
    node.ends.push(id);
    this.wordCache.clear();
    this.table.clear();
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
    const out = this.scanned;
    out.count = 0;
    out.wordCount = 0;
    if (NON_ASCII.test(text)) for (const word of words(text)) this.push(this.wordInfo(word));
    else this.table.tokenize(text, this.lookupAscii, this.pushBound);
    const n = out.wordCount;
    this.epoch++;
    if (this.seen.length < this.lengths.length) this.seen = new Int32Array(this.lengths.length * 2);
    for (let i = 0; i < n; i++) {
      for (const node of (out.infos[i] as WordInfo).firstNodes) this.walk(node, i, i + 1);
    }
    return out;
  }

  private push(info: WordInfo): void {
    const out = this.scanned;
    const i = out.wordCount;
    if (i >= out.infos.length) out.infos.length = out.infos.length * 2;
    if (i >= out.classes.length) {
      const classes = new Int32Array(out.classes.length * 2);
      classes.set(out.classes);
      out.classes = classes;
    }
    out.infos[i] = info;
    out.classes[i] = info.cls;
    out.wordCount = i + 1;
  }

  private readonly pushBound = (info: WordInfo): void => this.push(info);
  private readonly lookupAscii = (word: string): WordInfo => this.wordInfo(word);

  private walk(node: TrieNode, start: number, at: number): void {
    for (const id of node.ends) {
      if (this.seen[id] === this.epoch) continue;
      this.seen[id] = this.epoch;
      this.record(id, start);
    }
    const out = this.scanned;
    if (at >= out.wordCount || (node.next.size === 0 && node.prefixNext.length === 0)) return;
    const info = out.infos[at] as WordInfo;
    const exact = node.next.get(info.stem);
    if (exact) this.walk(exact, start, at + 1);
    for (const [prefix, child] of node.prefixNext) {
      if (info.word.startsWith(prefix)) this.walk(child, start, at + 1);
    }
  }

  private record(id: number, position: number): void {
    const out = this.scanned;
    if (out.count === out.ids.length) {
      const ids = new Int32Array(out.ids.length * 2);
      const positions = new Int32Array(out.ids.length * 2);
      ids.set(out.ids);
      positions.set(out.positions);
      out.ids = ids;
      out.positions = positions;
    }
    out.ids[out.count] = id;
    out.positions[out.count] = position;
    out.count++;
  }

  private wordInfo(word: string): WordInfo {
    let info = this.wordCache.get(word);
    if (info) return info;
    const s = stem(word);
    info = { word, stem: s, cls: this.classify(word), firstNodes: stepsFrom(this.root, word, s) };
    // Bounded: a hostile or huge document cannot grow the cache without limit.
    if (this.wordCache.size > 200_000) this.wordCache.clear();
    this.wordCache.set(word, info);
    return info;
  }
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

function exactChild(node: TrieNode, stemText: string): TrieNode {
  let child = node.next.get(stemText);
  if (!child) {
    child = newNode();
    node.next.set(stemText, child);
  }
  return child;
}

function prefixChild(node: TrieNode, prefix: string): TrieNode {
  const existing = node.prefixNext.find(([p]) => p === prefix);
  if (existing) return existing[1];
  const child = newNode();
  node.prefixNext.push([prefix, child]);
  return child;
}

/** Children of `node` that a word leads to: its stem's edge and every prefix edge it starts with. */
function stepsFrom(node: TrieNode, word: string, wordStem: string): TrieNode[] {
  const steps: TrieNode[] = [];
  const exact = node.next.get(wordStem);
  if (exact) steps.push(exact);
  for (const [prefix, child] of node.prefixNext) if (word.startsWith(prefix)) steps.push(child);
  return steps;
}
