import { browser } from 'wxt/browser';

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
        browser.tabs.create({ url }).catch(() => window.open(url, '_blank', 'noopener'));
      }}
    >
      Dashboard
    </a>
  );
}
