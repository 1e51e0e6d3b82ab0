/** FNV-1a, 32 bits: a short hash where collisions only cost a missed update (pure, no globals). */
export const FNV_OFFSET = 0x811c9dc5;

/** The hash `hash` continued over `text`'s UTF-16 code units. */
export function fnv1a(hash: number, text: string): number {
  let next = hash;
  for (let i = 0; i < text.length; i++) {
    next ^= text.charCodeAt(i);
    next = Math.imul(next, 0x01000193);
  }
  return next;
}
