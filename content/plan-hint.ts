import type { Block } from '../core/model';

/**
 * A cheap look at a page's words before its text leaves the page: implementation plans talk about
 * stages and drivers, so a page without at least two of these ideas (a field-trip notice, a
 * gradebook, a menu) is not sent to the background at all. It only rules pages out; the
 * background's analysis decides what is a plan. English and Spanish, like the question bank.
 */
const IDEAS: string[][] = [
  ['implement'],
  [' plan'],
  ['stage', 'etapa', 'phase', 'fase'],
  ['exploration', 'exploración', 'installation', 'instalación', 'sustain', 'scale-up', 'scale up', 'preparation'],
  ['coach', 'mentor', 'acompañamiento'],
  ['fidelity', 'fidelidad'],
  ['training', 'professional development', 'capacitación', 'formación'],
  ['selection', 'recruit', 'hire', 'hiring', 'selección', 'contrat'],
  [' data', 'datos', 'progress monitoring', 'benchmark'],
  ['leadership', 'liderazgo', ' team', 'equipo'],
  ['policy', 'policies', 'política', 'barrier', 'barrera', 'schedul', 'resource', 'recurso'],
  ['timeline', 'person responsible', 'responsable', 'action step', 'goal', ' meta', 'objetivo'],
];

/** How much of a text the look reads: its start. */
export const PLAN_HINT_CHARS = 200_000;

export function mayBePlan(blocks: Block[]): boolean {
  let text = '';
  for (const block of blocks) {
    text += `${block.text}\n`;
    if (text.length > PLAN_HINT_CHARS) break;
  }
  return mayBePlanText(text);
}

/** The same look at raw text (an element's textContent), before any block is built. */
export function mayBePlanText(text: string): boolean {
  // Plain substring tests on lowercased text: no regular expressions to compile on every page.
  const lower = ` ${text.slice(0, PLAN_HINT_CHARS).toLowerCase().replace(/\s+/g, ' ')}`;
  let found = 0;
  for (const words of IDEAS) {
    if (words.some((word) => lower.includes(word))) found += 1;
    if (found >= 3) return true;
  }
  return false;
}
