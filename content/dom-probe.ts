import { MAX_PROBED_HTML_CHARS, type ProbeAnswer, type ProbedPage, textFingerprint } from '../core/sites/readers';
import { mayBePlanText, PLAN_HINT_CHARS } from './plan-hint';
import type { DomAdapter, PageTarget } from './run-page';
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
 * the way the site's reader will, applies the plan-words test, and answers; where it says "read"
 * on a page of ordinary size, it sends the page's HTML too, for the background to judge.
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
    if (target.root && text.trim() !== '') {
      const answer: ProbeAnswer = { verdict: mayBePlanText(text) ? 'read' : 'skip' };
      if (options.fingerprint) answer.fingerprint = textFingerprint(text);
      // The whole text was seen (a page of ordinary size): the background judges the page itself.
      if (answer.verdict === 'read' && text.length < PLAN_HINT_CHARS) {
        const page = pageOf(target, target.root);
        if (page) answer.page = page;
      }
      return answer;
    }
    if (performance.now() - start >= limit) return { verdict: 'none' };
    await new Promise((resolve) => setTimeout(resolve, step));
  }
}

/**
 * The document's HTML, for the background to read into blocks (core/extract/html.ts, the same
 * block rules as the reader's walk): one native call, where walking the DOM in the page's cold
 * world cost the page more than the whole probe (issue 5).
 */
function pageOf(target: PageTarget, root: Element): ProbedPage | null {
  const html = root.innerHTML;
  if (html.length > MAX_PROBED_HTML_CHARS) return null;
  return { docKey: target.docKey, title: target.title.slice(0, 500) || 'Untitled page', html };
}
