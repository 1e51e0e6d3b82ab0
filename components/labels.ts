import type { EffectiveQuestion } from '../core/coverage/effective';
import type { AutoStatus, DriverId, OverrideStatus, SiteId, StageId } from '../core/model';
import type { ReadError } from '../core/protocol';
import { type MessageKey, t, uiLanguage } from '../lib/i18n';

/**
 * Words for ids, in the user's language (through t()). Shared by the side panel, the dashboard
 * and the settings page so that a stage or a status is named the same everywhere.
 */

const SITE_KEYS: Record<SiteId, MessageKey> = {
  gdocs: 'panel_site_gdocs',
  canvas: 'panel_site_canvas',
  schoology: 'panel_site_schoology',
  brightspace: 'panel_site_brightspace',
  moodle: 'panel_site_moodle',
  classroom: 'panel_site_classroom',
  custom: 'panel_site_custom',
  file: 'panel_site_file',
};

const STAGE_KEYS: Record<StageId, MessageKey> = {
  exploration: 'panel_stage_exploration',
  installation: 'panel_stage_installation',
  initial_implementation: 'panel_stage_initial_implementation',
  full_implementation: 'panel_stage_full_implementation',
};

const STAGE_SHORT_KEYS: Record<StageId, MessageKey> = {
  exploration: 'panel_stageShort_exploration',
  installation: 'panel_stageShort_installation',
  initial_implementation: 'panel_stageShort_initial_implementation',
  full_implementation: 'panel_stageShort_full_implementation',
};

const DRIVER_KEYS: Record<DriverId, MessageKey> = {
  selection: 'panel_driver_selection',
  training: 'panel_driver_training',
  coaching: 'panel_driver_coaching',
  fidelity: 'panel_driver_fidelity',
  decision_support_data_system: 'panel_driver_decision_support_data_system',
  facilitative_administration: 'panel_driver_facilitative_administration',
  systems_intervention: 'panel_driver_systems_intervention',
  leadership_technical: 'panel_driver_leadership_technical',
  leadership_adaptive: 'panel_driver_leadership_adaptive',
};

const AUTO_STATUS_KEYS: Record<AutoStatus, MessageKey> = {
  covered: 'panel_status_covered',
  partial: 'panel_status_partial',
  unanswered: 'panel_status_unanswered',
};

const MANUAL_STATUS_KEYS: Record<OverrideStatus, MessageKey> = {
  answered: 'panel_status_answered',
  not_applicable: 'panel_status_not_applicable',
  unanswered: 'panel_status_unanswered',
};

const FAILURE_KEYS: Record<string, MessageKey> = {
  signed_out: 'panel_failure_signed_out',
  no_access: 'panel_failure_no_access',
  not_found: 'panel_failure_not_found',
  rate_limited: 'panel_failure_rate_limited',
  network: 'panel_failure_network',
  too_large: 'panel_failure_too_large',
  unreadable: 'panel_failure_unreadable',
  not_a_plan: 'panel_failure_not_a_plan',
  stopped: 'panel_failure_stopped',
};

/** How each site family is named to users (side panel header, dashboard rows and filters). */
export function siteLabel(site: SiteId): string {
  return t(SITE_KEYS[site]);
}

/** "Installation", "Instalación": a stage's name. */
export function stageLabel(stage: StageId): string {
  return t(STAGE_KEYS[stage]);
}

/** A stage's short name, for narrow column headers ("Expl.", "Initial"). */
export function stageShortLabel(stage: StageId): string {
  return t(STAGE_SHORT_KEYS[stage]);
}

/** "Coaching", "Acompañamiento (coaching)": a driver's name. */
export function driverLabel(driver: DriverId): string {
  return t(DRIVER_KEYS[driver]);
}

export function autoStatusLabel(status: AutoStatus): string {
  return t(AUTO_STATUS_KEYS[status]);
}

export function manualStatusLabel(status: OverrideStatus): string {
  return t(MANUAL_STATUS_KEYS[status]);
}

/** The status a question shows: the user's when they set one, else the automatic one. */
export function questionStatusLabel(q: EffectiveQuestion): string {
  return q.manual ? manualStatusLabel(q.manual) : autoStatusLabel(q.auto?.status ?? 'unanswered');
}

/**
 * Why a document could not be read, for people. The page readers write their message in
 * English and it is the most precise ("Google Docs refused to export…, stopped after 4 tries"):
 * English users see it as written; other languages get the reason's translated explanation.
 */
export function readFailureText(error: Pick<ReadError, 'reason' | 'message'>): string {
  const key = FAILURE_KEYS[error.reason];
  if (!key || uiLanguage().toLowerCase().startsWith('en')) return error.message;
  return t(key);
}

/** A stored time for people: the browser's locale format, or "never". */
export function formatTime(ms: number | null): string {
  return ms ? new Date(ms).toLocaleString() : t('panel_never');
}
