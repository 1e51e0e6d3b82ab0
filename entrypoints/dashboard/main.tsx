import { render } from 'preact';
import { Dashboard } from '../../components/Dashboard';
import { t, uiLanguage } from '../../lib/i18n';

document.documentElement.lang = uiLanguage();
document.title = t('dashboard_pageTitle');
const root = document.getElementById('app');
if (root) render(<Dashboard />, root);
