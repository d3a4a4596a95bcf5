import { describe, expect, it } from 'vitest';
import { ancestorsFirst } from '../../src/search/result-grouping.js';
import type { SearchDocument } from '../../src/search/search-engine.js';

function paragraph(code: string, key: number): { document: SearchDocument; key: number } {
  const document: SearchDocument = {
    id: `PROVISION:${code}`,
    recordId: code,
    type: 'PROVISION',
    title: code,
    codes: [code],
    body: '',
    regime: 'EU',
    jurisdiction: 'EU',
    category: '6',
    audience: [],
    date: null,
    validFrom: null,
    validTo: null,
  };
  return { document, key };
}

const codes = (members: readonly { document: SearchDocument }[]): string[] =>
  members.map((member) => member.document.codes[0] ?? '');

describe('paragraphs under an entry', () => {
  it('shows a heading that matches as well as its sub-paragraphs before them', () => {
    // "Image intensifier tubes": 6A002.a.2 names the item, a.2.a and a.2.b refine it.
    const ranked = [
      paragraph('6A002.a.2.a', 10),
      paragraph('6A002.a.2.b', 10),
      paragraph('6A002.c.1', 10),
      paragraph('6A002.a.2', 10),
    ];
    expect(codes(ancestorsFirst(ranked))).toEqual(['6A002.a.2', '6A002.a.2.a', '6A002.a.2.b', '6A002.c.1']);
  });

  it('leaves a heading that matches fewer query words where its rank puts it', () => {
    const ranked = [paragraph('6A002.a.2.a', 12), paragraph('6A002.c.1', 11), paragraph('6A002.a.2', 10)];
    expect(codes(ancestorsFirst(ranked))).toEqual(['6A002.a.2.a', '6A002.c.1', '6A002.a.2']);
  });

  it('moves every matching ancestor, the outermost first, and never takes a sibling code for an ancestor', () => {
    const ranked = [
      paragraph('6A003.b.4.b', 9),
      paragraph('6A003.b.40', 9),
      paragraph('6A003.b.4', 9),
      paragraph('6A003.b', 9),
    ];
    expect(codes(ancestorsFirst(ranked))).toEqual(['6A003.b', '6A003.b.4', '6A003.b.4.b', '6A003.b.40']);
  });
});
