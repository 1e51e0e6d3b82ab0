import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../cli/args';

describe('command-line arguments', () => {
  it.each([
    [['analyze', 'plan.md'], { kind: 'analyze', inputs: ['plan.md'], format: 'json' }],
    [['analyze', 'a.md', 'plans/', '--csv'], { kind: 'analyze', inputs: ['a.md', 'plans/'], format: 'csv' }],
    [['--json', 'analyze', 'a.md'], { kind: 'analyze', inputs: ['a.md'], format: 'json' }],
    [
      ['analyze', '--bank', 'district.json', 'a.md'],
      { kind: 'analyze', inputs: ['a.md'], format: 'json', bank: 'district.json' },
    ],
    [
      ['analyze', '--bank=district.json', 'a.md'],
      { kind: 'analyze', inputs: ['a.md'], format: 'json', bank: 'district.json' },
    ],
    [['analyze', '--', '--odd-name.md'], { kind: 'analyze', inputs: ['--odd-name.md'], format: 'json' }],
    [['analyze', 'a.md', '--help'], { kind: 'help' }],
    [['-h'], { kind: 'help' }],
  ])('%j', (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  it.each([
    [[], /no command/],
    [['analyse', 'a.md'], /unknown command "analyse"/],
    [['analyze'], /no files given/],
    [['analyze', 'a.md', '--pdf'], /unknown option "--pdf"/],
    [['analyze', 'a.md', '--json', '--csv'], /--json or --csv/],
    [['analyze', 'a.md', '--bank'], /--bank needs a file name/],
  ])('%j is a usage error', (argv, message) => {
    const command = parseArgs(argv);
    expect(command.kind).toBe('usage-error');
    expect(command.kind === 'usage-error' && command.message).toMatch(message);
  });
});
