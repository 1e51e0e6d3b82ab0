import type { ReaderSite } from '../core/sites/readers';
import { claimFrame } from './gate';
import { mayBePlanText } from './plan-hint';
import type { DomAdapter } from './run-page';
import { watchText } from './text-watch';

/** Quiet time after the last change in the page (or editor) before it is looked at again. */
const DEBOUNCE_MS = 1500;
/** While a known page has not rendered its text yet, look again this often, this long. */
const WAIT_STEP_MS = 250;
const WAIT_LIMIT_MS = 30_000;
/** Where the browser has no Navigation API: how often a single-page app's address is compared. */
const ADDRESS_POLL_MS = 1000;

/**
 * The gate of a site whose text is in the DOM (LMS pages and their editors). It looks at the
 * page's text with one DOM call and a few substring tests (content/plan-hint.ts), then either
 * hands over to the site's reader (content/run-page.ts, injected by the background) or keeps
 * watching: an edit or a single-page navigation gets another look. Like the reader, it waits
 * for a page that has not rendered its text yet, and does not take the previous item's text
 * for the new one's after a navigation.
 */
export function runDomGate(
  site: ReaderSite,
  adapter: DomAdapter,
  /** The site changes its address without loading pages (Classroom). */
  singlePage = false,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waitingSince: number | null = null;
  /** After a single-page navigation: the previous item's text, until the new item's replaces it. */
  let previousText: string | null = null;
  let lastText: string | null = null;
  /** Single-page sites: the address last looked at. */
  let seenUrl = '';
  let stopAddressWatch = (): void => undefined;

  // While waiting for the text to render, the next look is already set (WAIT_STEP_MS).
  const textWatch = watchText(
    () => {
      if (waitingSince === null) lookIn(DEBOUNCE_MS);
    },
    () => lookIn(0),
  );
  const gate = claimFrame(site, () => {
    clearTimeout(timer);
    textWatch.stop();
    stopAddressWatch();
  });

  const lookIn = (ms: number): void => {
    clearTimeout(timer);
    timer = setTimeout(look, ms);
  };

  /** Looks again shortly; false once the page has had WAIT_LIMIT_MS to render. */
  const waitForText = (): boolean => {
    const now = performance.now();
    waitingSince ??= now;
    if (now - waitingSince > WAIT_LIMIT_MS) return false;
    lookIn(WAIT_STEP_MS);
    return true;
  };

  function look(): void {
    if (!gate.active) return;
    // detect() tests the address first: another page of the site (Classroom's stream) is no target.
    const target = adapter.detect(location.href, document);
    if (!target) {
      gate.say('declined');
      return;
    }
    if (!target.root) {
      if (!waitForText()) gate.say('declined');
      return;
    }
    textWatch.observe(target.root);
    const text = target.root.textContent ?? '';
    lastText = text;
    const empty = text.trim() === '';
    // Nothing rendered yet, or (single-page navigation) still the previous item's text.
    if ((empty || text === previousText) && waitForText()) return;
    waitingSince = null;
    previousText = null;
    if (mayBePlanText(text)) gate.handOver();
    else gate.say('declined');
  }

  // Single-page sites (Classroom, Brightspace's content tool, district sites) change the address
  // without loading a page: look again.
  const addressChanged = (): void => {
    if (location.href === seenUrl) return;
    seenUrl = location.href;
    previousText = lastText;
    textWatch.stop();
    waitingSince = null;
    gate.say('waiting');
    lookIn(0);
  };
  // Elsewhere a new address is a new page, with a new gate. (`navigation` is not even read then:
  // an interface first used in the isolated world costs the page's thread.)
  if (singlePage) {
    seenUrl = location.href;
    stopAddressWatch = watchAddress(addressChanged);
  }

  look();
}

/** Calls `changed` after each same-document navigation: the Navigation API, else a poll. */
function watchAddress(changed: () => void): () => void {
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation) {
    navigation.addEventListener('navigatesuccess', changed);
    return () => navigation.removeEventListener('navigatesuccess', changed);
  }
  const interval = setInterval(changed, ADDRESS_POLL_MS);
  return () => clearInterval(interval);
}
