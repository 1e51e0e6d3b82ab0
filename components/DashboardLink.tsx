import { browser } from 'wxt/browser';
import { t } from '../lib/i18n';

/** "Dashboard": opens PlanLens's dashboard page in a new tab (from the side panel or settings). */
export function DashboardLink() {
  const url = browser.runtime.getURL('/dashboard.html');
  return (
    <a
      class="dashboard-link"
      href={url}
      target="_blank"
      rel="noopener"
      onClick={(event) => {
        event.preventDefault();
        // Content scripts (the in-page overlay) have no tabs API: the link opens it instead.
        if (!browser.tabs) window.open(url, '_blank', 'noopener');
        else browser.tabs.create({ url }).catch(() => window.open(url, '_blank', 'noopener'));
      }}
    >
      {t('panel_dashboard')}
    </a>
  );
}
