import { type DocumentSummary, heatLevel, type Share, stageShare } from '../core/coverage/summary';
import { DRIVERS, STAGES, type StageId } from '../core/model';
import { t } from '../lib/i18n';
import { driverLabel, stageLabel, stageShortLabel } from './labels';

export function shareText(share: Share): string {
  return share.total === 0
    ? t('dashboard_shareNone')
    : t('dashboard_shareOf', { addressed: share.addressed, total: share.total });
}

export function percent(share: Share): string {
  return share.total === 0 ? '–' : `${Math.round((share.addressed / share.total) * 100)}%`;
}

function Cell({ share, driver, stage }: { share: Share; driver: string; stage: string }) {
  const level = heatLevel(share);
  const text = t('dashboard_cellLabel', { driver, stage, share: shareText(share) });
  return <span class={`heat heat-${level ?? 'none'}`} title={text} aria-label={text} role="img" />;
}

/**
 * A plan's coverage as a heat map: drivers down, stages across (9 × 4), each cell colored by
 * the share of its questions addressed; with a stage chosen, that stage's column only.
 */
export function HeatMap({ summary, stage }: { summary: DocumentSummary; stage: StageId | 'all' }) {
  const stages = stage === 'all' ? STAGES : [stage];
  return (
    <div class={stage === 'all' ? 'heatmap' : 'heatmap heatmap-one'}>
      {DRIVERS.map((driver) => (
        <div class="heat-row" key={driver}>
          {stages.map((s) => (
            <Cell key={s} share={summary.cells[`${driver}.${s}`]} driver={driverLabel(driver)} stage={stageLabel(s)} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** The share addressed per stage, as small labelled figures. */
export function StageShares({ summary }: { summary: DocumentSummary }) {
  return (
    <ul class="stage-shares">
      {STAGES.map((s) => {
        const share = stageShare(summary, s);
        return (
          <li key={s} class={`heat-text heat-${heatLevel(share) ?? 'none'}`} title={shareText(share)} data-stage={s}>
            {t('dashboard_stageShare', { stage: stageShortLabel(s), percent: percent(share) })}
          </li>
        );
      })}
    </ul>
  );
}
