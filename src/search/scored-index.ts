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
    // Sums kept in arrays indexed by short id: a common word's shortlist runs to thousands of
    // documents, and a map entry per document cost more than the arithmetic.
    const asked = new Uint8Array(this._nextId);
    const shortIds: number[] = [];
    for (const id of ids) {
      const shortId = this._idToShortId.get(id);
      if (shortId === undefined || asked[shortId] === 1) continue;
      asked[shortId] = 1;
      shortIds.push(shortId);
    }
    const sums = new Float64Array(this._nextId);
    const held = new Uint16Array(this._nextId);
    /** The last term (1-based) counted in `held`, so a term held in two fields counts once. */
    const lastTerm = new Uint16Array(this._nextId);
    let termNumber = 0;
    for (const [term, weight] of terms) {
      termNumber += 1;
      const fields = this._index.get(term);
      if (fields === undefined) continue;
      for (const [field, fieldBoost] of Object.entries(boost)) {
        const fieldId = this._fieldIds[field];
        const postings = fieldId === undefined ? undefined : fields.get(fieldId);
        if (fieldId === undefined || postings === undefined) continue;
        // Postings of discarded documents count until MiniSearch vacuums them, as in its own
        // scoring until its loop meets them.
        const holders = postings.size;
        const averageLength = this._avgFieldLength[fieldId] as number;
        const add = (shortId: number, frequency: number): void => {
          const length = (this._fieldLength.get(shortId) as number[])[fieldId] as number;
          sums[shortId] =
            (sums[shortId] as number) +
            weight * fieldBoost * bm25(frequency, holders, this._documentCount, length, averageLength);
          if (lastTerm[shortId] !== termNumber) {
            lastTerm[shortId] = termNumber;
            held[shortId] = (held[shortId] as number) + 1;
          }
        };
        // Walk whichever is shorter: the word's postings or the documents asked about.
        if (postings.size < shortIds.length) {
          for (const [shortId, frequency] of postings) if (asked[shortId] === 1) add(shortId, frequency);
        } else {
          for (const shortId of shortIds) {
            const frequency = postings.get(shortId);
            if (frequency !== undefined) add(shortId, frequency);
          }
        }
      }
    }
    const scores = new Map<string, number>();
    for (const shortId of shortIds) {
      const count = held[shortId] as number;
      if (count > 0) scores.set(this._documentIds.get(shortId) as string, (sums[shortId] as number) * count);
    }
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
