import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BankFile } from '../../core/bank/types';
import { htmlToBlocks } from '../../core/extract/html';
import type { Block, DocSnapshot } from '../../core/model';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

export function readFixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export function miniBank(): BankFile {
  return JSON.parse(readFixture('banks/mini.json')) as BankFile;
}

export function snapshotOf(blocks: Block[] | string, docKey = 'file:test'): DocSnapshot {
  return {
    docKey,
    site: 'file',
    url: 'file:///test',
    title: 'Test document',
    blocks: typeof blocks === 'string' ? htmlToBlocks(blocks) : blocks,
  };
}

let dbCounter = 0;
/** A fresh database name per test, so fake-indexeddb state never leaks between tests. */
export function uniqueDbName(): string {
  dbCounter += 1;
  return `planlens-test-${dbCounter}-${Date.now()}`;
}
