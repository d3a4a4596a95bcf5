// The Meilisearch SearchEngine, through the official `meilisearch` client (0.62).
// Two clients: queries go out with the search key only; settings, indexing and reading
// documents back with the admin key. Every write is a Meilisearch task: the adapter waits for
// it and turns a failed task into an error naming the task's error code and message.
//
// What each search sends: `matchingStrategy: 'frequency'` (when not every word matches, the
// most frequent words are dropped first, as the embedded engine does) and, unless the request
// sets `groupParagraphs: false`, `distinct: 'entryKey'` (one hit per control-list entry, the
// entry's best-ranked document standing for it; entry-key.ts). The paragraphs under each
// entry hit (`subHits`) come from a second request, one multi-search with a query per entry.
// The index settings (meilisearch-settings.ts) carry the embedded engine's typo rule (1 typo
// from 5 letters, 2 from 9, none on numbers), its stop words and synonyms. Low-information
// words ("module", "kit"; low-information-words.ts) are left out of the query sent while it has
// another word: Meilisearch cannot weigh a word down, and its words rule would count them.
//
// Where the two engines still differ (needs Meilisearch 1.15 or later for `disableOnNumbers`):
// - Stemming ("cameras" finds "camera") is the embedded engine's only, and with it synonym
//   keys reached through an inflection ("AI chips" for the key "AI chip"). British/American
//   spellings: the whole-word table is sent as synonyms both ways; the suffix rules
//   (-ise/-ize, -yse/-yze) are not, so "stabilised" does not find "stabilized" here.
// - Ranking preferences (`prefer`: types or regimes first among equals) are ignored:
//   Meilisearch cannot boost by an attribute's value within one query.
// - Did-you-mean suggestions, unmatched words and relaxed results (the query with its unknown
//   words replaced) are the embedded engine's only; Meilisearch answers the query as given.
// - Typos on codes: Meilisearch's `disableOnNumbers` exempts only words made of digits (and
//   punctuation), so "6A003", five characters, still matches "6A002" with one typo (ranked
//   below the exact match); the embedded engine allows no typo on a word holding a digit.
// - Grouping: with `distinct` the best-ranked document of an entry stands for it (a paragraph
//   when it ranks above the entry's own text); the embedded engine shows the entry's own
//   document when it matched, and keeps a paragraph named by its exact code apart.
import {
  Meilisearch,
  MeilisearchApiError,
  type EnqueuedTaskPromise,
  type Hit,
  type Index,
  type MultiSearchParams,
  type MultiSearchQuery,
  type ResourceResults,
  type SearchParams,
  type Settings,
  type Task,
} from 'meilisearch';
import { entryKeyOf } from './entry-key.js';
import { MAX_PAGE_SIZE } from './embedded-search-engine.js';
import { CROP_MARKER, SNIPPET_WORDS } from './highlight-snippet.js';
import {
  ENTRY_KEY_ATTRIBUTE,
  documentKey,
  entryProvisionsFilter,
  fromMeilisearchDocument,
  meilisearchFilterExpression,
  pageWindow,
  toMeilisearchDocument,
  type MeilisearchDocument,
} from './meilisearch-filter.js';
import { withoutLowInformationWords } from './low-information-words.js';
import {
  desiredSettings,
  meilisearchSynonyms,
  settingsToUpdate,
  type MeilisearchSettingsInput,
} from './meilisearch-settings.js';
import {
  FACET_FIELDS,
  MAX_SUB_HITS,
  type SearchSubHit,
  HIGHLIGHT_POST,
  HIGHLIGHT_PRE,
  type FacetCount,
  type FacetField,
  type Highlight,
  type SearchDocument,
  type SearchEngine,
  type SearchHealth,
  type SearchHit,
  type SearchRequest,
  type SearchResponse,
} from './search-engine.js';
import { buildSynonymTable, type SynonymTable } from './synonym-expansion.js';
import { normalizeWord } from './text-tokens.js';
import { SearchUnavailableError } from '../errors.js';

