/**
 * Sentence-level signs of what kind of text a block belongs to, as bit flags. Plans commit to
 * future work on a timeline ("The coach will observe monthly starting in October"); agendas run
 * on the clock; news quotes people; essays speak in the first person. Counted per block, so the
 * document-level verdict rests on proportions rather than on single words.
 *
 * Hot path: every distinct word is classified once (wordClass, cached by the term index), and a
 * block's features are then read from the word classes with integer tests only.
 */

export const FEATURE = {
  /** Commits to future work or assigns it: will, shall, plan to, responsible for, by <date>. */
  intent: 1,
  /** Names a time frame: a month with a day or year, a season with a year, a school year, a cadence. */
  timeframe: 2,
  /** Starts with a clock time (3:20, 10:15 AM): an agenda or schedule line. */
  clock: 4,
  /** First-person singular narration (I, my, me). */
  firstPerson: 8,
  /** Reported speech (said, told, according to). */
  reported: 16,
  /** Past-tense reflection on what happened ("we learned", "looking back", "last year"). */
  retrospective: 32,
} as const;

/** Word classes, one bit each. */
const W = {
  month: 1 << 0,
  season: 1 << 1,
  cadence: 1 << 2,
  period: 1 << 3,
  ordinal: 1 << 4,
  number: 1 << 5,
  year: 1 << 6,
  willShall: 1 << 7,
  firstPerson: 1 << 8,
  saidTold: 1 << 9,
  by: 1 << 10,
  planVerb: 1 << 11,
  to: 1 << 12,
  responsible: 1 << 13,
  forWord: 1 << 14,
  dateLead: 1 << 15,
  date: 1 << 16,
  according: 1 << 17,
  weOrI: 1 << 18,
  learned: 1 << 19,
  looking: 1 << 20,
  back: 1 << 21,
  last: 1 << 22,
  eachEvery: 1 << 23,
  numberedThing: 1 << 24,
  quarter: 1 << 25,
  shortNumber: 1 << 26,
} as const;

const LISTS: Array<[number, string]> = [
  [
    W.month,
    'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec',
  ],
  [W.season, 'fall spring summer winter autumn'],
  [W.cadence, 'quarterly monthly weekly biweekly annually yearly daily bimonthly'],
  [W.period, 'week month quarter semester trimester year cycle term'],
  [W.ordinal, '1 2 3 4 5 one two three four five i ii iii'],
  [W.willShall, 'will shall'],
  [W.firstPerson, 'i im ive my me'],
  [W.saidTold, 'said says told'],
  [W.by, 'by'],
  [W.planVerb, 'plan plans'],
  [W.to, 'to'],
  [W.responsible, 'responsible'],
  [W.forWord, 'for'],
  [W.dateLead, 'target due completion'],
  [W.date, 'date'],
  [W.according, 'according'],
  [W.weOrI, 'we i'],
  [W.learned, 'learned realized discovered'],
  [W.looking, 'looking'],
  [W.back, 'back'],
  [W.last, 'last'],
  [W.eachEvery, 'each every per'],
  [W.numberedThing, 'phase stage tier part step level year cohort'],
  [W.quarter, 'q1 q2 q3 q4'],
];
const CLASS_OF = new Map<string, number>();
for (const [bit, list] of LISTS)
  for (const word of list.split(' ')) CLASS_OF.set(word, (CLASS_OF.get(word) ?? 0) | bit);

/** The classes of one folded word (computed once per distinct word by the term index). */
export function wordClass(word: string): number {
  let cls = CLASS_OF.get(word) ?? 0;
  const first = word.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    cls |= W.number;
    if (word.length <= 4) cls |= W.shortNumber;
    if (/^(19|20)\d\d$/.test(word)) cls |= W.year;
  }
  return cls;
}

const CLOCK_RE = /^\s*\d{1,2}:\d{2}\b/;
const has = (cls: number | undefined, bit: number): boolean => cls !== undefined && (cls & bit) !== 0;

/** Feature flags of a block from its word classes (`classes[0..count)`). */
export function blockFeatures(text: string, classes: ArrayLike<number>, count: number): number {
  let flags = CLOCK_RE.test(text) ? FEATURE.clock : 0;
  for (let i = 0; i < count; i++) {
    const c = classes[i] as number;
    if (c === 0) continue;
    const next = i + 1 < count ? classes[i + 1] : undefined;
    const previous = i > 0 ? classes[i - 1] : undefined;
    if (c & W.willShall) flags |= FEATURE.intent;
    // "Phase I" and "Tier I" are numerals, not a narrator.
    if (c & W.firstPerson && !(c & W.ordinal && has(previous, W.numberedThing))) flags |= FEATURE.firstPerson;
    if (c & W.saidTold) flags |= FEATURE.reported;
    if (c & (W.cadence | W.quarter)) flags |= FEATURE.timeframe;
    if (c & W.month && has(next, W.number)) flags |= FEATURE.timeframe;
    if (c & W.season && has(next, W.number)) flags |= FEATURE.timeframe;
    if (c & W.year && has(next, W.shortNumber)) flags |= FEATURE.timeframe;
    if (c & W.eachEvery && has(next, W.period)) flags |= FEATURE.timeframe;
    if (c & W.numberedThing && has(next, W.ordinal)) flags |= FEATURE.timeframe;
    if (c & W.by && has(next, W.month | W.season | W.year)) flags |= FEATURE.intent;
    if (c & W.planVerb && has(next, W.to)) flags |= FEATURE.intent;
    if (c & W.responsible && has(next, W.forWord)) flags |= FEATURE.intent;
    if (c & W.dateLead && has(next, W.date)) flags |= FEATURE.intent;
    if (c & W.according && has(next, W.to)) flags |= FEATURE.reported;
    if (c & W.weOrI && has(next, W.learned)) flags |= FEATURE.retrospective;
    if (c & W.looking && has(next, W.back)) flags |= FEATURE.retrospective;
    if (c & W.last && has(next, W.period | W.season | W.month)) flags |= FEATURE.retrospective;
  }
  return flags;
}
