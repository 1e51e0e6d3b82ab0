import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { DocSnapshot, SiteId } from '../core/model';
import { send } from '../lib/messaging';
import { listenForCommands } from './commands';
import { domToBlockSteps } from './dom-blocks';
import { snapshotFingerprintSteps } from './fingerprint';
import { clearPassage, showPassage } from './highlight';
import { mayBePlanText, PLAN_HINT_CHARS } from './plan-hint';
import { contextTimers, createRefresher } from './refresh';
import { runInSlices } from './slices';
import { textStart } from './text-start';
import { watchText } from './text-watch';
import { TOO_LARGE_MESSAGE, tooLarge } from './too-large';

/** The document a page shows, found from its address and its DOM. */
export interface PageTarget {
  docKey: string;
  site: SiteId;
  /**
   * Adapters compute it when it is read (a getter): the probe and the gate, which run on pages
   * that may not be plans, read it only where the page has a plan's words.
   */
  readonly title: string;
  /** The element holding the text (a rendered body, or an editor's body); null until it renders. */
  root: Element | null;
}

/** One site family (Canvas, Moodle, …): which pages it knows and where their text lives. */
export interface DomAdapter {
  site: SiteId;
  /** Cheap test on the address alone: pages that fail it cost one regular expression. */
  matchesUrl(url: string): boolean;
  /** The document shown (address + DOM signature), or null when this page is not one. */
  detect(url: string, doc: Document): PageTarget | null;
}

/** Quiet time after the last change in the page (or editor) before reading it again. */
export const PAGE_DEBOUNCE_MS = 1500;
const MIN_INTERVAL_MS = 2000;
/** While a known page has not rendered its text yet, look again this often, this long. */
const WAIT_STEP_MS = 250;
const WAIT_LIMIT_MS = 30_000;

/**
 * Reads a page whose text is in the DOM (LMS pages and their editors), hands it to the
 * background, and reads it again after edits (a MutationObserver on the text's element,
 * debounced). Single-page navigation (`wxt:locationchange`) starts over. Every observer, timer
 * and listener belongs to the context and dies with it.
 */
export function runDomPage(ctx: ContentScriptContext, adapter: DomAdapter): void {
  let current: { docKey: string; elements: Map<string, Element>; root: Element } | null = null;
  let lastSent: string | null = null;
  let waitingSince: number | null = null;
  /** What the page showed last, so a navigation is not read before the new item has rendered. */
  let previousText: string | null = null;

  const textWatch = watchText(
    () => refresher.changed(),
    () => refresher.readNow(),
    (frame, onLoad) => ctx.addEventListener(frame, 'load', onLoad),
  );
  ctx.onInvalidated(() => {
    textWatch.stop();
    clearPassage(document);
    if (current) clearPassage(current.root.ownerDocument);
  });

  /** Looks again shortly; false once the page has had WAIT_LIMIT_MS to render. */
  const waitForText = (): boolean => {
    const now = performance.now();
    waitingSince ??= now;
    if (now - waitingSince > WAIT_LIMIT_MS) return false;
    ctx.setTimeout(() => refresher.readNow(), WAIT_STEP_MS);
    return true;
  };

  const read = async (): Promise<void> => {
    const target = adapter.detect(location.href, document);
    if (!target) {
      current = null;
      return;
    }
    if (!target.root) {
      waitForText();
      return;
    }
    textWatch.observe(target.root);
    // First the start of the raw text: most pages end here, before any block is built.
    const raw = textStart(target.root, PLAN_HINT_CHARS);
    const empty = raw.trim() === '';
    // Nothing rendered yet, or (single-page navigation) still the previous item's text.
    // Compared as strings (a native comparison): hashing in script would cost more.
    const text = raw;
    if (empty && waitForText()) return;
    if (target.docKey !== current?.docKey && text === previousText && waitForText()) return;
    if (empty) return;
    waitingSince = null;
    previousText = text;
    if (!mayBePlanText(raw)) {
      // Plainly not a plan: its text stays in the page, and the panel treats it as no document.
      current = null;
      return;
    }
    // In time slices, so a page of 20,000 paragraphs is read without blocking it (content/slices.ts).
    const { blocks, elements } = await runInSlices(domToBlockSteps(target.root), ctx.signal);
    if (ctx.isInvalid) return;
    if (current && current.docKey !== target.docKey) lastSent = null;
    current = { docKey: target.docKey, elements, root: target.root };
    if (tooLarge(blocks)) {
      // Said once per document (the panel shows it), not again after every edit.
      if (lastSent === `too-large:${target.docKey}`) return;
      await send({
        type: 'readFailed',
        docKey: target.docKey,
        site: target.site,
        url: location.href.slice(0, 4000),
        title: target.title.slice(0, 500) || 'Untitled page',
        reason: 'too_large',
        message: TOO_LARGE_MESSAGE,
      });
      lastSent = `too-large:${target.docKey}`;
      return;
    }
    const snapshot: DocSnapshot = {
      docKey: target.docKey,
      site: target.site,
      url: location.href,
      title: target.title.slice(0, 500) || 'Untitled page',
      blocks,
    };
    const fingerprint = await runInSlices(snapshotFingerprintSteps(snapshot), ctx.signal);
    if (fingerprint === lastSent) return;
    await send({ type: 'snapshot', snapshot });
    lastSent = fingerprint;
  };

  const refresher = createRefresher({
    read,
    retryable: () => false,
    onFailure: (error) => {
      lastSent = null;
      // The background refused or is gone (extension reloaded); the next change tries again.
      if (!ctx.isInvalid) console.warn('PlanLens:', error instanceof Error ? error.message : error);
    },
    debounceMs: PAGE_DEBOUNCE_MS,
    busyRecheckMs: PAGE_DEBOUNCE_MS,
    minIntervalMs: MIN_INTERVAL_MS,
    backoff: { baseMs: 2000, capMs: 60_000, maxAttempts: 1 },
    timers: contextTimers(ctx),
    signal: ctx.signal,
  });

  // The panel asks which document this tab shows (none, for a page plainly not a plan).
  const commands = (): void => {
    listenForCommands(ctx, {
      docKey: () => current?.docKey ?? null,
      showPassage: ({ blockId, snippet }) => {
        const element = current?.elements.get(blockId);
        if (!element?.isConnected) return false;
        showPassage(element, snippet);
        return true;
      },
    });
  };

  commands();
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    textWatch.stop();
    waitingSince = null;
    if (current) clearPassage(current.root.ownerDocument);
    current = null;
    refresher.readNow();
  });
  if (adapter.matchesUrl(location.href)) refresher.readNow();
}
