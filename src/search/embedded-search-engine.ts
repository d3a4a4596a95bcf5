// The embedded SearchEngine (the default, no server): MiniSearch 7 in process, chosen on
// measurements (recall, latency and memory against the alternatives): per-word typo and prefix rules, nested AND/OR queries
// with per-branch weights (synonyms), every match returned (exact totals), and the matched
// word of each document per field (highlights). Facets, filters, the exact-code rule and
// Meilisearch's "last" matching strategy are computed here over those matches.
import MiniSearch, { type AsPlainObject, type Options, type Query, type SearchResult } from 'minisearch';
import { highlightSnippet, highlightWhole } from './highlight-snippet.js';
import {
  type FacetCount,
  type FacetField,
  type Highlight,
  type SearchDocument,
  type SearchEngine,
  type SearchFilter,
  type SearchHealth,
  type SearchHit,
  type SearchRequest,
  type SearchResponse,
} from './search-engine.js';
import { buildSynonymTable, expandSynonyms, type QueryConcept, type SynonymTable } from './synonym-expansion.js';
import { normalizeWord, termsOf, wordsOf } from './text-tokens.js';
import { allowedTypos } from './typo-tolerance.js';
import { SearchUnavailableError } from '../errors.js';

type IndexedField = 'title' | 'codes' | 'body';
const INDEXED_FIELDS: IndexedField[] = ['title', 'codes', 'body'];
/** Title matches rank above body matches; a code word above both. */
const FIELD_BOOST: Record<IndexedField, number> = { codes: 4, title: 3, body: 1 };
/**
 * A synonym match counts for this much of the same match on the query's own word. 1, as in
 * Meilisearch, where an equivalent is the same word to the ranking: below 1 a lay query
 * ("night vision") ranks every passing mention of its own words above the list entry it
 * names (6A002, image intensifiers); the relevance test measured 0.6-0.9 one miss short.
 */
export const SYNONYM_WEIGHT = 1;
export const MAX_PAGE_SIZE = 100;

interface Candidate {
  document: SearchDocument;
  /** Leading query concepts the document matches (Meilisearch "last" strategy), +1 for an exact code. */
  tier: number;
  raw: number;
  /** Matched indexed word -> fields it matched in. */
  matches: Map<string, Set<string>>;
  /** Lower-cased codes of this document that the query names exactly. */
  exactCodes: Set<string>;
  /** Whether `raw` was raised to the score of one of the entry's own paragraphs (see `rollUpParagraphs`). */
  rolledUp?: boolean;
  /** Whether the paragraph's entry is a result too and stands for it (see `rollUpParagraphs`). */
  absorbed?: boolean;
}

