import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { toChromeMessages } from './core/i18n/messages';
import { DEFAULT_LOCALE, localeNames, readLocale } from './scripts/locales';
import { withoutGlobalName } from './scripts/probe-build';

// Hosts PlanLens reads without asking: only the sites whose documents it understands.
// Anything else is requested at run time from a user gesture (see docs/permissions.md).
const KNOWN_HOSTS = [
  'https://docs.google.com/*',
  'https://*.instructure.com/*',
  'https://*.moodlecloud.com/*',
  'https://*.schoology.com/*',
  'https://*.brightspace.com/*',
  'https://classroom.google.com/*',
];

export default defineConfig({
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader can follow every name to its file.
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: DEFAULT_LOCALE,
    // storage: the "Open PlanLens as" preference and the tabs with the in-page panel (background/surfaces.ts).
    permissions: browser === 'firefox' ? ['scripting', 'storage'] : ['sidePanel', 'scripting', 'storage'],
    host_permissions: KNOWN_HOSTS,
    // District sites: asked for one by one from a click in the options page, never at install.
    optional_host_permissions: ['https://*/*'],
    action: { default_title: '__MSG_actionTitle__' },
    // No content_scripts: nothing of PlanLens runs at page load. The background probes a known
    // site's page in its own world and injects the reader where the probe found a likely plan
    // (core/sites/readers.ts); district sites' gates are registered at run time.
    // Suggested keys (Chrome: Ctrl or Alt, optionally Shift, never Ctrl+Alt; at most four; a key
    // the browser itself uses is silently left unassigned, as Alt+Shift+P is in Chromium 156). The
    // toolbar button's key opens PlanLens the way the user chose; the other toggles the in-page panel.
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+O' }, description: '__MSG_commandOpenAction__' },
      'toggle-overlay': { suggested_key: { default: 'Alt+Shift+L' }, description: '__MSG_commandToggleOverlay__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'planlens@planlens.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  hooks: {
    // The browser's _locales/<lang>/messages.json, merged from the per-area sources in locales/.
    'build:publicAssets': (_wxt, files) => {
      for (const lang of localeNames()) {
        files.push({
          relativeDest: `_locales/${lang}/messages.json`,
          contents: `${JSON.stringify(toChromeMessages(readLocale(lang)), null, 2)}\n`,
        });
      }
    },
    // A probe's value is the script's value, without the global WXT names it by (scripts/probe-build.ts).
    'build:done': (wxt, output) => {
      for (const step of output.steps) {
        for (const chunk of step.chunks) {
          if (chunk.type !== 'chunk' || !/^[a-z]+-probe\.js$/.test(chunk.fileName)) continue;
          const file = path.join(wxt.config.outDir, chunk.fileName);
          writeFileSync(file, withoutGlobalName(readFileSync(file, 'utf8'), chunk.fileName));
        }
      }
    },
    // Page scripts run on pages that may not be plans and have a budget (< 20 KB gzipped, < 5 ms of
    // main-thread work on a page that is not a plan). They use only runtime.sendMessage and
    // runtime.onMessage with sendResponse, which Chrome and Firefox offer natively with promises,
    // so they get the browser's own API object instead of webextension-polyfill (about a
    // millisecond and 3 KB gzipped on every page). Extension pages and the background keep it.
    'vite:build:extendConfig': (entrypoints, config) => {
      const pageScript = (entry: (typeof entrypoints)[number]) =>
        entry.type === 'content-script' || (entry.type === 'unlisted-script' && /-(gate|probe)$/.test(entry.name));
      if (!entrypoints.every(pageScript)) return;
      const native = { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' };
      config.resolve ??= {};
      const alias = config.resolve.alias;
      if (Array.isArray(alias)) config.resolve.alias = [native, ...alias];
      else
        config.resolve.alias = [
          native,
          ...Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement })),
        ];
    },
  },
  webExt: {
    disabled: true,
  },
});
