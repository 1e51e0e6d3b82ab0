/**
 * Commands the background sends to a content script (the other direction of core/protocol.ts).
 * Types and validation only (pure).
 */

/** Highlight an evidence passage in the page and scroll to it. */
export interface ShowPassageCommand {
  type: 'planlens:showPassage';
  docKey: string;
  blockId: string;
  snippet: string;
}

/** Which document does this tab show? (Moodle's and Schoology's keys need the page itself.) */
export interface WhichDocumentCommand {
  type: 'planlens:whichDocument';
}

export type ContentCommand = ShowPassageCommand | WhichDocumentCommand;

export function isWhichDocumentCommand(message: unknown): message is WhichDocumentCommand {
  return (
    typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'planlens:whichDocument'
  );
}

export function isShowPassageCommand(message: unknown): message is ShowPassageCommand {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return (
    m.type === 'planlens:showPassage' &&
    typeof m.docKey === 'string' &&
    typeof m.blockId === 'string' &&
    typeof m.snippet === 'string' &&
    m.snippet.length <= 20000
  );
}
