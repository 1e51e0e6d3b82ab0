import type { AutoStatus, OverrideStatus } from '../model';
import type { EffectiveQuestion } from './effective';

/** Words for statuses, shared by the side panel and every export so they say the same thing. */
export const AUTO_STATUS_TEXT: Record<AutoStatus, string> = {
  covered: 'Covered',
  partial: 'Partly covered',
  unanswered: 'Unanswered',
};

export const MANUAL_STATUS_TEXT: Record<OverrideStatus, string> = {
  answered: 'Answered',
  not_applicable: 'Not applicable',
  unanswered: 'Unanswered',
};

/** The status value an export writes: the manual one when set, else the automatic one. */
export function shownStatus(q: EffectiveQuestion): AutoStatus | OverrideStatus {
  return q.manual ?? q.auto?.status ?? 'unanswered';
}

export function statusText(q: EffectiveQuestion): string {
  return q.manual ? MANUAL_STATUS_TEXT[q.manual] : AUTO_STATUS_TEXT[q.auto?.status ?? 'unanswered'];
}
