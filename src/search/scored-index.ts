// MiniSearch with two reads it does not offer: the documents holding a word (with its typo and
// prefix neighbours) without scoring them, and BM25 for a handful of documents without scoring
// every other document that holds the same words. Its own `search` scores every posting of every
// word, so a common word's thousands of matches cost time even when only the first page is
// shown. Both reads walk the same postings and use the same formula as MiniSearch 7 (its
// `executeQuerySpec`, `termResults` and `calcBM25Score`), reached as a subclass through the
// fields MiniSearch declares protected; a unit test compares the scores with `search` itself,
// so a MiniSearch upgrade that changes them fails there.
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';

/** MiniSearch's default BM25+ parameters. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

export class ScoredIndex<T> extends MiniSearch<T> {
  /** `MiniSearch.loadJS` for this class (MiniSearch's own always builds its base class). */
  static restore<T>(state: AsPlainObject, options: Options<T>): ScoredIndex<T> {
    return Object.assign(new ScoredIndex<T>(options), MiniSearch.loadJS<T>(state, options));
  }

  /**
   * The indexed words `word` reaches, as MiniSearch's search would match them: the word itself,
   * with `prefix` every longer word it begins, with `typos` every word that many edits away
   * (a word reached both ways counts as a prefix match). Each with its edit distance, or, for
   * a prefix match, the letters added.
   */
  wordsReached(word: string, typos: number, prefix: boolean): Map<string, { distance: number; prefix: boolean }> {
    const reached = new Map<string, { distance: number; prefix: boolean }>();
    if (this._index.has(word)) reached.set(word, { distance: 0, prefix: false });
    if (typos > 0) {
      for (const [term, [, distance]] of this._index.fuzzyGet(word, typos)) {
        if (distance > 0) reached.set(term, { distance, prefix: false });
      }
    }
    if (prefix) {
      for (const [term] of this._index.atPrefix(word)) {
        if (term !== word) reached.set(term, { distance: term.length - word.length, prefix: true });
      }
    }
    return reached;
  }

  /** Adds the ids of the documents holding `term` (in any field) to `ids`; whether any does. */
  collectHolders(term: string, ids: Set<string>): boolean {
    const fields = this._index.get(term);
    if (fields === undefined) return false;
    let any = false;
    for (const postings of fields.values()) {
      for (const shortId of postings.keys()) {
        const id: unknown = this._documentIds.get(shortId);
        // A discarded document's postings stay until MiniSearch vacuums them.
        if (typeof id !== 'string') continue;
        ids.add(id);
        any = true;
      }
    }
    return any;
  }

  /**
   * How many postings `term` has (a document holding it in its title and its body counts twice),
   * counting no further than `limit`: a common word costs no more than a rare one.
   */
  countPostings(term: string, limit: number): number {
    const fields = this._index.get(term);
    if (fields === undefined) return 0;
    let count = 0;
    for (const postings of fields.values()) {
      for (const shortId of postings.keys()) {
        if (!this._documentIds.has(shortId)) continue;
        count += 1;
        if (count >= limit) return count;
      }
    }
    return count;
  }

  /**
   * The score MiniSearch's `search({ queries: [...terms.keys()], combineWith: 'OR' }, { boost,
   * boostTerm: (term) => terms.get(term) })` gives each of the documents `ids` (every term taken
   * exactly): per term and field, weight x field boost x BM25+, summed, times the number of
   * terms the document holds. Documents holding none are left out.
   */
  scoresOf(
    ids: Iterable<string>,
    terms: ReadonlyMap<string, number>,
    boost: Readonly<Record<string, number>>,
  ): Map<string, number> {
    const shortIds = new Map<number, string>();
    for (const id of ids) {
      const shortId = this._idToShortId.get(id);
      if (shortId !== undefined) shortIds.set(shortId, id);
    }
    const sums = new Map<number, { score: number; terms: number }>();
    for (const [term, weight] of terms) {
      const fields = this._index.get(term);
      if (fields === undefined) continue;
      const counted = new Set<number>();
      for (const [field, fieldBoost] of Object.entries(boost)) {
        const fieldId = this._fieldIds[field];
        const postings = fieldId === undefined ? undefined : fields.get(fieldId);
        if (fieldId === undefined || postings === undefined) continue;
        // Postings of discarded documents count until MiniSearch vacuums them, as in its own
        // scoring until its loop meets them.
        const holders = postings.size;
        const averageLength = this._avgFieldLength[fieldId] as number;
        // Walk whichever is shorter: the word's postings or the documents asked about.
        const walked: Iterable<number> = postings.size < shortIds.size ? postings.keys() : shortIds.keys();
        for (const shortId of walked) {
          const frequency = postings.get(shortId);
          if (frequency === undefined || !shortIds.has(shortId)) continue;
          const length = (this._fieldLength.get(shortId) as number[])[fieldId] as number;
          const score = weight * fieldBoost * bm25(frequency, holders, this._documentCount, length, averageLength);
          const sum = sums.get(shortId) ?? { score: 0, terms: 0 };
          sum.score += score;
          if (!counted.has(shortId)) {
            counted.add(shortId);
            sum.terms += 1;
          }
          sums.set(shortId, sum);
        }
      }
    }
    const scores = new Map<string, number>();
    for (const [shortId, { score, terms: held }] of sums) scores.set(shortIds.get(shortId) as string, score * held);
    return scores;
  }
}

/** MiniSearch's `calcBM25Score` (BM25+). */
function bm25(frequency: number, holders: number, documents: number, length: number, averageLength: number): number {
  const inverse = Math.log(1 + (documents - holders + 0.5) / (holders + 0.5));
  return (
    inverse *
    (BM25.d + (frequency * (BM25.k + 1)) / (frequency + BM25.k * (1 - BM25.b + (BM25.b * length) / averageLength)))
  );
}
