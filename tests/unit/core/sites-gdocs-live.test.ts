import { describe, expect, it } from 'vitest';
import {
  googleDocKey,
  googleDocRefFromKey,
  onlyFragmentDiffers,
  saveIndicatorSaysSaving,
  withHeadingFragment,
} from '../../../core/sites/gdocs';

const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-xy';

describe('Google Docs: live editing helpers', () => {
  it.each([
    [`gdocs:${ID}`, { documentId: ID, tabId: null }],
    [`gdocs:${ID}:t.k2p9`, { documentId: ID, tabId: 't.k2p9' }],
    ['gdocs:short', null],
    [`canvas:school.instructure.com:12:plan`, null],
    [`gdocs:${ID}:not-a-tab`, null],
  ])('docKey %s names %o', (key, ref) => {
    expect(googleDocRefFromKey(key)).toEqual(ref);
    if (ref) expect(googleDocKey(ref)).toBe(key);
  });

  it.each([
    ['Saving…', true],
    ['Saving...', true],
    ['Document status: Saving', true],
    ['Saved to Drive', false],
    ['All changes saved in Drive', false],
    ['Document status: Saved to Drive.', false],
    ['', false],
  ])('save indicator "%s" → saving %s', (text, saving) => {
    expect(saveIndicatorSaysSaving(text)).toBe(saving);
  });

  it('points a tab already showing the document at a heading, keeping its account and tab', () => {
    expect(
      withHeadingFragment(`https://docs.google.com/document/u/1/d/${ID}/edit?tab=t.0#heading=h.old`, 'h.new'),
    ).toBe(`https://docs.google.com/document/u/1/d/${ID}/edit?tab=t.0#heading=h.new`);
    expect(withHeadingFragment(`https://docs.google.com/document/d/${ID}/edit`, 'h.x')).toBe(
      `https://docs.google.com/document/d/${ID}/edit#heading=h.x`,
    );
  });

  it.each([
    [
      `https://docs.google.com/document/d/${ID}/edit`,
      `https://docs.google.com/document/d/${ID}/edit#heading=h.x`,
      true,
    ],
    [
      `https://docs.google.com/document/d/${ID}/edit#heading=h.a`,
      `https://docs.google.com/document/d/${ID}/edit#heading=h.b`,
      true,
    ],
    [
      `https://docs.google.com/document/d/${ID}/view`,
      `https://docs.google.com/document/d/${ID}/edit#heading=h.x`,
      false,
    ],
    ['not a url', `https://docs.google.com/document/d/${ID}/edit`, false],
  ])('%s → %s only moves the fragment: %s', (from, to, same) => {
    expect(onlyFragmentDiffers(from, to)).toBe(same);
  });
});
