// The embedded SearchEngine (the default, no server): MiniSearch 7 in process, chosen on
// measurements (recall, latency and memory against the alternatives): per-word typo and prefix
// rules, nested AND/OR queries with per-branch weights (synonyms), every match listed (exact
// totals) with the indexed words it matched (highlights), and BM25 scores. The ranking rules
// (words matched, rarest-first run, BM25), compounds, did-you-mean, grouping by entry, filters,
// facets and the exact-code rule are computed here over those matches. Matches are listed and
// the shortlist scored through ScoredIndex (scored-index.ts), which reads MiniSearch's postings
// without scoring every match of a common word. A match is its document's short id until it
// can reach the page: the words it covers, its entry and its facet values are read from arrays
// indexed by short id, and only the matches of the groups that can reach the page become
// `Candidate` objects (a common word matches tens of thousands of documents).
import type { AsPlainObject, Options, Query } from 'minisearch';
import { facetCounts, matchesFilter } from './candidate-filters.js';
import { highlightSnippet, highlightWhole, scanStart } from './highlight-snippet.js';
import { editDistance, matchWeight } from './match-weight.js';
import {
  byRank,
  contenders,
  isEntryDocument,
  newCandidate,
  preferenceOf,
  rankKey,
  rarestRunOf,
  regimeFit,
  spreadRegimeCopies,
  tierOf,
  wordRules,
  type Candidate,
  type WordRules,
} from './ranking-rules.js';
import { entryCodeOf, entryKeyOf } from './entry-key.js';
import { DocumentAttributes } from './document-attributes.js';
import { ancestorsFirst } from './result-grouping.js';
import { bestGroups, groupsReaching, keyedGroups, pageThreshold, type KeyedGroups } from './page-shortlist.js';
import { intersection, ShortIdList, union } from './short-id-sets.js';
import {
  MAX_SUB_HITS,
  type EngineSettings,
  type Highlight,
  type SearchDocument,
  type SearchEngine,
  type SearchFilter,
  type SearchHealth,
  type SearchPreference,
  type SearchHit,
  type SearchRequest,
  type SearchResponse,
} from './search-engine.js';
import { ScoredIndex } from './scored-index.js';
import { lowInformationPositions } from './low-information-words.js';
import { buildSynonymTable, expandSynonyms, type QueryConcept, type SynonymTable } from './synonym-expansion.js';
import {
  canonicalSpelling,
  compileSpellingVariants,
  NO_SPELLING_VARIANTS,
  termForms,
  type SpellingVariants,
} from './term-forms.js';
import { eachWord, normalizeWord, termsOf, wordsOf } from './text-tokens.js';
import { allowedTypos } from './typo-tolerance.js';
import { SearchUnavailableError } from '../errors.js';
import { inCpuLane } from '../domain/cpu-lane.js';
type IndexedField = 'title' | 'codes' | 'body';
const INDEXED_FIELDS: IndexedField[] = ['title', 'codes', 'body'];
/** Title matches rank above body matches; a code word above both. */
const FIELD_BOOST: Record<IndexedField, number> = { codes: 4, title: 3, body: 1 };
/**
 * A word found through a synonym weighs this much of the same word typed, in BM25 only: the
 * words rule counts an equivalent as the word it stands for (as Meilisearch does). Ranking the
 * user's own words first as a rule of its own (Meilisearch's "exactness") put a passing mention
 * of a lay word above the list entry it names: the relevance suite's tune part lost 1 case
 * and the older lay-term cases 3; the same hit@5 was measured for weights 0.6 to 1.
 */
export const SYNONYM_WEIGHT = 0.8;
export const MAX_PAGE_SIZE = 100;

interface StemmedWord {
  canonical: string;
  stem: string;
  typos: number;
  prefix: boolean;
}

interface QueryPlan {
  /** The short ids of the documents the query matches, before filters, in the order found. */
  matches: number[];
  /** Short id -> the query words the document matches (bit i: word i); 0 for any other document. */
  covered: Uint32Array;
  /** Short id -> the lower-cased codes of the document that the query names exactly (see `exactCodeMatches`). */
  exactCodes: Map<number, ReadonlySet<string>>;
  /** The word rules' weights and order for this query's words. */
  rules: WordRules;
  /** Every indexed word the query matched (typo and prefix matches included) -> its weight in BM25. */
  matched: Map<string, number>;
  unmatched: string[];
}

/** The documents a query's matchers have found so far (see `cover`). */
interface FoundMatches {
  /** Short ids, in the order found. */
  matches: number[];
  /** Short id -> the query words it holds (bit i: word i). */
  covered: Uint32Array;
}

/** One way a stretch of query words [from, to) can match: the words, an equivalent, a compound. */
interface Matcher {
  from: number;
  to: number;
  query: Query;
  /**
   * False for a one-character word of a longer query ("b" and "4" of "6A003.b.4", an initial):
   * it ranks the documents other words find but finds none by itself (it is in half of them).
   */
  findsAlone?: boolean;
}

