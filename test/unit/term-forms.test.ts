// The forms a word is indexed and searched under: British spellings read as American ones
// (whole words and the -ise family), English stems, codes left alone; and where a long text's
// highlight scan starts.
import { describe, expect, it } from 'vitest';
import { highlightSnippet, scanStart } from '../../src/search/highlight-snippet.js';
import { loadSearchSettings } from '../../src/search/search-settings.js';
import { canonicalSpelling, compileSpellingVariants, termForms } from '../../src/search/term-forms.js';

const variants = compileSpellingVariants((await loadSearchSettings()).spellingVariants);

describe('term forms', () => {
  it('reads British spellings as the American ones, whole words and word endings', () => {
    expect(canonicalSpelling('centre', variants)).toBe('center');
    expect(canonicalSpelling('fibres', variants)).toBe('fibers');
    expect(canonicalSpelling('licence', variants)).toBe('license');
    expect(canonicalSpelling('organisation', variants)).toBe('organization');
    expect(canonicalSpelling('analysed', variants)).toBe('analyzed');
    // Short words keep their ending: "rise" is not "rize".
    expect(canonicalSpelling('rise', variants)).toBe('rise');
  });

  it('adds the English stem of a word, and leaves codes and short words as they are', () => {
    expect(termForms('imaging', variants)).toEqual(['imaging', 'imag']);
    expect(termForms('images', variants)[1]).toBe(termForms('imager', variants)[1]);
    expect(termForms('6a003', variants)).toEqual(['6a003']);
    expect(termForms('gas', variants)).toEqual(['gas']);
    // The same spelling whatever side of the Atlantic, stems included.
    expect(termForms('centres', variants)).toEqual(termForms('centers', variants));
  });
});

describe('highlight scan start', () => {
  it('starts a long text a little before the first mention, and the snippet still marks it', () => {
    const text = `${'Preamble words repeated here. '.repeat(400)}Hydrophones incorporating a detector.`;
    const start = scanStart(text, ['hydrophon']);
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThan(text.indexOf('Hydrophones'));
    const snippet = highlightSnippet(text, (word) => word === 'hydrophones', start);
    expect(snippet).toMatch(/^…/u);
    expect(snippet).toContain('<mark>Hydrophones</mark>');
  });

  it('reads a short text, or one whose matches are not written as such, from the start', () => {
    expect(scanStart('Hydrophones incorporating a detector.', ['hydrophon'])).toBe(0);
    expect(scanStart('x '.repeat(3000), ['hydrophon'])).toBe(0);
  });
});
