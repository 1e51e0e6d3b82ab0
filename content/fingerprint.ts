import { FNV_OFFSET, fnv1a } from '../core/hash';
import type { DocSnapshot } from '../core/model';
import { runAtOnce } from './slices';

/**
 * A short hash of what a snapshot says (document, title, block kinds, texts and anchors; not the
 * address, whose fragment moves as the reader scrolls), so a re-read that
 * found nothing new is not sent to the background again. FNV-1a, 32 bits: collisions only cost a
 * skipped update until the next edit.
 */
export function snapshotFingerprint(snapshot: DocSnapshot): string {
  return runAtOnce(snapshotFingerprintSteps(snapshot));
}

/** Blocks hashed between two pauses of snapshotFingerprintSteps. */
const BLOCKS_PER_STEP = 500;

/** The same hash in steps (a generator that pauses every few hundred blocks), for runInSlices. */
export function* snapshotFingerprintSteps(snapshot: DocSnapshot): Generator<void, string, void> {
  let hash = FNV_OFFSET;
  const add = (text: string): void => {
    hash = fnv1a(hash, text);
    hash ^= 0x1f;
    hash = Math.imul(hash, 0x01000193);
  };
  add(snapshot.docKey);
  add(snapshot.title);
  let count = 0;
  for (const block of snapshot.blocks) {
    if (++count % BLOCKS_PER_STEP === 0) yield;
    add(block.kind);
    add(block.text);
    add(block.anchor ?? '');
    add(block.level === undefined ? '' : String(block.level));
  }
  return `${(hash >>> 0).toString(16)}:${snapshot.blocks.length}`;
}
