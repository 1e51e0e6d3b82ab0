import { readFile } from 'node:fs/promises';
import type { BankFile } from '../core/bank/types';
import { validateBank } from '../core/bank/validate';
import { fileErrorReason } from './read-file';

export type BankLoad = { ok: true; bank: BankFile } | { ok: false; errors: string[] };

/**
 * Reads a district's bank file. Nothing is analyzed with a bank that has errors: a half-valid
 * bank would silently drop questions from every report.
 */
export async function loadBank(file: string): Promise<BankLoad> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, errors: [fileErrorReason(error)] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, errors: [`not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  const result = validateBank(json);
  return result.ok ? { ok: true, bank: result.bank } : { ok: false, errors: result.errors };
}
