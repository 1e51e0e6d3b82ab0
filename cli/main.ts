import process from 'node:process';
import { createAnalyzer } from '../core/analyze/engine';
import { defaultBank } from '../core/bank/default';
import { parseArgs, USAGE } from './args';
import { loadBank } from './bank';
import { type FileResult, fileResult, formatCsv, formatJson } from './format';
import { expandInputs, type ReadDocument, readDocument, toSnapshot } from './read-file';

/**
 * `planlens analyze <files or folders>`: the batch tool a district coordinator runs over a folder
 * of plans. Wiring only; parsing, reading and formatting live in their own modules.
 */

async function main(argv: string[]): Promise<number> {
  const command = parseArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command.kind === 'usage-error') {
    process.stderr.write(`planlens: ${command.message}\n\n${USAGE}`);
    return 2;
  }

  let bank = defaultBank();
  if (command.bank) {
    const loaded = await loadBank(command.bank);
    if (!loaded.ok) {
      for (const error of loaded.errors) warn(command.bank, error);
      return 2;
    }
    bank = loaded.bank;
  }

  const { files, problems } = await expandInputs(command.inputs);
  for (const problem of problems) warn(problem.file, problem.reason);
  // One analyzer for the run: the bank is compiled once, however many plans there are.
  const analyzer = createAnalyzer(bank);
  const results: FileResult[] = [];
  for (const file of files) {
    let doc: ReadDocument;
    try {
      doc = await readDocument(file);
    } catch (error) {
      warn(file, messageOf(error));
      continue;
    }
    try {
      results.push(fileResult(file, doc.title, analyzer.analyze(toSnapshot(file, doc)), bank));
    } catch (error) {
      // A fault in PlanLens itself, not in the file: say so, and still analyze the other plans.
      warn(file, `could not be analyzed (internal error: ${messageOf(error)})`);
    }
  }
  if (results.length === 0) return 1;
  process.stdout.write(command.format === 'csv' ? formatCsv(results) : formatJson(results));
  return 0;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function warn(file: string, reason: string): void {
  process.stderr.write(`planlens: ${file}: ${reason}\n`);
}

// `planlens analyze … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `planlens: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