/** What index-snapshot.ts saves: MiniSearch's own serialization plus the documents it indexed. */
export interface EmbeddedIndexState {
  index: AsPlainObject;
  documents: SearchDocument[];
}

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded';
  private readonly documents = new Map<string, SearchDocument>();
  /** Lower-cased code -> ids of the documents carrying it, for the exact-code rule. */
  private readonly codeIndex = new Map<string, Set<string>>();
  private stopWords: ReadonlySet<string> = new Set();
  private synonyms: SynonymTable = buildSynonymTable({}, new Set());
  private index: MiniSearch<SearchDocument> = this.createIndex();
  private closed = false;

  async configure(settings: { synonyms: Record<string, string[]>; stopWords: string[] }): Promise<void> {
    this.assertOpen();
    const stopWords = new Set(settings.stopWords.map(normalizeWord));
    const stopWordsChanged =
      stopWords.size !== this.stopWords.size || [...stopWords].some((word) => !this.stopWords.has(word));
    this.stopWords = stopWords;
    this.synonyms = buildSynonymTable(settings.synonyms, stopWords);
    // Stop words are left out of the index too, so a change means re-indexing what we hold.
    if (stopWordsChanged && this.documents.size > 0) {
      this.index = this.createIndex();
      this.index.addAll([...this.documents.values()]);
    }
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    this.assertOpen();
    for (const document of documents) {
      this.remove(document.id);
      const copy = structuredClone(document);
      this.documents.set(copy.id, copy);
      this.addCodes(copy);
      this.index.add(copy);
    }
  }

  async delete(ids: string[]): Promise<void> {
    this.assertOpen();
    for (const id of ids) this.remove(id);
  }

  async clear(): Promise<void> {
    this.assertOpen();
    this.documents.clear();
    this.codeIndex.clear();
    this.index = this.createIndex();
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    this.assertOpen();
    const started = performance.now();
    if (!Number.isInteger(request.offset) || request.offset < 0) throw new RangeError('offset must be an integer >= 0');
    if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > MAX_PAGE_SIZE) {
      throw new RangeError(`limit must be an integer in 1..${MAX_PAGE_SIZE}`);
    }
    const candidates = this.candidates(request.query).filter((candidate) =>
      matchesFilter(candidate.document, request.filter),
    );
    this.rollUpParagraphs(candidates);
    candidates.sort(
      (a, b) =>
        Number(a.absorbed === true) - Number(b.absorbed === true) ||
        b.tier - a.tier ||
        b.raw - a.raw ||
        // An entry raised to its paragraph's score comes just before that paragraph.
        Number(b.rolledUp === true) - Number(a.rolledUp === true) ||
        (a.document.id < b.document.id ? -1 : a.document.id > b.document.id ? 1 : 0),
    );
    const maxRaw = candidates.reduce((max, candidate) => Math.max(max, candidate.raw), 0);
    const composite = (candidate: Candidate): number => candidate.tier + (maxRaw > 0 ? candidate.raw / maxRaw : 1);
    const top = candidates[0] === undefined ? 1 : composite(candidates[0]);
    const hits: SearchHit[] = candidates.slice(request.offset, request.offset + request.limit).map((candidate) => ({
      document: structuredClone(candidate.document),
      score: top > 0 ? composite(candidate) / top : 1,
      highlights: highlightsOf(candidate),
    }));
    return {
      hits,
      totalCount: candidates.length,
      facets: facetCounts(candidates, request.facets ?? []),
      processingTimeMs: Math.round(performance.now() - started),
    };
  }

  async allIds(): Promise<string[]> {
    this.assertOpen();
    return [...this.documents.keys()].sort();
  }

  async get(id: string): Promise<SearchDocument | null> {
    this.assertOpen();
    const document = this.documents.get(id);
    return document === undefined ? null : structuredClone(document);
  }

  async health(): Promise<SearchHealth> {
    return this.closed
      ? { ok: false, detail: 'embedded search engine is closed' }
      : { ok: true, detail: `embedded search engine (MiniSearch), ${this.documents.size} documents` };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /**
   * The index as plain data (MiniSearch `toJSON` + the documents), taken synchronously so it
   * is one consistent state. Shares structure with the live index: serialize it at once.
   */
  exportState(): EmbeddedIndexState {
    this.assertOpen();
    return { index: this.index.toJSON(), documents: [...this.documents.values()] };
  }

  /**
   * Replaces what the engine holds with a saved state (MiniSearch `loadJS`, no re-tokenizing).
   * The state must come from an engine configured with the same stop words: the caller checks
   * that (index-snapshot.ts fingerprints the settings). Throws on a state that does not fit.
   */
  importState(state: EmbeddedIndexState): void {
    this.assertOpen();
    const index = MiniSearch.loadJS<SearchDocument>(state.index, this.indexOptions());
    if (index.documentCount !== state.documents.length) {
      throw new Error(`index holds ${index.documentCount} documents, the state lists ${state.documents.length}`);
    }
    this.documents.clear();
    this.codeIndex.clear();
    for (const document of state.documents) {
      this.documents.set(document.id, document);
      this.addCodes(document);
    }
    this.index = index;
  }

  private assertOpen(): void {
    if (this.closed) throw new SearchUnavailableError('embedded search engine is closed');
  }

  private createIndex(): MiniSearch<SearchDocument> {
    return new MiniSearch<SearchDocument>(this.indexOptions());
  }

  /** The same options for a new index and a loaded one (MiniSearch requires it). */
  private indexOptions(): Options<SearchDocument> {
    return {
      fields: INDEXED_FIELDS,
      extractField: (document, field) =>
        field === 'codes'
          ? document.codes.join(' ')
          : field === 'id'
            ? document.id
            : document[field as 'title' | 'body'],
      tokenize: (text) => wordsOf(text).map((word) => word.text),
      processTerm: (term) => {
        const normalized = normalizeWord(term);
        return this.stopWords.has(normalized) ? null : normalized;
      },
    };
  }

  private addCodes(document: SearchDocument): void {
    for (const code of document.codes) {
      const key = code.trim().toLowerCase();
      const ids = this.codeIndex.get(key) ?? new Set<string>();
      ids.add(document.id);
      this.codeIndex.set(key, ids);
    }
  }

  private remove(id: string): void {
    const previous = this.documents.get(id);
    if (previous === undefined) return;
    this.index.discard(id);
    this.documents.delete(id);
    for (const code of previous.codes) {
      const key = code.trim().toLowerCase();
      const ids = this.codeIndex.get(key);
      ids?.delete(id);
      if (ids?.size === 0) this.codeIndex.delete(key);
    }
  }

  /** Every document the query matches, before filters. */
  private candidates(query: string): Candidate[] {
    const terms = termsOf(query, this.stopWords);
    if (terms.length === 0) {
      // Placeholder search, as Meilisearch: an empty query lists everything.
      return [...this.documents.values()].map((document) => ({
        document,
        tier: 0,
        raw: 0,
        matches: new Map(),
        exactCodes: new Set<string>(),
      }));
    }
    // A trailing space means the last word is complete (Meilisearch does the same).
    const lastIsPrefix = !/\s$/u.test(query);
    const byId = new Map<string, Candidate>();
    // Meilisearch's default "last" matching strategy: a document must match the first word;
    // its tier is the number of leading query words it matches (words dropped from the end).
    // A synonym phrase ("thermal camera") counts for all its words when matched whole or
    // through an equivalent; otherwise its own words still count one by one.
    let position = 0;
    for (const concept of expandSynonyms(terms, this.synonyms)) {
      const width = concept.terms.length;
      this.raise(byId, conceptQuery(concept, lastIsPrefix), position, position + width);
      if (width > 1) {
        concept.terms.forEach((term, index) => {
          const single: QueryConcept = { terms: [term], synonyms: [], isLast: concept.isLast && index === width - 1 };
          this.raise(byId, conceptQuery(single, lastIsPrefix), position + index, position + index + 1);
        });
      }
      position += width;
    }
    for (const [code, ids] of this.exactCodeMatches(query)) {
      for (const id of ids) {
        const document = this.documents.get(id);
        if (document === undefined) continue;
        const candidate = byId.get(id) ?? {
          document,
          tier: 0,
          raw: 0,
          matches: new Map(),
          exactCodes: new Set<string>(),
        };
        candidate.exactCodes.add(code);
        candidate.tier = terms.length + 1;
        byId.set(id, candidate);
      }
    }
    return [...byId.values()];
  }

  /** Moves the documents matching `query` from tier `from` (created when 0) to tier `to`. */
  private raise(byId: Map<string, Candidate>, { query, branches }: ConceptQuery, from: number, to: number): void {
    // A document boost of 0 makes MiniSearch skip scoring every posting of a document that
    // is not in tier `from`: most of the work for common words.
    let boostDocument: ((id: string, term: string) => number) | undefined =
      from === 0 ? undefined : (id: string) => (byId.get(id)?.tier === from ? 1 : 0);
    // In tier 0 (every document) an AND branch of common words costs the most; above, the
    // tier already narrows the scoring and listing the documents first did not pay.
    const possible = from === 0 ? this.possibleMatches(branches) : undefined;
    if (possible !== undefined) {
      const { ids, singleTerms } = possible;
      if (ids.size === 0 && singleTerms.size === 0) return;
      boostDocument = (id: string, term: string) => (singleTerms.has(term) || ids.has(id) ? 1 : 0);
    }
    for (const result of this.index.search(query, { boost: FIELD_BOOST, boostDocument })) {
      const id = String(result.id);
      let candidate = byId.get(id);
      if (candidate === undefined) {
        const document = this.documents.get(id);
        if (from > 0 || document === undefined) continue;
        candidate = { document, tier: 0, raw: 0, matches: new Map(), exactCodes: new Set<string>() };
        byId.set(id, candidate);
      }
      if (candidate.tier !== from) continue;
      candidate.tier = to;
      candidate.raw += result.score;
      addMatches(candidate.matches, result);
    }
  }

  /**
   * For a concept with an AND branch ("inertial measurement unit"), what the scoring pass may
   * skip: MiniSearch scores every posting of each word of a branch before intersecting, and a
   * branch of common words matches far fewer documents than its words do. `ids` is a superset
   * of the documents matching an AND branch or a single-word branch that allows typos or a
   * prefix; `singleTerms` holds the indexed words of the exact
   * single-word branches (a document holding one matches that branch). A posting of a document
   * in neither can only feed an AND branch that the document fails, so skipping it (a document
   * boost of 0) leaves the documents found, their scores and matches exactly as they were.
   * Listing the documents is cheap: MiniSearch calls `boostDocument` for every posting it reads
   * and scores nothing when it returns 0. Undefined when no branch is an AND.
   */
  private possibleMatches(
    branches: readonly (readonly LeafQuery[])[],
  ): { ids: Set<string>; singleTerms: Set<string> } | undefined {
    if (!branches.some((leaves) => leaves.length > 1)) return undefined;
    // The documents of `leaf` that are in `within` (all of them when undefined).
    const documentsOf = (leaf: LeafQuery, within: ReadonlySet<string> | undefined): Set<string> => {
      const found = new Set<string>();
      const record = (id: string): number => {
        if (within === undefined || within.has(id)) found.add(id);
        return 0;
      };
      this.index.search(leaf, { boostDocument: record });
      return found;
    };
    const ids = new Set<string>();
    const singleTerms = new Set<string>();
    for (const leaves of branches) {
      const [first] = leaves;
      if (leaves.length === 1 && first !== undefined && !first.fuzzy && !first.prefix) {
        // The words MiniSearch looks up for it: the leaf's text tokenized and processed as any query.
        for (const term of first.queries) for (const word of this.queryTerms(term)) singleTerms.add(word);
        continue;
      }
      let current: Set<string> | undefined;
      for (const leaf of leaves) {
        current = documentsOf(leaf, current);
        if (current.size === 0) break;
      }
      for (const id of current ?? []) ids.add(id);
    }
    return { ids, singleTerms };
  }

  /** A query text as MiniSearch turns it into indexed words (the index's tokenize and processTerm). */
  private queryTerms(text: string): string[] {
    const { tokenize, processTerm } = this.indexOptions();
    const terms: string[] = [];
    for (const token of tokenize?.(text) ?? []) {
      const processed = processTerm?.(token);
      if (typeof processed === 'string') terms.push(processed);
      else if (Array.isArray(processed)) terms.push(...processed);
    }
    return terms;
  }

  /**
   * A control-list entry ("6A001") holds the text of all its paragraphs, so it matches whatever
   * they match, but its length buries it under them in BM25. The entry is the classification a
   * user looks for: it ranks with its best matching paragraph of the same tier (just before it).
   */
  private rollUpParagraphs(candidates: readonly Candidate[]): void {
    const byId = new Map(candidates.map((candidate) => [candidate.document.id, candidate]));
    for (const paragraph of candidates) {
      const { document } = paragraph;
      if (document.type !== 'PROVISION') continue;
      for (const code of document.codes) {
        const dot = code.indexOf('.');
        if (dot <= 0) continue;
        for (const id of this.codeIndex.get(code.slice(0, dot).trim().toLowerCase()) ?? []) {
          const entry = byId.get(id);
          if (
            entry === undefined ||
            entry === paragraph ||
            entry.document.type !== 'PROVISION' ||
            entry.document.regime !== document.regime
          )
            continue;
          if (entry.tier === paragraph.tier && entry.raw < paragraph.raw) {
            entry.raw = paragraph.raw;
            entry.rolledUp = true;
          }
          // The entry stands for its paragraphs: they follow every entry and unrelated record,
          // so an entry and its own paragraphs do not fill a page (the paragraph asked for by
          // its code ranks in a higher tier and keeps its place).
          if (entry.tier >= paragraph.tier) paragraph.absorbed = true;
        }
      }
    }
  }

  /** Codes equal to the whole query or to one of its words ("6A003"), with their documents. */
  private exactCodeMatches(query: string): [string, ReadonlySet<string>][] {
    const whole = query.trim().replace(/\s+/gu, ' ').toLowerCase();
    const found: [string, ReadonlySet<string>][] = [];
    for (const key of new Set([whole, ...whole.split(' ')])) {
      const ids = this.codeIndex.get(key);
      if (ids !== undefined) found.push([key, ids]);
    }
    return found;
  }
}

