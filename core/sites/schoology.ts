import { type DomProbe, httpsUrl, keyPart } from './probe';

/**
 * Schoology addresses and page signature, as pure functions (tested with URL tables).
 * Pages:       /page/<id>            (title .s-page-title, body .s-page-summary)
 * Assignments: /assignment/<id>[/info] (title #center-top .page-title, body .info-body)
 * The course is not in the address: it comes from the page's links to /course/<id>/….
 * Hosted Schoology lives on *.schoology.com (app.schoology.com and district subdomains).
 */

export type SchoologyView = 'page' | 'assignment';

export interface SchoologyRef {
  host: string;
  item: string;
  view: SchoologyView;
}

export function parseSchoologyUrl(url: string): SchoologyRef | null {
  const parsed = httpsUrl(url);
  if (!parsed) return null;
  const host = parsed.hostname.toLowerCase();
  const page = /^\/page\/(\d{1,20})\/?$/.exec(parsed.pathname);
  if (page?.[1]) return { host, item: `page-${page[1]}`, view: 'page' };
  const assignment = /^\/assignment\/(\d{1,20})(?:\/info)?\/?$/.exec(parsed.pathname);
  if (assignment?.[1]) return { host, item: `assignment-${assignment[1]}`, view: 'assignment' };
  return null;
}

/** The course id from the addresses of the page's links (`/course/<id>/materials`). */
export function schoologyCourseId(hrefs: string[]): string | null {
  for (const href of hrefs) {
    const match = /(?:^|\/\/[^/]+)\/course\/(\d{1,20})(?:\/|$)/.exec(href);
    if (match?.[1]) return match[1];
  }
  return null;
}

export function schoologyDocKey(ref: SchoologyRef, courseId: string): string | null {
  const item = keyPart(ref.item);
  return item ? `schoology:${ref.host}:${courseId}:${item}` : null;
}

export const SCHOOLOGY_SELECTORS: Record<SchoologyView, { body: string; title: string }> = {
  page: { body: '#center-inner .s-page-summary, .s-page-summary', title: '.s-page-title, #center-top .page-title' },
  assignment: { body: '.info-container .info-body, .info-body', title: '#center-top .page-title' },
};

/** Where the course links are: the breadcrumb above the page and the course sidebar. */
export const SCHOOLOGY_COURSE_LINKS = '#center-top a[href*="/course/"], #sidebar-left a[href*="/course/"]';

/** Schoology's page frame: its navigation bar and the center column. */
export function looksLikeSchoology(page: DomProbe): boolean {
  return (
    page.querySelector('#site-navigation-ui, #header .s-header') !== null && page.querySelector('#center-top') !== null
  );
}
