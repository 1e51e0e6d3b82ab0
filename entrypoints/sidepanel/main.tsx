import { render } from 'preact';
import { SidePanel } from '../../components/SidePanel';
import { t, uiLanguage } from '../../lib/i18n';

// The page is shown in the browser's language (its messages come from _locales).
document.documentElement.lang = uiLanguage();
document.title = t('extName');
const root = document.getElementById('app');
if (root) render(<SidePanel requestedDocKey={new URLSearchParams(location.search).get('doc')} />, root);
