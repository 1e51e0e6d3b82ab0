import { describe, expect, it } from 'vitest';
import { grantedHosts, reconcileSites, registerSite, removeSite, type SitesApi } from '../../../background/sites';

function fakeApi(origins: string[], scripts: Array<{ id: string; matches?: string[]; js?: string[] }> = []) {
  const state = { origins: [...origins], scripts: [...scripts], injected: [] as string[] };
  const api: SitesApi = {
    getAllOrigins: async () => state.origins,
    removeOrigins: async (list) => {
      state.origins = state.origins.filter((o) => !list.includes(o));
      return true;
    },
    registered: async () => state.scripts,
    register: async (list) => {
      for (const s of list) {
        if (state.scripts.some((x) => x.id === s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        state.scripts.push({ id: s.id, matches: s.matches, js: s.js });
      }
    },
    unregister: async (ids) => {
      state.scripts = state.scripts.filter((s) => !ids.includes(s.id));
    },
    injectIntoOpenTabs: async (pattern) => {
      state.injected.push(pattern);
    },
  };
  return { api, state };
}

const KNOWN = ['https://docs.google.com/*', 'https://*.instructure.com/*'];

describe('granted district sites', () => {
  it('lists only the sites the user granted, not the known hosts', async () => {
    const { api } = fakeApi([...KNOWN, 'https://plans.district.org/*', 'https://b.district.org/*']);
    expect(await grantedHosts(api)).toEqual(['b.district.org', 'plans.district.org']);
  });

  it('registers a site once and reads the tabs already open there', async () => {
    const { api, state } = fakeApi([...KNOWN, 'https://plans.district.org/*']);
    await registerSite(api, 'plans.district.org');
    await registerSite(api, 'plans.district.org');
    expect(state.scripts).toEqual([
      { id: 'planlens-site-plans.district.org', matches: ['https://plans.district.org/*'], js: ['/custom-gate.js'] },
    ]);
    expect(state.injected).toEqual(['https://plans.district.org/*', 'https://plans.district.org/*']);
  });

  it('removing a site unregisters its script and gives the permission back', async () => {
    const { api, state } = fakeApi(
      [...KNOWN, 'https://plans.district.org/*'],
      [{ id: 'planlens-site-plans.district.org' }],
    );
    await removeSite(api, 'plans.district.org');
    expect(state.scripts).toEqual([]);
    expect(state.origins).toEqual(KNOWN);
  });

  it('reconciles scripts with permissions (after a restart, or access removed in the browser)', async () => {
    const { api, state } = fakeApi(
      [...KNOWN, 'https://plans.district.org/*'],
      [{ id: 'planlens-site-gone.district.org' }, { id: 'someone-else' }],
    );
    await reconcileSites(api);
    expect(state.scripts.map((s) => s.id).sort()).toEqual(['planlens-site-plans.district.org', 'someone-else']);
  });

  it('replaces a registration of an older version (the reader itself) by the gate', async () => {
    const { api, state } = fakeApi(
      [...KNOWN, 'https://plans.district.org/*'],
      [{ id: 'planlens-site-plans.district.org', js: ['content-scripts/custom.js'] }],
    );
    await reconcileSites(api);
    expect(state.scripts).toEqual([
      { id: 'planlens-site-plans.district.org', matches: ['https://plans.district.org/*'], js: ['/custom-gate.js'] },
    ]);
    // A current registration (the browser may report the path without its slash) is left alone.
    state.scripts = [{ id: 'planlens-site-plans.district.org', js: ['custom-gate.js'] }];
    await reconcileSites(api);
    expect(state.scripts).toEqual([{ id: 'planlens-site-plans.district.org', js: ['custom-gate.js'] }]);
  });
});
