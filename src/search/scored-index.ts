// MiniSearch with two reads it does not offer: the documents holding a word (with its typo and
// prefix neighbours) without scoring them, and BM25 for a handful of documents without scoring
// every other document that holds the same words. Its own `search` scores every posting of every
// word, so a common word's thousands of matches cost time even when only the first page is
// shown. Both reads walk the same postings and use the same formula as MiniSearch 7 (its
// `executeQuerySpec`, `termResults` and `calcBM25Score`), reached as a subclass through the
// fields MiniSearch declares protected; a unit test compares the scores with `search` itself,
// so a MiniSearch upgrade that changes them fails there.
//
// Documents are named by MiniSearch's short ids (small integers, never reused) in both reads:
// the engine keeps what it needs per document in arrays indexed by them, since a string id
// per match (sets, maps, lookups) cost more than the matching itself.
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { ShortIdList } from './short-id-sets.js';

/** MiniSearch's default BM25+ parameters. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** About how many postings of an array are read in the time of one look-up in MiniSearch's map. */
const ARRAY_READS_PER_LOOKUP = 16;

/**
 * The most postings held as arrays at once (see `postingArrays`), about 32 MB: beyond it the
 * copies are dropped and made again as queries read them.
 */
const MAX_POSTING_COPIES = 1 << 22;

/** What `scoresOf` keeps per short id while it scores (see `scoringArrays`). */
interface ScoringArrays {
  fieldCount: number;
  /** 1 for a document asked about. */
  asked: Uint8Array;
  /** The document's score so far, before the count of terms it holds. */
  sums: Float64Array;
  /** How many of the terms the document holds. */
  held: Uint16Array;
  /** The last term (1-based) counted in `held`, so a term held in two fields counts once. */
  lastTerm: Uint16Array;
  /** Short id x field -> the field's length (in words; MiniSearch counts them), read once per document rather than once per posting. */
  fieldLengths: Uint32Array;
}

/** A word's postings in one field, copied from MiniSearch's map into arrays, in the map's order. */
interface FieldPostings {
  fieldId: number;
  shortIds: Uint32Array;
  frequencies: Uint32Array;
}

export class ScoredIndex<T> extends MiniSearch<T> {
  /**
   * The document each short id stands for while it is indexed (undefined once discarded):
   * a discarded document's postings stay until MiniSearch vacuums them, and reads skip them by
   * this array, cheaper per posting than MiniSearch's own map of ids.
   */
  private documentsByShortId: (T | undefined)[] = [];
  /**
   * Postings copied into arrays as queries read them: a common word's tens of thousands of
   * postings are walked for every query holding it, and an array is read many times faster than
   * MiniSearch's map. Dropped whenever a document is added or removed; a document discarded
   * since keeps its postings here as in MiniSearch's map (until vacuumed), and reads skip it.
   */
  private readonly postingCopies = new Map<string, FieldPostings[]>();
  private postingCopiesHeld = 0;
  private scoring: ScoringArrays | undefined;

  /**
   * `MiniSearch.loadJS` for this class (MiniSearch's own always builds its base class), given
   * the documents the state indexed.
   */
  static restore<T>(state: AsPlainObject, options: Options<T>, documents: Iterable<T>): ScoredIndex<T> {
    const index = Object.assign(new ScoredIndex<T>(options), MiniSearch.loadJS<T>(state, options));
    index.documentsByShortId = [];
    for (const document of documents) {
      const shortId = index.shortIdOf(index._options.extractField(document, index._options.idField) as string);
      if (shortId !== undefined) index.documentsByShortId[shortId] = document;
    }
    return index;
  }

  override add(document: T): void {
    super.add(document);
    this.dropPostingCopies();
    // MiniSearch gives each document added the next short id.
    this.documentsByShortId[this._nextId - 1] = document;
  }

  override discard(id: string): void {
    const shortId = this._idToShortId.get(id);
    super.discard(id);
    if (shortId !== undefined) this.documentsByShortId[shortId] = undefined;
  }

