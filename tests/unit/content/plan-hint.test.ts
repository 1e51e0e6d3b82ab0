import { describe, expect, it } from 'vitest';
import { mayBePlan } from '../../../content/plan-hint';
import { htmlToBlocks } from '../../../core/extract/html';
import { readFixture } from '../helpers';

describe('pages plainly not plans stay in the page', () => {
  it.each([
    'lms/canvas-plan-body.html',
    'lms/moodle-plan-body.html',
    'lms/job-posting-body.html',
    'corpus/copper-valley-sel-implementation-plan.html',
    'corpus/harlan-valley-structured-literacy-plan.html',
    'corpus/lakeview-hs-coteaching-plan.html',
    'corpus/ridgeline-ms-restorative-practices-grid.html',
    'gdocs/lakeview-pbis.export.html',
  ])('%s may be a plan (sent to the background)', (file) => {
    expect(mayBePlan(htmlToBlocks(readFixture(file)))).toBe(true);
  });

  it.each(['lms/canvas-nonplan-body.html', 'lms/moodle-nonplan-body.html'])('%s is plainly not one', (file) => {
    expect(mayBePlan(htmlToBlocks(readFixture(file)))).toBe(false);
  });

  it('lets every plan of the labelled corpus through', async () => {
    const { readdirSync } = await import('node:fs');
    const { FIXTURES } = await import('../helpers');
    const labels = JSON.parse(readFixture('corpus/labels.json')) as {
      documents: Array<{ file: string; isPlan: boolean }>;
    };
    const { markdownToBlocks, plainTextToBlocks } = await import('../../../core/extract/text');
    for (const doc of labels.documents.filter((d) => d.isPlan)) {
      const raw = readFixture(`corpus/${doc.file}`);
      const blocks = doc.file.endsWith('.html')
        ? htmlToBlocks(raw)
        : doc.file.endsWith('.md')
          ? markdownToBlocks(raw)
          : plainTextToBlocks(raw);
      expect(mayBePlan(blocks), doc.file).toBe(true);
    }
    expect(readdirSync(`${FIXTURES}/corpus`).length).toBeGreaterThan(10);
  });
});
