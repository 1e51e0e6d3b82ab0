import { describe, expect, it } from 'vitest';
import { fetchGoogleDocExport } from '../../../content/adapters/gdocs';
import { TOO_LARGE_MESSAGE } from '../../../content/too-large';

/**
 * The reader's request for a Google Docs export, over a streamed body (content/adapters/gdocs.ts):
 * decoded piece by piece, the same text as at once, and refused as soon as it is surely too large.
 */

const REF = { documentId: '1LakeviewPbisPlanXq7Rt2026abcd', tabId: null };
const ORIGIN = 'https://docs.google.com';

/** A body delivered in chunks of `chunkBytes`, as a byte stream (readable with a caller's buffer) or not. */
function streamed(
  bytes: Uint8Array,
  chunkBytes: number,
  byteStream: boolean,
): { body: ReadableStream; pulled: () => number } {
  let at = 0;
  const pull = (controller: ReadableStreamDefaultController<Uint8Array> | ReadableByteStreamController) => {
    if (at >= bytes.byteLength) {
      controller.close();
      // A byte stream closed under a reader's pending buffer hands it back empty (as the spec asks).
      if ('byobRequest' in controller) controller.byobRequest?.respond(0);
      return;
    }
    controller.enqueue(bytes.slice(at, at + chunkBytes));
    at += chunkBytes;
  };
  const body = byteStream ? new ReadableStream({ type: 'bytes', pull }) : new ReadableStream<Uint8Array>({ pull });
  return { body, pulled: () => at };
}

async function withFetch<T>(respond: () => Response, run: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async () => respond()) as typeof fetch;
  try {
    return await run();
  } finally {
    globalThis.fetch = realFetch;
  }
}

describe('reading a large export', () => {
  // 2 MB of markup around little text, with accented letters split across every boundary.
  const html = `<html><body>${'<p class="c1"><span class="c0">Implementación é</span></p>'.repeat(40_000)}</body></html>`;
  const bytes = new TextEncoder().encode(html);

  it.each([
    ['megabyte chunks, a byte stream', 1_000_003, true],
    ['megabyte chunks, a plain stream', 1_000_003, false],
    ['small chunks', 4099, true],
  ])('decodes %s to the same text as at once', async (_name, chunk, byteStream) => {
    expect(bytes.byteLength).toBeGreaterThan(2_000_000);
    const answer = await withFetch(
      () => new Response(streamed(bytes, chunk, byteStream).body, { status: 200 }),
      () => fetchGoogleDocExport(REF, ORIGIN),
    );
    expect(answer.html).toBe(html);
  });

  it('refuses an export with surely too much text as soon as it knows, without reading the rest', async () => {
    const text = `<html><body>${'<p>Coaching plan for every school, stage by stage.</p>'.repeat(200_000)}</body></html>`;
    const encoded = new TextEncoder().encode(text);
    const source = streamed(encoded, 65_536, true);
    const read = withFetch(
      () => new Response(source.body, { status: 200 }),
      () => fetchGoogleDocExport(REF, ORIGIN),
    );
    await expect(read).rejects.toMatchObject({ reason: 'too_large', message: TOO_LARGE_MESSAGE });
    // 1.5 million characters of text were enough: far from all of the 10 MB.
    expect(encoded.byteLength).toBeGreaterThan(10_000_000);
    expect(source.pulled()).toBeLessThan(3_000_000);
  });
});