export interface MeilisearchEngineOptions {
  host: string;
  /** Used for /search (and /health) only. */
  searchKey: string;
  /** Used for settings, documents and tasks. */
  adminKey: string;
  index: string;
  /** Per HTTP request. */
  requestTimeoutMs?: number;
  /** How long to wait for one task (indexing a large batch takes a while). */
  taskTimeoutMs?: number;
  /** Task polling interval. */
  taskPollMs?: number;
  /** Documents per indexing request. */
  batchSize?: number;
}

/** A Meilisearch task that ended `failed` or `canceled`. */
export class MeilisearchTaskError extends SearchUnavailableError {
  readonly taskUid: number;
  /** Meilisearch's own error code, e.g. "index_not_found". */
  readonly taskErrorCode: string | undefined;

  constructor(task: Task, what: string) {
    const reason = task.error === null ? task.status : `${task.error.code}: ${task.error.message}`;
    super(`Meilisearch task ${task.uid} (${task.type}, ${what}) ${task.status}: ${reason}`);
    this.name = 'MeilisearchTaskError';
    this.taskUid = task.uid;
    this.taskErrorCode = task.error?.code;
  }
}

const PRIMARY_KEY = 'key';
const HIGHLIGHTED: Array<Highlight['field']> = ['title', 'codes', 'body'];
/** Drops the most frequent query words first when not every word matches (Meilisearch 1.9+). */
const MATCHING_STRATEGY = 'frequency';
/** Documents read per page by allIds(). */
const ID_PAGE = 1000;

export class MeilisearchSearchEngine implements SearchEngine {
  readonly name = 'meilisearch';
  private readonly searchIndex: Index<MeilisearchDocument>;
  private readonly adminIndex: Index<MeilisearchDocument>;
  private readonly admin: Meilisearch;
  private readonly searcher: Meilisearch;
  private readonly taskTimeoutMs: number;
  private readonly taskPollMs: number;
  private readonly batchSize: number;
  private closed = false;
  /** What `queryText` needs to leave out low-information words as the embedded engine ranks them. */
  private queryWords: {
    table: SynonymTable;
    stopWords: ReadonlySet<string>;
    lowInformationWords: ReadonlySet<string>;
  } = {
    table: buildSynonymTable({}, new Set()),
    stopWords: new Set(),
    lowInformationWords: new Set(),
  };

  constructor(private readonly options: MeilisearchEngineOptions) {
    const common = {
      host: options.host,
      timeout: options.requestTimeoutMs ?? 10_000,
      clientAgents: ['export-control-kb'],
    };
    this.searcher = new Meilisearch({ ...common, apiKey: options.searchKey });
    this.admin = new Meilisearch({ ...common, apiKey: options.adminKey });
    this.searchIndex = this.searcher.index<MeilisearchDocument>(options.index);
    this.adminIndex = this.admin.index<MeilisearchDocument>(options.index);
    this.taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
    this.taskPollMs = options.taskPollMs ?? 50;
    this.batchSize = options.batchSize ?? 1000;
  }

  /** Creates the index when missing, then sends only the settings that differ from the stored ones. */
  async configure(settings: MeilisearchSettingsInput): Promise<void> {
    this.assertOpen();
    await this.guard('configure', async () => {
      await this.ensureIndex();
      const current = await this.adminIndex.getSettings();
      const update: Settings = settingsToUpdate(current, desiredSettings(settings));
      if (Object.keys(update).length === 0) return;
      await this.waitFor(this.adminIndex.updateSettings(update), `settings ${Object.keys(update).join(', ')}`);
    });
    const stopWords = new Set(settings.stopWords.map(normalizeWord));
    this.queryWords = {
      table: buildSynonymTable(meilisearchSynonyms(settings.synonyms), stopWords),
      stopWords,
      lowInformationWords: new Set((settings.lowInformationWords ?? []).map(normalizeWord)),
    };
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    this.assertOpen();
    if (documents.length === 0) return;
    const stored = documents.map(toMeilisearchDocument);
    await this.guard('upsert', async () => {
      // Enqueue every batch first (Meilisearch batches consecutive additions), then wait for each.
      const tasks: Array<Promise<Task>> = [];
      for (let start = 0; start < stored.length; start += this.batchSize) {
        const batch = stored.slice(start, start + this.batchSize);
        const enqueued = this.adminIndex.addDocuments(batch, { primaryKey: PRIMARY_KEY });
        tasks.push(this.waitFor(enqueued, `add ${batch.length} documents`));
        // The first failure is reported after all were awaited, so none is left unobserved.
      }
      const settled = await Promise.allSettled(tasks);
      const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    });
  }

