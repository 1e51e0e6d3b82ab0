/**
 * Command-line arguments → a command. Pure: no I/O, so every usage rule is unit-tested and
 * main.ts only acts on the result.
 */

export type OutputFormat = 'json' | 'csv';

export type Command =
  | { kind: 'help' }
  | { kind: 'analyze'; inputs: string[]; format: OutputFormat; bank?: string }
  | { kind: 'usage-error'; message: string };

export const USAGE = `Usage: planlens analyze <file or folder>... [--json | --csv] [--bank <file>]

Reads implementation plans (.txt, .md, .markdown, .html, .htm, .docx) and reports which
stage × driver questions each one answers. Folders are searched recursively.

Options:
  --json          one JSON array, one object per file (default)
  --csv           one row per file and question, for spreadsheets
  --bank <file>   use this question bank (JSON) instead of the built-in one
  -h, --help      show this help

Exit status: 0 when at least one file was analyzed, 1 when none could be read,
2 for a usage error or a question bank with errors.
`;

export function parseArgs(argv: readonly string[]): Command {
  const positional: string[] = [];
  const formats = new Set<OutputFormat>();
  let bank: string | undefined;
  let optionsDone = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (optionsDone || !arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    if (arg === '--') optionsDone = true;
    else if (arg === '--help' || arg === '-h') return { kind: 'help' };
    else if (arg === '--json') formats.add('json');
    else if (arg === '--csv') formats.add('csv');
    else if (arg === '--bank' || arg.startsWith('--bank=')) {
      const value = arg === '--bank' ? argv[++i] : arg.slice('--bank='.length);
      if (!value) return usageError('--bank needs a file name: --bank <file>');
      bank = value;
    } else return usageError(`unknown option "${arg}"`);
  }

  const [command, ...inputs] = positional;
  if (command === undefined) return usageError('no command given');
  if (command !== 'analyze') return usageError(`unknown command "${command}" (the command is "analyze")`);
  if (formats.size > 1) return usageError('choose one output format: --json or --csv');
  if (inputs.length === 0) return usageError('no files given: name the plans (or folders of plans) to analyze');
  const format: OutputFormat = formats.has('csv') ? 'csv' : 'json';
  return bank === undefined ? { kind: 'analyze', inputs, format } : { kind: 'analyze', inputs, format, bank };
}

function usageError(message: string): Command {
  return { kind: 'usage-error', message };
}
