import type { WordInfo } from './terms';

/**
 * Tokenizes ASCII text and interns its words by their characters: a word seen before is found by
 * hashing the text in place (lowercased on the fly) and comparing characters, without creating a
 * string. Only new words are sliced out. Same words as text.ts `words()` gives for ASCII text:
 * runs of letters and digits, with "'s" dropped and other apostrophes removed.
 */

const INITIAL_CAPACITY = 4096;
/** Beyond this many distinct words the table starts over (bounded memory on hostile input). */
const MAX_WORDS = 200_000;

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** ASCII lowercase for letters; digits already have the 0x20 bit set. */
const fold = (c: number): number => c | 0x20;

export class WordTable {
  private keys = new Array<string | undefined>(INITIAL_CAPACITY);
  private values = new Array<WordInfo | undefined>(INITIAL_CAPACITY);
  private hashes = new Int32Array(INITIAL_CAPACITY);
  private mask = INITIAL_CAPACITY - 1;
  private size = 0;

  clear(): void {
    this.keys = new Array<string | undefined>(INITIAL_CAPACITY);
    this.values = new Array<WordInfo | undefined>(INITIAL_CAPACITY);
    this.hashes = new Int32Array(INITIAL_CAPACITY);
    this.mask = INITIAL_CAPACITY - 1;
    this.size = 0;
  }

  /** Calls `emit` with the info of every word of `text`, in order; `create` makes unseen ones. */
  tokenize(text: string, create: (word: string) => WordInfo, emit: (info: WordInfo) => void): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (!isAlnum(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const start = i;
      let hash = 0;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (!isAlnum(c)) break;
        hash = (Math.imul(hash, 31) + fold(c)) | 0;
        i++;
      }
      // An apostrophe followed by letters belongs to the word ("teacher's", "don't"): rare, so
      // such words take the ordinary path through `words()` rules.
      if (i + 1 < n && text.charCodeAt(i) === 39 && isLetter(text.charCodeAt(i + 1))) {
        i++;
        while (i < n && isLetter(text.charCodeAt(i))) i++;
        emit(create(apostropheWord(text.slice(start, i).toLowerCase())));
        continue;
      }
      emit(this.lookup(text, start, i, hash, create));
    }
  }

  private lookup(text: string, start: number, end: number, hash: number, create: (word: string) => WordInfo): WordInfo {
    let slot = hash & this.mask;
    for (;;) {
      const key = this.keys[slot];
      if (key === undefined) break;
      if (this.hashes[slot] === hash && key.length === end - start && sameFolded(text, start, key)) {
        return this.values[slot] as WordInfo;
      }
      slot = (slot + 1) & this.mask;
    }
    const word = text.slice(start, end).toLowerCase();
    const info = create(word);
    if (this.size >= MAX_WORDS) this.clear();
    this.insert(word, hash, info);
    return info;
  }

  private insert(word: string, hash: number, info: WordInfo): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    let slot = hash & this.mask;
    while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.keys[slot] = word;
    this.hashes[slot] = hash;
    this.values[slot] = info;
    this.size++;
  }

  private grow(): void {
    const { keys, values, hashes } = this;
    const capacity = keys.length * 2;
    this.keys = new Array<string | undefined>(capacity);
    this.values = new Array<WordInfo | undefined>(capacity);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    keys.forEach((key, slot) => {
      if (key !== undefined) this.insert(key, hashes[slot] as number, values[slot] as WordInfo);
    });
  }
}

function sameFolded(text: string, start: number, key: string): boolean {
  for (let k = 0; k < key.length; k++) if (fold(text.charCodeAt(start + k)) !== key.charCodeAt(k)) return false;
  return true;
}

function apostropheWord(word: string): string {
  return word.replace(/'s$/, '').replace(/'/g, '');
}
