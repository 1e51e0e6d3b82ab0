import { t } from '../../lib/i18n';

/** What PlanLens reads, where it keeps it, and that nothing leaves the machine: plain sentences. */
export function PrivacySection() {
  return (
    <section id="privacy" class="options-section privacy" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t('options_privacyTitle')}</h2>
      <h3>{t('options_privacyReadTitle')}</h3>
      <p>{t('options_privacyRead')}</p>
      <h3>{t('options_privacyStoredTitle')}</h3>
      <p>{t('options_privacyStored')}</p>
      <h3>{t('options_privacyNothingLeavesTitle')}</h3>
      <p>{t('options_privacyNothingLeaves')}</p>
      <h3>{t('options_privacyNoAnalyticsTitle')}</h3>
      <p>{t('options_privacyNoAnalytics')}</p>
    </section>
  );
}
