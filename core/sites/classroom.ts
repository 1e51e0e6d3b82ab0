import { httpsUrl, keyPart } from './probe';

/**
 * Google Classroom addresses, as pure functions (tested with URL tables). Classroom is a
 * single-page application: stream items open at
 *   /c/<course>/m/<item>/details   (material)      /c/<course>/a/<item>/details   (assignment)
 *   /c/<course>/sa/<item>/details  (short answer)  /c/<course>/mc/<item>/details  (question)
 * optionally under an account prefix (/u/1/). The page's class names are generated, so the
 * adapter reads the main region (role=main) and its first heading, not specific classes.
 */

export type ClassroomKind = 'm' | 'a' | 'sa' | 'mc';

export interface ClassroomRef {
  courseId: string;
  kind: ClassroomKind;
  itemId: string;
}

const ITEM_PATH = /^(?:\/u\/\d+)?\/c\/([A-Za-z0-9_-]{4,64})\/(m|a|sa|mc)\/([A-Za-z0-9_-]{4,64})\/details\/?$/;

export function parseClassroomUrl(url: string): ClassroomRef | null {
  const parsed = httpsUrl(url);
  if (!parsed || parsed.hostname !== 'classroom.google.com') return null;
  const match = ITEM_PATH.exec(parsed.pathname);
  if (!match?.[1] || !match[3]) return null;
  const courseId = keyPart(match[1]);
  const itemId = keyPart(match[3]);
  if (!courseId || !itemId) return null;
  return { courseId, kind: match[2] as ClassroomKind, itemId };
}

export function classroomDocKey(ref: ClassroomRef): string {
  return `classroom:classroom.google.com:${ref.courseId}:${ref.kind}-${ref.itemId}`;
}

/** The tab title is "<item title> - <course>" or "<course>"; Classroom's own suffix is dropped. */
export function classroomTitleFromTabTitle(tabTitle: string): string {
  return tabTitle.replace(/\s+[-–]\s+Google Classroom\s*$/i, '').trim();
}
