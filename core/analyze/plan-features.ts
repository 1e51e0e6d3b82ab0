/**
 * Sentence-level signs of what kind of text a block belongs to, as bit flags. Plans commit to
 * future work on a timeline ("The coach will observe monthly starting in October"); agendas run
 * on the clock; news quotes people; essays speak in the first person. Counted per block, so the
 * document-level verdict rests on proportions rather than on single words.
 */

export const FEATURE = {
  /** Commits to future work or assigns it: will, shall, responsible for, by <date>. */
  intent: 1,
  /** Names a time frame: a month with a day or year, a season with a year, a school year, a cadence. */
  timeframe: 2,
  /** Starts with a clock time (3:20, 10:15 AM): an agenda or schedule line. */
  clock: 4,
  /** First-person singular narration (I, my, me). */
  firstPerson: 8,
  /** Reported speech (said, told, according to). */
  reported: 16,
  /** Past-tense reflection on what happened ("we learned", "last year we"). */
  retrospective: 32,
} as const;

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const INTENT_RE = new RegExp(
  `\\b(?:will|shall|plans? to|is to be|are to be|responsible for|by (?:the )?(?:end of |early |mid-?|late )?(?:${MONTH}|fall|spring|summer|winter|20\\d\\d|\\d{1,2}/\\d{1,2})|(?:target|due|completion) date)\\b`,
  'i',
);
const TIMEFRAME_RE = new RegExp(
  `\\b(?:${MONTH}\\s+(?:\\d{1,2}|20\\d\\d)|(?:fall|spring|summer|winter)\\s+(?:20)?\\d\\d|20\\d\\d\\s*[–/-]\\s*(?:20)?\\d\\d|(?:quarterly|monthly|weekly|biweekly|annually|semi-annually)|(?:each|every|per) (?:week|month|quarter|semester|trimester|year|cycle)|(?:year|cohort|phase) (?:[1-5]|one|two|three)|q[1-4])\\b`,
  'i',
);
const CLOCK_RE = /^\s*\d{1,2}:\d{2}\b/;
const FIRST_PERSON_RE = /\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d)\b|\b(?:my|me)\b/;
const REPORTED_RE = /\b(?:said|says|told|according to|explained|added)\b/i;
const RETROSPECTIVE_RE =
  /\b(?:we learned|i learned|looking back|last (?:year|spring|fall|august)|we (?:found|realized|discovered|got wrong))\b/i;

export function blockFeatures(text: string): number {
  let flags = 0;
  if (INTENT_RE.test(text)) flags |= FEATURE.intent;
  if (TIMEFRAME_RE.test(text)) flags |= FEATURE.timeframe;
  if (CLOCK_RE.test(text)) flags |= FEATURE.clock;
  if (FIRST_PERSON_RE.test(text)) flags |= FEATURE.firstPerson;
  if (REPORTED_RE.test(text)) flags |= FEATURE.reported;
  if (RETROSPECTIVE_RE.test(text)) flags |= FEATURE.retrospective;
  return flags;
}
