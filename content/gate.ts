import type { Request } from '../core/protocol';
import type { ReaderSite } from '../core/sites/readers';

/**
 * What every gate shares (see core/sites/readers.ts for why there are gates): its verdict, left
 * where the background can read it, the hand-over to the reader, and ownership of the frame's
 * isolated world, so that an orphaned gate (the extension was updated or reloaded, and the new
 * gate injected beside it) stops at its next event.
 *
 * Nothing here touches an extension API until the gate hands over: the first use of
 * `chrome.runtime` in a page costs about a millisecond of its main thread.
 */

/** The page does not talk like a plan (yet), the gate is still looking, or the reader runs. */
export type GateVerdict = 'declined' | 'waiting' | 'handed-over';

/** Where a gate leaves its verdict in its isolated world (never visible to the page's scripts). */
export const GATE_VERDICT_KEY = '__planlensGateVerdict';
const GATE_OWNER_KEY = '__planlensGateOwner';

type GateGlobals = Record<typeof GATE_VERDICT_KEY | typeof GATE_OWNER_KEY, unknown>;
const globals = globalThis as unknown as GateGlobals;

/** The background's question (scripting.executeScript runs it in the gate's world). */
export function readGateVerdict(): GateVerdict | null {
  const verdict = (globalThis as unknown as GateGlobals)[GATE_VERDICT_KEY];
  return verdict === 'declined' || verdict === 'waiting' || verdict === 'handed-over' ? verdict : null;
}

export interface Gate {
  /** False once a newer gate took over this frame, or this one handed over. */
  readonly active: boolean;
  say(verdict: GateVerdict): void;
  /** Asks the background to start the site's reader in this frame; the gate is done after it. */
  handOver(): void;
}

/** Makes this script the frame's gate for `site` (a newer gate later replaces it). */
export function claimFrame(site: ReaderSite, onStop: () => void): Gate {
  const token = {};
  globals[GATE_OWNER_KEY] = token;
  let handedOver = false;
  const gate: Gate = {
    get active() {
      if (handedOver) return false;
      if (globals[GATE_OWNER_KEY] === token) return true;
      onStop();
      return false;
    },
    say(verdict) {
      if (globals[GATE_OWNER_KEY] === token) globals[GATE_VERDICT_KEY] = verdict;
    },
    handOver() {
      if (!gate.active) return;
      handedOver = true;
      globals[GATE_VERDICT_KEY] = 'handed-over';
      onStop();
      startReader(site);
    },
  };
  gate.say('waiting');
  return gate;
}

interface RuntimeLike {
  runtime?: { id?: string; sendMessage(message: unknown): Promise<unknown> };
}

/** The browser's extension API, looked up only now (Chrome: chrome; Firefox: browser or chrome). */
function extensionApi(): RuntimeLike | undefined {
  const scope = globalThis as unknown as { browser?: RuntimeLike; chrome?: RuntimeLike };
  return scope.browser?.runtime?.id ? scope.browser : scope.chrome;
}

function startReader(site: ReaderSite): void {
  const runtime = extensionApi()?.runtime;
  // Extension reloaded or removed: this gate is orphaned, and a new one runs after reinjection.
  if (!runtime?.id) return;
  const request: Request<'startReader'> = { type: 'startReader', site };
  runtime.sendMessage(request).catch((error: unknown) => {
    console.warn('PlanLens:', error instanceof Error ? error.message : error);
  });
}
