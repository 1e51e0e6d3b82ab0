import { LIMITS } from '../core/protocol';

/** How long a staged file waits for its preview and apply. */
const STAGED_FOR_MS = 30 * 60_000;
/** Files staged at once (a second panel may be importing too). */
const MAX_STAGED = 2;

interface Staged {
  parts: string[];
  chars: number;
  touchedAt: number;
}

/**
 * Import files too large for one extension message arrive in slices (stageImport); this keeps
 * them, in memory only, until they are previewed and applied. If the background restarts in
 * between, the slices are gone and the user is asked to choose the file again: nothing is
 * half-imported, because nothing is written before apply.
 */
export class ImportStaging {
  private readonly staged = new Map<string, Staged>();

  constructor(private readonly now: () => number) {}

  /** Adds slice `part` (0, 1, 2… in order); returns the characters received so far. */
  add(importId: string, part: number, text: string): number {
    this.expire();
    let entry = this.staged.get(importId);
    if (part === 0) {
      entry = { parts: [], chars: 0, touchedAt: this.now() };
      this.staged.set(importId, entry);
      while (this.staged.size > MAX_STAGED) {
        const oldest = this.staged.keys().next().value;
        if (oldest === undefined) break;
        this.staged.delete(oldest);
      }
    }
    if (!entry || entry.parts.length !== part) {
      this.staged.delete(importId);
      throw new Error('The file did not arrive in one piece, so nothing was imported. Choose the file again.');
    }
    if (entry.chars + text.length > LIMITS.importChars) {
      this.staged.delete(importId);
      throw new Error('The file is too large to import (more than 200 million characters); nothing was imported.');
    }
    entry.parts.push(text);
    entry.chars += text.length;
    entry.touchedAt = this.now();
    return entry.chars;
  }

  /** The whole text of a staged file. */
  text(importId: string): string {
    this.expire();
    const entry = this.staged.get(importId);
    if (!entry) {
      throw new Error(
        'PlanLens no longer has this file (it restarted or too much time passed). Choose the file again.',
      );
    }
    entry.touchedAt = this.now();
    return entry.parts.join('');
  }

  drop(importId: string): void {
    this.staged.delete(importId);
  }

  private expire(): void {
    const now = this.now();
    for (const [id, entry] of this.staged) if (now - entry.touchedAt > STAGED_FOR_MS) this.staged.delete(id);
  }
}