/** What index-snapshot.ts saves: MiniSearch's own serialization plus the documents it indexed. */
export interface EmbeddedIndexState {
  index: AsPlainObject;
  documents: SearchDocument[];
}

/**
 * How `search` ranks. 'shortlist' (the default) scores BM25 only for the groups that can reach
 * the page and ranks only as many of them as the page needs; 'exhaustive' scores every match
 * and ranks every group, the reference the shortlist must agree with (a test compares them).
 */
export type EmbeddedRanking = 'shortlist' | 'exhaustive';

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded';
  private readonly ranking: EmbeddedRanking;
  private readonly documents = new Map<string, SearchDocument>();
  /** Lower-cased code -> ids of the documents carrying it, for the exact-code rule. */
  private readonly codeIndex = new Map<string, Set<string>>();
  /** The listings of the query being planned (see `listDocuments`); emptied for each query. */
  private readonly listings = new Map<string, { ids: ShortIdList; terms: ReadonlyMap<string, number> }>();
  /** The word queries built by `wordQuery` that pair a word with its stem (see `stemmedDocuments`). */
  private readonly stemmedWords = new WeakMap<Query & object, StemmedWord>();
  /** Document id -> the entry it belongs to (see entry-key.ts), for grouping. */
  private readonly entryKeys = new Map<string, string>();
  /** Entry and facet values by short id, for grouping and counting every match (see document-attributes.ts). */
  private readonly attributes = new DocumentAttributes();
  private stopWords: ReadonlySet<string> = new Set();
  private lowInformationWords: ReadonlySet<string> = new Set();
  private synonyms: SynonymTable = buildSynonymTable({}, new Set());
  private variants: SpellingVariants = NO_SPELLING_VARIANTS;
  private index: ScoredIndex<SearchDocument> = this.createIndex();
  private closed = false;

  constructor(options: { ranking?: EmbeddedRanking } = {}) {
    this.ranking = options.ranking ?? 'shortlist';
  }

  async configure(settings: EngineSettings): Promise<void> {
    this.assertOpen();
    const stopWords = new Set(settings.stopWords.map(normalizeWord));
    const variants =
      settings.spellingVariants === undefined
        ? NO_SPELLING_VARIANTS
        : compileSpellingVariants(settings.spellingVariants);
    const reindex =
      stopWords.size !== this.stopWords.size ||
      [...stopWords].some((word) => !this.stopWords.has(word)) ||
      !sameVariants(variants, this.variants);
    this.stopWords = stopWords;
    this.lowInformationWords = new Set((settings.lowInformationWords ?? []).map(normalizeWord));
    this.variants = variants;
    this.synonyms = buildSynonymTable(
      settings.synonyms,
      stopWords,
      (word) => termForms(word, variants).at(-1) as string,
    );
    // Stop words are left out of the index and variants shape its words: a change means re-indexing what we hold.
    if (reindex && this.documents.size > 0) {
      this.index = this.createIndex();
      this.attributes.clear();
      for (const document of this.documents.values()) this.addToIndex(document);
    }
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    this.assertOpen();
    for (const document of documents) {
      this.remove(document.id);
      const copy = frozen(structuredClone(document));
      this.documents.set(copy.id, copy);
      this.addCodes(copy);
      this.addToIndex(copy);
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
    this.entryKeys.clear();
    this.attributes.clear();
    this.index = this.createIndex();
  }

  /** Searches in the process's CPU lane (domain/cpu-lane.ts): a search holds the event loop while it runs. */
  async search(request: SearchRequest): Promise<SearchResponse> {
    this.assertOpen();
    return inCpuLane(() => this.searchNow(request));
  }

  private searchNow(request: SearchRequest): SearchResponse {
    this.assertOpen();
    const started = performance.now();
    if (!Number.isInteger(request.offset) || request.offset < 0) throw new RangeError('offset must be an integer >= 0');
    if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > MAX_PAGE_SIZE) {
      throw new RangeError(`limit must be an integer in 1..${MAX_PAGE_SIZE}`);
    }
    let plan = this.plan(request.query);
    const { unmatched } = plan;
    let matches = this.filtered(plan.matches, request.filter);
    let didYouMean: string | null = null;
    let relaxedQuery: string | null = null;
    if (matches.length === 0 && plan.unmatched.length > 0) {
      didYouMean = this.suggestion(request.query, plan.unmatched);
      if (didYouMean !== null) {
        plan = this.plan(didYouMean);
        matches = this.filtered(plan.matches, request.filter);
        if (matches.length > 0) relaxedQuery = didYouMean;
      }
    }
    const grouped = request.groupParagraphs !== false;
    const exhaustive = this.ranking === 'exhaustive';
    const keyed = this.keyed(plan, matches, request.prefer, grouped);
    // BM25 only orders what the word rules leave tied: only the groups that can reach the
    // page become candidates and are scored (a common word's thousands of other matches never are).
    const reach = request.offset + request.limit;
    // The same entry in other regimes moves down the page (see `spreadRegimeCopies`): twice the
    // page's groups are scored, so the groups that move up to replace them are ranked too.
    const spread = grouped && (request.prefer?.regimes ?? []).length === 0;
    const scoredGroups = spread ? reach * 2 : reach;
    const reaching = groupsReaching(
      keyed,
      exhaustive ? Number.NEGATIVE_INFINITY : pageThreshold(keyed, scoredGroups),
      (position, key) => this.candidateOf(plan, matches[position] as number, request.prefer, key),
    );
    this.score(plan.matched, exhaustive ? reaching.flat() : reaching.flatMap(contenders));
    // Only a scored paragraph raises its entry, and only an entry among the groups reaching the
    // page can be shown: rolling up within them is rolling up within every match.
    if (!grouped) this.rollUpParagraphs(reaching.flat());
    // Groups tied on the word rules at the last place that can reach the page (a common word's
    // thousands of matches) are cut to the page's count by BM25 before any is ranked in full.
    // Not when listing without grouping: an entry's BM25 can still be raised to a paragraph's.
    const shortlist = grouped && !exhaustive ? bestGroups(reaching, scoredGroups) : reaching;
    const sorted = shortlist
      .map((members) => {
        const ordered = [...members].sort(byRank);
        const best = ordered[0] as Candidate;
        // The entry stands for its paragraphs, even when only they matched (its own text is a heading).
        const entry = grouped
          ? (ordered.find((member) => isEntryDocument(member.document)) ?? this.entryOf(best, request.filter))
          : undefined;
        const lead = entry ?? best;
        return { best, lead, members: ancestorsFirst(ordered.filter((member) => member !== lead)) };
      })
      .sort((x, y) => byRank(x.best, y.best));
    // A paragraph named by its exact code stands alone: it is no copy of its entry.
    const ranked = spread
      ? spreadRegimeCopies(sorted, ({ lead }) => (lead.exactCodes.size > 0 ? null : entryCodeOf(lead.document)))
      : sorted;
    const maxRaw = ranked.reduce((max, group) => Math.max(max, group.best.raw), 0);
    const composite = (candidate: Candidate): number => candidate.tier + (maxRaw > 0 ? candidate.raw / maxRaw : 1);
    const top = ranked[0] === undefined ? 1 : composite(ranked[0].best);
    const scoreOf = (candidate: Candidate): number => (top > 0 ? composite(candidate) / top : 1);
    // Scores fall with the rank, also where a regime's copy of an entry was moved down.
    let floor = Number.POSITIVE_INFINITY;
    const groupScores = ranked.slice(0, reach).map((group) => (floor = Math.min(floor, scoreOf(group.best))));
    const hits: SearchHit[] = ranked.slice(request.offset, reach).map((group, index) => {
      const subHits = group.members.slice(0, MAX_SUB_HITS);
      return {
        document: group.lead.document,
        score: groupScores[request.offset + index] as number,
        // An entry shown with its paragraphs: their highlights say where its text matched, and
        // scanning the entry's whole text (the US list prints every paragraph in it) for a
        // snippet of its own would cost more than the rest of the search.
        highlights: this.highlightsOf(group.lead, plan.matched, subHits.length === 0),
        ...(grouped
          ? {
              subHits: subHits.map((member) => ({
                document: member.document,
                score: scoreOf(member),
                highlights: this.highlightsOf(member, plan.matched, true),
              })),
            }
          : {}),
      };
    });
    return {
      hits,
      totalCount: keyed.firstMembers.length,
      // The members of a group share type, regime, jurisdiction and category: its first counts for it.
      facets: facetCounts(keyed.firstMembers, this.attributes, request.facets ?? []),
      processingTimeMs: Math.round(performance.now() - started),
      unmatchedWords: unmatched,
      didYouMean,
      relaxedQuery,
    };
  }

  async allIds(): Promise<string[]> {
    this.assertOpen();
    return [...this.documents.keys()].sort();
  }

  async get(id: string): Promise<SearchDocument | null> {
    this.assertOpen();
    const document = this.documents.get(id);
    return document ?? null;
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
   * The state must come from an engine configured with the same stop words and variants: the
   * caller checks that (index-snapshot.ts fingerprints the settings). Throws on a state that does not fit.
   */
  importState(state: EmbeddedIndexState): void {
    this.assertOpen();
    const documents = state.documents.map(frozen);
    const index = ScoredIndex.restore<SearchDocument>(state.index, this.indexOptions(), documents);
    if (index.documentCount !== documents.length) {
      throw new Error(`index holds ${index.documentCount} documents, the state lists ${documents.length}`);
    }
    const shortIds = documents.map((document) => index.shortIdOf(document.id));
    const missing = documents.findIndex((_, at) => shortIds[at] === undefined);
    if (missing >= 0) throw new Error(`the state's document ${documents[missing]?.id} is not in its index`);
    this.documents.clear();
    this.codeIndex.clear();
    this.entryKeys.clear();
    this.attributes.clear();
    documents.forEach((document, at) => {
      this.documents.set(document.id, document);
      this.addCodes(document);
      this.attributes.record(shortIds[at] as number, document);
    });
    this.index = index;
  }

  private assertOpen(): void {
    if (this.closed) throw new SearchUnavailableError('embedded search engine is closed');
  }

  private createIndex(): ScoredIndex<SearchDocument> {
    return new ScoredIndex<SearchDocument>(this.indexOptions());
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
        return this.stopWords.has(normalized) ? null : termForms(normalized, this.variants);
      },
    };
  }

  /** Indexes a document (held in `documents`) and records its attributes under its short id. */
  private addToIndex(document: SearchDocument): void {
    this.index.add(document);
    this.attributes.record(this.index.shortIdOf(document.id) as number, document);
  }

  private addCodes(document: SearchDocument): void {
    this.entryKeys.set(document.id, entryKeyOf(document));
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
    this.entryKeys.delete(id);
    for (const code of previous.codes) {
      const key = code.trim().toLowerCase();
      const ids = this.codeIndex.get(key);
      ids?.delete(id);
      if (ids?.size === 0) this.codeIndex.delete(key);
    }
  }

  /** The matches (short ids) whose documents pass the filter, in order. */
  private filtered(matches: readonly number[], filter: SearchFilter | undefined): number[] {
    return matches.filter((shortId) => matchesFilter(this.index.documentAt(shortId) as SearchDocument, filter));
  }

  /**
   * Keys the matches (the ranking rules before BM25) and groups them by entry, or one group per
   * match when not `grouped`; a document the query names by its exact code is a group of its
   * own: the user asked for that paragraph, not its entry.
   */
  private keyed(
    plan: QueryPlan,
    matches: readonly number[],
    prefer: SearchPreference | undefined,
    grouped: boolean,
  ): KeyedGroups {
    const { covered, exactCodes, rules } = plan;
    const keyOf = (shortId: number): number => {
      const document = this.index.documentAt(shortId) as SearchDocument;
      const held = covered[shortId] as number;
      return rankKey({
        regimeFit: regimeFit(document, prefer),
        tier: tierOf(rules, held, exactCodes.has(shortId)),
        preferred: preferenceOf(document, prefer),
        rarest: rarestRunOf(rules, held),
      });
    };
    const entryOf = (shortId: number): number => (exactCodes.has(shortId) ? -1 : this.attributes.entryOf(shortId));
    return keyedGroups(matches, keyOf, grouped ? entryOf : null, this.attributes.entryCount);
  }

  /** A match as a candidate for the page, its key (see `keyed`) given. */
  private candidateOf(plan: QueryPlan, shortId: number, prefer: SearchPreference | undefined, key: number): Candidate {
    const document = this.index.documentAt(shortId) as SearchDocument;
    const held = plan.covered[shortId] as number;
    const exactCodes = plan.exactCodes.get(shortId);
    const candidate = newCandidate(document, shortId);
    candidate.covered = held;
    candidate.tier = tierOf(plan.rules, held, exactCodes !== undefined);
    candidate.rarest = rarestRunOf(plan.rules, held);
    candidate.preferred = preferenceOf(document, prefer);
    candidate.regimeFit = regimeFit(document, prefer);
    candidate.key = key;
    if (exactCodes !== undefined) candidate.exactCodes = exactCodes;
    return candidate;
  }

  /** The entry document of a paragraph's group (same regime, in force under the filter), as a candidate. */
  private entryOf(paragraph: Candidate, filter: SearchFilter | undefined): Candidate | undefined {
    if (paragraph.exactCodes.size > 0 || isEntryDocument(paragraph.document)) return undefined;
    const code = entryCodeOf(paragraph.document);
    const key = this.entryKeys.get(paragraph.document.id);
    for (const id of code === null ? [] : (this.codeIndex.get(code.toLowerCase()) ?? [])) {
      const document = this.documents.get(id);
      if (
        document !== undefined &&
        document.type === 'PROVISION' &&
        isEntryDocument(document) &&
        this.entryKeys.get(id) === key &&
        matchesFilter(document, filter)
      ) {
        const shortId = this.index.shortIdOf(id) as number;
        return { ...newCandidate(document, shortId), tier: paragraph.tier, key: paragraph.key, raw: paragraph.raw };
      }
    }
    return undefined;
  }

  /**
   * Every document the query matches, before filters, and the query words nothing matches.
   * A document matches when it holds at least one query word (through the word's spelling
   * variant, stem, a typo, its synonyms, or a compound written joined or apart); it ranks by
   * how many words it holds, then by how far it gets through the words taken rarest first
   * (Meilisearch's "frequency" strategy drops the most frequent words first), then by BM25,
   * which `score` adds later for the documents that can reach the page.
   */
  private plan(query: string): QueryPlan {
    const terms = termsOf(query, this.stopWords).slice(0, MAX_QUERY_WORDS);
    const bound = this.index.shortIdBound;
    const covered = new Uint32Array(bound);
    const exactCodes = new Map<number, ReadonlySet<string>>();
    if (terms.length === 0) {
      // Placeholder search, as Meilisearch: an empty query lists everything (in the order
      // indexed, which short ids follow).
      const matches: number[] = [];
      for (let shortId = 0; shortId < bound; shortId += 1) {
        if (this.index.documentAt(shortId) !== undefined) matches.push(shortId);
      }
      return { matches, covered, exactCodes, rules: wordRules([], 0), matched: new Map(), unmatched: [] };
    }
    // A trailing space means the last word is complete (Meilisearch does the same).
    const lastIsPrefix = !/\s$/u.test(query);
    const found: FoundMatches = { matches: [], covered };
    const matched = new Map<string, number>();
    this.listings.clear();
    let coveredAny = 0;
    // Typos are forgiven before synonyms apply, so a misspelt lay word ("termal camera") still
    // reaches its equivalents: a word no text holds that is a typo away from a key word reads as it.
    const concepts = expandSynonyms(this.asKeyWords(terms), this.synonyms, lastIsPrefix);
    const matchers = this.matchersOf(terms, concepts, lastIsPrefix);
    const finders = matchers.filter((matcher) => matcher.findsAlone !== false);
    const rankers = matchers.filter((matcher) => matcher.findsAlone === false);
    for (const matcher of [...finders, ...rankers]) coveredAny |= this.cover(found, matcher, matched);
    // A word found nowhere may be a compound written joined ("focalplane"): its two halves.
    terms.forEach((term, position) => {
      if ((coveredAny & (1 << position)) !== 0) return;
      const halves = this.split(term);
      if (halves === null) return;
      const query: Query = { combineWith: 'AND', queries: halves.map((half) => this.wordQuery(half, 0, false)) };
      coveredAny |= this.cover(found, { from: position, to: position + 1, query }, matched);
    });
    const { matches } = found;
    for (const [code, ids] of this.exactCodeMatches(query)) {
      for (const id of ids) {
        const shortId = this.index.shortIdOf(id);
        if (shortId === undefined) continue;
        const codes = exactCodes.get(shortId);
        if (codes === undefined && covered[shortId] === 0) matches.push(shortId);
        exactCodes.set(shortId, new Set([...(codes ?? []), code]));
      }
    }
    // How many matches hold each word, for the words' weights and rarest-first order.
    const counts = new Array<number>(terms.length).fill(0);
    for (const shortId of matches) {
      const held = covered[shortId] as number;
      for (let position = 0; position < terms.length; position += 1) if (held & (1 << position)) counts[position]! += 1;
    }
    const rules = wordRules(counts, this.documents.size, lowInformationPositions(concepts, this.lowInformationWords));
    const unmatched = terms.filter((_, position) => (coveredAny & (1 << position)) === 0);
    return { matches, covered, exactCodes, rules, matched, unmatched };
  }

  /** The ways the query's words can match: each word, each synonym stretch, each pair written as one word. */
  private matchersOf(terms: readonly string[], concepts: readonly QueryConcept[], lastIsPrefix: boolean): Matcher[] {
    const matchers: Matcher[] = [];
    let position = 0;
    for (const concept of concepts) {
      const width = concept.terms.length;
      const own = concept.terms.map((term, index) =>
        this.wordQuery(
          term,
          allowedTypos(term),
          // A one-character prefix ("6A003.b.4" ends in "4") matches half the vocabulary and tells nothing.
          lastIsPrefix && concept.isLast && index === width - 1 && [...term].length > 1,
        ),
      );
      // A synonym phrase ("thermal camera") counts for all its words when matched whole or
      // through an equivalent; its own words still count one by one. Equivalents match
      // exactly, as Meilisearch's synonym derivations do: a typo on top of a synonym drifts too far.
      const equivalents: Query[] = concept.synonyms.map((sequence) => ({
        combineWith: 'AND',
        boostTerm: () => SYNONYM_WEIGHT,
        queries: sequence.map((term) => this.wordQuery(term, 0, false)),
      }));
      const whole = { from: position, to: position + width };
      if (width > 1) matchers.push({ ...whole, query: { combineWith: 'AND', queries: own } });
      if (equivalents.length > 0) matchers.push({ ...whole, query: { combineWith: 'OR', queries: equivalents } });
      own.forEach((query, index) => {
        const findsAlone = terms.length === 1 || [...(concept.terms[index] as string)].length > 1;
        matchers.push({ from: position + index, to: position + index + 1, query, findsAlone });
      });
      position += width;
    }
    // Two words that the texts write as one ("infra red", "micro bolometer", "data-centre").
    for (let index = 0; index + 1 < terms.length; index += 1) {
      const joined = `${terms[index]}${terms[index + 1]}`;
      if (!/\p{N}/u.test(joined) && this.holds(joined)) {
        matchers.push({ from: index, to: index + 2, query: this.wordQuery(joined, allowedTypos(joined), false) });
      }
    }
    return matchers;
  }

  /** The query's words, each misspelt synonym key word read as the key word it misspells (see `asKeyWord`). */
  private asKeyWords(terms: readonly string[]): string[] {
    const read: string[] = [];
    terms.forEach((term, index) => read.push(this.asKeyWord(term, read[index - 1], terms[index + 1])));
    return read;
  }

  /**
   * The synonym key word `term` is a typo of, or `term` itself. Typos are counted as Meilisearch
   * counts them (a swap of two letters is one) within the typos the word's length allows; a
   * four-letter word, allowed none elsewhere, may miss one letter of a key word ("lidr"), since
   * it is read so only when no text holds it. Among equally close key words, one that makes a
   * key phrase with a neighbouring word wins. A word some text holds is read as a key word only
   * when that makes a key phrase with a neighbour which the word as typed does not: a typo may
   * happen to be another word, or one some text misspells too, and the phrase tells them apart.
   */
  private asKeyWord(term: string, previous: string | undefined, next: string | undefined): string {
    const { keyWords, keyPairs, pairedForms, formOf } = this.synonyms;
    if (keyWords.has(term) || /\p{N}/u.test(term)) return term;
    const length = [...term].length;
    const typos = allowedTypos(term);
    const short = typos === 0 && length >= SHORT_TYPO_LENGTH;
    if (typos === 0 && !short) return term;
    const pairs = (word: string): boolean =>
      (previous !== undefined && keyPairs.has(`${formOf(previous)} ${formOf(word)}`)) ||
      (next !== undefined && keyPairs.has(`${formOf(word)} ${formOf(next)}`));
    const neighbourPairs =
      (previous !== undefined && pairedForms.has(formOf(previous))) ||
      (next !== undefined && pairedForms.has(formOf(next)));
    const held = this.holds(term);
    if (held && (short || !neighbourPairs || pairs(term))) return term;
    let best: string[] = [];
    let bestDistance = Infinity;
    for (const word of keyWords) {
      const difference = [...word].length - length;
      if (short ? difference !== 1 : Math.abs(difference) > typos) continue;
      const distance = editDistance(term, word, true);
      if (distance > Math.max(typos, 1) || distance > bestDistance) continue;
      if (distance < bestDistance) best = [];
      bestDistance = distance;
      best.push(word);
    }
    const paired = neighbourPairs ? best.find(pairs) : undefined;
    if (held) return paired ?? term;
    return paired ?? best[0] ?? term;
  }

  /** A word's MiniSearch query: its canonical spelling (with typos and prefix as allowed) or its stem. */
  private wordQuery(term: string, typos: number, prefix: boolean): Query {
    const [canonical, stem] = termForms(term, this.variants);
    if (stem === undefined) return { queries: [canonical], fuzzy: typos, prefix };
    // A document holding the word as typed matches both forms and weighs 1; one holding
    // another inflection matches the stem only and weighs STEM_SHARE (Meilisearch's "exactness").
    const query: Query = {
      combineWith: 'OR',
      queries: [
        { queries: [canonical], fuzzy: typos, prefix, boostTerm: () => 1 - STEM_SHARE },
        { queries: [stem], fuzzy: 0, prefix: false, boostTerm: () => STEM_SHARE },
      ],
    };
    this.stemmedWords.set(query, { canonical, stem, typos, prefix });
    return query;
  }

  /**
   * Adds the documents a matcher finds to `found` and marks the words it covers in them; returns
   * the words covered (none when it found nothing). Nothing is scored here (see `score`).
   */
  private cover(found: FoundMatches, { from, to, query, findsAlone }: Matcher, matched: Map<string, number>): number {
    const mask = ((1 << (to - from)) - 1) << from;
    const { ids } = this.documentsOf(query, matched);
    const { matches, covered } = found;
    for (const shortId of ids) {
      const held = covered[shortId] as number;
      // Every matcher covers at least one word: a document covering none is not found yet.
      if (held === 0) {
        if (findsAlone === false) continue;
        matches.push(shortId);
      }
      covered[shortId] = held | mask;
    }
    return ids.length > 0 ? mask : 0;
  }

  /**
   * The ids of the documents a query matches, without scoring: each word's postings are listed
   * (`ScoredIndex.collectHolders`), then combined as the query's AND and OR say. Records each indexed word found in `matched`, with the weight
   * MiniSearch gives a match of its kind (exact 1, prefix and typo matches less).
   */
  private documentsOf(query: Query, matched: Map<string, number>, weight = 1): ShortIdList {
    if (typeof query !== 'object') return new ShortIdList(0);
    const stemmed = this.stemmedWords.get(query);
    if (stemmed !== undefined) return this.stemmedDocuments(stemmed, matched, weight);
    const [word] = query.queries;
    // A branch's `boostTerm` (the weight of an equivalent) scales the words found through it, as MiniSearch would.
    const scaled = typeof query.boostTerm === 'function' ? weight * query.boostTerm('', 0, []) : weight;
    if (query.queries.length === 1 && typeof word === 'string') {
      let typos = typeof query.fuzzy === 'number' ? query.fuzzy : 0;
      const prefix = query.prefix === true;
      if (typos > 0 && this.heldAsTyped(word)) typos = 0;
      return this.listDocuments(word, typos, prefix, matched, scaled);
    }
    const parts = query.queries.map((part: Query) => this.documentsOf(part, matched, scaled));
    const bound = this.index.shortIdBound;
    return query.combineWith === 'AND' ? intersection(parts, bound) : union(parts, bound);
  }

  /**
   * The documents of a word indexed with its stem: every document holding the word holds its
   * stem too, so listing the stem is enough unless typos or a prefix widen the word itself (the
   * word as typed is still recorded, for BM25 and highlights).
   */
  private stemmedDocuments(word: StemmedWord, matched: Map<string, number>, weight: number): ShortIdList {
    const { canonical, stem, prefix } = word;
    const found = this.listDocuments(stem, 0, false, matched, weight * STEM_SHARE);
    const wordWeight = weight * (1 - STEM_SHARE);
    if (wordWeight > (matched.get(canonical) ?? 0)) matched.set(canonical, wordWeight);
    const typos = word.typos > 0 && this.heldAsTyped(canonical) ? 0 : word.typos;
    if (typos === 0 && !prefix) return found;
    return union([found, this.listDocuments(canonical, typos, prefix, matched, wordWeight)], this.index.shortIdBound);
  }

  /** Whether the word is spelled as meant: TYPO_FREE_FROM documents hold it exactly (typo neighbours would only cost time). */
  private heldAsTyped(word: string): boolean {
    return this.countUpTo(word, TYPO_FREE_FROM) >= TYPO_FREE_FROM;
  }

  /**
   * The documents holding a word (with typos and prefix as asked), listed once per query: a
   * word reached several ways (its own matcher, a phrase, an equivalent) is read from `listings`.
   * Records each indexed word found in `matched` with its weight. The set returned is shared:
   * callers must not change it.
   */
  private listDocuments(
    word: string,
    typos: number,
    prefix: boolean,
    matched: Map<string, number>,
    weight: number,
  ): ShortIdList {
    const key = `${word}\u0000${typos}\u0000${prefix}`;
    let listing = this.listings.get(key);
    if (listing === undefined) {
      const ids = new ShortIdList(this.index.shortIdBound);
      const terms = new Map<string, number>();
      for (const [term, reached] of this.index.wordsReached(word, typos, prefix)) {
        if (this.index.collectHolders(term, ids)) terms.set(term, matchWeight(word, term, reached.prefix));
      }
      listing = { ids, terms };
      this.listings.set(key, listing);
    }
    // A word found several ways (as typed and through an equivalent) weighs as its best way.
    for (const [term, base] of listing.terms) {
      if (weight * base > (matched.get(term) ?? 0)) matched.set(term, weight * base);
    }
    return listing.ids;
  }

  /** BM25 score of the `shortlist` (distinct matches) over the words the query matched, in one pass. */
  private score(matched: ReadonlyMap<string, number>, shortlist: readonly Candidate[]): void {
    if (matched.size === 0 || shortlist.length === 0) return;
    const byShortId = new Map(shortlist.map((candidate) => [candidate.shortId, candidate]));
    for (const [shortId, score] of this.index.scoresOf(byShortId.keys(), matched, FIELD_BOOST)) {
      const candidate = byShortId.get(shortId);
      if (candidate !== undefined) candidate.raw += score;
    }
  }

  /** Whether some document holds the word (exactly, in its canonical spelling). */
  private holds(term: string): boolean {
    return this.countUpTo(termForms(term, this.variants)[0], 1) > 0;
  }

  /** How many postings an indexed word has (see `ScoredIndex.countPostings`), counting no further than `limit`. */
  private countUpTo(indexedWord: string, limit: number): number {
    return this.index.countPostings(indexedWord, limit);
  }

  /** The two indexed words a word unknown to the index is made of, the most balanced split first. */
  private split(term: string): [string, string] | null {
    if (/\p{N}/u.test(term) || term.length < 2 * MIN_COMPOUND_PART) return null;
    const middle = Math.floor(term.length / 2);
    for (let offset = 0; offset <= middle; offset += 1) {
      for (const at of offset === 0 ? [middle] : [middle - offset, middle + offset]) {
        if (at < MIN_COMPOUND_PART || term.length - at < MIN_COMPOUND_PART) continue;
        const head = term.slice(0, at);
        const tail = term.slice(at);
        if (this.holds(head) && this.holds(tail)) return [head, tail];
      }
    }
    return null;
  }

  /**
   * "Did you mean": the query with each word found nowhere replaced by the indexed word
   * closest to it (one more typo than the search allows), the word most documents hold winning
   * among equals. Null when no word has such a neighbour.
   */
  private suggestion(query: string, unmatched: readonly string[]): string | null {
    const replacements = new Map<string, string>();
    for (const word of unmatched) {
      if (/\p{N}/u.test(word) || [...word].length < 3) continue;
      const [canonical] = termForms(word, this.variants);
      const counts = new Map<string, { count: number; sample: string }>();
      const typos = allowedTypos(word) + SUGGESTION_EXTRA_TYPOS;
      for (const result of this.index.search({ queries: [canonical], fuzzy: typos, prefix: false }, SEARCH_OPTIONS)) {
        for (const term of result.terms) {
          const seen = counts.get(term);
          if (seen === undefined) counts.set(term, { count: 1, sample: String(result.id) });
          else seen.count += 1;
        }
      }
      const best = [...counts]
        .sort(([ta, a], [tb, b]) => b.count - a.count || (ta < tb ? -1 : 1))
        .find(([term, { sample }]) => this.isWrittenWord(term, sample));
      if (best !== undefined) replacements.set(word, best[0]);
    }
    if (replacements.size === 0) return null;
    return wordsOf(query)
      .map((span) => replacements.get(normalizeWord(span.text)) ?? span.text)
      .join(' ');
  }

  /** Whether an indexed word is written as such in the document (a stem such as "imag" is not a word to suggest). */
  private isWrittenWord(term: string, documentId: string): boolean {
    const document = this.documents.get(documentId);
    if (document === undefined) return false;
    for (const text of [document.title, document.body]) {
      for (const word of eachWord(text))
        if (canonicalSpelling(normalizeWord(word.text), this.variants) === term) return true;
    }
    return false;
  }

  /**
   * A control-list entry ("6A001") holds the text of all its paragraphs, so it matches whatever
   * they match, but its length buries it under them in BM25. Listed without grouping, the entry
   * is the classification a user looks for: it ranks with its best matching paragraph of the
   * same tier (just before it).
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

  private highlightsOf(candidate: Candidate, matched: ReadonlyMap<string, number>, withBody: boolean): Highlight[] {
    // A word of the document that the query matched (in any document): the document holds it
    // in the field being highlighted, which is what highlighting marks.
    const isMatched = (word: string): boolean =>
      matched.has(word) || termForms(word, this.variants).some((form) => matched.has(form));
    const highlights: Highlight[] = [];
    const title = highlightSnippet(candidate.document.title, isMatched);
    if (title !== null) highlights.push({ field: 'title', snippet: title });
    const codeSnippets = candidate.document.codes.map((code) => ({
      code,
      snippet: highlightSnippet(code, isMatched),
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
    const text = candidate.document.body;
    const body = withBody ? highlightSnippet(text, isMatched, scanStart(text, matched.keys())) : null;
    if (body !== null) highlights.push({ field: 'body', snippet: body });
    return highlights;
  }
}

/** The part of a word's weight its stem carries (see `wordQuery`). */
const STEM_SHARE = 0.5;
/** A word this long, allowed no typo against the texts, may still miss one letter of a synonym key word (see `asKeyWord`). */
const SHORT_TYPO_LENGTH = 4;

