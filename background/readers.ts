import { browser } from 'wxt/browser';
import type { WhichDocumentCommand } from '../core/content-protocol';
import type { SiteScripts } from '../core/sites/readers';
import type { ProbeApi } from './probes';

/**
 * The browser side of probes, gates and readers (core/sites/readers.ts): running a probe,
 * starting a reader, and asking a district site's gate what it decided.
 */

/** Runs a reader's file in a frame (by documentId where the browser says it, so a page that loaded meanwhile is left alone). */
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
 * Asks a tab's reader (in `frameId`, or any frame) which document it shows: its answer, or null
 * when no reader answers there.
 */
export async function whichDocument(tabId: number, frameId?: number): Promise<{ docKey: unknown } | null> {
  const command: WhichDocumentCommand = { type: 'planlens:whichDocument' };
  try {
    const reply = (await browser.tabs.sendMessage(tabId, command, frameId === undefined ? undefined : { frameId })) as
      | object
      | undefined;
    return typeof reply === 'object' && reply !== null && 'docKey' in reply ? (reply as { docKey: unknown }) : null;
  } catch {
    return null;
  }
}

/** The browser's scripting and tabs APIs, as background/probes.ts uses them (the router's judgement apart). */
export function browserProbes(): Omit<ProbeApi, 'readerWanted'> {
  return {
    runProbe: async (tabId, file) => {
      // The page's own world: no isolated world is built for a page that is not a plan.
      const [frame] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        world: 'MAIN',
        // Paths of unlisted scripts, which WXT's typed list of files names only as literals.
        files: [file as never],
      });
      if (!frame) return null;
      return { value: frame.result, documentId: (frame as { documentId?: string }).documentId };
    },
    readerRuns: async (tabId) => (await whichDocument(tabId, 0)) !== null,
    injectReader,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
  };
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
 * What the gate in a tab's top frame (a district site) decided, read from its isolated world:
 * 'declined' (not a plan), 'waiting', 'handed-over' (its reader is starting), or null when no
 * gate runs there.
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
