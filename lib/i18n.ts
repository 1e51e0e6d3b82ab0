import { browser } from 'wxt/browser';
import { substitutions } from '../core/i18n/messages';
import type { MessageKey } from './message-keys';

export type { MessageKey };

// WXT types getMessage from public/_locales, which this project generates at build time instead
// (from locales/), so its generated overloads know only the @@ names. MessageKey is the real check.
const getMessage = (name: string, subs: string[]): string =>
  (browser.i18n.getMessage as (name: string, subs?: string[]) => string)(name, subs);

/**
 * The UI string `key` in the browser's language (English when the language has no translation).
 * Parameters are named as in the source files: t('panel_answeredSince', { count: 3, day }).
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = getMessage(key, substitutions(params));
  // An unknown name gives "" in Chrome: show the name rather than a blank control.
  return text || key;
}

/** The language the UI is shown in, for `lang` attributes and number/date formatting. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}
