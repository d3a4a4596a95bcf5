// The embedded engine's building blocks: typo allowance, synonym expansion, snippets.
import { describe, expect, it } from 'vitest';
import { CROP_MARKER, highlightSnippet } from '../../src/search/highlight-snippet.js';
import { HIGHLIGHT_POST, HIGHLIGHT_PRE } from '../../src/search/search-engine.js';
import { buildSynonymTable, expandSynonyms } from '../../src/search/synonym-expansion.js';
import { compileSpellingVariants, termForms } from '../../src/search/term-forms.js';
import { normalizeWord, termsOf, wordsOf } from '../../src/search/text-tokens.js';
import { allowedTypos } from '../../src/search/typo-tolerance.js';

describe('typo tolerance', () => {
  it('follows Meilisearch: 0 below 5 letters, 1 from 5, 2 from 9', () => {
    expect(['lens', 'laser', 'detector', 'amplifier'].map(allowedTypos)).toEqual([0, 1, 1, 2]);
  });

  it('allows none in a word holding a digit (codes)', () => {
    expect(allowedTypos('6a003')).toBe(0);
    expect(allowedTypos('bis2018xyz')).toBe(0);
  });
});

describe('text tokens', () => {
  it('splits codes at punctuation and folds case and accents', () => {
    expect(wordsOf('6A003.b.4').map((word) => word.text)).toEqual(['6A003', 'b', '4']);
    expect(normalizeWord('Résumé')).toBe('resume');
    expect(termsOf('The list of items', new Set(['the', 'of']))).toEqual(['list', 'items']);
  });
});

describe('synonym expansion', () => {
  const table = buildSynonymTable(
    {
      'thermal camera': ['thermal imaging', 'focal plane array'],
      thermal: ['heat'],
      lidar: ['laser radar'],
      'the drone': ['unmanned aerial vehicle'],
    },
    new Set(['the']),
  );

  it('prefers the longest key and marks the last concept', () => {
    expect(expandSynonyms(['cheap', 'thermal', 'camera'], table)).toEqual([
      { terms: ['cheap'], synonyms: [], isLast: false },
      {
        terms: ['thermal', 'camera'],
        synonyms: [
          ['thermal', 'imaging'],
          ['focal', 'plane', 'array'],
        ],
        isLast: true,
      },
    ]);
    expect(expandSynonyms(['thermal', 'sensor'], table)[0]).toEqual({
      terms: ['thermal'],
      synonyms: [['heat']],
      isLast: false,
    });
  });

  it('reaches a key through inflections and spellings, but not through a word still being typed', () => {
    const variants = compileSpellingVariants({ words: { centre: 'center' }, suffixes: [] });
    const forms = buildSynonymTable(
      { 'AI chip': ['integrated circuit'], 'data centre': ['data center'], gyroscope: ['gyros'] },
      new Set(),
      (word) => termForms(word, variants).at(-1) as string,
    );
    expect(expandSynonyms(['ai', 'chips'], forms)[0]?.synonyms).toEqual([['integrated', 'circuit']]);
    expect(expandSynonyms(['data', 'center'], forms)[0]?.terms).toEqual(['data', 'center']);
    expect(expandSynonyms(['gyroscopes'], forms, true)[0]?.synonyms).toEqual([['gyros']]);
    // "gyroscop" is the stem of the key, and also what a user has typed of "gyroscopes" so far.
    expect(expandSynonyms(['gyroscop'], forms, true)[0]?.synonyms).toEqual([]);
    expect(expandSynonyms(['gyroscop'], forms, false)[0]?.synonyms).toEqual([['gyros']]);
  });

  it('drops stop words from keys and equivalents', () => {
    expect(expandSynonyms(['drone'], table)).toEqual([
      { terms: ['drone'], synonyms: [['unmanned', 'aerial', 'vehicle']], isLast: true },
    ]);
  });
});

describe('highlight snippet', () => {
  const isCamera = (word: string) => word === 'camera' || word === 'cameras';

  it('wraps every match and keeps the rest verbatim', () => {
    expect(highlightSnippet('Camera & "cameras" <b>', isCamera)).toBe(
      `${HIGHLIGHT_PRE}Camera${HIGHLIGHT_POST} & "${HIGHLIGHT_PRE}cameras${HIGHLIGHT_POST}" <b>`,
    );
    expect(highlightSnippet('no match here', isCamera)).toBeNull();
  });

  it('crops long text around the first match and marks the cuts', () => {
    const words = Array.from({ length: 100 }, (_, index) => `w${index}`);
    words[50] = 'camera';
    const snippet = highlightSnippet(words.join(' '), isCamera) ?? '';
    expect(snippet.startsWith(`${CROP_MARKER}w42 `)).toBe(true);
    expect(snippet.endsWith(`w71${CROP_MARKER}`)).toBe(true);
    expect(snippet).toContain(`${HIGHLIGHT_PRE}camera${HIGHLIGHT_POST}`);
  });

  it('keeps 30 words when the match is near the end', () => {
    const words = Array.from({ length: 100 }, (_, index) => `w${index}`);
    words[99] = 'camera';
    const snippet = highlightSnippet(words.join(' '), isCamera) ?? '';
    expect(snippet.startsWith(`${CROP_MARKER}w70 `)).toBe(true);
    expect(snippet.endsWith(`${HIGHLIGHT_PRE}camera${HIGHLIGHT_POST}`)).toBe(true);
  });
});
