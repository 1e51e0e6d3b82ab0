import type { StageId } from '../model';
import { isStageId } from '../model';
import type { StageHow } from './block';
import type { Reason, ReasonKind } from './report';

/**
 * A question's reasons as data (Reason) and in English. The analyzer builds the data and derives
 * the English `reasons` from it here, so the two never disagree; the UI says the data in its own
 * language (components/QuestionItem.tsx) and falls back to the English of reports stored before
 * reasons were data.
 */

const HOW_TEXT: Record<StageHow, string> = {
  heading: 'under a stage heading',
  column: 'in a stage column',
  row: 'in a stage row',
  label: 'labelled with the stage',
  inferred: 'stage inferred from the activity',
  document: 'the stage the plan says the team is in',
  none: 'no stage stated',
};

/** A stage's name as the bank says it ("Installation"). */
export type StageNames = (stage: StageId) => string;

/** One reason in English, as the CLI and the exports show it. */
export function reasonText(reason: Reason, stageName: StageNames): string {
  switch (reason.kind) {
    case 'noPassage':
      return 'No passage in the plan talks about this question’s key ideas together.';
    case 'mentions':
      return `The passage mentions ${reason.terms.join(', ')}.`;
    case 'headingAdds':
      return `Its heading or table header adds ${reason.concepts.join(', ')}.`;
    case 'missing':
      return `Nothing nearby mentions ${reason.concepts.join(', ')}.`;
    case 'stage': {
      const name = stageName(reason.stage);
      return name ? `Stage: ${name} (${HOW_TEXT[reason.how]}).` : 'Stage: not stated near the passage.';
    }
    case 'stageUnknown':
      return 'Stage: not stated near the passage.';
    case 'section':
      return `Section: “${reason.title}”.`;
  }
}

/** All of a question's reasons in English. */
export function reasonTexts(reasons: readonly Reason[], stageName: StageNames): string[] {
  return reasons.map((reason) => reasonText(reason, stageName));
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** HOW_TEXT names every StageHow (the compiler checks): its keys are the known ones. */
const isStageHow = (value: unknown): value is StageHow => typeof value === 'string' && Object.hasOwn(HOW_TEXT, value);

/** Every kind, once (the compiler checks that none is missing). */
const KINDS: Record<ReasonKind, true> = {
  noPassage: true,
  mentions: true,
  headingAdds: true,
  missing: true,
  stage: true,
  stageUnknown: true,
  section: true,
};

/** Whether `kind` names a kind of Reason this PlanLens knows (a later one may know more). */
export const isReasonKind = (kind: unknown): kind is ReasonKind =>
  typeof kind === 'string' && Object.hasOwn(KINDS, kind);

/** Whether `value` is a Reason of a kind this PlanLens knows (for data from outside: imports). */
export function isReason(value: unknown): value is Reason {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  switch (r.kind) {
    case 'noPassage':
    case 'stageUnknown':
      return true;
    case 'mentions':
      return isStringList(r.terms);
    case 'headingAdds':
    case 'missing':
      return isStringList(r.concepts);
    case 'stage':
      return isStageId(r.stage) && isStageHow(r.how);
    case 'section':
      return typeof r.title === 'string';
    default:
      return false;
  }
}

/** A copy of a checked Reason with only the fields of its kind. */
export function copyReason(reason: Reason): Reason {
  switch (reason.kind) {
    case 'noPassage':
    case 'stageUnknown':
      return { kind: reason.kind };
    case 'mentions':
      return { kind: 'mentions', terms: [...reason.terms] };
    case 'headingAdds':
    case 'missing':
      return { kind: reason.kind, concepts: [...reason.concepts] };
    case 'stage':
      return { kind: 'stage', stage: reason.stage, how: reason.how };
    case 'section':
      return { kind: 'section', title: reason.title };
  }
}

/**
 * Copies of checked reasons with only the fields of their kinds; undefined when one is of a kind
 * this PlanLens does not know: the English `reasons` say it all then, where a partial list would not.
 */
export function copyReasons(reasons: readonly unknown[]): Reason[] | undefined {
  return reasons.every(isReason) ? reasons.map(copyReason) : undefined;
}
