import { describe, expect, it } from 'vitest';
import { brightspaceDocKey, looksLikeBrightspace, parseBrightspaceUrl } from '../../../core/sites/brightspace';
import { classroomDocKey, classroomTitleFromTabTitle, parseClassroomUrl } from '../../../core/sites/classroom';
import { documentForUrl } from '../../../core/sites/index';
import {
  looksLikeSchoology,
  parseSchoologyUrl,
  schoologyCourseId,
  schoologyDocKey,
} from '../../../core/sites/schoology';

const probe = (...present: string[]) => ({
  querySelector: (s: string) => (present.some((p) => s.split(', ').includes(p)) ? {} : null),
});

describe('Schoology addresses', () => {
  it.each([
    ['https://app.schoology.com/page/7315502913', 'page-7315502913', 'page'],
    ['https://pinecrestsd.schoology.com/page/7315502913/', 'page-7315502913', 'page'],
    ['https://pinecrestsd.schoology.com/assignment/7315502999/info', 'assignment-7315502999', 'assignment'],
    ['https://pinecrestsd.schoology.com/assignment/7315502999', 'assignment-7315502999', 'assignment'],
  ])('%s → %s', (url, item, view) => {
    expect(parseSchoologyUrl(url)).toMatchObject({ item, view });
    // The course is not in the address: the page's links give it.
    expect(documentForUrl(url)).toBeNull();
  });

  it.each([
    'https://app.schoology.com/home',
    'https://app.schoology.com/course/6650213801/materials',
    'https://app.schoology.com/page/abc',
    'https://app.schoology.com/page/123/edit',
    'http://app.schoology.com/page/7315502913',
  ])('ignores %s', (url) => {
    expect(parseSchoologyUrl(url)).toBeNull();
  });

  it('takes the course from the page links and builds the key', () => {
    expect(schoologyCourseId(['/home', '/course/6650213801/materials', '/course/1/updates'])).toBe('6650213801');
    expect(schoologyCourseId(['https://app.schoology.com/course/42/materials'])).toBe('42');
    expect(schoologyCourseId(['/courses', '/group/5/updates'])).toBeNull();
    const ref = parseSchoologyUrl('https://app.schoology.com/page/7315502913');
    expect(ref && schoologyDocKey(ref, '6650213801')).toBe('schoology:app.schoology.com:6650213801:page-7315502913');
    expect(looksLikeSchoology(probe('#site-navigation-ui', '#center-top'))).toBe(true);
    expect(looksLikeSchoology(probe('#center-top'))).toBe(false);
  });
});

describe('Brightspace addresses', () => {
  it.each([
    ['https://pinecrest.brightspace.com/d2l/le/content/6606/viewContent/41877/View', 'topic'],
    ['https://pinecrest.brightspace.com/d2l/le/content/6606/viewContent/41877/view?ou=6606', 'topic'],
    ['https://pinecrest.brightspace.com/d2l/le/content/6606/contentfile/41877/EditFile?fm=0', 'topicEdit'],
    ['https://d2l.district.edu/d2l/le/content/6606/viewContent/41877/View', 'topic'],
  ])('%s → %s', (url, view) => {
    const ref = parseBrightspaceUrl(url);
    expect(ref?.view).toBe(view);
    const key = `brightspace:${new URL(url).hostname}:6606:41877`;
    expect(ref && brightspaceDocKey(ref)).toBe(key);
    expect(documentForUrl(url)).toEqual({ site: 'brightspace', docKey: key });
  });

  it.each([
    'https://pinecrest.brightspace.com/d2l/le/content/6606/Home',
    'https://pinecrest.brightspace.com/d2l/home/6606',
    'https://pinecrest.brightspace.com/d2l/le/content/6606/viewContent/abc/View',
    'http://pinecrest.brightspace.com/d2l/le/content/6606/viewContent/41877/View',
  ])('ignores %s', (url) => {
    expect(parseBrightspaceUrl(url)).toBeNull();
  });

  it('recognizes Brightspace by its navigation or body class', () => {
    expect(looksLikeBrightspace(probe('d2l-navigation'))).toBe(true);
    expect(looksLikeBrightspace(probe('body.d2l-body'))).toBe(true);
    expect(looksLikeBrightspace(probe('#content'))).toBe(false);
  });
});

describe('Google Classroom addresses', () => {
  it.each([
    ['https://classroom.google.com/c/NzE2NjQ5MDc1ODcy/m/ODI4MzM1NTk0NTQ5/details', 'm-ODI4MzM1NTk0NTQ5'],
    ['https://classroom.google.com/u/1/c/NzE2NjQ5MDc1ODcy/a/ODI4MzM1NTk0NTQ5/details', 'a-ODI4MzM1NTk0NTQ5'],
    ['https://classroom.google.com/u/0/c/NzE2NjQ5MDc1ODcy/sa/ODI4MzM1NTk0NTQ5/details', 'sa-ODI4MzM1NTk0NTQ5'],
  ])('%s → %s', (url, item) => {
    const ref = parseClassroomUrl(url);
    expect(ref && classroomDocKey(ref)).toBe(`classroom:classroom.google.com:NzE2NjQ5MDc1ODcy:${item}`);
    expect(documentForUrl(url)?.site).toBe('classroom');
  });

  it.each([
    'https://classroom.google.com/u/0/h',
    'https://classroom.google.com/c/NzE2NjQ5MDc1ODcy',
    'https://classroom.google.com/c/NzE2NjQ5MDc1ODcy/m/ODI4MzM1NTk0NTQ5',
    'https://classroom.google.com.evil.example/c/NzE2NjQ5MDc1ODcy/m/ODI4MzM1NTk0NTQ5/details',
    'https://docs.google.com/c/NzE2NjQ5MDc1ODcy/m/ODI4MzM1NTk0NTQ5/details',
  ])('ignores %s', (url) => {
    expect(parseClassroomUrl(url)).toBeNull();
  });

  it('reads the item title from the tab title', () => {
    expect(classroomTitleFromTabTitle('Reading plan - Google Classroom')).toBe('Reading plan');
  });
});
