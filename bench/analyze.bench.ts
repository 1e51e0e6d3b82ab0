/**
 * `npm run bench`: analysis speed on generated plans of 5k, 50k and 200k words with the full
 * default bank. Prints figures (median of several runs); it asserts nothing.
 */
import { readFileSync } from 'node:fs';
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Median of `runs` timed calls after two untimed warm-up calls (the JIT settles first). */
function time(fn: () => void, runs: number): number {
  fn();
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

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

async function corpusPlanTexts(): Promise<string[]> {
  const dir = path.resolve(import.meta.dirname, '../tests/fixtures/corpus');
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
console.log('words      blocks  full (ms)  incremental (ms)  naive regex (ms)  naive / full');
for (const size of SIZES) {
  const blocks = generatePlan(bank, size);
  const runs = size >= 200_000 ? 7 : 21;
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
  const naive = time(() => naiveScan(text), Math.min(runs, 5));
  const words = text.split(/\s+/).length;
  console.log(
    `${String(words).padEnd(10)} ${String(blocks.length).padStart(6)} ${full.toFixed(1).padStart(10)} ${incremental
      .toFixed(2)
      .padStart(17)} ${naive.toFixed(1).padStart(17)} ${`${(naive / full).toFixed(1)}×`.padStart(13)}`,
  );
}
console.log('Targets on 2-core machines: full analysis of 50k words ≤ 30 ms; incremental ≤ 3 ms.');
