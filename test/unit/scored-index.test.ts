// The embedded engine lists and scores through ScoredIndex instead of MiniSearch's `search`: the
// two must agree, document for document, or an upgrade of MiniSearch has changed what they read.
import { describe, expect, it } from 'vitest';
import { ScoredIndex } from '../../src/search/scored-index.js';
import { ShortIdList } from '../../src/search/short-id-sets.js';

interface Doc {
  id: string;
  title: string;
  body: string;
}

const DOCS: Doc[] = [
  { id: 'a', title: 'Cameras', body: 'thermal imaging cameras with a focal plane array' },
  { id: 'b', title: 'Optical sensors', body: 'focal plane arrays and image intensifier tubes; camera heads' },
  { id: 'c', title: 'Lasers', body: 'pulsed lasers, laser radar, camera' },
  { id: 'd', title: 'Camera', body: 'camera camera camera' },
  { id: 'e', title: 'Gravimeters', body: 'gravity meters for exploration' },
  { id: 'f', title: 'Removed', body: 'camera lasers' },
];
const BOOST = { title: 3, body: 1 };
const OPTIONS = { fields: ['title', 'body'], tokenize: (text: string) => text.split(/[^a-z0-9]+/iu) };

/** The short ids of the documents `ids` (-1 for one not indexed), for the reads that take them. */
function shortIds(index: ScoredIndex<Doc>, ids: readonly string[]): number[] {
  return ids.map((id) => index.shortIdOf(id) ?? -1);
}

/** Scores by document id. */
function scoresById(
  index: ScoredIndex<Doc>,
  ids: readonly string[],
  terms: ReadonlyMap<string, number>,
): Map<string, number> {
  const scores = index.scoresOf(
    shortIds(index, ids).filter((shortId) => shortId >= 0),
    terms,
    BOOST,
  );
  return new Map([...scores].map(([shortId, score]) => [index.documentAt(shortId)?.id as string, score]));
}

function build(discard = true): ScoredIndex<Doc> {
  const index = new ScoredIndex<Doc>(OPTIONS);
  index.addAll(DOCS);
  // A discarded document keeps its postings until MiniSearch vacuums them: reads must skip it.
  if (discard) index.discard('f');
  return index;
}

describe('ScoredIndex', () => {
  it('scores a set of documents as MiniSearch scores them, and leaves out those holding no word', () => {
    // No discarded document here: MiniSearch's own count of a word's documents drops a discarded
    // one only once its scoring loop has passed it, so its scores then depend on posting order.
    const index = build(false);
    const terms = new Map([
      ['camera', 1],
      ['cameras', 0.5],
      ['lasers', 0.8],
    ]);
    const theirs = new Map(
      index
        .search(
          { queries: [...terms.keys()], combineWith: 'OR' },
          { boost: BOOST, boostTerm: (term) => terms.get(term) ?? 0 },
        )
        .map((result) => [String(result.id), result.score]),
    );
    const ours = scoresById(index, ['a', 'b', 'c', 'd', 'e', 'unknown'], terms);
    expect([...ours.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    for (const [id, score] of ours) expect(score).toBeCloseTo(theirs.get(id) as number, 10);
    // Asking about fewer documents changes none of their scores.
    expect(scoresById(index, ['c'], terms).get('c')).toBeCloseTo(theirs.get('c') as number, 10);
  });

  it('reaches the words and documents MiniSearch finds with typos and a prefix', () => {
    const index = build();
    for (const [word, typos, prefix] of [
      ['camera', 0, false],
      ['camra', 1, false],
      ['las', 0, true],
      ['focal', 1, true],
      ['nothing', 1, true],
    ] as const) {
      const found = index.search(word, { fuzzy: typos, prefix });
      const holders = new ShortIdList(index.shortIdBound);
      const reached = index.wordsReached(word, typos, prefix);
      for (const term of reached.keys()) index.collectHolders(term, holders);
      const ids = holders.ids.map((shortId) => index.documentAt(shortId)?.id);
      expect(ids.sort(), word).toEqual(found.map((result) => String(result.id)).sort());
      const theirTerms = new Set(found.flatMap((result) => result.terms));
      for (const term of theirTerms) expect(reached.has(term), `${word} -> ${term}`).toBe(true);
    }
    expect(index.wordsReached('las', 0, true).get('lasers')).toEqual({ distance: 3, prefix: true });
    expect(index.wordsReached('camra', 1, false).get('camera')).toEqual({ distance: 1, prefix: false });
  });

  it('counts postings up to a limit and skips discarded documents', () => {
    const index = build();
    const discarded = build(false).shortIdOf('f') as number;
    expect(index.documentAt(discarded)).toBeUndefined();
    expect(index.scoresOf([discarded], new Map([['camera', 1]]), BOOST).size).toBe(0);
    // b, c and d hold "camera" in their body, d in its title too (a holds "cameras"; f is discarded).
    expect(index.countPostings('camera', 100)).toBe(4);
    expect(index.countPostings('camera', 2)).toBe(2);
    expect(index.countPostings('absent', 5)).toBe(0);
  });

  it('keeps its reads after a round trip through MiniSearch serialization', () => {
    const index = build();
    const restored = ScoredIndex.restore<Doc>(JSON.parse(JSON.stringify(index)), OPTIONS, DOCS);
    expect(restored).toBeInstanceOf(ScoredIndex);
    const terms = new Map([['camera', 1]]);
    expect(scoresById(restored, ['b', 'd'], terms)).toEqual(scoresById(index, ['b', 'd'], terms));
    // The documents are found again by short id, a discarded one not.
    expect(shortIds(restored, ['a', 'f'])).toEqual([index.shortIdOf('a'), -1]);
    expect(restored.documentAt(restored.shortIdOf('b') as number)).toBe(DOCS[1]);
  });
});
