import { describe, expect, it } from 'vitest';
import { canvasDocKey, looksLikeCanvas, parseCanvasUrl } from '../../../core/sites/canvas';
import { documentForUrl } from '../../../core/sites/index';
import {
  isMoodlePageActivity,
  looksLikeMoodle,
  moodleCourseId,
  moodleDocKey,
  moodleTitleFromTabTitle,
  parseMoodleUrl,
} from '../../../core/sites/moodle';

const probe = (...present: string[]) => ({ querySelector: (s: string) => (present.includes(s) ? {} : null) });

describe('Canvas addresses', () => {
  it.each([
    [
      'https://hcusd.instructure.com/courses/4821/pages/check-and-connect-plan',
      'canvas:hcusd.instructure.com:4821:check-and-connect-plan',
      'page',
    ],
    [
      'https://hcusd.instructure.com/courses/4821/pages/check-and-connect-plan/edit',
      'canvas:hcusd.instructure.com:4821:check-and-connect-plan',
      'pageEdit',
    ],
    [
      'https://hcusd.instructure.com/courses/4821/pages/Check-And-Connect-Plan?module_item_id=9#top',
      'canvas:hcusd.instructure.com:4821:check-and-connect-plan',
      'page',
    ],
    ['https://HCUSD.instructure.com/courses/4821/pages/plan/', 'canvas:hcusd.instructure.com:4821:plan', 'page'],
    [
      'https://hcusd.instructure.com/courses/4821/pages/plan-%C3%A9t%C3%A9',
      'canvas:hcusd.instructure.com:4821:plan-%c3%a9t%c3%a9',
      'page',
    ],
    [
      'https://hcusd.instructure.com/courses/4821/assignments/77',
      'canvas:hcusd.instructure.com:4821:assignments/77',
      'assignment',
    ],
    [
      'https://hcusd.instructure.com/courses/4821/assignments/77/edit',
      'canvas:hcusd.instructure.com:4821:assignments/77',
      'assignmentEdit',
    ],
    ['https://canvas.district.k12.us/courses/3/pages/plan', 'canvas:canvas.district.k12.us:3:plan', 'page'],
  ])('%s → %s (%s)', (url, key, view) => {
    const ref = parseCanvasUrl(url);
    expect(ref?.view).toBe(view);
    expect(ref && canvasDocKey(ref)).toBe(key);
    expect(documentForUrl(url)).toEqual({ site: 'canvas', docKey: key });
  });

  it.each([
    'https://hcusd.instructure.com/courses/4821',
    'https://hcusd.instructure.com/courses/4821/pages',
    'https://hcusd.instructure.com/courses/4821/pages/new/edit',
    'https://hcusd.instructure.com/courses/4821/pages/plan/revisions',
    'https://hcusd.instructure.com/courses/4821/assignments',
    'https://hcusd.instructure.com/courses/4821/assignments/syllabus',
    'https://hcusd.instructure.com/courses/abc/pages/plan',
    'http://hcusd.instructure.com/courses/4821/pages/plan',
    'https://hcusd.instructure.com/',
    'not a url',
  ])('ignores %s', (url) => {
    expect(parseCanvasUrl(url)).toBeNull();
  });

  it('recognizes Canvas by its application frame', () => {
    expect(looksLikeCanvas(probe('#application.ic-app'))).toBe(true);
    expect(looksLikeCanvas(probe('#content'))).toBe(false);
  });
});

describe('Moodle addresses', () => {
  it.each([
    ['https://pinecrest.moodlecloud.com/mod/page/view.php?id=567', { base: '', cmid: '567', view: 'page' }],
    ['https://pinecrest.moodlecloud.com/mod/page/view.php?id=567&forceview=1', { base: '', cmid: '567', view: 'page' }],
    [
      'https://pinecrest.moodlecloud.com/course/modedit.php?update=567&return=1',
      { base: '', cmid: '567', view: 'pageEdit' },
    ],
    ['https://lms.district.org/moodle/mod/page/view.php?id=12', { base: '/moodle', cmid: '12', view: 'page' }],
  ])('%s → %o', (url, expected) => {
    expect(parseMoodleUrl(url)).toMatchObject(expected);
    // The course is not in the address: the page has to say which document it is.
    expect(documentForUrl(url)).toBeNull();
  });

  it.each([
    'https://pinecrest.moodlecloud.com/mod/page/view.php',
    'https://pinecrest.moodlecloud.com/mod/page/view.php?id=abc',
    'https://pinecrest.moodlecloud.com/mod/page/view.php?p=4',
    'https://pinecrest.moodlecloud.com/mod/forum/view.php?id=567',
    'https://pinecrest.moodlecloud.com/course/modedit.php?add=page&course=42',
    'https://pinecrest.moodlecloud.com/course/view.php?id=42',
    'http://pinecrest.moodlecloud.com/mod/page/view.php?id=567',
  ])('ignores %s', (url) => {
    expect(parseMoodleUrl(url)).toBeNull();
  });

  it('takes the course from the body classes and checks the page is a page activity', () => {
    const body = {
      id: 'page-mod-page-view',
      classes: ['format-topics', 'path-mod-page', 'course-42', 'context-1234', 'cmid-567'],
    };
    expect(moodleCourseId(body)).toBe('42');
    expect(moodleCourseId({ id: '', classes: ['coursefoo-4'] })).toBeNull();
    const view = parseMoodleUrl('https://pinecrest.moodlecloud.com/mod/page/view.php?id=567');
    const edit = parseMoodleUrl('https://pinecrest.moodlecloud.com/course/modedit.php?update=567');
    expect(view && isMoodlePageActivity(body, view)).toBe(true);
    expect(edit && isMoodlePageActivity(body, edit)).toBe(false);
    expect(edit && isMoodlePageActivity({ id: 'page-mod-page-mod', classes: [] }, edit)).toBe(true);
    expect(edit && isMoodlePageActivity({ id: 'page-mod-quiz-mod', classes: [] }, edit)).toBe(false);
    expect(moodleDocKey('pinecrest.moodlecloud.com', '42', '567')).toBe('moodle:pinecrest.moodlecloud.com:42:567');
  });

  it('recognizes Moodle by its page frame and reads the title', () => {
    expect(looksLikeMoodle(probe('#page-wrapper', '#region-main'))).toBe(true);
    expect(looksLikeMoodle(probe('#region-main'))).toBe(false);
    expect(moodleTitleFromTabTitle('DIT-MTSS: Reading plan | Pinecrest Learning')).toBe('Reading plan');
    expect(moodleTitleFromTabTitle('DIT: Reading plan')).toBe('Reading plan');
  });
});
