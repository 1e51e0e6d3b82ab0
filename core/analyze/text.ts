/**
 * Words → stems. Plans and bank terms go through the same functions, so matching is symmetric:
 * "coaches", "coaching" and "coached" all meet "coach". Deliberately light (no dictionary):
 * predictable for bank authors, fast enough to run on every keystroke-settled edit.
 */

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const ASCII_WORD_RE = /[a-z0-9]+(?:'[a-z]+)?/g;
const NON_ASCII = /[\u0080-\uffff]/;

/** Lowercase, strip accents, split into words. */
export function words(text: string): string[] {
  // Most plan text is plain ASCII: skip accent folding and the Unicode-aware pattern for it.
  const ascii = !NON_ASCII.test(text);
  const folded = ascii
    ? text.toLowerCase()
    : text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
  const found = folded.match(ascii ? ASCII_WORD_RE : WORD_RE) ?? [];
  for (let i = 0; i < found.length; i++) {
    const w = found[i] as string;
    if (w.includes("'") || w.includes('’')) found[i] = w.replace(/['’]s$/, '').replace(/['’]/g, '');
  }
  return found;
}

export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /^\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|ff|zz)$/.test(w) ? w.slice(0, -1) : w;
}

export function stems(text: string): string[] {
  return words(text).map(stem);
}

/** Words too common in any English text to count as evidence of anything. */
export const STOP_WORDS = new Set(
  'a an and are as at be been but by can could did do does for from had has have how i if in into is it its may might must no not of on or our shall should so than that the their them then there these they this those to was we were what when where which while who whom why will with would you your'.split(
    ' ',
  ),
);
