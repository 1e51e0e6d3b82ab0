/**
 * Google Docs addresses, as pure functions (tested with URL tables).
 * A document lives at https://docs.google.com/document/d/<id>/<view>, optionally under a
 * Workspace prefix (/a/<domain>/document/...) or a multi-account prefix (/document/u/<n>/d/...).
 */

export interface GoogleDocRef {
  documentId: string;
  /** The selected document tab (`?tab=t.abc`), when the document has tabs. */
  tabId: string | null;
}

const DOC_PATH = /^\/(?:a\/[^/]+\/)?document\/(?:u\/\d+\/)?d\/([a-zA-Z0-9_-]{20,})(?:\/|$)/;
const TAB_ID = /^t\.[a-zA-Z0-9_-]+$/;

export function parseGoogleDocUrl(url: string): GoogleDocRef | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.hostname !== 'docs.google.com') return null;
  const match = DOC_PATH.exec(parsed.pathname);
  if (!match?.[1]) return null;
  const tab = parsed.searchParams.get('tab');
  return { documentId: match[1], tabId: tab && TAB_ID.test(tab) ? tab : null };
}

export function googleDocKey(ref: GoogleDocRef): string {
  return ref.tabId ? `gdocs:${ref.documentId}:${ref.tabId}` : `gdocs:${ref.documentId}`;
}

/** The same-origin HTML export of the document (or of one tab of it). */
export function googleDocExportUrl(ref: GoogleDocRef, origin = 'https://docs.google.com'): string {
  const base = `${origin}/document/d/${encodeURIComponent(ref.documentId)}/export?format=html`;
  return ref.tabId ? `${base}&tab=${encodeURIComponent(ref.tabId)}` : base;
}

/** The editor tab's title is "<document title> - Google Docs" (localized suffix varies). */
export function titleFromGoogleDocsTabTitle(tabTitle: string): string {
  return tabTitle.replace(/\s+[-–—]\s+Google\s+(Docs|Dokumente|Documentos|Documenti|Документы)\s*$/i, '').trim();
}

/** Link that opens the document scrolled to a heading (the editor reads the fragment on load). */
export function googleDocHeadingUrl(ref: GoogleDocRef, headingId: string): string {
  const tab = ref.tabId ? `?tab=${encodeURIComponent(ref.tabId)}` : '';
  return `https://docs.google.com/document/d/${encodeURIComponent(ref.documentId)}/edit${tab}#heading=${encodeURIComponent(headingId)}`;
}

/** The document a `gdocs:` docKey names (the inverse of googleDocKey), or null for other keys. */
export function googleDocRefFromKey(docKey: string): GoogleDocRef | null {
  const match = /^gdocs:([a-zA-Z0-9_-]{20,})(?::(t\.[a-zA-Z0-9_-]+))?$/.exec(docKey);
  if (!match?.[1]) return null;
  return { documentId: match[1], tabId: match[2] ?? null };
}

/**
 * Whether the editor's save indicator (`#docs-save-indicator-badge`: "Saving…", "Saved to
 * Drive", "All changes saved in Drive") says an edit is still being saved. The export only holds
 * what was saved, so PlanLens waits for this to turn false.
 */
export function saveIndicatorSaysSaving(text: string): boolean {
  return /\b(saving|enregistrement|guardando|salvando|speichern|wird gespeichert)\b/i.test(text);
}

/**
 * Whether going from `current` to `target` only changes the fragment: the browser then scrolls
 * within the page instead of loading it, and the Docs editor (which reads `#heading=` only on
 * load) ignores it, so the tab must be reloaded as well.
 */
export function onlyFragmentDiffers(current: string, target: string): boolean {
  try {
    const a = new URL(current);
    const b = new URL(target);
    a.hash = '';
    b.hash = '';
    return a.href === b.href;
  } catch {
    return false;
  }
}

/**
 * The address of a tab already showing the document, pointed at a heading: keeps its path and
 * query (account prefix `/u/1/`, `?tab=`) and replaces the fragment.
 */
export function withHeadingFragment(url: string, headingId: string): string {
  const parsed = new URL(url);
  parsed.hash = `heading=${encodeURIComponent(headingId)}`;
  return parsed.href;
}
