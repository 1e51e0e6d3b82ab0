import type { BankFile } from '../core/bank/types';
import { type Block, STAGES } from '../core/model';

/**
 * Deterministic synthetic plans for benchmarks: stage sections, driver subsections, paragraphs,
 * list items and action-plan table rows built from the bank's own vocabulary plus filler, so the
 * analyzer does realistic work (many candidate questions per block), at any size.
 *
 * VOCABULARY_SHARE is calibrated so that bank terms per word match the labelled corpus's plans
 * (about 0.39 found terms per word with the default bank); the benchmark prints both densities.
 */
export const VOCABULARY_SHARE = 0.22;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FILLER =
  'the team will make sure that each school has what it needs during the year and we will review how it is going with staff families and students across the district every month so that everyone knows the next step'.split(
    ' ',
  );

export function generatePlan(bank: BankFile, targetWords: number, seed = 7): Block[] {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const vocabulary = bank.questions.flatMap((q) => q.concepts.flatMap((c) => c.terms.map((t) => t.replace(/\*$/, ''))));
  const blocks: Block[] = [];
  let words = 0;
  let table = 0;
  const push = (block: Omit<Block, 'id'>) => {
    blocks.push({ id: `b${blocks.length}`, ...block });
    words += block.text.split(' ').length;
  };
  const sentence = (length: number) => {
    const out: string[] = [];
    while (out.length < length) out.push(random() < VOCABULARY_SHARE ? pick(vocabulary) : pick(FILLER));
    return `${out.join(' ')}.`;
  };
  push({ kind: 'heading', level: 1, text: 'District Implementation Plan', anchor: 'h.title' });
  while (words < targetWords) {
    for (const stage of STAGES) {
      push({ kind: 'heading', level: 2, text: bank.stages[stage].label, anchor: `h.${stage}${blocks.length}` });
      for (const driver of Object.values(bank.drivers)) {
        if (words >= targetWords) break;
        push({ kind: 'heading', level: 3, text: driver.label });
        for (let p = 0; p < 2; p++) push({ kind: 'paragraph', text: `${sentence(18)} ${sentence(14)}` });
        for (let l = 0; l < 2; l++) push({ kind: 'listItem', text: sentence(12) });
      }
      for (let row = 0; row < 4 && words < targetWords; row++) {
        for (let col = 0; col < 3; col++) {
          const text =
            row === 0 ? (['Activity', 'Person responsible', 'Timeline'][col] ?? '') : sentence(col === 0 ? 10 : 3);
          push({ kind: 'tableCell', text, table: { index: table, row, col } });
        }
      }
      table++;
    }
  }
  return blocks;
}
