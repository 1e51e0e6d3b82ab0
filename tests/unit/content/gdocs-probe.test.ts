// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportAnswer } from '../../../content/adapters/gdocs';
import { exportHtml } from '../../../content/adapters/gdocs';
import { probeGoogleDoc, roughTextOfHtml } from '../../../content/gdocs-probe';
import { mayBePlanText } from '../../../content/plan-hint';
import { readFixture } from '../helpers';

const ok = (html: string): ExportAnswer => ({ status: 200, redirected: false, retryAfter: null, html });
const DOC_URL = 'https://docs.google.com/document/d/1LakeviewPbisPlanXq7Rt2026abcd/edit';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

const setUrl = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

/** Answers every request with `respond`, and records what was asked and how much was read. */
function serveExport(respond: () => Response): { asked: string[]; init: RequestInit[] } {
  const log = { asked: [] as string[], init: [] as RequestInit[] };
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    log.asked.push(String(url));
    log.init.push(init);
    return respond();
  }) as typeof fetch;
  return log;
}

describe('the Google Docs probe’s look at an export', () => {
  it('finds the plan in a real export and nothing in a potluck sign-up', () => {
    const plan = readFixture('gdocs/lakeview-pbis.export.html');
    expect(mayBePlanText(roughTextOfHtml(plan))).toBe(true);
    const potluck =
      '<html><head><style>.c1{color:red} .plan-implementation-stage-coach{}</style></head><body><h1>Staff potluck</h1><p>Bring a dish&nbsp;to share.</p></body></html>';
    expect(roughTextOfHtml(potluck)).not.toMatch(/implementation|<|color/);
    expect(mayBePlanText(roughTextOfHtml(potluck))).toBe(false);
  });

  it('looks from the body: a long style sheet does not hide the document', () => {
    const style = `<style>${'.c1{color:#000000;font-weight:400}'.repeat(12_000)}</style>`;
    const html = `<html><head>${style}</head><body><p>Implementation plan: coaching and fidelity, training.</p></body></html>`;
    expect(html.indexOf('<body')).toBeGreaterThan(300_000);
    expect(mayBePlanText(roughTextOfHtml(html))).toBe(true);
  });

  it('decodes the entities of accented letters (Spanish plans)', () => {
    expect(
      roughTextOfHtml('<body><p>Exploraci&oacute;n, pol&iacute;tica, capacitaci&#243;n &#x2013; ok</p></body>'),
    ).toContain('Exploración, política, capacitación – ok');
  });

  it('keeps words that entities join apart', () => {
    expect(roughTextOfHtml('<p>person&nbsp;responsible</p><p>data&amp;coaching</p>')).toContain('person responsible');
  });
});

