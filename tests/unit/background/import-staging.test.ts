import { describe, expect, it } from 'vitest';
import { ImportStaging } from '../../../background/import-staging';

describe('staging a large import file', () => {
  it('joins slices in order and forgets files after half an hour untouched', () => {
    const clock = { now: 0 };
    const staging = new ImportStaging(() => clock.now);
    expect(staging.add('file-a-0000', 0, 'ab')).toBe(2);
    expect(staging.add('file-a-0000', 1, 'cd')).toBe(4);
    expect(staging.text('file-a-0000')).toBe('abcd');
    clock.now += 29 * 60_000;
    expect(staging.text('file-a-0000')).toBe('abcd'); // reading it counts as use
    clock.now += 31 * 60_000;
    expect(() => staging.text('file-a-0000')).toThrow(/Choose the file again/);
  });

  it('keeps at most two files, dropping the oldest', () => {
    const staging = new ImportStaging(() => 0);
    for (const id of ['file-1-0000', 'file-2-0000', 'file-3-0000']) staging.add(id, 0, id);
    expect(() => staging.text('file-1-0000')).toThrow(/Choose the file again/);
    expect(staging.text('file-3-0000')).toBe('file-3-0000');
  });

  it('starting again at slice 0 replaces a half-sent file', () => {
    const staging = new ImportStaging(() => 0);
    staging.add('file-a-0000', 0, 'old');
    staging.add('file-a-0000', 0, 'new');
    expect(staging.text('file-a-0000')).toBe('new');
  });
});
