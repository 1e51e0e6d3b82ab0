// Reads the message sources (locales/<lang>/<area>.json) from disk. Used by the build (wxt.config.ts
// writes _locales/<lang>/messages.json from them) and by the unit tests.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type MessageSource, mergeSources } from '../core/i18n/messages';

export const LOCALES_DIR = path.resolve(import.meta.dirname, '..', 'locales');
export const DEFAULT_LOCALE = 'en';

export function localeNames(dir = LOCALES_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function readLocale(lang: string, dir = LOCALES_DIR): MessageSource {
  const folder = path.join(dir, lang);
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name: `${lang}/${name}`, messages: JSON.parse(readFileSync(path.join(folder, name), 'utf8')) }));
  return mergeSources(files);
}
