import type { AutoStatus, OverrideStatus } from '../model';
import type { EffectiveQuestion } from './effective';

/** Words for automatic statuses in the printable report (the panel's own come from browser.i18n). */
export const AUTO_STATUS_TEXT: Record<AutoStatus, string> = {
  covered: 'Covered',
  partial: 'Partly covered',
  unanswered: 'Unanswered',
};

/** The status value an export writes: the manual one when set, else the automatic one. */
export function shownStatus(q: EffectiveQuestion): AutoStatus | OverrideStatus {
  return q.manual ?? q.auto?.status ?? 'unanswered';
}
