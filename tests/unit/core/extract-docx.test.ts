import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxToBlocks } from '../../../core/extract/docx';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A .docx is a zip of XML parts; only the parts PlanLens reads are needed here. */
function docx(body: string, extra: Record<string, string> = {}): Uint8Array {
  const parts: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    ...extra,
  };
  return zipSync(Object.fromEntries(Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)])));
}

const p = (runs: string, props = '') => `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${runs}</w:p>`;
const r = (text: string) => `<w:r><w:t>${text}</w:t></w:r>`;
const style = (id: string) => `<w:pStyle w:val="${id}"/>`;
const numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>';
const cell = (content: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${content}</w:tc>`;

describe('Word (.docx) → blocks', () => {
  it('reads headings, list items, table cells and the document title', () => {
    const body = [
      p(r('Lakeview Literacy Plan'), style('Title')),
      p(r('Stage 2: Installation'), style('Heading1')),
      p(r('Coaching'), `${style('Heading2')}<w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs>`),
      p(r('Coaches observe every two weeks.')),
      p(r('Hire two coaches'), `${style('ListParagraph')}${numbered}`),
      p(r('Write the job description'), numbered),
      `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>
        <w:tr>${cell(p(r('Driver')))}${cell(p(r('Installation')))}</w:tr>
        <w:tr>${cell(p(r('Coaching')))}${cell(p(r('Hire coaches')) + p(r('by August')))}</w:tr>
      </w:tbl>`,
      p(r('After the table')),
    ].join('');
    const core = `<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Lakeview &amp; Co. plan</dc:title></cp:coreProperties>`;
    const { title, blocks } = docxToBlocks(docx(body, { 'docProps/core.xml': core }));

    expect(title).toBe('Lakeview & Co. plan');
    expect(blocks).toEqual([
      { id: 'b0', kind: 'heading', level: 1, text: 'Lakeview Literacy Plan' },
      { id: 'b1', kind: 'heading', level: 1, text: 'Stage 2: Installation' },
      { id: 'b2', kind: 'heading', level: 2, text: 'Coaching' },
      { id: 'b3', kind: 'paragraph', text: 'Coaches observe every two weeks.' },
      { id: 'b4', kind: 'listItem', text: 'Hire two coaches' },
      { id: 'b5', kind: 'listItem', text: 'Write the job description' },
      { id: 'b6', kind: 'tableCell', text: 'Driver', table: { index: 0, row: 0, col: 0 } },
      { id: 'b7', kind: 'tableCell', text: 'Installation', table: { index: 0, row: 0, col: 1 } },
      { id: 'b8', kind: 'tableCell', text: 'Coaching', table: { index: 0, row: 1, col: 0 } },
      { id: 'b9', kind: 'tableCell', text: 'Hire coaches by August', table: { index: 0, row: 1, col: 1 } },
      { id: 'b10', kind: 'paragraph', text: 'After the table' },
    ]);
  });

  it('reads the text as it stands now: tracked deletions, field codes and duplicate text boxes are left out', () => {
    const body = p(
      [
        '<w:r><w:t xml:space="preserve">Coaches meet </w:t></w:r>',
        '<w:del w:id="1" w:author="KT"><w:r><w:delText>monthly</w:delText></w:r></w:del>',
        '<w:ins w:id="2" w:author="KT"><w:r><w:t>weekly</w:t></w:r></w:ins>',
        '<w:r><w:tab/><w:t>with</w:t><w:br/><w:t xml:space="preserve"> teachers </w:t></w:r>',
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://x" </w:instrText></w:r>',
        '<w:r><w:t>&lt;K-2&gt; &amp; more</w:t></w:r>',
        '<mc:AlternateContent><mc:Choice><w:r><w:t>!</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>!</w:t></w:r></mc:Fallback></mc:AlternateContent>',
      ].join(''),
    );
    expect(docxToBlocks(docx(body)).blocks.map((b) => b.text)).toEqual([
      'Coaches meet weekly with teachers <K-2> & more!',
    ]);
  });

  it('recognizes headings in a localized Word by style name, and turned-off numbering is not a list', () => {
    const styles = `<w:styles ${W}>
      <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
      <w:style w:type="paragraph" w:styleId="Kapitel"><w:name w:val="Kapitel"/><w:basedOn w:val="berschrift1"/></w:style>
      <w:style w:type="paragraph" w:styleId="Aufzhlung"><w:name w:val="Aufzählung"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
    </w:styles>`;
    const body = [
      p(r('Einführung'), style('berschrift1')),
      p(r('Stufe 2'), style('Kapitel')),
      p(r('Coaches einstellen'), style('Aufzhlung')),
      p(r('Kein Punkt'), `${style('Aufzhlung')}<w:numPr><w:numId w:val="0"/></w:numPr>`),
    ].join('');
    const { blocks } = docxToBlocks(docx(body, { 'word/styles.xml': styles }));
    expect(blocks.map((b) => [b.kind, b.text, b.level])).toEqual([
      ['heading', 'Einführung', 1],
      ['heading', 'Stufe 2', 1],
      ['listItem', 'Coaches einstellen', undefined],
      ['paragraph', 'Kein Punkt', undefined],
    ]);
  });

  it('places cells after a merged cell in the grid column where they sit', () => {
    const body = `<w:tbl>
      <w:tr>${cell(p(r('Plan')), '<w:gridSpan w:val="2"/>')}${cell(p(r('Owner')))}</w:tr>
      <w:tr>${cell(p(r('Coaching')))}${cell(p(r('Hire')))}${cell(p(r('HR')))}</w:tr>
    </w:tbl>`;
    const cells = docxToBlocks(docx(body)).blocks.map((b) => [b.text, b.table?.row, b.table?.col]);
    expect(cells).toEqual([
      ['Plan', 0, 0],
      ['Owner', 0, 2],
      ['Coaching', 1, 0],
      ['Hire', 1, 1],
      ['HR', 1, 2],
    ]);
  });

  it('says clearly what is wrong with a file that is not a usable .docx', () => {
    expect(() => docxToBlocks(strToU8('Just some text saved with the wrong name'))).toThrow(
      'not a .docx file (not a zip archive)',
    );
    expect(() => docxToBlocks(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]))).toThrow(/older Word \.doc file/);
    const otherZip = zipSync({ 'readme.txt': strToU8('hello') });
    expect(() => docxToBlocks(otherZip)).toThrow('not a .docx file (no word/document.xml)');
    const truncated = docx(p(r('Plan'))).slice(0, 60);
    expect(() => docxToBlocks(truncated)).toThrow(/^damaged \.docx: /);
  });
});
