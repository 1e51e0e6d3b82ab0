import { useRef } from 'preact/hooks';
import { coverageLevel, type Tally } from '../core/coverage/progress';
import { type CellId, cellId, DRIVERS, type DriverId, STAGES, type StageId } from '../core/model';
import { t } from '../lib/i18n';
import { driverLabel, stageLabel, stageShortLabel } from './labels';

export interface GridChoice {
  driver: DriverId;
  stage: StageId;
}

const LEVEL_KEYS = ['panel_gridLevel0', 'panel_gridLevel1', 'panel_gridLevel2', 'panel_gridLevel3'] as const;

/**
 * The 9 × 4 driver × stage map: a table (drivers are row headers, stages column headers) whose
 * cells are buttons coloured by the share of their questions addressed. Choosing a cell filters
 * the question list; choosing it again shows everything. Keyboard: one Tab stop, arrow keys
 * move between cells, Home/End to the ends of a row, Enter or Space chooses (a grid, as in the
 * ARIA Authoring Practices).
 */
export function CoverageGrid({
  cells,
  chosen,
  focusStage,
  onChoose,
}: {
  cells: Record<CellId, Tally>;
  chosen: GridChoice | null;
  /** The stage the team is in: its column is marked. */
  focusStage: StageId;
  onChoose: (choice: GridChoice | null) => void;
}) {
  const table = useRef<HTMLTableElement>(null);
  // The cell that holds the grid's one Tab stop: the chosen cell, else the first.
  const active = chosen ?? { driver: DRIVERS[0], stage: STAGES[0] };

  const focusCell = (row: number, col: number) => {
    const r = Math.max(0, Math.min(DRIVERS.length - 1, row));
    const c = Math.max(0, Math.min(STAGES.length - 1, col));
    const id = cellId(DRIVERS[r] as DriverId, STAGES[c] as StageId);
    const button = table.current?.querySelector<HTMLButtonElement>(`button[data-cell="${id}"]`);
    if (!button) return;
    for (const other of table.current?.querySelectorAll<HTMLButtonElement>('button[data-cell]') ?? []) {
      other.tabIndex = other === button ? 0 : -1;
    }
    button.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const id = target.dataset.cell;
    if (!id) return;
    const [driver, stage] = id.split('.') as [DriverId, StageId];
    const row = DRIVERS.indexOf(driver);
    const col = STAGES.indexOf(stage);
    const moves: Record<string, [number, number]> = {
      ArrowUp: [row - 1, col],
      ArrowDown: [row + 1, col],
      ArrowLeft: [row, col - 1],
      ArrowRight: [row, col + 1],
      Home: [event.ctrlKey ? 0 : row, 0],
      End: [event.ctrlKey ? DRIVERS.length - 1 : row, STAGES.length - 1],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    focusCell(move[0], move[1]);
  };

  return (
    <div class="grid-wrap">
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a data table made an ARIA grid (one Tab stop, arrow keys between cells), as in the ARIA Authoring Practices' data grid */}
      {/* biome-ignore lint/a11y/useSemanticElements: same: the element is a table; the role adds grid keyboard semantics */}
      <table class="coverage-grid" role="grid" ref={table} onKeyDown={onKeyDown} aria-labelledby="grid-caption">
        <caption id="grid-caption" class="visually-hidden">
          {t('panel_gridCaption')}
        </caption>
        <thead>
          <tr>
            <td class="grid-corner" />
            {STAGES.map((stage) => (
              <th
                key={stage}
                scope="col"
                class={stage === focusStage ? 'grid-stage grid-stage-focus' : 'grid-stage'}
                data-stage={stage}
              >
                <span aria-hidden="true">{stageShortLabel(stage)}</span>
                <span class="visually-hidden">{stageLabel(stage)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {DRIVERS.map((driver) => (
            <tr key={driver}>
              <th scope="row" class="grid-driver">
                {driverLabel(driver)}
              </th>
              {STAGES.map((stage) => {
                const id = cellId(driver, stage);
                const tally = cells[id];
                const level = coverageLevel(tally);
                const isChosen = chosen?.driver === driver && chosen.stage === stage;
                const isActive = active.driver === driver && active.stage === stage;
                const name =
                  tally.total === 0
                    ? t('panel_gridCellEmpty', { driver: driverLabel(driver), stage: stageLabel(stage) })
                    : t('panel_gridCell', {
                        driver: driverLabel(driver),
                        stage: stageLabel(stage),
                        addressed: tally.addressed,
                        total: tally.total,
                      });
                return (
                  <td key={stage} class={`grid-cell level-${level ?? 'none'}`}>
                    <button
                      type="button"
                      data-cell={id}
                      tabIndex={isActive ? 0 : -1}
                      aria-pressed={isChosen}
                      title={name}
                      aria-disabled={tally.total === 0 ? 'true' : undefined}
                      onClick={() => {
                        if (tally.total > 0) onChoose(isChosen ? null : { driver, stage });
                      }}
                    >
                      {/* Seen: "2/5"; heard: the full sentence (a name that contains what is seen). */}
                      <span aria-hidden="true">{tally.total === 0 ? '–' : `${tally.addressed}/${tally.total}`}</span>
                      <span class="visually-hidden">{name}</span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="grid-legend">
        {LEVEL_KEYS.map((key, level) => (
          <span key={key} class="grid-legend-item">
            <span class={`grid-swatch level-${level}`} aria-hidden="true" />
            {t(key)}
          </span>
        ))}
      </p>
    </div>
  );
}
