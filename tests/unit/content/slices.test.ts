// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { domToBlockSteps, domToBlocks } from '../../../content/dom-blocks';
import { snapshotFingerprint, snapshotFingerprintSteps } from '../../../content/fingerprint';
import { runInSlices } from '../../../content/slices';
import { MAX_DOCUMENT_CHARS, tooLarge } from '../../../content/too-large';
import { htmlToBlockSteps, htmlToBlocks } from '../../../core/extract/html';
import type { Block } from '../../../core/model';

const html = Array.from({ length: 6000 }, (_, i) => `<h2>Part ${i}</h2><p>Coaches meet <b>weekly</b> (${i}).</p>`).join(
  '',
);

describe('work in time slices', () => {
  it('reads HTML, walks the DOM and hashes in slices to the same result as at once, pausing in between', async () => {
    let pauses = 0;
    const counted = <T>(steps: Generator<void, T, void>) =>
      (function* () {
        for (let step = steps.next(); ; step = steps.next()) {
          if (step.done) return step.value;
          pauses++;
          yield;
        }
      })();
    const blocks = await runInSlices(counted(htmlToBlockSteps(html)), undefined, 0);
    expect(blocks).toEqual(htmlToBlocks(html));
    expect(pauses).toBeGreaterThan(5);

    const root = document.createElement('div');
    root.innerHTML = html;
    const walked = await runInSlices(domToBlockSteps(root), undefined, 0);
    expect(walked.blocks).toEqual(domToBlocks(root).blocks);

    const snapshot = { docKey: 'gdocs:x', site: 'gdocs' as const, url: 'u', title: 't', blocks };
    expect(await runInSlices(snapshotFingerprintSteps(snapshot), undefined, 0)).toBe(snapshotFingerprint(snapshot));
  });

  it('stops when the content script is invalidated', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runInSlices(htmlToBlockSteps(html), controller.signal, 0)).rejects.toThrow();
  });

  it('calls a document too large above 1.5 million characters of text', () => {
    const block = (chars: number): Block => ({ id: 'b', kind: 'paragraph', text: 'x'.repeat(chars) });
    expect(tooLarge([block(MAX_DOCUMENT_CHARS)])).toBe(false);
    expect(tooLarge([block(MAX_DOCUMENT_CHARS - 10), block(11)])).toBe(true);
  });
});
