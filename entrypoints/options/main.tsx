import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage';
import { t, uiLanguage } from '../../lib/i18n';

document.documentElement.lang = uiLanguage();
document.title = t('options_pageTitle');
const root = document.getElementById('app');
// One tree: the surface preference is a section of OptionsPage (ids from useId stay unique).
if (root) render(<OptionsPage />, root);