/** A concept's MiniSearch query and, per OR branch, the leaf queries the branch ANDs. */
interface ConceptQuery {
  query: Query;
  branches: LeafQuery[][];
}

/** One word of a branch, as MiniSearch gets it. */
interface LeafQuery {
  queries: [string];
  fuzzy?: number;
  prefix?: boolean;
}

function conceptQuery(concept: QueryConcept, lastIsPrefix: boolean): ConceptQuery {
  const ownLeaves: LeafQuery[] = concept.terms.map((term, index) => ({
    queries: [term],
    fuzzy: allowedTypos(term),
    // A one-character prefix ("6A003.b.4" ends in "4") matches half the vocabulary and
    // tells nothing: it only costs time.
    prefix: lastIsPrefix && concept.isLast && index === concept.terms.length - 1 && [...term].length > 1,
  }));
  const own: Query = { combineWith: 'AND', queries: ownLeaves };
  // Equivalents match exactly, as Meilisearch's synonym derivations do: a typo on top of
  // a synonym drifts too far from what the user typed.
  const equivalentLeaves: LeafQuery[][] = concept.synonyms.map((terms) => terms.map((term) => ({ queries: [term] })));
  const equivalents: Query[] = equivalentLeaves.map((queries) => ({
    combineWith: 'AND',
    boostTerm: () => SYNONYM_WEIGHT,
    queries,
  }));
  return { query: { combineWith: 'OR', queries: [own, ...equivalents] }, branches: [ownLeaves, ...equivalentLeaves] };
}

