import { type BodySignature, type DomProbe, httpsUrl } from './probe';

/**
 * Moodle addresses and page signature, as pure functions (tested with URL tables).
 * Page view:  /mod/page/view.php?id=<cmid>        (#region-main .box.generalbox)
 * Its editor: /course/modedit.php?update=<cmid>   (TinyMCE: iframe#id_page_ifr)
 * The course is not in the address: it comes from the body class `course-<id>`.
 * Moodle may live under a path (https://host/moodle/mod/page/view.php), which is kept.
 */

export type MoodleView = 'page' | 'pageEdit';

export interface MoodleRef {
  host: string;
  /** Path prefix of the Moodle site ('' at the root, '/moodle' under a folder). */
  base: string;
  cmid: string;
  view: MoodleView;
}

export function parseMoodleUrl(url: string): MoodleRef | null {
  const parsed = httpsUrl(url);
  if (!parsed) return null;
  const host = parsed.hostname.toLowerCase();
  const view = /^(.*)\/mod\/page\/view\.php$/.exec(parsed.pathname);
  const id = parsed.searchParams.get('id');
  if (view && id && /^\d{1,12}$/.test(id)) return { host, base: view[1] ?? '', cmid: id, view: 'page' };
  const edit = /^(.*)\/course\/modedit\.php$/.exec(parsed.pathname);
  const update = parsed.searchParams.get('update');
  if (edit && update && /^\d{1,12}$/.test(update)) return { host, base: edit[1] ?? '', cmid: update, view: 'pageEdit' };
  return null;
}

/** The course id from the body's classes (`course-42`); null when absent. */
export function moodleCourseId(body: BodySignature): string | null {
  for (const cls of body.classes) {
    const match = /^course-(\d{1,12})$/.exec(cls);
    if (match?.[1]) return match[1];
  }
  return null;
}

/**
 * Whether the page is a Moodle page activity (view, or its settings form with the editor):
 * Moodle names the body after the script (`page-mod-page-view`, `page-mod-page-mod`).
 */
export function isMoodlePageActivity(body: BodySignature, ref: MoodleRef): boolean {
  if (ref.view === 'page') return body.id === 'page-mod-page-view';
  return body.id === 'page-mod-page-mod';
}

export function moodleDocKey(host: string, courseId: string, cmid: string): string {
  return `moodle:${host}:${courseId}:${cmid}`;
}

export const MOODLE_SELECTORS: Record<MoodleView, { body: string; title: string; editorFrame?: string }> = {
  page: {
    body: '#region-main [role=main] .box.generalbox .no-overflow, #region-main [role=main] .box.generalbox, #region-main .page-content',
    title: '#region-main > h2',
  },
  pageEdit: { body: '#tinymce', title: 'input#id_name', editorFrame: 'iframe#id_page_ifr' },
};

/** Moodle's page frame (Boost: #page-wrapper and #region-main). */
export function looksLikeMoodle(page: DomProbe): boolean {
  return page.querySelector('#page-wrapper') !== null && page.querySelector('#region-main') !== null;
}

/** `document.title` is "<course short name>: <page name>"; the part after the first ": ". */
export function moodleTitleFromTabTitle(tabTitle: string): string {
  const index = tabTitle.indexOf(': ');
  return (index >= 0 ? tabTitle.slice(index + 2) : tabTitle).split(' | ')[0]?.trim() ?? '';
}
