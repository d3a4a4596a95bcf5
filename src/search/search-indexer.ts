// Applies SearchOutbox rows to the engine. Each row only names a record; the indexer reads
// the record's current state, so rows can be applied in any grouping without ever indexing
// a stale version, and a record gone from the database (or superseded) is removed.
// A failed batch stays in the outbox with exponential backoff; nothing is lost while the
// engine is down, and the backlog drains when it returns.
import type { PrismaClient } from '../generated/prisma/client.js';
import { loadSearchDocuments, SEARCHABLE_PROVISIONS, searchDocumentId } from './search-documents.js';
import { SEARCHABLE_TYPES, type SearchableType, type SearchEngine } from './search-engine.js';

export interface IndexerOptions {
  batchSize?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  log?: (msg: string, data?: object) => void;
}

export interface DrainResult {
  /** Outbox rows applied and removed. */
  applied: number;
  /** The engine refused the batch (it stays in the outbox with backoff). */
  failed: boolean;
}

export interface ReindexProgress {
  type: SearchableType;
  indexed: number;
  total: number;
}

const REINDEX_PAGE = 1000;

export class SearchIndexer {
  private readonly batchSize: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly log: NonNullable<IndexerOptions['log']>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly engine: SearchEngine,
    options: IndexerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.baseBackoffMs = options.baseBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.log = options.log ?? (() => undefined);
  }

  /** Applies one batch of due outbox rows, oldest first. */
  async drainOnce(now: Date = new Date()): Promise<DrainResult> {
    const rows = await this.prisma.searchOutbox.findMany({
      where: { availableAt: { lte: now } },
      orderBy: { id: 'asc' },
      take: this.batchSize,
      select: { id: true, entityType: true, entityId: true, attempts: true },
    });
    if (rows.length === 0) return { applied: 0, failed: false };

    const idsByType = new Map<SearchableType, Set<string>>();
    for (const row of rows) {
      const type = row.entityType as SearchableType;
      if (!SEARCHABLE_TYPES.includes(type)) continue;
      const set = idsByType.get(type) ?? new Set<string>();
      set.add(row.entityId);
      idsByType.set(type, set);
    }
    try {
      for (const [type, ids] of idsByType) {
        const documents = await loadSearchDocuments(this.prisma, type, [...ids]);
        const present = new Set(documents.map((document) => document.recordId));
        const gone = [...ids].filter((id) => !present.has(id)).map((id) => searchDocumentId(type, id));
        if (documents.length > 0) await this.engine.upsert(documents);
        if (gone.length > 0) await this.engine.delete(gone);
      }
    } catch (error) {
      const attempts = Math.max(...rows.map((row) => row.attempts)) + 1;
      const delay = Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** (attempts - 1));
      const message = error instanceof Error ? error.message : String(error);
      await this.prisma.searchOutbox.updateMany({
        where: { id: { in: rows.map((row) => row.id) } },
        data: {
          attempts: { increment: 1 },
          lastError: message.slice(0, 2000),
          availableAt: new Date(now.getTime() + delay),
        },
      });
      this.log('search index: batch failed, will retry', {
        rows: rows.length,
        attempts,
        retryInMs: delay,
        error: message,
      });
      return { applied: 0, failed: true };
    }
    await this.prisma.searchOutbox.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
    return { applied: rows.length, failed: false };
  }

  /** Drains until nothing is due or a batch fails. */
  async drainAll(now?: Date): Promise<DrainResult> {
    let applied = 0;
    for (;;) {
      const result = await this.drainOnce(now);
      applied += result.applied;
      if (result.failed) return { applied, failed: true };
      if (result.applied === 0) return { applied, failed: false };
    }
  }

  /**
   * Rebuilds the index from the database; outbox rows older than the rebuild are covered by it
   * and removed, unless `consumeOutbox` is false (a rebuild in another process than the one
   * that serves the index must leave the rows for that process to drain).
   */
  async reindex(
    onProgress: (progress: ReindexProgress) => void = () => undefined,
    { consumeOutbox = true }: { consumeOutbox?: boolean } = {},
  ): Promise<number> {
    const newest = await this.prisma.searchOutbox.aggregate({ _max: { id: true } });
    await this.engine.clear();
    let indexed = 0;
    for (const type of SEARCHABLE_TYPES) {
      const total = await countOf(this.prisma, type);
      let done = 0;
      for (let skip = 0; ; skip += REINDEX_PAGE) {
        const documents = await loadSearchDocuments(this.prisma, type, undefined, { skip, take: REINDEX_PAGE });
        if (documents.length === 0) break;
        await this.engine.upsert(documents);
        done += documents.length;
        onProgress({ type, indexed: done, total });
        if (documents.length < REINDEX_PAGE) break;
      }
      indexed += done;
    }
    // Rows written before the rebuild started are reflected in it; later ones still drain.
    if (consumeOutbox && newest._max.id !== null)
      await this.prisma.searchOutbox.deleteMany({ where: { id: { lte: newest._max.id } } });
    return indexed;
  }

  /** Drains in the background every `intervalMs` (one drain at a time). */
  start(intervalMs = 1000): void {
    if (this.timer) return;
    const tick = () => {
      this.running ??= this.drainAll()
        .catch((error: unknown) => this.log('search index: drain error', { error: String(error) }))
        .finally(() => {
          this.running = undefined;
        });
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

async function countOf(prisma: PrismaClient, type: SearchableType): Promise<number> {
  switch (type) {
    case 'PROVISION':
      return prisma.controlProvision.count({ where: SEARCHABLE_PROVISIONS });
    case 'EXEMPTION':
      return prisma.exemption.count();
    case 'GUIDANCE_DOCUMENT':
      return prisma.guidanceDocument.count();
    case 'CONSULTATION':
      return prisma.stakeholderConsultation.count();
    case 'IMPACT_ASSESSMENT':
      return prisma.impactAssessment.count();
    case 'LIST_TEXT':
      return prisma.listText.count();
  }
}
