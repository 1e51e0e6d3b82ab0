import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import { DashboardLink } from '../DashboardLink';
import { SiteAccess } from '../SiteAccess';
import { SurfacePreference } from '../SurfacePreference';
import { BankSection } from './BankSection';
import { DataSection } from './DataSection';
import { KnownSites } from './KnownSites';
import { PrivacySection } from './PrivacySection';

/**
 * The settings page: one section per subject, each with its own heading and anchor, listed in
 * the page's table of contents. A new setting gets its own section here (and a line in the list).
 */
export function OptionsPage() {
  // Deleting all data also puts the built-in bank back: the bank section reads it again.
  const [generation, setGeneration] = useState(0);
  const sections = [
    { id: 'bank', title: t('options_bankTitle') },
    { id: 'sites', title: t('options_sitesTitle') },
    { id: 'surface', title: t('overlay_prefTitle') },
    { id: 'privacy', title: t('options_privacyTitle') },
    { id: 'data', title: t('options_dataTitle') },
  ];
  return (
    <main class="options">
      <header class="options-header">
        <h1>{t('options_title')}</h1>
        <p>
          {t('options_intro')} <DashboardLink />
        </p>
        <nav aria-label={t('options_sections')}>
          <ul class="options-toc">
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <BankSection generation={generation} />
      <section id="sites" class="options-section" aria-labelledby="sites-title">
        <h2 id="sites-title">{t('options_sitesTitle')}</h2>
        <KnownSites />
        <SiteAccess />
      </section>
      <SurfacePreference />
      <PrivacySection />
      <DataSection onDeleted={() => setGeneration((g) => g + 1)} />
    </main>
  );
}
