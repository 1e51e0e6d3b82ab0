/**
 * The ids and statuses every other part of PlanLens relies on (see docs/DESIGN.md, "Contracts").
 * Pure data: no browser globals, so the CLI, tests and the background share it unchanged.
 */

export const STAGES = ['exploration', 'installation', 'initial_implementation', 'full_implementation'] as const;
export type StageId = (typeof STAGES)[number];

export const DRIVERS = [
  'selection',
  'training',
  'coaching',
  'fidelity',
  'decision_support_data_system',
  'facilitative_administration',
  'systems_intervention',
  'leadership_technical',
  'leadership_adaptive',
] as const;
export type DriverId = (typeof DRIVERS)[number];

export type CellId = `${DriverId}.${StageId}`;

export const STAGE_LABELS: Record<StageId, string> = {
  exploration: 'Exploration',
  installation: 'Installation',
  initial_implementation: 'Initial Implementation',
  full_implementation: 'Full Implementation',
};

export const DRIVER_LABELS: Record<DriverId, string> = {
  selection: 'Selection',
  training: 'Training',
  coaching: 'Coaching',
  fidelity: 'Fidelity assessment',
  decision_support_data_system: 'Decision support data system',
  facilitative_administration: 'Facilitative administration',
  systems_intervention: 'Systems intervention',
  leadership_technical: 'Leadership (technical)',
  leadership_adaptive: 'Leadership (adaptive)',
};

/** Result of automatic analysis for one question. */
export type AutoStatus = 'covered' | 'partial' | 'unanswered';
/** A user's manual answer; always wins over the automatic result. */
export type OverrideStatus = 'answered' | 'not_applicable' | 'unanswered';

export function cellId(driver: DriverId, stage: StageId): CellId {
  return `${driver}.${stage}`;
}

export function isStageId(value: unknown): value is StageId {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function isDriverId(value: unknown): value is DriverId {
  return typeof value === 'string' && (DRIVERS as readonly string[]).includes(value);
}

export function allCellIds(): CellId[] {
  return DRIVERS.flatMap((driver) => STAGES.map((stage) => cellId(driver, stage)));
}

/** One unit of document text, as extracted by a site adapter. Plain data, no DOM. */
export interface Block {
  id: string;
  kind: 'heading' | 'paragraph' | 'listItem' | 'tableCell';
  /** Heading level 1–6 for headings. */
  level?: number;
  text: string;
  /** Where the block lives in the source, e.g. a Google Docs heading id `h.abc123`. */
  anchor?: string;
  /** Table cells: row and column inside their table, and the table's index in the document. */
  table?: { index: number; row: number; col: number };
}

export type SiteId = 'gdocs' | 'canvas' | 'schoology' | 'brightspace' | 'moodle' | 'classroom' | 'custom' | 'file';

export interface DocSnapshot {
  docKey: string;
  site: SiteId;
  url: string;
  title: string;
  blocks: Block[];
}

/** Question ids are `<driver>.<stage>.<slug>` (see core/bank/validate.ts), so the id alone places a question. */
const QUESTION_ID = /^([a-z_]+)\.([a-z_]+)\.[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isQuestionId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 200 && QUESTION_ID.test(value);
}

/**
 * Driver and stage of a question from its id alone; used for questions a bank no longer has,
 * whose manual answers are kept (null when the id does not name a known driver and stage).
 */
export function questionPlace(questionId: string): { driver: DriverId; stage: StageId } | null {
  const match = QUESTION_ID.exec(questionId);
  if (!match || !isDriverId(match[1]) || !isStageId(match[2])) return null;
  return { driver: match[1], stage: match[2] };
}

export const OVERRIDE_STATUSES = [
  'answered',
  'not_applicable',
  'unanswered',
] as const satisfies readonly OverrideStatus[];

export function isOverrideStatus(value: unknown): value is OverrideStatus {
  return typeof value === 'string' && (OVERRIDE_STATUSES as readonly string[]).includes(value);
}
