import type { SiteId } from '../core/model';

/** How each site family is named to users (side panel header, dashboard rows and filters). */
export const SITE_LABELS: Record<SiteId, string> = {
  gdocs: 'Google Docs',
  canvas: 'Canvas',
  schoology: 'Schoology',
  brightspace: 'Brightspace',
  moodle: 'Moodle',
  classroom: 'Google Classroom',
  custom: 'District site',
  file: 'File',
};

/** A stored time for people: the browser's locale format, or "never". */
export function formatTime(ms: number | null): string {
  return ms ? new Date(ms).toLocaleString() : 'never';
}
