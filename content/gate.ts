import type { Request } from '../core/protocol';
import type { ReaderSite } from '../core/sites/readers';

/**
 * What the district sites' gate shares with its callers (core/sites/readers.ts): its verdict, left
 * where the background can read it, the hand-over to the reader, and ownership of the frame's
 * isolated world, so that an orphaned gate (the extension was updated or reloaded, and the new
 * gate injected beside it) stops at its next event.
 *
 * Nothing here touches an extension API until the gate hands over: the first use of
 * `chrome.runtime` in a page costs about a millisecond of its main thread.
 */

/** The page does not talk like a plan (yet), the gate is still looking, or the reader runs. */
export type GateVerdict = 'declined' | 'waiting' | 'handed-over';

/**
 * Where a gate leaves its verdict in its isolated world (never visible to the page's scripts).
 * The background reads it with background/readers.ts verdictInPage, which names it itself.
 */
export const GATE_VERDICT_KEY = '__planlensGateVerdict';
const GATE_OWNER_KEY = '__planlensGateOwner';

type GateGlobals = Record<typeof GATE_VERDICT_KEY | typeof GATE_OWNER_KEY, unknown>;
const globals = globalThis as unknown as GateGlobals;

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
  runtime?: { id?: unknown; sendMessage?: unknown };
}

type SendMessage = (message: unknown) => Promise<unknown>;

/**
 * runtime.sendMessage of the browser's extension API, looked up only now. `chrome` first: it is
 * a real property of the isolated world, where a page's element named "browser" (a form with an
 * input named "runtime") could otherwise pass for the API.
 */
function sendMessageFunction(): SendMessage | null {
  const scope = globalThis as unknown as { browser?: RuntimeLike; chrome?: RuntimeLike };
  for (const api of [scope.chrome, scope.browser]) {
    const runtime = api?.runtime;
    if (typeof runtime?.id === 'string' && typeof runtime.sendMessage === 'function')
      return runtime.sendMessage.bind(runtime) as SendMessage;
  }
  return null;
}

function startReader(site: ReaderSite): void {
  const sendMessage = sendMessageFunction();
  // Extension reloaded or removed: this gate is orphaned, and a new one runs after reinjection.
  if (!sendMessage) return;
  const request: Request<'startReader'> = { type: 'startReader', site };
  const refused = (why: unknown): void => {
    // No reader will answer for this page: the panel must not wait for one.
    globals[GATE_VERDICT_KEY] = 'declined';
    console.warn('PlanLens:', why instanceof Error ? why.message : why);
  };
  try {
    sendMessage(request).then((reply) => {
      const answer = reply as { ok?: boolean; value?: { started?: boolean }; error?: string } | undefined;
      if (!answer?.ok || answer.value?.started !== true) refused(answer?.error ?? 'no reader for this page');
    }, refused);
  } catch (error) {
    refused(error);
  }
}
