import type { Change, Readiness, Tally } from '../core/coverage/progress';
import { momentKind } from '../core/coverage/progress';
import { DRIVERS, type DriverId, STAGES, type StageId } from '../core/model';
import { t, uiLanguage } from '../lib/i18n';
import { driverLabel, stageLabel } from './labels';

function Meter({ id, label, tally, current }: { id: string; label: string; tally: Tally; current?: boolean }) {
  const text = t('panel_meterValue', { addressed: tally.addressed, total: tally.total });
  return (
    <li class={current ? 'meter meter-current' : 'meter'}>
      <span class="meter-label" id={`${id}-label`}>
        {label}
      </span>
      <meter
        min={0}
        max={Math.max(1, tally.total)}
        value={tally.addressed}
        aria-labelledby={`${id}-label`}
        aria-valuetext={text}
      />
      <span class="meter-value">{text}</span>
    </li>
  );
}

/** "Tuesday", "10:41", "3 March": the moment of the last visit, named for `now`. */
export function momentText(at: number, now: number): string {
  const then = new Date(at);
  const lang = uiLanguage();
  switch (momentKind(then, new Date(now))) {
    case 'time':
      return t('panel_whenTime', { time: then.toLocaleTimeString(lang, { hour: 'numeric', minute: '2-digit' }) });
    case 'weekday':
      return t('panel_whenWeekday', { day: then.toLocaleDateString(lang, { weekday: 'long' }) });
    case 'date':
      return t('panel_whenDate', { date: then.toLocaleDateString(lang, { day: 'numeric', month: 'long' }) });
  }
}

/** "+3 answered since Tuesday", "No change since 10:41", "2 fewer answered since 3 March". */
export function changeText(change: Change, now: number): string {
  const when = momentText(change.since, now);
  if (change.answered === 0) return t('panel_sinceNoChange', { when });
  const count = Math.abs(change.answered);
  if (change.answered > 0)
    return count === 1 ? t('panel_sinceMore_one', { when }) : t('panel_sinceMore_other', { count, when });
  return count === 1 ? t('panel_sinceFewer_one', { when }) : t('panel_sinceFewer_other', { count, when });
}

export function readinessText(readiness: Readiness): string {
  const params = {
    stage: stageLabel(readiness.stage),
    addressed: readiness.addressed,
    total: readiness.total,
  };
  return readiness.next
    ? t('panel_readyNext', { ...params, next: stageLabel(readiness.next) })
    : t('panel_readyLast', params);
}

/**
 * Progress of the document: the change since the user's last visit, a meter per stage (the
 * team's stage marked) and, one click away, a meter per driver.
 */
export function ProgressMeters({
  stages,
  drivers,
  focus,
  change,
  now,
}: {
  stages: Record<StageId, Tally>;
  drivers: Record<DriverId, Tally>;
  focus: StageId;
  change: Change | null;
  now: number;
}) {
  return (
    <section class="progress" aria-labelledby="progress-heading">
      <h2 id="progress-heading" class="section-heading">
        {t('panel_progressHeading')}
      </h2>
      {change && (
        <p
          class={change.answered > 0 ? 'since since-up' : change.answered < 0 ? 'since since-down' : 'since'}
          data-answered={change.answered}
        >
          {changeText(change, now)}
        </p>
      )}
      <ul class="meters meters-stage" aria-label={t('panel_metersByStage')}>
        {STAGES.map((stage) => (
          <Meter
            key={stage}
            id={`meter-stage-${stage}`}
            label={stage === focus ? t('panel_meterCurrentStage', { stage: stageLabel(stage) }) : stageLabel(stage)}
            tally={stages[stage]}
            current={stage === focus}
          />
        ))}
      </ul>
      <details class="driver-meters">
        <summary>{t('panel_metersByDriver')}</summary>
        <ul class="meters" aria-label={t('panel_metersByDriver')}>
          {DRIVERS.map((driver) => (
            <Meter key={driver} id={`meter-driver-${driver}`} label={driverLabel(driver)} tally={drivers[driver]} />
          ))}
        </ul>
      </details>
    </section>
  );
}