function addMatches(matches: Map<string, Set<string>>, result: SearchResult): void {
  for (const [term, fields] of Object.entries(result.match)) {
    const set = matches.get(term) ?? new Set<string>();
    for (const field of fields) set.add(field);
    matches.set(term, set);
  }
}

/** Whether a document is in force on `asOf`, or current when no day is asked for. */
function inForce(document: SearchDocument, asOf: string | undefined): boolean {
  if (asOf === undefined) return document.current !== false;
  if (document.validFrom === undefined) return true;
  if (document.validFrom === null || document.validFrom > asOf) return false;
  return document.validTo === undefined || document.validTo === null || asOf < document.validTo;
}

function matchesFilter(document: SearchDocument, filter: SearchFilter | undefined): boolean {
  if (!inForce(document, filter?.asOf)) return false;
  if (filter === undefined) return true;
  const oneOf = (value: string | null, allowed: readonly string[] | undefined): boolean =>
    allowed === undefined || allowed.length === 0 || (value !== null && allowed.includes(value));
  if (!oneOf(document.type, filter.types)) return false;
  if (!oneOf(document.regime, filter.regime)) return false;
  if (!oneOf(document.jurisdiction, filter.jurisdiction)) return false;
  if (!oneOf(document.category, filter.category)) return false;
  if (
    filter.audience !== undefined &&
    filter.audience.length > 0 &&
    !document.audience.some((a) => filter.audience?.includes(a))
  ) {
    return false;
  }
  if (filter.dateFrom !== undefined || filter.dateTo !== undefined) {
    if (document.date === null) return false;
    if (filter.dateFrom !== undefined && document.date < filter.dateFrom) return false;
    if (filter.dateTo !== undefined && document.date > filter.dateTo) return false;
  }
  return true;
}

