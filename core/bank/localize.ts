import type { BankQuestion } from './types';

/**
 * Which of a question's translations to show for a UI language. Translations are for reading
 * only: the analyzer matches plans against the bank's concept terms, never against question text.
 */

export interface ChosenTranslation {
  /** The translation's tag as the bank writes it ("es", "pt-BR"), for a `lang` attribute. */
  tag: string;
  text: string;
}

/**
 * The translation that best fits `uiLanguage` (a BCP 47 tag such as "es-MX"; "es_MX" is read the
 * same): the exact tag, then ever shorter prefixes of it ("zh-Hant-TW" → "zh-Hant" → "zh", so
 * "es-MX" → "es"), then any other regional variant of the same language ("es-MX" or "es" → "es-419")
 * taken in the bank's order. Tags compare without regard to case. Undefined when none fits, and
 * then the bank's own `text` is the one to show.
 */
export function pickTranslation(
  question: Pick<BankQuestion, 'translations'>,
  uiLanguage: string,
): ChosenTranslation | undefined {
  const translations = question.translations;
  if (!translations) return undefined;
  const wanted = normalizeTag(uiLanguage);
  if (!wanted) return undefined;
  const usable = new Map<string, ChosenTranslation>();
  for (const [tag, t] of Object.entries(translations)) {
    const key = normalizeTag(tag);
    // A bank that skipped validation may carry blanks: fall through to the next candidate.
    if (key && !usable.has(key) && typeof t?.text === 'string' && t.text.trim()) usable.set(key, { tag, text: t.text });
  }
  const parts = wanted.split('-');
  for (let n = parts.length; n > 0; n--) {
    const hit = usable.get(parts.slice(0, n).join('-'));
    if (hit) return hit;
  }
  const base = parts[0];
  for (const [key, hit] of usable) if (key.split('-')[0] === base) return hit;
  return undefined;
}

/** The question's text to show in `uiLanguage`: its best translation, else the bank's own text. */
export function questionText(question: Pick<BankQuestion, 'text' | 'translations'>, uiLanguage: string): string {
  return pickTranslation(question, uiLanguage)?.text ?? question.text;
}

function normalizeTag(tag: string): string {
  return tag.trim().replaceAll('_', '-').toLowerCase();
}
