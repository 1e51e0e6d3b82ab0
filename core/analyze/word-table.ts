/**
 * Tokenizes ASCII text and interns its words by their characters: a word seen before is found by
 * hashing the text in place (lowercased on the fly) and comparing characters, without creating a
 * string, and read out as the integer id its owner gave it. Only new words are sliced out. Same
 * words as text.ts `words()` gives for ASCII text: runs of letters and digits, with "'s" dropped
 * and other apostrophes removed.
 */

const INITIAL_CAPACITY = 4096;

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/**
 * Per ASCII code: the folded character of a letter or digit (lowercase; digits already have the
 * 0x20 bit set), 0 for anything else. One look-up tests and folds a character.
 */
const FOLDED = new Uint8Array(128);
for (let c = 48; c <= 57; c++) FOLDED[c] = c;
for (let c = 65; c <= 90; c++) FOLDED[c] = c | 0x20;
for (let c = 97; c <= 122; c++) FOLDED[c] = c;

/** Slot layout in `slots`: [hash, word length (0: empty), start of its characters in `chars`, id]. */
const SLOT = 4;

export class WordTable {
  /**
   * Open addressing in one integer array, the words' characters in another: a probe reads one
   * cache line and compares characters from a contiguous pool, never a string object.
   */
  private slots = new Int32Array(INITIAL_CAPACITY * SLOT);
  private chars = new Uint8Array(INITIAL_CAPACITY * 8);
  private charsUsed = 0;
  private mask = INITIAL_CAPACITY - 1;
  /** Number of words interned. */
  size = 0;
  /** Word ids of the last tokenized text (valid up to the count tokenize returned). */
  out = new Int32Array(256);

  clear(): void {
    if (this.size === 0) return;
    this.slots = new Int32Array(INITIAL_CAPACITY * SLOT);
    this.chars = new Uint8Array(INITIAL_CAPACITY * 8);
    this.charsUsed = 0;
    this.mask = INITIAL_CAPACITY - 1;
    this.size = 0;
  }

  /**
   * Writes the id of every word of `text` to `out`, in order, and returns how many; `create`
   * gives unseen words their id. Returns -1, having read only part of the text, when it is not
   * all ASCII.
   */
  tokenize(text: string, create: (word: string) => number): number {
    const n = text.length;
    let out = this.out;
    let count = 0;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c > 127) return -1;
      if (FOLDED[c] === 0) {
        i++;
        continue;
      }
      const start = i;
      let hash = 0;
      while (i < n) {
        const c = text.charCodeAt(i);
        const folded = c < 128 ? (FOLDED[c] as number) : 0;
        if (folded === 0) break;
        hash = (Math.imul(hash, 31) + folded) | 0;
        i++;
      }
      let id: number;
      // An apostrophe followed by letters belongs to the word ("teacher's", "don't"): rare, so
      // such words take the ordinary path through `words()` rules.
      if (i + 1 < n && text.charCodeAt(i) === 39 && isLetter(text.charCodeAt(i + 1))) {
        i++;
        while (i < n && isLetter(text.charCodeAt(i))) i++;
        id = create(apostropheWord(text.slice(start, i).toLowerCase()));
      } else id = this.lookup(text, start, i, hash, create);
      if (count === out.length) out = this.growOut();
      out[count++] = id;
    }
    return count;
  }

  private growOut(): Int32Array<ArrayBuffer> {
    const out = new Int32Array(this.out.length * 2);
    out.set(this.out);
    this.out = out;
    return out;
  }

  private lookup(text: string, start: number, end: number, hash: number, create: (word: string) => number): number {
    const length = end - start;
    const { slots, chars, mask } = this;
    let slot = hash & mask;
    for (;;) {
      const at = slot * SLOT;
      const known = slots[at + 1] as number;
      if (known === 0) break;
      if (slots[at] === hash && known === length) {
        let p = slots[at + 2] as number;
        let k = start;
        while (k < end && chars[p] === (text.charCodeAt(k) | 0x20)) {
          p++;
          k++;
        }
        if (k === end) return slots[at + 3] as number;
      }
      slot = (slot + 1) & mask;
    }
    const id = create(text.slice(start, end).toLowerCase());
    this.insert(text, start, end, hash, id);
    return id;
  }

  private insert(text: string, start: number, end: number, hash: number, id: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const length = end - start;
    if (this.charsUsed + length > this.chars.length) {
      const chars = new Uint8Array(Math.max(this.chars.length * 2, this.charsUsed + length));
      chars.set(this.chars);
      this.chars = chars;
    }
    const from = this.charsUsed;
    for (let k = start; k < end; k++) this.chars[this.charsUsed++] = text.charCodeAt(k) | 0x20;
    this.place(hash, length, from, id);
    this.size++;
  }

  private place(hash: number, length: number, from: number, id: number): void {
    let slot = hash & this.mask;
    while (this.slots[slot * SLOT + 1] !== 0) slot = (slot + 1) & this.mask;
    const at = slot * SLOT;
    this.slots[at] = hash;
    this.slots[at + 1] = length;
    this.slots[at + 2] = from;
    this.slots[at + 3] = id;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Int32Array(capacity * SLOT);
    this.mask = capacity - 1;
    for (let at = 0; at < old.length; at += SLOT) {
      if (old[at + 1] !== 0)
        this.place(old[at] as number, old[at + 1] as number, old[at + 2] as number, old[at + 3] as number);
    }
  }
}

function apostropheWord(word: string): string {
  return word.replace(/'s$/, '').replace(/'/g, '');
}
