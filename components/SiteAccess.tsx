import { useEffect, useId, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { grantedHosts, registerSite, removeSite } from '../background/sites';
import { browserSites } from '../background/sites-browser';
import { type SiteGrantProblem, siteGrantFor } from '../core/sites/custom';
import { type MessageKey, t } from '../lib/i18n';

const PROBLEM_TEXT: Record<SiteGrantProblem, MessageKey> = {
  empty: 'options_siteProblemEmpty',
  not_https: 'options_siteProblemNotHttps',
  not_address: 'options_siteProblemNotAddress',
  numeric: 'options_siteProblemNumeric',
  known: 'options_siteProblemKnown',
};

/**
 * "Use PlanLens on this site": for a district site that is not one PlanLens knows, the user types
 * its address and PlanLens asks the browser for that one site from the click (nothing is
 * granted at install). Each granted site is listed with a button that removes it again.
 */
export function SiteAccess() {
  const id = useId();
  const [address, setAddress] = useState('');
  const [hosts, setHosts] = useState<string[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const sites = browserSites();

  const refresh = () => {
    grantedHosts(sites)
      .then(setHosts)
      .catch((e: unknown) => setMessage({ text: (e as Error).message, error: true }));
  };
  useEffect(() => {
    refresh();
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, []);

  const allow = (event: Event) => {
    event.preventDefault();
    const grant = siteGrantFor(address);
    if (!grant.ok) {
      setMessage({ text: t(PROBLEM_TEXT[grant.reason], { host: grant.host ?? '' }), error: true });
      return;
    }
    // The request must start inside the click: nothing is awaited before it.
    browser.permissions
      .request({ origins: [grant.pattern] })
      .then(async (granted) => {
        if (!granted) {
          setMessage({ text: t('options_siteNotGranted', { host: grant.host }), error: true });
          return;
        }
        await registerSite(sites, grant.host);
        setAddress('');
        setMessage({ text: t('options_siteGranted', { host: grant.host }), error: false });
        refresh();
      })
      .catch((e: unknown) => setMessage({ text: (e as Error).message, error: true }));
  };

  const remove = (host: string) => {
    removeSite(sites, host)
      .then(() => {
        setMessage({ text: t('options_siteRemoved', { host }), error: false });
        refresh();
      })
      .catch((e: unknown) => setMessage({ text: (e as Error).message, error: true }));
  };

  return (
    <section class="site-access" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('options_districtSitesTitle')}</h3>
      <p>{t('options_districtSitesIntro')}</p>
      <form onSubmit={allow}>
        <label for={`${id}-address`}>{t('options_siteAddressLabel')}</label>{' '}
        <input
          id={`${id}-address`}
          type="text"
          inputMode="url"
          placeholder="https://plans.district.org"
          value={address}
          onInput={(e) => setAddress((e.target as HTMLInputElement).value)}
        />{' '}
        <button type="submit" class="button">
          {t('options_siteAllow')}
        </button>
      </form>
      {message && (
        <p class={message.error ? 'notice notice-error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {hosts.length === 0 ? (
        <p class="sites-empty">{t('options_sitesEmpty')}</p>
      ) : (
        <ul class="sites">
          {hosts.map((host) => (
            <li key={host} class="site" data-host={host}>
              <span class="site-host">{host}</span>{' '}
              <button
                type="button"
                class="button button-small button-quiet"
                aria-label={t('options_siteRemoveLabel', { host })}
                onClick={() => remove(host)}
              >
                {t('options_siteRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** For the side panel: plans on another district site are allowed from the settings page. */
export function OtherSiteLink() {
  return (
    <p class="other-site">
      <button
        type="button"
        class="button button-small button-quiet"
        onClick={() => void browser.runtime.openOptionsPage()}
      >
        {t('options_otherSiteLink')}
      </button>
    </p>
  );
}
