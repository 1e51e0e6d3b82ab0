import { browser } from 'wxt/browser';
import type { SiteId } from '../../core/model';
import { t } from '../../lib/i18n';
import { siteLabel } from '../labels';

/** Which site family each of the manifest's host patterns is for. */
const FAMILIES: [RegExp, SiteId][] = [
  [/^https:\/\/docs\.google\.com\//, 'gdocs'],
  [/instructure\.com\//, 'canvas'],
  [/moodlecloud\.com\//, 'moodle'],
  [/schoology\.com\//, 'schoology'],
  [/brightspace\.com\//, 'brightspace'],
  [/^https:\/\/classroom\.google\.com\//, 'classroom'],
];

export interface KnownSite {
  pattern: string;
  site: SiteId | null;
  /** `docs.google.com`, or the domain after a `*.` wildcard. */
  host: string;
  wildcard: boolean;
}

/** The manifest's host permissions as the settings page lists them (pure). */
export function knownSites(patterns: readonly string[]): KnownSite[] {
  return patterns.map((pattern) => {
    const host = /^[a-z*]+:\/\/([^/]+)\//.exec(pattern)?.[1] ?? pattern;
    const wildcard = host.startsWith('*.');
    return {
      pattern,
      site: FAMILIES.find(([re]) => re.test(pattern))?.[1] ?? null,
      host: wildcard ? host.slice(1) : host,
      wildcard,
    };
  });
}

/** The sites PlanLens reads without asking: exactly the host permissions of its manifest. */
export function KnownSites() {
  const sites = knownSites(browser.runtime.getManifest().host_permissions ?? []);
  return (
    <div class="known-sites">
      <h3>{t('options_knownSitesTitle')}</h3>
      <p>{t('options_knownSitesIntro')}</p>
      <ul class="known-site-list">
        {sites.map((s) => (
          <li key={s.pattern} class="known-site" data-pattern={s.pattern}>
            {s.site && <span class="known-site-name">{siteLabel(s.site)}</span>}{' '}
            <span class="known-site-host">{s.wildcard ? t('options_knownSiteAny', { domain: s.host }) : s.host}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