describe('the Google Docs probe in a page', () => {
  it('says "read" for a plan, asking the export once, from the page’s origin with the session, and keeps it for the reader', async () => {
    setUrl(DOC_URL);
    const plan = readFixture('gdocs/lakeview-pbis.export.html');
    const log = serveExport(() => new Response(plan, { status: 200 }));
    expect(await probeGoogleDoc()).toEqual({
      verdict: 'read',
      export: { status: 200, redirected: false, retryAfter: null, html: plan },
    });
    expect(log.asked).toEqual(['https://docs.google.com/document/d/1LakeviewPbisPlanXq7Rt2026abcd/export?format=html']);
    expect(log.init[0]).toMatchObject({ credentials: 'include', redirect: 'manual' });
  });

  it('says "skip" for a document that does not talk like a plan', async () => {
    setUrl(DOC_URL);
    serveExport(() => new Response('<html><body><p>Potluck on Friday: bring a dish.</p></body></html>'));
    expect(await probeGoogleDoc()).toEqual({ verdict: 'skip' });
  });

  it('hands every answer that is not a document to the reader, which explains it', async () => {
    setUrl(DOC_URL);
    for (const status of [401, 403, 404]) {
      serveExport(() => new Response('<html><body>Error</body></html>', { status }));
      expect(await probeGoogleDoc()).toEqual({
        verdict: 'read',
        export: { status, redirected: false, retryAfter: null, html: null },
      });
    }
    // Rate-limited: the reader's back-off starts from here, with Google's Retry-After.
    serveExport(() => new Response('', { status: 429, headers: { 'retry-after': '7' } }));
    expect(await probeGoogleDoc()).toEqual({
      verdict: 'read',
      export: { status: 429, redirected: false, retryAfter: '7', html: null },
    });
    // Unreachable: nothing to hand over; the reader tries itself.
    globalThis.fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await probeGoogleDoc()).toEqual({ verdict: 'read' });
  });

  it('hands over no export it did not read whole', async () => {
    setUrl(DOC_URL);
    const plan = readFixture('gdocs/lakeview-pbis.export.html');
    const long = plan.replace('</body>', `${'<p>More of the plan.</p>'.repeat(40_000)}</body>`);
    expect(long.length).toBeGreaterThan(600_000);
    serveExport(() => new Response(long, { status: 200 }));
    expect(await probeGoogleDoc()).toEqual({ verdict: 'read' });
  });

  it('reads only the start of a long export', async () => {
    setUrl(DOC_URL);
    let pulled = 0;
    const chunk = new TextEncoder().encode(`<p>${'potluck dish '.repeat(5000)}</p>`);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const log = serveExport(() => new Response(body, { status: 200 }));
    expect(await probeGoogleDoc()).toEqual({ verdict: 'skip' });
    // An endless export: the probe stopped after about half a megabyte, and aborted the request
    // (a cancelled body alone still lets the browser take in the rest, in the page's thread).
    expect(pulled).toBeLessThan(2 * 1024 * 1024);
    expect(log.init[0]?.signal?.aborted).toBe(true);
  });

  it('leaves the request of an export it read whole alone', async () => {
    setUrl(DOC_URL);
    const log = serveExport(() => new Response(readFixture('gdocs/lakeview-pbis.export.html'), { status: 200 }));
    expect((await probeGoogleDoc()).verdict).toBe('read');
    expect(log.init[0]?.signal?.aborted).toBe(false);
  });

  it('reads no more than its look of a chunk that holds the whole export', async () => {
    setUrl(DOC_URL);
    const huge = new TextEncoder().encode(`<body>${'<p>Potluck dish.</p>'.repeat(200_000)}</body>`);
    serveExport(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(huge);
              controller.close();
            },
          }),
          { status: 200 },
        ),
    );
    const decode = TextDecoder.prototype.decode;
    let decoded = 0;
    TextDecoder.prototype.decode = function (input?: AllowSharedBufferSource, options?: TextDecodeOptions) {
      decoded += input ? input.byteLength : 0;
      return decode.call(this, input, options);
    };
    try {
      expect(await probeGoogleDoc()).toEqual({ verdict: 'skip' });
    } finally {
      TextDecoder.prototype.decode = decode;
    }
    expect(huge.byteLength).toBeGreaterThan(3_000_000);
    expect(decoded).toBe(512 * 1024);
  });

  it('says "none" away from a document', async () => {
    setUrl('https://docs.google.com/spreadsheets/d/abc/edit');
    const log = serveExport(() => new Response(''));
    expect(await probeGoogleDoc()).toEqual({ verdict: 'none' });
    expect(log.asked).toEqual([]);
  });
});

describe('what an export answer means to the reader', () => {
  it('keeps the side panel’s wording for each failure', () => {
    expect(exportHtml(ok('<p>x</p>'))).toBe('<p>x</p>');
    const failure = (answer: Partial<ExportAnswer>) => {
      try {
        exportHtml({ status: 200, redirected: false, retryAfter: null, html: null, ...answer });
      } catch (error) {
        return (error as { reason?: string; retryAfterMs?: number }).reason;
      }
      return 'no failure';
    };
    expect(failure({ redirected: true, status: 0 })).toBe('signed_out');
    expect(failure({ status: 401 })).toBe('signed_out');
    expect(failure({ status: 403 })).toBe('no_access');
    expect(failure({ status: 404 })).toBe('not_found');
    expect(failure({ status: 429, retryAfter: '7' })).toBe('rate_limited');
    expect(failure({ status: 503 })).toBe('network');
    expect(failure({ status: 204 })).toBe('unreadable');
  });
});
