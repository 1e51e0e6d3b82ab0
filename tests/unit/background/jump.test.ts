import { describe, expect, it } from 'vitest';
import { findDocumentTab, showEvidence, type TabInfo, type TabsAccess } from '../../../background/jump';
import type { ShowPassageCommand } from '../../../core/content-protocol';

const ID = '1LakeviewPbisPlanXq7Rt2026abcdefghijk';
const KEY = `gdocs:${ID}`;

function fakeTabs(tabs: TabInfo[], passageAnswers = true) {
  const calls: string[] = [];
  const commands: ShowPassageCommand[] = [];
  const access: TabsAccess = {
    query: async () => tabs,
    navigate: async (id, url) => {
      calls.push(`navigate ${id} ${url}`);
    },
    reload: async (id) => {
      calls.push(`reload ${id}`);
    },
    activate: async (tab) => {
      calls.push(`activate ${tab.id}`);
    },
    open: async (url) => {
      calls.push(`open ${url}`);
    },
    showPassage: async (id, command) => {
      calls.push(`showPassage ${id}`);
      commands.push(command);
      return passageAnswers;
    },
  };
  return { access, calls, commands };
}

describe('Show in document', () => {
  it('points the Google Docs tab at the heading and reloads it (the editor reads the fragment on load)', async () => {
    const { access, calls } = fakeTabs([
      { id: 1, url: 'https://example.org/' },
      { id: 4, url: `https://docs.google.com/document/u/1/d/${ID}/edit`, active: false },
    ]);
    const result = await showEvidence(access, { docKey: KEY, blockId: 'b3', anchor: 'h.coach1', snippet: 's' }, null);
    expect(result.shown).toBe('reloaded');
    expect(calls).toEqual([
      'activate 4',
      `navigate 4 https://docs.google.com/document/u/1/d/${ID}/edit#heading=h.coach1`,
      'reload 4',
    ]);
  });

  it('opens the document at the heading when no tab shows it', async () => {
    const { access, calls } = fakeTabs([]);
    const result = await showEvidence(access, { docKey: KEY, blockId: 'b3', anchor: 'h.x', snippet: 's' }, null);
    expect(result.shown).toBe('opened');
    expect(calls).toEqual([`open https://docs.google.com/document/d/${ID}/edit#heading=h.x`]);
  });

  it('prefers the active tab when several show the document', () => {
    const url = `https://docs.google.com/document/d/${ID}/edit`;
    expect(
      findDocumentTab(
        [
          { id: 1, url },
          { id: 2, url, active: true },
        ],
        KEY,
      )?.id,
    ).toBe(2);
    expect(findDocumentTab([{ id: 1, url: `${url}?tab=t.2` }], KEY)).toBeNull();
  });

  it('asks the content script of an LMS page to highlight the passage', async () => {
    const url = 'https://district.instructure.com/courses/12/pages/plan';
    const { access, calls, commands } = fakeTabs([{ id: 9, url }]);
    const request = { docKey: 'canvas:district.instructure.com:12:plan', blockId: 'b7', snippet: 'Coaches meet' };
    const result = await showEvidence(access, request, url);
    expect(result.shown).toBe('scrolled');
    expect(calls).toEqual(['activate 9', 'showPassage 9']);
    expect(commands[0]).toEqual({ type: 'planlens:showPassage', ...request });
  });

  it('opens a stored web address when no tab shows the page, and never a data:, javascript: or file: one', async () => {
    const request = { docKey: 'canvas:district.instructure.com:12:plan', blockId: 'b7', snippet: 'Coaches meet' };
    const ok = fakeTabs([]);
    const url = 'https://district.instructure.com/courses/12/pages/plan';
    expect((await showEvidence(ok.access, request, url)).shown).toBe('opened');
    expect(ok.calls).toEqual([`open ${url}`]);
    // Stored addresses also come from import files.
    for (const hostile of [
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'not a url',
    ]) {
      const { access, calls } = fakeTabs([]);
      await expect(showEvidence(access, request, hostile)).rejects.toThrow(/Open the document first/);
      expect(calls).toEqual([]);
    }
  });

  it('says so when the page does not answer', async () => {
    const url = 'https://district.instructure.com/courses/12/pages/plan';
    const { access } = fakeTabs([{ id: 9, url }], false);
    await expect(
      showEvidence(access, { docKey: 'canvas:district.instructure.com:12:plan', blockId: 'b7', snippet: 's' }, url),
    ).rejects.toThrow(/did not answer/);
  });
});
