// The SearchEngine port. Adapters: embedded (in-process, the default) and
// Meilisearch. Everything above this interface (indexer, GraphQL) knows nothing of either.

/** What `search` can return; the GraphQL enum SearchableType mirrors it. */
export const SEARCHABLE_TYPES = [
  'PROVISION',
  'EXEMPTION',
  'GUIDANCE_DOCUMENT',
  'CONSULTATION',
  'IMPACT_ASSESSMENT',
  'LIST_TEXT',
] as const;
export type SearchableType = (typeof SEARCHABLE_TYPES)[number];

/** One indexed record, flattened. `id` is `<type>:<database id>` so ids never collide across types. */
export interface SearchDocument {
  id: string;
  type: SearchableType;
  /** Database id of the record (the GraphQL layer loads the node by it). */
  recordId: string;
  title: string;
  /** Codes and reference numbers (e.g. "6A003", "15 CFR 734.8", "BIS-2018-0024"). */
  codes: string[];
  /** Verbatim text: provision text, exemption text, guidance body, consultation scope. */
  body: string;
  regime: string | null;
  jurisdiction: string | null;
  category: string | null;
  audience: string[];
  /** ISO date (YYYY-MM-DD) used by date filters and sorting; null when the record has none. */
  date: string | null;
  /**
   * Provision versions only: the first day in force (null: not known, so never in force on a
   * given day) and the day it ended (exclusive; null while in force). Absent on other records,
   * which `asOf` does not filter.
   */
  validFrom?: string | null;
  validTo?: string | null;
  /** False for an older version of a provision (found only with `asOf`); absent otherwise. */
  current?: boolean;
}

export type FacetField = 'type' | 'regime' | 'jurisdiction' | 'category' | 'audience';
export const FACET_FIELDS: readonly FacetField[] = ['type', 'regime', 'jurisdiction', 'category', 'audience'];

/** Filters are values, never expressions: adapters escape them for their own syntax. */
export interface SearchFilter {
  types?: SearchableType[];
  regime?: string[];
  jurisdiction?: string[];
  category?: string[];
  audience?: string[];
  /** Inclusive ISO dates. */
  dateFrom?: string;
  dateTo?: string;
  /**
   * ISO day: provisions as in force that day (older versions included, versions not in force
   * then left out) instead of the current ones. Other records are not filtered by it.
   */
  asOf?: string;
}

/** Records a query asks for (from its interpretation): they rank first among equally good matches. */
export interface SearchPreference {
  types?: readonly SearchableType[];
  regimes?: readonly string[];
}

export interface SearchRequest {
  query: string;
  filter?: SearchFilter;
  facets?: FacetField[];
  /** 0-based offset and page size (1..100). */
  offset: number;
  limit: number;
  prefer?: SearchPreference;
  /**
   * One result per control-list entry (default true): the paragraphs of an entry collapse into
   * the entry's hit as its `subHits`, and totals and facets count entries. False lists every
   * matching document on its own.
   */
  groupParagraphs?: boolean;
}

export interface Highlight {
  field: 'title' | 'codes' | 'body';
  /** Text around the match with matches wrapped in HIGHLIGHT_PRE / HIGHLIGHT_POST. */
  snippet: string;
}

export const HIGHLIGHT_PRE = '<mark>';
export const HIGHLIGHT_POST = '</mark>';

export interface SearchHit {
  document: SearchDocument;
  /** Relevance in [0, 1], higher is better; comparable within one response only. */
  score: number;
  highlights: Highlight[];
  /** With grouping: the entry's best-matching paragraphs (at most MAX_SUB_HITS), best first. */
  subHits?: SearchSubHit[];
}

export interface SearchSubHit {
  document: SearchDocument;
  score: number;
  highlights: Highlight[];
}

/** Paragraphs shown under their entry's hit. */
export const MAX_SUB_HITS = 3;

export interface FacetCount {
  field: FacetField;
  value: string;
  count: number;
}

export interface SearchResponse {
  hits: SearchHit[];
  /** Exact number of results (entries when grouped, documents otherwise). */
  totalCount: number;
  facets: FacetCount[];
  processingTimeMs: number;
  /** Query words no indexed text holds, even with typos: left out of the matching. */
  unmatchedWords?: string[];
  /** When nothing matched: the query with its unknown words replaced by the closest indexed words. */
  didYouMean?: string | null;
  /** Set when the hits are for a relaxed query (the did-you-mean one), not the query as given. */
  relaxedQuery?: string | null;
}

export interface SearchHealth {
  ok: boolean;
  detail: string;
}

/** Index settings an engine applies (seed/search). */
export interface EngineSettings {
  synonyms: Record<string, string[]>;
  stopWords: string[];
  /** Query words that do not count in the words rule while another word is typed (see low-information-words.ts). */
  lowInformationWords?: string[];
  /** British/American spellings indexed as one (the embedded engine; Meilisearch gets them as synonyms). */
  spellingVariants?: {
    words: Record<string, string>;
    suffixes: readonly { from: string; to: string; minLength: number }[];
  };
}

export interface SearchEngine {
  readonly name: string;
  /** Applies index settings (idempotent). Synonyms map a term to its equivalents. */
  configure(settings: EngineSettings): Promise<void>;
  upsert(documents: SearchDocument[]): Promise<void>;
  delete(ids: string[]): Promise<void>;
  /** Removes every document (reindex). */
  clear(): Promise<void>;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Every indexed document id (consistency checks, tests). */
  allIds(): Promise<string[]>;
  get(id: string): Promise<SearchDocument | null>;
  health(): Promise<SearchHealth>;
  close(): Promise<void>;
}
