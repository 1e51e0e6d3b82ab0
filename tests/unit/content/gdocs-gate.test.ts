import { describe, expect, it } from 'vitest';
import type { ExportAnswer } from '../../../content/adapters/gdocs';
import { exportHtml } from '../../../content/adapters/gdocs';
import { roughTextOfHtml } from '../../../content/gdocs-gate';
import { leaveForReader, takeFromGate } from '../../../content/handoff';
import { mayBePlanText } from '../../../content/plan-hint';
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

  it('keeps words that entities join apart', () => {
    expect(roughTextOfHtml('<p>person&nbsp;responsible</p><p>data&amp;coaching</p>')).toContain('person responsible');
  });
});

describe('the export answer handed from gate to reader', () => {
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
