import { decodeEntities } from '../core/extract/html';
import { MAX_HANDED_EXPORT_CHARS, type ProbeAnswer } from '../core/sites/readers';
import { answerHead, detectGoogleDoc, requestExport } from './adapters/gdocs';
import { mayBePlanText } from './plan-hint';

/**
 * How much of an export the probe reads: the look (content/plan-hint.ts) reads the first
 * 200,000 characters of text, an export is at least a third markup, and its style sheet comes
 * first. The rest of a long export is never downloaded by the probe.
 */
const LOOK_BYTES = 512 * 1024;
const LOOK_CHARS = 300_000;

/**
 * The Google Docs probe, run by the background in the page's own world (core/sites/readers.ts).
 * The document's text is not in the page (the editor draws it), so it asks for the start of the
 * export, from the page's origin with the user's session, and looks at its words. Any answer
 * that is not a document (signed out, no access, rate-limited) also says "read", with that
 * answer, which the reader explains in the side panel; unreachable, the reader tries itself.
 */
export async function probeGoogleDoc(): Promise<ProbeAnswer> {
  const ref = detectGoogleDoc(location.href);
  if (!ref) return { verdict: 'none' };
  let response: Response;
  // Aborted once the look is done: the browser then stops receiving the rest of the export.
  const request = new AbortController();
  try {
    response = await requestExport(ref, location.origin, request.signal);
  } catch {
    return { verdict: 'read' };
  }
  const answer = answerHead(response);
  // A refusal: the reader explains it, and backs off from here.
  if (!response.ok || answer.redirected) return { verdict: 'read', export: answer };
  const { text, whole } = await readStart(response, LOOK_BYTES);
  if (!whole) request.abort();
  if (!mayBePlanText(roughTextOfHtml(text))) return { verdict: 'skip' };
  // Most plans fit in the look: the reader gets this export instead of asking for it again.
  return whole && text.length <= MAX_HANDED_EXPORT_CHARS
    ? { verdict: 'read', export: { ...answer, html: text } }
    : { verdict: 'read' };
}

/** The first `limit` bytes (or so) of a response's text, and whether that was all of it; the rest is not downloaded. */
async function readStart(response: Response, limit: number): Promise<{ text: string; whole: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) {
    const text = await response.text();
    return { text: text.slice(0, limit), whole: text.length <= limit };
  }
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), whole: true };
    // A chunk of the body can be megabytes (all that has arrived): only the look's share is decoded.
    const part = value.byteLength > limit - bytes ? value.subarray(0, limit - bytes) : value;
    bytes += part.byteLength;
    text += decoder.decode(part, { stream: true });
    if (bytes >= limit) {
      await reader.cancel().catch(() => undefined);
      return { text, whole: false };
    }
  }
}

/**
 * The start of the export's text for a look at its words, without parsing it: tags out,
 * entities decoded as the reader decodes them. Good enough for substring tests; the reader parses it properly.
 */
export function roughTextOfHtml(html: string): string {
  // From the body: the export's style sheet comes first and can be long.
  const body = Math.max(0, html.search(/<body[\s>]/i));
  const text = html
    .slice(body, body + LOOK_CHARS)
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ');
  return decodeEntities(text);
}
