import { describe, expect, it } from 'vitest';
import type { ExportAnswer } from '../../../content/adapters/gdocs';
import { exportHtml, readGoogleDoc } from '../../../content/adapters/gdocs';
import { roughTextOfHtml } from '../../../content/gdocs-gate';
import { leaveForReader, takeFromGate } from '../../../content/handoff';
import { mayBePlanText } from '../../../content/plan-hint';
import { googleDocKey } from '../../../core/sites/gdocs';
import { readFixture } from '../helpers';

const ok = (html: string): ExportAnswer => ({ status: 200, redirected: false, retryAfter: null, html });

describe('the Google Docs gate’s look at an export', () => {
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

describe('the export answer handed from gate to reader', () => {
  it('is what the reader reads: Google Docs is not asked a second time', async () => {
    const plan = readFixture('gdocs/lakeview-pbis.export.html');
    const ref = { documentId: '1LakeviewPbisPlanXq7Rt2026abcd', tabId: null };
    const fetches: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string) => {
      fetches.push(String(url));
      throw new Error('offline');
    }) as typeof fetch;
    try {
      leaveForReader(googleDocKey(ref), ok(plan), Date.now());
      const page = {
        url: 'https://docs.google.com/document/d/x/edit',
        title: 'Plan',
        origin: 'https://docs.google.com',
      };
      const snapshot = await readGoogleDoc(ref, page, new AbortController().signal);
      expect(snapshot.blocks.length).toBeGreaterThan(20);
      expect(fetches).toEqual([]);
      // Taken: the next read asks Google Docs (here: offline).
      await expect(readGoogleDoc(ref, page, new AbortController().signal)).rejects.toMatchObject({ reason: 'network' });
      expect(fetches).toHaveLength(1);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('is taken once, for the same document, while fresh', () => {
    leaveForReader('gdocs:a', ok('<p>x</p>'), 1000);
    expect(takeFromGate('gdocs:b', 1000)).toBeNull();
    // Taken (and gone) even when it was another document's: the reader asks Google Docs itself.
    expect(takeFromGate('gdocs:a', 1000)).toBeNull();
    leaveForReader('gdocs:a', ok('<p>x</p>'), 1000);
    expect(takeFromGate('gdocs:a', 1500)?.html).toBe('<p>x</p>');
    expect(takeFromGate('gdocs:a', 1500)).toBeNull();
    leaveForReader('gdocs:a', ok('<p>x</p>'), 1000);
    expect(takeFromGate('gdocs:a', 12_000)).toBeNull();
  });

  it('means what a fetched answer means: failures keep their side-panel wording', () => {
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
