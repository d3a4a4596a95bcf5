import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paragraphMarker, parseCclParagraphs } from '../../src/ingest/importers/us-ccl-paragraphs.js';
import { cclFileSchema } from '../../src/ingest/importers/us-ccl.js';

const ccl = cclFileSchema.parse(
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../seed/data/us_ccl_full.json'), 'utf8')),
);
const allEntries = ccl.flatMap((category) => category.product_groups.flatMap((group) => group.eccn));
function details(code: string): string {
  const entry = allEntries.find((item) => item.code === code);
  if (!entry) throw new Error(`${code} not in us_ccl_full.json`);
  return entry.details;
}

describe('paragraph tree of the real 6A003', () => {
  const tree = parseCclParagraphs(details('6A003'));
  const byPath = new Map(tree.paragraphs.map((paragraph) => [paragraph.path, paragraph]));

  it('nests paragraphs under their parents', () => {
    expect(byPath.get('a.5.a')?.parentPath).toBe('a.5');
    expect(byPath.get('a.5')?.parentPath).toBe('a');
    expect(byPath.get('a')?.parentPath).toBeNull();
    expect(byPath.get('b.4.b')?.parentPath).toBe('b.4');
    expect(byPath.get('b.1.a.3')?.parentPath).toBe('b.1.a');
  });

  it('keeps reserved paragraphs', () => {
    expect(byPath.get('a.1')?.title).toBe('[Reserved]');
    expect(byPath.get('a.2')?.title).toBe('[Reserved]');
  });

  it('titles a paragraph with its first line and keeps its text verbatim, marker included', () => {
    expect(byPath.get('a.3')?.title).toBe('Electronic streak cameras having temporal resolution better than 50 ns;');
    expect(byPath.get('a.5.a')?.text).toBe(
      'a.5.a. An electronic shutter speed (gating capability) of less than 1µs per full frame; *and*',
    );
  });

  it('attaches italic note blocks to the paragraph above them', () => {
    expect(byPath.get('a')?.notes).toContain('*Note:*');
    expect(byPath.get('a')?.notes).toContain('Instrumentation cameras, controlled by 6A003.a.3 to 6A003.a.5');
    expect(byPath.get('b')?.notes).toContain('does not control television or video cameras');
    // Note 3 (to b.4.b) follows b.4.c in the text and is kept with it, whole.
    expect(byPath.get('b.4.c')?.notes).toContain('*Note 3:*');
    expect(byPath.get('b.4.c')?.notes).toContain('at least 2 mrad (milliradians)');
    expect(byPath.get('a.3')?.notes).toBeNull();
  });

  it('does not turn italic lettered note lines into paragraphs', () => {
    // "*a. A maximum frame rate equal to or less than 9 Hz;*" belongs to Note 3.
    expect([...byPath.keys()].filter((path) => path === 'a' || path === 'b')).toEqual(['a', 'b']);
    expect(tree.duplicates).toEqual([]);
  });

  it('numbers paragraphs in text order', () => {
    tree.paragraphs.forEach((paragraph, index) => expect(paragraph.ordinal).toBe(index));
  });
});

describe('the parser never drops text', () => {
  it("accounts for every non-blank line of every entry's items part", () => {
    for (const entry of allEntries) {
      const tree = parseCclParagraphs(entry.details);
      if (!tree.hasItems) continue;
      const kept = [tree.preamble, ...tree.paragraphs.map((paragraph) => paragraph.text)].join('\n');
      const lines = entry.details.split('\n');
      const itemsLabel = lines.findIndex((line) => /^\s*\*?Items\*?:/.test(line));
      const start = itemsLabel >= 0 ? itemsLabel : lines.findIndex((line) => /^\s*List of Items Controlled/.test(line));
      for (const line of lines.slice(start + 1)) {
        if (line.trim().length === 0) continue;
        expect(kept.includes(line.trim()), `${entry.code}: ${line.slice(0, 80)}`).toBe(true);
      }
    }
  });
});

describe('paragraph markers', () => {
  it('recognises the variants the CCL text uses', () => {
    expect(paragraphMarker('a. Instrumentation cameras')).toEqual({ path: 'a', rest: 'Instrumentation cameras' });
    expect(paragraphMarker('b.4.b. Incorporating')?.path).toBe('b.4.b');
    expect(paragraphMarker('y.15 Tires, except run flat; and')?.path).toBe('y.15');
    expect(paragraphMarker("a.1.a.1.c.'Sounding resolution' less than 2; and")?.path).toBe('a.1.a.1.c');
    expect(paragraphMarker('f.2.1. Materials specified by USML Category XIV (a) or (b); *or*')?.path).toBe('f.2.1');
    expect(paragraphMarker('b.1.at least')?.path).toBe('b.1');
  });

  it('ignores italic lines and ordinary sentences', () => {
    expect(paragraphMarker('*a. A maximum frame rate equal to or less than 9 Hz;*')).toBeNull();
    expect(paragraphMarker('e.g. a camera')).toBeNull();
    expect(paragraphMarker('1. For the purpose of')).toBeNull();
    expect(paragraphMarker('The list of items controlled is contained in the ECCN heading.')).toBeNull();
  });

  it('merges a repeated code into its first occurrence', () => {
    const tree = parseCclParagraphs('*Items:*\n\na. First.\n\na.1. One.\n\na. Again.\n\na.2. Two.');
    expect(tree.duplicates).toEqual(['a']);
    expect(tree.paragraphs.map((paragraph) => paragraph.path)).toEqual(['a', 'a.1', 'a.2']);
    expect(tree.paragraphs[0]?.text).toContain('a. Again.');
    expect(tree.paragraphs[2]?.parentPath).toBe('a');
  });

  it('attaches a paragraph whose parent is missing to the nearest ancestor', () => {
    const tree = parseCclParagraphs('*Items:*\n\na. First.\n\na.5.a. Deep.');
    expect(tree.paragraphs[1]?.parentPath).toBe('a');
  });

  it('reads entries without an "Items:" label from "List of Items Controlled"', () => {
    const tree = parseCclParagraphs(details('9C610'));
    expect(tree.paragraphs.map((paragraph) => paragraph.path)).toEqual(['a', 'b']);
  });
});
