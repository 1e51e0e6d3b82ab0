import raw from './default-bank.json';
import type { BankFile } from './types';
import { validateBank } from './validate';

let cached: BankFile | undefined;

/** The bank shipped with PlanLens; validated once, so a broken edit fails loudly in tests. */
export function defaultBank(): BankFile {
  if (cached) return cached;
  const result = validateBank(raw);
  if (!result.ok) throw new Error(`The built-in question bank is invalid:\n${result.errors.join('\n')}`);
  cached = result.bank;
  return cached;
}