  async delete(ids: string[]): Promise<void> {
    this.assertOpen();
    if (ids.length === 0) return;
    await this.guard('delete', () =>
      this.waitFor(this.adminIndex.deleteDocuments(ids.map(documentKey)), `delete ${ids.length} documents`),
    );
  }

  async clear(): Promise<void> {
    this.assertOpen();
    await this.guard('clear', async () => {
      try {
        await this.waitFor(this.adminIndex.deleteAllDocuments(), 'delete all documents');
      } catch (error) {
        // Nothing to clear in an index that does not exist yet.
        if (!(error instanceof MeilisearchTaskError && error.taskErrorCode === 'index_not_found')) throw error;
      }
    });
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    this.assertOpen();
    if (!Number.isInteger(request.offset) || request.offset < 0) throw new RangeError('offset must be an integer >= 0');
    if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > MAX_PAGE_SIZE) {
      throw new RangeError(`limit must be an integer in 1..${MAX_PAGE_SIZE}`);
    }
    const window = pageWindow(request.offset, request.limit);
    const filter = meilisearchFilterExpression(request.filter);
    const facets = [...new Set(request.facets ?? [])];
    const grouped = request.groupParagraphs !== false;
    const params = {
      page: window.page,
      hitsPerPage: window.hitsPerPage,
      filter,
      ...(facets.length === 0 ? {} : { facets }),
      ...(grouped ? { distinct: ENTRY_KEY_ATTRIBUTE } : {}),
      ...HIT_PARAMS,
    } satisfies SearchParams;
    const query = this.queryText(request.query);
    const response = await this.guard('search', () => this.searchIndex.search(query, params));
    const page = response.hits.slice(window.skip, window.skip + request.limit);
    const hits: SearchHit[] = page.map(toHit);
    let processingTimeMs = response.processingTimeMs;
    if (grouped) {
      const paragraphs = await this.entryParagraphs(query, filter, page);
      for (const [index, hit] of hits.entries()) hit.subHits = paragraphs.subHits[index] ?? [];
      processingTimeMs += paragraphs.processingTimeMs;
    }
    return {
      hits,
      // With `distinct`, Meilisearch counts (and facets) the documents it keeps: one per entry.
      totalCount: response.totalHits,
      facets: facetCounts(response.facetDistribution, facets),
      processingTimeMs,
    };
  }

  /**
   * The query as sent: without its low-information words while it has another word, since
   * Meilisearch's words rule would count them as the embedded engine does not.
   */
  private queryText(query: string): string {
    const { table, stopWords, lowInformationWords } = this.queryWords;
    return withoutLowInformationWords(query, table, stopWords, lowInformationWords);
  }

  /**
   * The best-matching other provisions of each entry hit on the page (at most
   * MAX_SUB_HITS), found by one multi-search holding a query per entry: the same words
   * and filter narrowed to the entry's provisions (one query with `entryKey IN [...]` could
   * not promise each entry its share). Records that are no entry get none, and neither does
   * a placeholder search, which matches no word to rank paragraphs by.
   */
  private async entryParagraphs(
    query: string,
    filter: string,
    page: ReadonlyArray<Hit<MeilisearchDocument>>,
  ): Promise<{ subHits: SearchSubHit[][]; processingTimeMs: number }> {
    const subHits: SearchSubHit[][] = page.map(() => []);
    if (query.trim() === '') return { subHits, processingTimeMs: 0 };
    const entries = page.flatMap((hit, index) => {
      const document = fromMeilisearchDocument(hit);
      const entryKey = typeof hit.entryKey === 'string' ? hit.entryKey : entryKeyOf(document);
      return document.type === 'PROVISION' && entryKey !== document.id ? [{ index, id: document.id, entryKey }] : [];
    });
    if (entries.length === 0) return { subHits, processingTimeMs: 0 };
    const queries = entries.map(({ entryKey }): MultiSearchQuery => ({
      indexUid: this.options.index,
      q: query,
      filter: entryProvisionsFilter(filter, entryKey),
      // One more than shown: the hit's own document may be among them.
      limit: MAX_SUB_HITS + 1,
      ...HIT_PARAMS,
    }));
    const response = await this.guard('search (paragraphs)', () =>
      this.searcher.multiSearch<MultiSearchParams, MeilisearchDocument>({ queries }),
    );
    let processingTimeMs = 0;
    for (const [position, { index, id }] of entries.entries()) {
      const result = response.results[position];
      if (result === undefined) continue;
      processingTimeMs += result.processingTimeMs;
      subHits[index] = result.hits
        .filter((hit) => hit.id !== id)
        .slice(0, MAX_SUB_HITS)
        .map(toHit);
    }
    return { subHits, processingTimeMs };
  }

  async allIds(): Promise<string[]> {
    this.assertOpen();
    return this.guard('allIds', async () => {
      const ids: string[] = [];
      for (let offset = 0; ; offset += ID_PAGE) {
        let page: ResourceResults<MeilisearchDocument[]>;
        try {
          page = await this.adminIndex.getDocuments({ fields: ['id'], limit: ID_PAGE, offset });
        } catch (error) {
          if (apiErrorCode(error) === 'index_not_found') return [];
          throw error;
        }
        for (const document of page.results) if (typeof document.id === 'string') ids.push(document.id);
        if (page.results.length < ID_PAGE) break;
      }
      return ids.sort();
    });
  }

  async get(id: string): Promise<SearchDocument | null> {
    this.assertOpen();
    return this.guard('get', async () => {
      try {
        return fromMeilisearchDocument(await this.adminIndex.getDocument(documentKey(id)));
      } catch (error) {
        const code = apiErrorCode(error);
        if (code === 'document_not_found' || code === 'index_not_found') return null;
        throw error;
      }
    });
  }

  async health(): Promise<SearchHealth> {
    if (this.closed) return { ok: false, detail: 'Meilisearch adapter is closed' };
    try {
      const { status } = await this.searcher.health();
      return {
        ok: status === 'available',
        detail: `Meilisearch at ${this.options.host} (index ${this.options.index}): ${status}`,
      };
    } catch (error) {
      return { ok: false, detail: `Meilisearch at ${this.options.host} does not answer: ${describe(error)}` };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Number of documents in the index (0 when it does not exist): start-up decides on a rebuild by it. */
  async documentCount(): Promise<number> {
    this.assertOpen();
    return this.guard('stats', async () => {
      try {
        return (await this.adminIndex.getStats()).numberOfDocuments;
      } catch (error) {
        if (apiErrorCode(error) === 'index_not_found') return 0;
        throw error;
      }
    });
  }

  private async ensureIndex(): Promise<void> {
    let primaryKey: string | null | undefined;
    try {
      primaryKey = (await this.admin.getRawIndex(this.options.index)).primaryKey;
    } catch (error) {
      if (apiErrorCode(error) !== 'index_not_found') throw error;
      try {
        await this.waitFor(this.admin.createIndex(this.options.index, { primaryKey: PRIMARY_KEY }), 'create index');
      } catch (creation) {
        // Another process created it in the meantime.
        if (!(creation instanceof MeilisearchTaskError && creation.taskErrorCode === 'index_already_exists'))
          throw creation;
      }
      return;
    }
    if (primaryKey !== PRIMARY_KEY) {
      // Fails (and says why) when the index already holds documents under another key.
      await this.waitFor(this.admin.updateIndex(this.options.index, { primaryKey: PRIMARY_KEY }), 'set primary key');
    }
  }

  /** Waits for an enqueued task; anything but `succeeded` is an error carrying the task's error. */
  private async waitFor(enqueued: EnqueuedTaskPromise, what: string): Promise<Task> {
    const task = await enqueued.waitTask({ timeout: this.taskTimeoutMs, interval: this.taskPollMs });
    if (task.status !== 'succeeded') throw new MeilisearchTaskError(task, what);
    return task;
  }

  /** Runs a call, reporting any failure as SearchUnavailableError (failed tasks keep their own class). */
  private async guard<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof SearchUnavailableError) throw error;
      throw new SearchUnavailableError(`Meilisearch ${operation} failed: ${describe(error)}`, { cause: error });
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new SearchUnavailableError('Meilisearch adapter is closed');
  }
}

