import { googleDocKey } from '../core/sites/gdocs';
import { detectGoogleDoc, docsIsSaving, type ExportAnswer, fetchGoogleDocExport } from './adapters/gdocs';
import { claimFrame } from './gate';
import { leaveForReader } from './handoff';
import { mayBePlanText } from './plan-hint';

/** After edits in a document that did not talk like a plan: quiet time before it is fetched again. */
const EDIT_DEBOUNCE_MS = 5000;
const EDITOR = '#docs-editor-container, .kix-appview-editor';
/** While Google Docs says "Saving…", the export lacks the last edits: look again this much later. */
const SAVING_RECHECK_MS = 1000;

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
  // From the body: the export's style sheet comes first and can be long.
  const body = html.search(/<body[\s>]/i);
  return html
    .slice(Math.max(0, body), Math.max(0, body) + LOOK_CHARS)
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, decodeEntity);
}

/** Letters of the bank's languages, as HTML names them (numeric references are decoded too). */
const NAMED: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  aacute: 'á',
  eacute: 'é',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  ntilde: 'ñ',
  uuml: 'ü',
  Aacute: 'Á',
  Eacute: 'É',
  Iacute: 'Í',
  Oacute: 'Ó',
  Uacute: 'Ú',
  Ntilde: 'Ñ',
};

function decodeEntity(whole: string, name: string): string {
  if (name[0] !== '#') return NAMED[name] ?? ' ';
  const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
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
  let inFlight = false;
  let edited = false;
  const observer = new MutationObserver(() => {
    edited = true;
    lookIn(EDIT_DEBOUNCE_MS);
  });
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
    if (!gate.active || !ref || inFlight) return;
    // Read after edits only, never at load (each DOM read costs the page's thread).
    if (edited && docsIsSaving(document)) {
      lookIn(SAVING_RECHECK_MS);
      return;
    }
    let answer: ExportAnswer;
    inFlight = true;
    try {
      answer = await fetchGoogleDocExport(ref, location.origin);
    } catch {
      // Unreachable or too large: the reader tries, and says so in the side panel.
      gate.handOver();
      return;
    } finally {
      inFlight = false;
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
