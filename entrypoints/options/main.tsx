import { render } from 'preact';
import { DashboardLink } from '../../components/DashboardLink';
import { SiteAccess } from '../../components/SiteAccess';

const root = document.getElementById('app');
if (root)
  render(
    <main class="panel">
      <h1>PlanLens settings</h1>
      <p>
        See every tracked plan, export or import them: <DashboardLink />
      </p>
      <SiteAccess />
    </main>,
    root,
  );
