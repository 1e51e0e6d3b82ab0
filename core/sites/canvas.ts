import { type DomProbe, httpsUrl, keyPart } from './probe';

/**
 * Canvas LMS addresses and page signature, as pure functions (tested with URL tables).
 * Pages:       /courses/<course>/pages/<slug>        (rendered body: #wiki_page_show .show-content.user_content)
 * Page editor: /courses/<course>/pages/<slug>/edit   (rich content editor: iframe#wiki_page_body_ifr)
 * Assignments: /courses/<course>/assignments/<id>    (#assignment_show .description.user_content)
 *              /courses/<course>/assignments/<id>/edit (iframe#assignment_description_ifr)
 * Hosted Canvas lives on *.instructure.com; self-hosted instances are granted by the user.
 */

export type CanvasView = 'page' | 'pageEdit' | 'assignment' | 'assignmentEdit';

export interface CanvasRef {
  host: string;
  courseId: string;
  /** A page's slug, or `assignments/<id>` (slugs never contain a slash, so the two cannot meet). */
  item: string;
  view: CanvasView;
}

const PAGE_PATH = /^\/courses\/(\d+)\/pages\/([^/]+)(\/edit)?\/?$/;
const ASSIGNMENT_PATH = /^\/courses\/(\d+)\/assignments\/(\d+)(\/edit)?\/?$/;

export function parseCanvasUrl(url: string): CanvasRef | null {
  const parsed = httpsUrl(url);
  if (!parsed) return null;
  const host = parsed.hostname.toLowerCase();
  const page = PAGE_PATH.exec(parsed.pathname);
  if (page?.[1] && page[2]) {
    const slug = keyPart(page[2].toLowerCase());
    // "new" is the address of a page not saved yet: it has no stable key.
    if (!slug || slug === 'new') return null;
    return { host, courseId: page[1], item: slug, view: page[3] ? 'pageEdit' : 'page' };
  }
  const assignment = ASSIGNMENT_PATH.exec(parsed.pathname);
  if (assignment?.[1] && assignment[2]) {
    return {
      host,
      courseId: assignment[1],
      item: `assignments/${assignment[2]}`,
      view: assignment[3] ? 'assignmentEdit' : 'assignment',
    };
  }
  return null;
}

export function canvasDocKey(ref: CanvasRef): string {
  return `canvas:${ref.host}:${ref.courseId}:${ref.item}`;
}

/** Where the text lives for each view (the editor's body is inside a same-origin iframe). */
export const CANVAS_SELECTORS: Record<CanvasView, { body: string; title: string; editorFrame?: string }> = {
  page: { body: '#wiki_page_show .show-content.user_content', title: '#wiki_page_show h1.page-title' },
  pageEdit: { body: '#tinymce', title: 'input#title', editorFrame: 'iframe#wiki_page_body_ifr' },
  assignment: { body: '#assignment_show .description.user_content', title: '#assignment_show h1.title' },
  assignmentEdit: {
    body: '#tinymce',
    title: 'input#assignment_name',
    editorFrame: 'iframe#assignment_description_ifr',
  },
};

/** Canvas's page frame (`#application.ic-app`), so other sites on the same hosts are left alone. */
export function looksLikeCanvas(page: DomProbe): boolean {
  return page.querySelector('#application.ic-app') !== null || page.querySelector('.ic-app #content') !== null;
}
