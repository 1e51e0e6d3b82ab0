import type { Block } from '../model';
import type { BlockEntry, StageHow } from './block';

/**
 * Where each block sits in the document: its heading trail and table headers (whose words count
 * as context for its scores) and the stage it belongs to, with how that stage was found.
 */

export interface BlockContext {
  stage: number;
  how: StageHow;
  /** Blocks whose words count as context: heading trail, column and row headers. */
  context: number[];
  anchor?: string;
  sectionTitle: string;
}

const cellKey = (table: number, row: number, col: number): number =>
  (table * 100_000 + row) * 1_000 + Math.min(col, 999);

/** Heading trail, table headers and the stage each block belongs to, in one pass. */
export function buildContexts(blocks: Block[], entries: BlockEntry[]): BlockContext[] {
  const headerCells = new Map<number, number>();
  const stageColumns = new Map<number, number>();
  blocks.forEach((block, i) => {
    if (!block.table) return;
    headerCells.set(cellKey(block.table.index, block.table.row, block.table.col), i);
    if (block.table.row === 0 && entries[i]?.stageColumnHeader) stageColumns.set(block.table.index, block.table.col);
  });

  const trail: number[] = [];
  // What the trail implies is shared by every block under the same headings; rebuilt on change.
  let section = sectionOf(trail, blocks, entries);
  return blocks.map((block, i): BlockContext => {
    const entry = entries[i] as BlockEntry;
    if (block.kind === 'heading') {
      const level = block.level ?? 1;
      const before = trail.length;
      while (trail.length && (blocks[trail[trail.length - 1] ?? 0]?.level ?? 1) >= level) trail.pop();
      if (trail.length !== before) section = sectionOf(trail, blocks, entries);
    }
    let { stage, how } = section;
    let context = section.context;
    if (block.table) {
      const { index, row, col } = block.table;
      const columnHeader = row > 0 ? headerCells.get(cellKey(index, 0, col)) : undefined;
      const rowHeader = col > 0 ? headerCells.get(cellKey(index, row, 0)) : undefined;
      const stageCol = stageColumns.get(index);
      const stageCell = stageCol !== undefined && row > 0 ? headerCells.get(cellKey(index, row, stageCol)) : undefined;
      if (columnHeader !== undefined || rowHeader !== undefined) {
        context = [...context];
        if (columnHeader !== undefined) context.push(columnHeader);
        if (rowHeader !== undefined) context.push(rowHeader);
      }
      const fromStageCell = stageCell !== undefined ? (entries[stageCell]?.anyStage ?? -1) : -1;
      const fromColumn = columnHeader !== undefined ? (entries[columnHeader]?.labelStage ?? -1) : -1;
      const fromRow = rowHeader !== undefined ? (entries[rowHeader]?.labelStage ?? -1) : -1;
      if (fromStageCell >= 0) {
        stage = fromStageCell;
        how = 'row';
      } else if (fromColumn >= 0) {
        stage = fromColumn;
        how = 'column';
      } else if (fromRow >= 0) {
        stage = fromRow;
        how = 'row';
      }
    }
    if (entry.labelStage >= 0 && block.kind !== 'heading') {
      stage = entry.labelStage;
      how = 'label';
    }
    if (stage < 0 && entry.cueStage >= 0) {
      stage = entry.cueStage;
      how = 'inferred';
    }
    // All fields in one literal (anchor too, even when undefined): one allocation, one shape.
    const result: BlockContext = {
      stage,
      how,
      context,
      anchor: (block.anchor ?? section.anchor) || undefined,
      sectionTitle: section.title,
    };
    if (block.kind === 'heading') {
      trail.push(i);
      section = sectionOf(trail, blocks, entries);
    }
    return result;
  });
}

/**
 * A plan that says "Current stage: Installation" and organizes nothing else by stage is, passage by
 * passage, about that stage: passages with no stage of their own take the declared one (or, when
 * nothing is declared, the stage most of its activities point to).
 */
export function applyDocumentStage(blocks: Block[], entries: BlockEntry[], contexts: BlockContext[]): void {
  const structured = contexts.some((c) => c.how === 'heading' || c.how === 'column' || c.how === 'row');
  if (structured) return;
  const stage = declaredStageOf(entries) ?? dominantActivityStage(entries);
  if (stage === null) return;
  contexts.forEach((ctx, i) => {
    if (ctx.stage < 0 && blocks[i]?.kind !== 'heading') {
      ctx.stage = stage;
      ctx.how = 'document';
    }
  });
}

function declaredStageOf(entries: BlockEntry[]): number | null {
  const declared = entries.find((e) => e.declaredStage >= 0)?.declaredStage ?? -1;
  return declared >= 0 ? declared : null;
}

/**
 * Without headings or a declared stage, the kind of activity the plan describes tells its stage:
 * when most passages whose activities suggest a stage suggest the same one, that is the plan's.
 */
function dominantActivityStage(entries: BlockEntry[]): number | null {
  const counts = [0, 0, 0, 0];
  let total = 0;
  for (const entry of entries) {
    if (entry.cueStage < 0) continue;
    counts[entry.cueStage] = (counts[entry.cueStage] ?? 0) + 1;
    total++;
  }
  const best = counts.indexOf(Math.max(...counts));
  return total >= 3 && (counts[best] ?? 0) * 2 > total ? best : null;
}

interface Section {
  context: number[];
  stage: number;
  how: StageHow;
  anchor: string | undefined;
  title: string;
}

/** The nearest stage heading, nearest anchored heading and title of the current heading trail. */
function sectionOf(trail: number[], blocks: Block[], entries: BlockEntry[]): Section {
  let stage = -1;
  let anchor: string | undefined;
  for (let t = trail.length - 1; t >= 0; t--) {
    const index = trail[t] as number;
    if (stage < 0 && (entries[index]?.labelStage ?? -1) >= 0) stage = entries[index]?.labelStage ?? -1;
    anchor ??= blocks[index]?.anchor;
  }
  const last = trail[trail.length - 1];
  return {
    context: [...trail],
    stage,
    how: stage >= 0 ? 'heading' : 'none',
    anchor,
    title: last !== undefined ? (blocks[last]?.text ?? '') : '',
  };
}
