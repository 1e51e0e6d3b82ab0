/**
 * The project's message sources and the browser's `_locales/<lang>/messages.json`.
 *
 * Sources live in `locales/<lang>/<area>.json`, one flat object per area (`{ "key": "Text with
 * {param}" }`), so that each part of the product owns its file. At build time they are merged
 * into the browser's format, where `{param}` becomes a named placeholder bound to a positional
 * substitution. Positions follow the parameter names in alphabetical order, in every language,
 * so a translation may reorder its parameters freely and `t()` never needs the English source.
 */

export type MessageSource = Record<string, string>;

export interface ChromeMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/** Message names the browser accepts (Chrome: ASCII letters, digits, `_` and `@`; `@@` is reserved). */
const KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
const PARAM = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

/** The parameter names of a message, sorted: their positions as substitutions. */
export function paramsOf(message: string): string[] {
  return [...new Set([...message.matchAll(PARAM)].map((m) => m[1] as string))].sort();
}

/** One source message in the browser's format. `$` is doubled so that it stays literal. */
export function toChromeMessage(message: string): ChromeMessage {
  const params = paramsOf(message);
  const text = message.replace(/\$/g, '$$$$').replace(PARAM, (_, name: string) => `$${name.toUpperCase()}$`);
  if (params.length === 0) return { message: text };
  const placeholders: ChromeMessage['placeholders'] = {};
  params.forEach((name, i) => {
    placeholders[name.toLowerCase()] = { content: `$${i + 1}` };
  });
  return { message: text, placeholders };
}

/** Merges a language's area files into one object; a key defined twice is an error. */
export function mergeSources(files: { name: string; messages: MessageSource }[]): MessageSource {
  const merged: MessageSource = {};
  const owner = new Map<string, string>();
  for (const file of files) {
    for (const [key, message] of Object.entries(file.messages)) {
      const first = owner.get(key);
      if (first) throw new Error(`Message "${key}" is defined in both ${first} and ${file.name}.`);
      owner.set(key, file.name);
      merged[key] = message;
    }
  }
  return merged;
}

/** What is wrong with a translation against the English reference (empty when nothing is). */
export function localeProblems(lang: string, messages: MessageSource, reference: MessageSource): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(reference)) {
    if (!KEY.test(key)) problems.push(`${lang}: "${key}" is not a valid message name.`);
    const translated = messages[key];
    if (translated === undefined) {
      problems.push(`${lang}: "${key}" is missing.`);
      continue;
    }
    if (translated.trim() === '') problems.push(`${lang}: "${key}" is empty.`);
    const want = paramsOf(reference[key] as string).join(',');
    const got = paramsOf(translated).join(',');
    if (want !== got) problems.push(`${lang}: "${key}" has parameters {${got}}, English has {${want}}.`);
  }
  for (const key of Object.keys(messages)) {
    if (!(key in reference)) problems.push(`${lang}: "${key}" is not in English.`);
  }
  return problems;
}

/** The browser's messages.json for one language. */
export function toChromeMessages(messages: MessageSource): Record<string, ChromeMessage> {
  const out: Record<string, ChromeMessage> = {};
  for (const key of Object.keys(messages).sort()) out[key] = toChromeMessage(messages[key] as string);
  return out;
}

/** Positional substitutions for `params`, in the order the placeholders were numbered. */
export function substitutions(params: Record<string, string | number> | undefined): string[] {
  if (!params) return [];
  return Object.keys(params)
    .sort()
    .map((name) => String(params[name]));
}

/** Fills a source message directly (tests, and places where the browser's i18n is absent). */
export function format(message: string, params?: Record<string, string | number>): string {
  return message.replace(PARAM, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}