function apiErrorCode(error: unknown): string | undefined {
  return error instanceof MeilisearchApiError ? error.cause?.code : undefined;
}

function describe(error: unknown): string {
  if (error instanceof MeilisearchApiError) {
    return error.cause === undefined
      ? `HTTP ${error.response.status}: ${error.message}`
      : `${error.cause.code}: ${error.cause.message}`;
  }
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** What every query sends besides its words, filter and page: strategy, highlights, scores, order. */
const HIT_PARAMS = {
  matchingStrategy: MATCHING_STRATEGY,
  attributesToHighlight: [...HIGHLIGHTED],
  highlightPreTag: HIGHLIGHT_PRE,
  highlightPostTag: HIGHLIGHT_POST,
  attributesToCrop: ['body'],
  cropLength: SNIPPET_WORDS,
  cropMarker: CROP_MARKER,
  showRankingScore: true,
  // Last ranking rule (see RANKING_RULES): ties come back in id order, so pages are stable.
  sort: ['id:asc'],
} as const satisfies SearchParams;

function toHit(hit: Hit<MeilisearchDocument>): SearchHit {
  return {
    document: fromMeilisearchDocument(hit),
    score: clampScore(hit._rankingScore),
    highlights: highlightsOf(hit._formatted),
  };
}

function clampScore(score: number | undefined): number {
  if (score === undefined || !Number.isFinite(score)) return 0;
  return Math.min(1, Math.max(0, score));
}

/** A highlight per field that holds a marked word; codes are joined as the embedded engine does. */
function highlightsOf(formatted: Partial<MeilisearchDocument> | undefined): Highlight[] {
  if (formatted === undefined) return [];
  const highlights: Highlight[] = [];
  const marked = (text: string): boolean => text.includes(HIGHLIGHT_PRE);
  if (typeof formatted.title === 'string' && marked(formatted.title))
    highlights.push({ field: 'title', snippet: formatted.title });
  const codes = Array.isArray(formatted.codes)
    ? formatted.codes.filter((code): code is string => typeof code === 'string')
    : [];
  if (codes.some(marked)) highlights.push({ field: 'codes', snippet: codes.join(', ') });
  if (typeof formatted.body === 'string' && marked(formatted.body))
    highlights.push({ field: 'body', snippet: formatted.body });
  return highlights;
}

/** Facet counts in the port's order: by count, then value; only the fields asked for. */
function facetCounts(
  distribution: Record<string, Record<string, number>> | undefined,
  fields: readonly FacetField[],
): FacetCount[] {
  const facets: FacetCount[] = [];
  for (const field of fields) {
    if (!FACET_FIELDS.includes(field)) continue;
    const counts = Object.entries(distribution?.[field] ?? {});
    counts.sort(([va, ca], [vb, cb]) => cb - ca || (va < vb ? -1 : va > vb ? 1 : 0));
    for (const [value, count] of counts) facets.push({ field, value, count });
  }
  return facets;
}
