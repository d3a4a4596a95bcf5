// A SearchEngine decorator for fault tests: delegates to a real engine (EmbeddedSearchEngine by
// default) and, while a switch is on, refuses searches and/or writes with SearchUnavailableError,
// as an adapter does when its server is down. Reads used by consistency checks (get, allIds)
// always pass through, so a test can compare the index with the database after recovery.
import { EmbeddedSearchEngine } from '../../src/search/embedded-search-engine.js';
import {
  type SearchDocument,
  type SearchEngine,
  type SearchHealth,
  type SearchRequest,
  type SearchResponse,
} from '../../src/search/search-engine.js';
import { SearchUnavailableError } from '../../src/errors.js';

export class FailingSearchEngine implements SearchEngine {
  readonly name: string;
  /** When true, `search` throws SearchUnavailableError. */
  failSearch = false;
  /** When true, `configure`, `upsert`, `delete` and `clear` throw SearchUnavailableError. */
  failWrites = false;
  /** Calls refused so far, by operation. */
  readonly refused = { search: 0, writes: 0 };

  constructor(readonly inner: SearchEngine = new EmbeddedSearchEngine()) {
    this.name = `failing(${inner.name})`;
  }

  /** Sets both switches at once. */
  setFailing(options: { search?: boolean; writes?: boolean }): void {
    if (options.search !== undefined) this.failSearch = options.search;
    if (options.writes !== undefined) this.failWrites = options.writes;
  }

  async configure(settings: { synonyms: Record<string, string[]>; stopWords: string[] }): Promise<void> {
    this.checkWrite('configure');
    return this.inner.configure(settings);
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    this.checkWrite('upsert');
    return this.inner.upsert(documents);
  }

  async delete(ids: string[]): Promise<void> {
    this.checkWrite('delete');
    return this.inner.delete(ids);
  }

  async clear(): Promise<void> {
    this.checkWrite('clear');
    return this.inner.clear();
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    if (this.failSearch) {
      this.refused.search += 1;
      throw new SearchUnavailableError('injected fault: search is down');
    }
    return this.inner.search(request);
  }

  allIds(): Promise<string[]> {
    return this.inner.allIds();
  }

  get(id: string): Promise<SearchDocument | null> {
    return this.inner.get(id);
  }

  async health(): Promise<SearchHealth> {
    if (this.failSearch || this.failWrites) return { ok: false, detail: `${this.name}: injected fault` };
    return this.inner.health();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private checkWrite(operation: string): void {
    if (!this.failWrites) return;
    this.refused.writes += 1;
    throw new SearchUnavailableError(`injected fault: ${operation} refused`);
  }
}
