import { useId, useState } from 'preact/hooks';
import { STAGES, type StageId } from '../core/model';
import { t } from '../lib/i18n';
import { stageLabel } from './labels';

/**
 * "We are in: Installation": the stage the team works in, remembered per document. The panel
 * opens on that stage's questions; the other stages stay one tab away. Until the team chooses,
 * the stage the plan names is used, and the panel says so.
 */
export function StageFocus({
  stage,
  chosen,
  declared,
  onChange,
}: {
  stage: StageId;
  /** True when the team chose the stage (false: from the plan, or the default). */
  chosen: boolean;
  declared: StageId | null;
  onChange: (stage: StageId) => Promise<void>;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const change = async (value: string) => {
    setError(null);
    try {
      await onChange(value as StageId);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div class="stage-focus">
      <label for={`${id}-stage`}>{t('panel_weAreIn')}</label>
      <select id={`${id}-stage`} value={stage} onChange={(e) => void change(e.currentTarget.value)}>
        {STAGES.map((s) => (
          <option key={s} value={s}>
            {stageLabel(s)}
          </option>
        ))}
      </select>
      {!chosen && (
        <span class="stage-focus-source">
          {declared === stage ? t('panel_stageFromPlan') : t('panel_stageNotChosen')}
        </span>
      )}
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
