import { describe, expect, it } from 'vitest';
import { type ManifestContentScript, type ReinjectApi, reinjectContentScripts } from '../../../background/reinject';

/** After an update, the new content scripts run in the tabs already open (issue 7, "Failure"). */
function fakeApi(
  scripts: ManifestContentScript[],
  tabs: Record<string, Array<{ id?: number; discarded?: boolean }>>,
  refuse: number[] = [],
) {
  const injected: Array<[number, string[], boolean]> = [];
  const api: ReinjectApi = {
    contentScripts: async () => scripts,
    tabsMatching: async (patterns) => patterns.flatMap((p) => tabs[p] ?? []),
    inject: async (tabId, files, allFrames) => {
      if (refuse.includes(tabId)) throw new Error('Cannot access contents of the page.');
      injected.push([tabId, files, allFrames]);
    },
  };
  return { api, injected };
}

describe('re-running content scripts in open tabs after an update', () => {
  it('runs each script in the open tabs it matches, skipping discarded tabs and tabs that refuse', async () => {
    const { api, injected } = fakeApi(
      [
        { matches: ['https://docs.google.com/document/*'], js: ['content-scripts/gdocs.js'] },
        {
          matches: ['https://*.instructure.com/courses/*/pages/*'],
          js: ['content-scripts/canvas.js'],
          all_frames: true,
        },
        { matches: ['https://*.schoology.com/page/*'], js: [] },
      ],
      {
        'https://docs.google.com/document/*': [{ id: 1 }, { id: 2, discarded: true }, { id: 3 }, {}],
        'https://*.instructure.com/courses/*/pages/*': [{ id: 4 }],
        'https://*.schoology.com/page/*': [{ id: 5 }],
      },
      [3],
    );
    expect(await reinjectContentScripts(api)).toBe(2);
    expect(injected).toEqual([
      [1, ['content-scripts/gdocs.js'], false],
      [4, ['content-scripts/canvas.js'], true],
    ]);
  });

  it('does nothing, without throwing, when the browser cannot list tabs or scripts', async () => {
    const api: ReinjectApi = {
      contentScripts: async () => {
        throw new Error('no manifest');
      },
      tabsMatching: async () => [],
      inject: async () => undefined,
    };
    expect(await reinjectContentScripts(api)).toBe(0);
    const { api: noTabs } = fakeApi([{ matches: ['https://docs.google.com/document/*'], js: ['a.js'] }], {});
    noTabs.tabsMatching = async () => {
      throw new Error('tabs unavailable');
    };
    expect(await reinjectContentScripts(noTabs)).toBe(0);
  });
});
