/**
 * `npm run bench`: analysis speed on generated plans of 5k, 50k and 200k words with the full
 * default bank. Prints figures (min and median of several runs); it asserts nothing.
 *
 * Runs under tsx. Bundled with esbuild, as the extension's code is, it runs no faster (measured:
 * same min and median within noise), but it can be, e.g. to profile with `node --cpu-prof`:
 *   npx esbuild bench/analyze.bench.ts --bundle --platform=node --format=esm \
 *     --outfile=/tmp/planlens-bench.mjs && node /tmp/planlens-bench.mjs
 * (from the project root; keep bundles out of the tree, where `npm run check` would lint them).
 * Compare changes by min: on a shared machine the median moves with whatever else is running.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDocument, toSnapshot } from '../cli/read-file';
import { createAnalyzer } from '../core/analyze/engine';
import { TermIndex } from '../core/analyze/terms';
import { defaultBank } from '../core/bank/default';
import type { Block, DocSnapshot } from '../core/model';
import { generatePlan } from './generate';

const bank = defaultBank();
const SIZES = [5_000, 50_000, 200_000];

interface Timing {
  min: number;
  median: number;
}

/** Min and median of `runs` timed calls after three untimed warm-up calls (the JIT settles first). */
function time(fn: () => void, runs: number): Timing {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { min: samples[0] ?? 0, median: samples[Math.floor(samples.length / 2)] ?? 0 };
}

/** "min / median" in a fixed-width column. */
const show = (t: Timing, digits: number, width: number): string =>
  `${t.min.toFixed(digits)} / ${t.median.toFixed(digits)}`.padStart(width);

const snapshot = (blocks: Block[]): DocSnapshot => ({ docKey: 'bench', site: 'file', url: '', title: 'bench', blocks });

/** The obvious approach: one regular expression per concept, run over the whole text. */
function naiveScan(text: string): number {
  let hits = 0;
  for (const q of bank.questions) {
    for (const concept of q.concepts) {
      const alternatives = concept.terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*$/, '\\w*'));
      const re = new RegExp(`\\b(?:${alternatives.join('|')})(?:s|es|ed|ing)?\\b`, 'gi');
      hits += text.match(re)?.length ?? 0;
    }
  }
  return hits;
}

/** Bank terms found per word: how much matching work a text gives the analyzer. */
function termDensity(texts: string[]): number {
  const index = new TermIndex();
  for (const q of bank.questions) for (const c of q.concepts) for (const t of c.terms) index.add(t);
  let words = 0;
  let found = 0;
  for (const text of texts) {
    const scan = index.scan(text);
    words += scan.wordCount;
    found += scan.count;
  }
  return words ? found / words : 0;
}

/** The labelled corpus: next to this file's directory, or (bundled elsewhere) under the working directory. */
function corpusDir(): string {
  for (const root of [path.resolve(import.meta.dirname, '..'), process.cwd()]) {
    const dir = path.join(root, 'tests/fixtures/corpus');
    if (existsSync(path.join(dir, 'labels.json'))) return dir;
  }
  throw new Error('tests/fixtures/corpus not found: run the benchmark from the project root');
}

async function corpusPlanTexts(): Promise<string[]> {
  const dir = corpusDir();
  const labels = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as {
    documents: Array<{ file: string; isPlan: boolean }>;
  };
  const texts: string[] = [];
  for (const doc of labels.documents.filter((d) => d.isPlan)) {
    const file = path.join(dir, doc.file);
    texts.push(...toSnapshot(file, await readDocument(file)).blocks.map((b) => b.text));
  }
  return texts;
}

console.log(`PlanLens analyzer benchmark — ${bank.questions.length} questions, Node ${process.version}`);
console.log(
  `Bank terms per word: generated plans ${termDensity(generatePlan(bank, 20_000).map((b) => b.text)).toFixed(2)}, ` +
    `labelled corpus plans ${termDensity(await corpusPlanTexts()).toFixed(2)}`,
);
console.log('Times in ms as min / median.');
console.log('words      blocks          full     incremental      naive regex  naive / full');
for (const size of SIZES) {
  const blocks = generatePlan(bank, size);
  const runs = size >= 200_000 ? 11 : 31;
  const full = time(() => createAnalyzer(bank).analyze(snapshot(blocks)), runs);

  // Incremental: a warm analyzer, then one paragraph edited (alternating so every run is an edit).
  const analyzer = createAnalyzer(bank);
  analyzer.analyze(snapshot(blocks));
  const editAt = blocks.findIndex((b, i) => i > blocks.length / 2 && b.kind === 'paragraph');
  let flip = 0;
  const incremental = time(() => {
    flip++;
    const edited = blocks.slice();
    const original = blocks[editAt] as Block;
    edited[editAt] = { ...original, text: `${original.text} Coaches will observe weekly (edit ${flip}).` };
    analyzer.analyze(snapshot(edited));
  }, runs);

  const text = blocks.map((b) => b.text).join('\n');
  const naive = time(() => naiveScan(text), 5);
  const words = text.split(/\s+/).length;
  console.log(
    `${String(words).padEnd(10)} ${String(blocks.length).padStart(6)} ${show(full, 1, 13)} ${show(incremental, 2, 15)} ${show(
      naive,
      1,
      16,
    )} ${`${(naive.median / full.median).toFixed(1)}×`.padStart(13)}`,
  );
}
console.log('Targets on 2-core machines: full analysis of 50k words ≤ 30 ms; incremental ≤ 3 ms.');
