import { describe, expect, it } from 'vitest';
import { probedSnapshot } from '../../../core/sites/probed-page';

/**
 * A page an LMS probe sent from the page's own world (core/sites/probed-page.ts): taken only as
 * this address's own document, in the shape a reader's snapshot has.
 */

const html = '<h1>Coaching plan</h1><p>Coaches meet <b>teachers</b> monthly.</p><script>alert(1)</script>';
const blocks = [
  { id: 'b0', kind: 'heading', level: 1, text: 'Coaching plan' },
  { id: 'b1', kind: 'paragraph', text: 'Coaches meet teachers monthly.' },
];
const CANVAS = 'https://hcusd.instructure.com/courses/4821/pages/plan';
const MOODLE = 'https://pinecrest.moodlecloud.com/mod/page/view.php?id=567';

describe('a page a probe sent', () => {
  it('becomes the snapshot its reader would send, with the address the browser gave', () => {
    const page = { docKey: 'canvas:hcusd.instructure.com:4821:plan', title: 'Plan', html };
    expect(probedSnapshot('canvas', CANVAS, page)).toEqual({
      docKey: page.docKey,
      title: 'Plan',
      site: 'canvas',
      url: CANVAS,
      blocks,
    });
    // Moodle's course comes from the page, as its reader takes it: any course on this host.
    const moodle = { docKey: 'moodle:pinecrest.moodlecloud.com:42:567', title: 'Plan', html };
    expect(probedSnapshot('moodle', MOODLE, moodle)?.docKey).toBe(moodle.docKey);
  });

  it.each([
    ['another document of the site', 'canvas', CANVAS, { docKey: 'canvas:hcusd.instructure.com:4821:other' }],
    ['another host', 'canvas', CANVAS, { docKey: 'canvas:evil.instructure.com:4821:plan' }],
    ['another site', 'moodle', MOODLE, { docKey: 'canvas:pinecrest.moodlecloud.com:42:567' }],
    ['a key that is no key', 'moodle', MOODLE, { docKey: 'moodle:pinecrest.moodlecloud.com: 42' }],
    ['an address that is not https', 'moodle', MOODLE.replace('https', 'http'), {}],
    ['a title that is no text', 'canvas', CANVAS, { title: ['Plan'] }],
    ['HTML that is no text', 'canvas', CANVAS, { html: ['<p>Plan</p>'] }],
    ['more HTML than a probe sends', 'canvas', CANVAS, { html: '<p>x</p>'.repeat(250_001) }],
    ['a paragraph too long to be a block', 'canvas', CANVAS, { html: `<p>${'x'.repeat(20_001)}</p>` }],
    ['a title too long', 'canvas', CANVAS, { title: 'x'.repeat(501) }],
  ] as const)('is refused when it names %s', (_name, site, url, change) => {
    const page = { docKey: 'canvas:hcusd.instructure.com:4821:plan', title: 'Plan', html, ...change };
    const fixed =
      site === 'moodle' && !('docKey' in change)
        ? { ...page, docKey: 'moodle:pinecrest.moodlecloud.com:42:567' }
        : page;
    expect(probedSnapshot(site, url, fixed)).toBeNull();
  });

  it('is refused when it is no page at all', () => {
    for (const page of [undefined, null, 'page', 42, []]) expect(probedSnapshot('canvas', CANVAS, page)).toBeNull();
  });
});
