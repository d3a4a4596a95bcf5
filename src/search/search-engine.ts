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

export interface SearchRequest {
  query: string;
  filter?: SearchFilter;
  facets?: FacetField[];
  /** 0-based offset and page size (1..100). */
  offset: number;
  limit: number;
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
}

export interface FacetCount {
  field: FacetField;
  value: string;
  count: number;
}

export interface SearchResponse {
  hits: SearchHit[];
  /** Exact number of matching documents. */
  totalCount: number;
  facets: FacetCount[];
  processingTimeMs: number;
}

export interface SearchHealth {
  ok: boolean;
  detail: string;
}

export interface SearchEngine {
  readonly name: string;
  /** Applies index settings (idempotent). Synonyms map a term to its equivalents. */
  configure(settings: { synonyms: Record<string, string[]>; stopWords: string[] }): Promise<void>;
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
