import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { format, paramsOf } from '../../core/i18n/messages';
import { readLocale } from '../../scripts/locales';

// The fake browser has no i18n: answer from the English sources, as Chrome would in English.
// Parameters arrive positionally (alphabetical names), so map them back by name.
const english = readLocale('en');
fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => {
  const message = english[key];
  if (message === undefined) return '';
  const values = Array.isArray(subs) ? subs : subs === undefined ? [] : [subs];
  const names = paramsOf(message);
  return format(message, Object.fromEntries(names.map((name, i) => [name, values[i] ?? ''])));
}) as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en';
