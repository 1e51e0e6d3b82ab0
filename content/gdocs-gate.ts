import { googleDocKey } from '../core/sites/gdocs';
import { detectGoogleDoc, type ExportAnswer, fetchGoogleDocExport } from './adapters/gdocs';
import { claimFrame } from './gate';
import { leaveForReader } from './handoff';
import { mayBePlanText } from './plan-hint';

/** After edits in a document that did not talk like a plan: quiet time before it is fetched again. */
const EDIT_DEBOUNCE_MS = 5000;
const EDITOR = '#docs-editor-container, .kix-appview-editor';

/**
 * How much of an export the gate looks at: the look (content/plan-hint.ts) reads the first
 * 200,000 characters of text, and an export is at least a third markup. Whole exports (10 MB) would keep the
 * page's thread busy for tens of milliseconds in the replacements below.
 */
const LOOK_CHARS = 300_000;

/**
 * The start of the export's text for a look at its words, without parsing it: tags out, the few
 * entities that join words decoded. Good enough for substring tests; the reader parses it properly.
 */
export function roughTextOfHtml(html: string): string {
  return html
    .slice(0, LOOK_CHARS)
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&');
}

/**
 * The Google Docs gate. The document's text is not in the page (the editor draws it), so it
 * fetches the export (the same single request the reader makes) and looks at its words. A
 * likely plan, or an answer that is not a document (signed out, no access, rate-limited), goes
 * to the reader, with the answer, so Google Docs is not asked twice. Otherwise it watches the
 * editor and looks again once the edits pause.
 */
export function runGoogleDocsGate(): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watching = false;
  const observer = new MutationObserver(() => lookIn(EDIT_DEBOUNCE_MS));
  const gate = claimFrame('gdocs', () => {
    clearTimeout(timer);
    observer.disconnect();
  });

  const lookIn = (ms: number): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void look(), ms);
  };

  const watchEditor = (): void => {
    const editor = document.querySelector(EDITOR);
    if (watching || !editor) return;
    watching = true;
    observer.observe(editor, { childList: true, characterData: true, subtree: true });
  };

  async function look(): Promise<void> {
    const ref = detectGoogleDoc(location.href);
    if (!gate.active || !ref) return;
    let answer: ExportAnswer;
    try {
      answer = await fetchGoogleDocExport(ref, location.origin);
    } catch {
      // Unreachable or too large: the reader tries, and says so in the side panel.
      gate.handOver();
      return;
    }
    if (!gate.active) return;
    if (answer.html !== null && !mayBePlanText(roughTextOfHtml(answer.html))) {
      gate.say('declined');
      watchEditor();
      return;
    }
    leaveForReader(googleDocKey(ref), answer, Date.now());
    gate.handOver();
  }

  void look();
}