function facetCounts(candidates: readonly Candidate[], fields: readonly FacetField[]): FacetCount[] {
  const facets: FacetCount[] = [];
  for (const field of new Set(fields)) {
    const counts = new Map<string, number>();
    for (const { document } of candidates) {
      const values = field === 'audience' ? new Set(document.audience) : [document[field]];
      for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const sorted = [...counts].sort(([va, ca], [vb, cb]) => cb - ca || (va < vb ? -1 : va > vb ? 1 : 0));
    for (const [value, count] of sorted) facets.push({ field, value, count });
  }
  return facets;
}

function highlightsOf(candidate: Candidate): Highlight[] {
  const matchedIn = (field: IndexedField) => (word: string) => candidate.matches.get(word)?.has(field) ?? false;
  const highlights: Highlight[] = [];
  const title = highlightSnippet(candidate.document.title, matchedIn('title'));
  if (title !== null) highlights.push({ field: 'title', snippet: title });
  const codeSnippets = candidate.document.codes.map((code) => ({
    code,
    snippet: highlightSnippet(code, matchedIn('codes')),
  }));
  const isExact = (code: string): boolean => candidate.exactCodes.has(code.trim().toLowerCase());
  if (codeSnippets.some(({ code, snippet }) => snippet !== null || isExact(code))) {
    highlights.push({
      field: 'codes',
      snippet: codeSnippets
        .map(({ code, snippet }) => (isExact(code) ? highlightWhole(code) : (snippet ?? code)))
        .join(', '),
    });
  }
  const body = highlightSnippet(candidate.document.body, matchedIn('body'));
  if (body !== null) highlights.push({ field: 'body', snippet: body });
  return highlights;
}