  override remove(document: T): void {
    const shortId = this._idToShortId.get(this._options.extractField(document, this._options.idField));
    super.remove(document);
    this.dropPostingCopies();
    if (shortId !== undefined) this.documentsByShortId[shortId] = undefined;
  }

  override removeAll(documents?: readonly T[]): void {
    if (documents === undefined) {
      super.removeAll();
      this.dropPostingCopies();
      this.documentsByShortId = [];
    } else super.removeAll(documents);
  }

  /** The short id of an indexed document. */
  shortIdOf(id: string): number | undefined {
    return this._idToShortId.get(id);
  }

  /** The indexed document a short id stands for; undefined once it is discarded. */
  documentAt(shortId: number): T | undefined {
    return this.documentsByShortId[shortId];
  }

  /** One more than the largest short id given so far: arrays indexed by short id need this length. */
  get shortIdBound(): number {
    return this._nextId;
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

  /**
   * Adds the short ids of the documents holding `term` (in any field) to `ids`, each once, in
   * the order of MiniSearch's postings; whether any document holds it.
   */
  collectHolders(term: string, ids: ShortIdList): boolean {
    const fields = this.postingArrays(term);
    if (fields === undefined) return false;
    const documents = this.documentsByShortId;
    let any = false;
    for (const { shortIds } of fields) {
      for (const shortId of shortIds) {
        if (documents[shortId] === undefined) continue;
        ids.add(shortId);
        any = true;
      }
    }
    return any;
  }

  /** A word's postings per field (in MiniSearch's order), as arrays; undefined when no document holds it. */
  private postingArrays(term: string): FieldPostings[] | undefined {
    const copied = this.postingCopies.get(term);
    if (copied !== undefined) return copied;
    const fields = this._index.get(term);
    if (fields === undefined) return undefined;
    const copies: FieldPostings[] = [];
    let held = 0;
    for (const [fieldId, postings] of fields) {
      const shortIds = new Uint32Array(postings.size);
      const frequencies = new Uint32Array(postings.size);
      let at = 0;
      postings.forEach((frequency, shortId) => {
        shortIds[at] = shortId;
        frequencies[at] = frequency;
        at += 1;
      });
      copies.push({ fieldId, shortIds, frequencies });
      held += postings.size;
    }
    if (this.postingCopiesHeld + held > MAX_POSTING_COPIES) this.dropPostingCopies();
    this.postingCopies.set(term, copies);
    this.postingCopiesHeld += held;
    return copies;
  }

  private dropPostingCopies(): void {
    this.postingCopies.clear();
    this.postingCopiesHeld = 0;
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
        if (this.documentsByShortId[shortId] === undefined) continue;
        count += 1;
        if (count >= limit) return count;
      }
    }
    return count;
  }

  /**
   * The score MiniSearch's `search({ queries: [...terms.keys()], combineWith: 'OR' }, { boost,
   * boostTerm: (term) => terms.get(term) })` gives each of the documents `ids` (short ids, every
   * term taken exactly): per term and field, weight x field boost x BM25+, summed, times the
   * number of terms the document holds. Documents holding none are left out.
   */
  scoresOf(
    ids: Iterable<number>,
    terms: ReadonlyMap<string, number>,
    boost: Readonly<Record<string, number>>,
  ): Map<number, number> {
    // Sums kept in arrays indexed by short id: a common word's shortlist runs to thousands of
    // documents, and a map entry per document cost more than the arithmetic.
    const fieldCount = Object.keys(this._fieldIds).length;
    const { asked, sums, held, lastTerm, fieldLengths } = this.scoringArrays(fieldCount);
    const shortIds: number[] = [];
    for (const shortId of ids) {
      if (this.documentsByShortId[shortId] === undefined || asked[shortId] === 1) continue;
      asked[shortId] = 1;
      shortIds.push(shortId);
      const lengths = this._fieldLength.get(shortId) as number[];
      for (let fieldId = 0; fieldId < fieldCount; fieldId += 1) {
        fieldLengths[shortId * fieldCount + fieldId] = lengths[fieldId] ?? 0;
      }
    }
    let termNumber = 0;
    for (const [term, weight] of terms) {
      termNumber += 1;
      const fields = this._index.get(term);
      if (fields === undefined) continue;
      const copies = this.postingArrays(term) as FieldPostings[];
      for (const [field, fieldBoost] of Object.entries(boost)) {
        const fieldId = this._fieldIds[field];
        const postings = fieldId === undefined ? undefined : fields.get(fieldId);
        if (fieldId === undefined || postings === undefined) continue;
        // Postings of discarded documents count until MiniSearch vacuums them, as in its own
        // scoring until its loop meets them.
        const inverse = inverseFrequency(postings.size, this._documentCount);
        const averageLength = this._avgFieldLength[fieldId] as number;
        const add = (frequency: number, shortId: number): void => {
          const length = fieldLengths[shortId * fieldCount + fieldId] as number;
          sums[shortId] =
            (sums[shortId] as number) + weight * fieldBoost * bm25(frequency, inverse, length, averageLength);
          if (lastTerm[shortId] !== termNumber) {
            lastTerm[shortId] = termNumber;
            held[shortId] = (held[shortId] as number) + 1;
          }
        };
        // Walk whichever costs less: the word's postings (an array, see `postingArrays`) or the
        // documents asked about (a map look-up each).
        const copy = copies.find((fieldCopy) => fieldCopy.fieldId === fieldId);
        if (copy !== undefined && copy.shortIds.length < shortIds.length * ARRAY_READS_PER_LOOKUP) {
          const { shortIds: holders, frequencies } = copy;
          for (let at = 0; at < holders.length; at += 1) {
            const shortId = holders[at] as number;
            if (asked[shortId] === 1) add(frequencies[at] as number, shortId);
          }
        } else {
          for (const shortId of shortIds) {
            const frequency = postings.get(shortId);
            if (frequency !== undefined) add(frequency, shortId);
          }
        }
      }
    }
    const scores = new Map<number, number>();
    for (const shortId of shortIds) {
      const count = held[shortId] as number;
      if (count > 0) scores.set(shortId, (sums[shortId] as number) * count);
      // Left as found for the next query: only the documents asked about were touched.
      asked[shortId] = 0;
      sums[shortId] = 0;
      held[shortId] = 0;
      lastTerm[shortId] = 0;
    }
    return scores;
  }

  /**
   * The arrays `scoresOf` works in, indexed by short id, all zero between two calls: kept from
   * one query to the next (a query scoring a handful of documents would otherwise allocate and
   * clear arrays the size of the collection), made anew when the collection has grown.
   */
  private scoringArrays(fieldCount: number): ScoringArrays {
    const bound = this._nextId;
    if (this.scoring === undefined || this.scoring.asked.length < bound || this.scoring.fieldCount !== fieldCount) {
      // Room to grow, so that adding documents between queries does not reallocate every time.
      const length = bound + (bound >> 3) + 64;
      this.scoring = {
        fieldCount,
        asked: new Uint8Array(length),
        sums: new Float64Array(length),
        held: new Uint16Array(length),
        lastTerm: new Uint16Array(length),
        fieldLengths: new Uint32Array(length * fieldCount),
      };
    }
    return this.scoring;
  }
}

/** The inverse document frequency of MiniSearch's `calcBM25Score`, for a word `holders` of `documents` hold. */
function inverseFrequency(holders: number, documents: number): number {
  return Math.log(1 + (documents - holders + 0.5) / (holders + 0.5));
}

/** MiniSearch's `calcBM25Score` (BM25+), its inverse frequency given (it is the same for every posting of a word). */
function bm25(frequency: number, inverse: number, length: number, averageLength: number): number {
  return (
    inverse *
    (BM25.d + (frequency * (BM25.k + 1)) / (frequency + BM25.k * (1 - BM25.b + (BM25.b * length) / averageLength)))
  );
}
