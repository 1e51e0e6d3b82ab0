import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isShowPassageCommand, isWhichDocumentCommand, type ShowPassageCommand } from '../core/content-protocol';

export interface CommandHandlers {
  /** The document this tab shows now, or null. */
  docKey(): string | null;
  /** Highlights and scrolls to a passage; false when it is not on this page. */
  showPassage?(command: ShowPassageCommand): boolean;
}

/**
 * Answers the background's questions and commands (which document is here, show a passage).
 * Only messages from PlanLens itself reach runtime.onMessage; the listener dies with the context.
 */
export function listenForCommands(ctx: ContentScriptContext, handlers: CommandHandlers): void {
  // Answers synchronously through sendResponse, which every browser supports with or without
  // the polyfill (content scripts are built without it, see wxt.config.ts).
  const listener = (message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void): false => {
    if (isWhichDocumentCommand(message)) sendResponse({ docKey: handlers.docKey() });
    else if (isShowPassageCommand(message)) {
      const shown = message.docKey === handlers.docKey() && (handlers.showPassage?.(message) ?? false);
      sendResponse({ shown });
    }
    return false;
  };
  browser.runtime.onMessage.addListener(listener);
  // Invalidated because the extension was reloaded or updated: Chrome has already removed
  // `runtime` from this orphaned script (and its listeners with it), so there is nothing to remove.
  ctx.onInvalidated(() => browser.runtime?.onMessage.removeListener(listener));
}
