import type { DocSnapshot } from '../core/model';

/**
 * A short hash of what a snapshot says (document, title, block kinds, texts and anchors; not the
 * address, whose fragment moves as the reader scrolls), so a re-read that
 * found nothing new is not sent to the background again. FNV-1a, 32 bits: collisions only cost a
 * skipped update until the next edit.
 */
export function snapshotFingerprint(snapshot: DocSnapshot): string {
  let hash = 0x811c9dc5;
  const add = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= 0x1f;
    hash = Math.imul(hash, 0x01000193);
  };
  add(snapshot.docKey);
  add(snapshot.title);
  for (const block of snapshot.blocks) {
    add(block.kind);
    add(block.text);
    add(block.anchor ?? '');
    add(block.level === undefined ? '' : String(block.level));
  }
  return `${(hash >>> 0).toString(16)}:${snapshot.blocks.length}`;
}
