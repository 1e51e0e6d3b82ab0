import { browser } from 'wxt/browser';
import type { SiteScripts } from '../core/sites/readers';

/**
 * The browser side of gates and readers (core/sites/readers.ts): starting a reader where a gate
 * asked, and asking a gate what it decided.
 */

/** Runs a reader's file in the gate's document (by documentId where the browser says it, so a page that loaded meanwhile is left alone). */
export async function injectReader(
  target: { tabId: number; frameId: number; documentId?: string | undefined },
  file: SiteScripts['reader'],
): Promise<void> {
  const where = target.documentId
    ? { tabId: target.tabId, documentIds: [target.documentId] }
    : { tabId: target.tabId, frameIds: [target.frameId] };
  await browser.scripting.executeScript({ target: where, files: [file] });
}

/**
 * Runs in the page's isolated world, sent there as source text: it may use nothing from this
 * module, so it names the key itself (content/gate.ts GATE_VERDICT_KEY; a unit test ties them).
 */
export function verdictInPage(): string | null {
  const verdict = (globalThis as Record<string, unknown>).__planlensGateVerdict;
  return typeof verdict === 'string' ? verdict : null;
}

/**
 * What the gate in a tab's top frame decided, read from its isolated world: 'declined' (not a
 * plan), 'waiting', 'handed-over' (its reader is starting), or null when no gate runs there.
 */
export async function gateVerdict(tabId: number): Promise<string | null> {
  try {
    const [frame] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: verdictInPage });
    return typeof frame?.result === 'string' ? frame.result : null;
  } catch {
    // No access to the tab (another site, an error page): no gate there.
    return null;
  }
}
