import { DRIVERS, isDriverId, isStageId, STAGES } from '../model';
import type { BankFile } from './types';

/**
 * Checks an untrusted bank (a district's file, an import) before anything uses it. Every problem
 * is reported with the question id (or index) and the field, so an author can fix the file.
 */

export type BankValidation = { ok: true; bank: BankFile } | { ok: false; errors: string[] };

const ID_RE = /^[a-z_]+\.[a-z_]+\.[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TERM_RE = /^[\p{L}\p{N}][\p{L}\p{N}\s'’/&.-]*\*?$/u;
const MAX_QUESTIONS = 2000;
const MAX_TERMS = 200;
/** The analyzer keeps a question's matched concepts in a 31-bit mask. */
const MAX_CONCEPTS = 16;
/**
 * A BCP 47 tag of the common shapes: language, optional script, optional region ("es", "es-419",
 * "pt-BR", "zh-Hant-TW"). Case does not matter, as in BCP 47.
 */
const LANGUAGE_TAG_RE = /^[a-z]{2,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?$/i;
const MAX_TRANSLATIONS = 50;
/** Longest question text a translation may carry (the default bank's longest is under 200). */
const MAX_TEXT = 500;

export function validateBank(input: unknown): BankValidation {
  const errors: string[] = [];
  if (!isRecord(input)) return { ok: false, errors: ['The bank must be a JSON object.'] };
  if (input.format !== 'planlens-bank') errors.push('format: must be "planlens-bank".');
  if (input.version !== 1)
    errors.push(`version: ${JSON.stringify(input.version)} is not supported (this PlanLens reads version 1).`);
  for (const field of ['id', 'title', 'revision', 'language'] as const) {
    if (typeof input[field] !== 'string' || !(input[field] as string).trim())
      errors.push(`${field}: must be a non-empty string.`);
  }
  checkVocabulary(input.stages, STAGES, 'stages', ['names', 'cues'], errors);
  checkVocabulary(input.drivers, DRIVERS, 'drivers', ['terms'], errors);

  if (!Array.isArray(input.questions)) errors.push('questions: must be a list.');
  else if (input.questions.length === 0) errors.push('questions: the bank has no questions.');
  else if (input.questions.length > MAX_QUESTIONS) errors.push(`questions: at most ${MAX_QUESTIONS} questions.`);
  else {
    const seen = new Set<string>();
    input.questions.forEach((q, i) => {
      checkQuestion(q, i, seen, errors);
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, bank: input as unknown as BankFile };
}

function checkVocabulary(
  value: unknown,
  ids: readonly string[],
  field: string,
  lists: string[],
  errors: string[],
): void {
  if (!isRecord(value)) {
    errors.push(`${field}: must be an object with an entry for each of ${ids.join(', ')}.`);
    return;
  }
  for (const id of ids) {
    const entry = value[id];
    if (!isRecord(entry)) {
      errors.push(`${field}.${id}: missing.`);
      continue;
    }
    if (typeof entry.label !== 'string' || !entry.label.trim())
      errors.push(`${field}.${id}.label: must be a non-empty string.`);
    for (const list of lists) checkTerms(entry[list], `${field}.${id}.${list}`, errors, false);
  }
  for (const key of Object.keys(value)) if (!ids.includes(key)) errors.push(`${field}.${key}: unknown id.`);
}

function checkQuestion(q: unknown, i: number, seen: Set<string>, errors: string[]): void {
  if (!isRecord(q)) {
    errors.push(`questions[${i}]: must be an object.`);
    return;
  }
  const name = typeof q.id === 'string' && q.id ? `question "${q.id}"` : `questions[${i}]`;
  if (typeof q.id !== 'string' || !ID_RE.test(q.id))
    errors.push(`${name}: id must look like "<driver>.<stage>.<slug>" in lowercase.`);
  else if (seen.has(q.id)) errors.push(`${name}: id is used twice.`);
  else seen.add(q.id);
  if (!isDriverId(q.driver))
    errors.push(`${name}: driver ${JSON.stringify(q.driver)} is not one of ${DRIVERS.join(', ')}.`);
  if (!isStageId(q.stage)) errors.push(`${name}: stage ${JSON.stringify(q.stage)} is not one of ${STAGES.join(', ')}.`);
  if (
    typeof q.id === 'string' &&
    isDriverId(q.driver) &&
    isStageId(q.stage) &&
    !q.id.startsWith(`${q.driver}.${q.stage}.`)
  ) {
    errors.push(`${name}: id must start with "${q.driver}.${q.stage}.".`);
  }
  if (typeof q.text !== 'string' || !q.text.trim()) errors.push(`${name}: text must be a non-empty string.`);
  if (!Array.isArray(q.concepts) || q.concepts.length === 0) {
    errors.push(`${name}: concepts must be a non-empty list.`);
  } else if (q.concepts.length > MAX_CONCEPTS) {
    errors.push(`${name}: concepts has more than ${MAX_CONCEPTS} entries.`);
  } else {
    q.concepts.forEach((c, k) => {
      if (!isRecord(c)) {
        errors.push(`${name}: concepts[${k}] must be an object.`);
        return;
      }
      checkTerms(c.terms, `${name}: concepts[${k}].terms`, errors, true);
      if (c.weight !== undefined && !(typeof c.weight === 'number' && c.weight > 0 && c.weight <= 10)) {
        errors.push(`${name}: concepts[${k}].weight must be a number between 0 and 10.`);
      }
      if (c.required !== undefined && typeof c.required !== 'boolean')
        errors.push(`${name}: concepts[${k}].required must be true or false.`);
    });
  }
  if (q.stageCues !== undefined) checkTerms(q.stageCues, `${name}: stageCues`, errors, false);
  if (q.translations !== undefined) checkTranslations(q.translations, name, errors);
}

function checkTranslations(value: unknown, name: string, errors: string[]): void {
  if (!isRecord(value)) {
    errors.push(`${name}: translations must be an object of language tag → { "text": … }.`);
    return;
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_TRANSLATIONS)
    errors.push(`${name}: translations has more than ${MAX_TRANSLATIONS} languages.`);
  const tags = new Map<string, string>();
  for (const [tag, t] of entries) {
    const where = `${name}: translations.${JSON.stringify(tag)}`;
    if (!LANGUAGE_TAG_RE.test(tag)) {
      const hint = tag.includes('_') ? ` (write "${tag.replaceAll('_', '-')}")` : '';
      errors.push(`${where} is not a language tag like "es", "es-419" or "pt-BR"${hint}.`);
    } else {
      const same = tags.get(tag.toLowerCase());
      if (same) errors.push(`${where} names the same language as ${JSON.stringify(same)}.`);
      else tags.set(tag.toLowerCase(), tag);
    }
    if (!isRecord(t) || typeof t.text !== 'string' || !t.text.trim())
      errors.push(`${where}.text must be a non-empty string.`);
    else if (t.text.length > MAX_TEXT) errors.push(`${where}.text is longer than ${MAX_TEXT} characters.`);
  }
}

function checkTerms(value: unknown, where: string, errors: string[], nonEmpty: boolean): void {
  if (!Array.isArray(value)) {
    errors.push(`${where} must be a list of terms.`);
    return;
  }
  if (nonEmpty && value.length === 0) errors.push(`${where} must not be empty.`);
  if (value.length > MAX_TERMS) errors.push(`${where} has more than ${MAX_TERMS} terms.`);
  value.forEach((term, k) => {
    if (typeof term !== 'string' || !TERM_RE.test(term.trim())) {
      errors.push(
        `${where}[${k}] ${JSON.stringify(term)} is not a term (words, spaces and hyphens, optional trailing *).`,
      );
    }
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
