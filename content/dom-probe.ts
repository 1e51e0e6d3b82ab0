import { type ProbeAnswer, textFingerprint } from '../core/sites/readers';
import { mayBePlanText, PLAN_HINT_CHARS } from './plan-hint';
import type { DomAdapter } from './run-page';
import { textStart } from './text-start';

/** While a known page has not rendered its text yet, look again this often, this long. */
const WAIT_STEP_MS = 250;
const WAIT_LIMIT_MS = 10_000;

export interface DomProbeOptions {
  /** Single-page sites: also say which text was seen (core/sites/readers.ts ProbeAnswer). */
  fingerprint?: boolean;
  waitStepMs?: number;
  waitLimitMs?: number;
}

/**
 * The probe of a site whose text is in the DOM (LMS pages and their editors). The background
 * runs it in the page's own world (core/sites/readers.ts says why): it finds the document's text
 * the way the site's reader will, with one DOM call, applies the plan-words test, and answers.
 * It waits a while for a page that has not rendered its text yet; it keeps nothing and watches
 * nothing afterwards.
 */
export async function probeDomPage(adapter: DomAdapter, options: DomProbeOptions = {}): Promise<ProbeAnswer> {
  const step = options.waitStepMs ?? WAIT_STEP_MS;
  const limit = options.waitLimitMs ?? WAIT_LIMIT_MS;
  const start = performance.now();
  for (;;) {
    // detect() tests the address first: another page of the site (Classroom's stream) is no target.
    const target = adapter.detect(location.href, document);
    if (!target) return { verdict: 'none' };
    const text = target.root ? textStart(target.root, PLAN_HINT_CHARS) : '';
    if (text.trim() !== '') {
      const verdict = mayBePlanText(text) ? 'read' : 'skip';
      return options.fingerprint ? { verdict, fingerprint: textFingerprint(text) } : { verdict };
    }
    if (performance.now() - start >= limit) return { verdict: 'none' };
    await new Promise((resolve) => setTimeout(resolve, step));
  }
}