/** A query word held as typed by this many documents gets no typo tolerance (see `documentsOf`). */
const TYPO_FREE_FROM = 20;
/** Query words past this many are ignored (each word is a bit of `Candidate.covered`). */
const MAX_QUERY_WORDS = 30;
/** The shortest half of a compound split ("focal" + "plane"; "ab" + "sorber" would be noise). */
const MIN_COMPOUND_PART = 3;
/** How many typos past the search's own rule a did-you-mean neighbour may be. */
const SUGGESTION_EXTRA_TYPOS = 1;
/** Query words are turned into indexed words by `wordQuery`: MiniSearch must not process them again. */
const SEARCH_OPTIONS = { boost: FIELD_BOOST, processTerm: (term: string) => term };

/**
 * A stored document, frozen: hits and `get` hand out the stored object itself (copying entries
 * whose text runs to tens of kilobytes cost more than ranking them), so no caller may change it.
 */
function frozen(document: SearchDocument): SearchDocument {
  Object.freeze(document.codes);
  Object.freeze(document.audience);
  return Object.freeze(document);
}

function sameVariants(a: SpellingVariants, b: SpellingVariants): boolean {
  return JSON.stringify([[...a.words], a.suffixes]) === JSON.stringify([[...b.words], b.suffixes]);
}
