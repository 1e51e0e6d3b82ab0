/**
 * The little a pure detector needs from a page: whether elements exist. A DOM `Document` fits;
 * unit tests pass a fake. Keeps core/ free of DOM globals.
 */
export interface DomProbe {
  querySelector(selectors: string): unknown;
}

/** The page's `<body>` classes and id, as detectors read them. */
export interface BodySignature {
  id: string;
  classes: string[];
}

/** Parses an absolute https address; null for anything else. */
export function httpsUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/** A key part that is safe in a docKey (no whitespace or separators) and not absurdly long. */
export function keyPart(value: string): string | null {
  return /^[A-Za-z0-9._~%!$&'()*+,;=@-]{1,200}$/.test(value) ? value : null;
}
