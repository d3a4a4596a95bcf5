// A snapshot of the embedded index in DATA_DIR, so a restart loads the index (MiniSearch
// loadJS) instead of rebuilding it from the database. Embedded database (PGlite) only: see
// README "Search" for why PostgreSQL mode always rebuilds.
//
// Correctness rests on the outbox. Drained rows are deleted, so a snapshot may be used only if
// no row was consumed after it was taken (its effect would be in neither the snapshot nor the
// outbox). The snapshot records the outbox sequence S and the rows still pending at that
// moment; at start it is used only when the outbox holds exactly those pending rows at or
// below S and every id the sequence handed out above S, and the database is the same one
// (PostgreSQL's system identifier). Then every remaining row is drained (rows name records,
// the drain reads their current state, so re-applying one is harmless). Anything else (a
// drain after the snapshot that was not followed by a new snapshot, `kb reindex`, another
// data directory, a rolled-back write) means a rebuild: never a stale index.
import { createHash, randomUUID } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { AsPlainObject } from 'minisearch';
import { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { EmbeddedSearchEngine } from './embedded-search-engine.js';
import { SEARCHABLE_TYPES, type SearchDocument } from './search-engine.js';
import { SearchIndexer, type DrainResult, type IndexerOptions } from './search-indexer.js';
import type { SearchSettings } from './search-settings.js';

export const SNAPSHOT_FILE_NAME = 'search-index.json';
const SNAPSHOT_FORMAT = 1;
/**
 * Bump when what is indexed changes in a way the source hashes below would not see (e.g. a
 * change in a module search-documents.ts imports).
 */
export const SEARCH_DOCUMENT_VERSION = 1;
/** Source files whose text shapes the index: any edit to them invalidates snapshots. */
const SHAPING_SOURCES = ['search-documents', 'embedded-search-engine', 'text-tokens', 'term-forms'];
/** With a larger backlog a snapshot is not worth writing (the drain is still catching up). */
const MAX_PENDING_ROWS = 10_000;

type Db = Pick<PrismaClient, 'searchOutbox' | '$queryRaw'>;

/** Where the outbox stood when a snapshot was taken. */
export interface OutboxMark {
  /** PostgreSQL system identifier of the database. */
  database: string;
  /** Last id the SearchOutbox sequence handed out ("0" when none). */
  sequence: string;
  /** Ids of the rows still in the outbox (not reflected in the snapshot). */
  pending: string[];
}

const digits = z.string().regex(/^\d+$/u);
const SnapshotDocument = z.object({
  id: z.string(),
  type: z.enum(SEARCHABLE_TYPES),
  recordId: z.string(),
  title: z.string(),
  codes: z.array(z.string()),
  body: z.string(),
  regime: z.string().nullable(),
  jurisdiction: z.string().nullable(),
  category: z.string().nullable(),
  audience: z.array(z.string()),
  date: z.string().nullable(),
  validFrom: z.string().nullable().optional(),
  validTo: z.string().nullable().optional(),
  current: z.literal(false).optional(),
}) satisfies z.ZodType<SearchDocument>;
const SnapshotFile = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  fingerprint: z.string(),
  createdAt: z.string(),
  outbox: z.object({ database: z.string(), sequence: digits, pending: z.array(digits) }),
  documents: z.array(SnapshotDocument),
  // The header only: MiniSearch checks the rest of its own serialization in loadJS.
  index: z.custom<AsPlainObject>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { documentCount?: unknown }).documentCount === 'number' &&
      typeof (value as { serializationVersion?: unknown }).serializationVersion === 'number',
    'index is not a MiniSearch serialization',
  ),
});

/**
 * The TypeScript source of a shaping module, read from src/search whether this module runs from
 * there (tsx) or compiled from dist/search (`npm start`): both then take the same snapshots. The
 * module's own file stands in where the sources are not deployed.
 */
async function shapingSource(name: string): Promise<Buffer> {
  const source = join(import.meta.dirname, '../../src/search', `${name}.ts`);
  const beside = join(import.meta.dirname, `${name}${extname(import.meta.filename)}`);
  return readFile(source).catch(() => readFile(beside).catch(() => Buffer.from('missing')));
}

/**
 * Hash of everything that decides what the index holds for given database rows: synonyms and
 * stop words, the document builder and tokenizer sources, our format.
 */
export async function indexFingerprint(settings: SearchSettings): Promise<string> {
  const hash = createHash('sha256');
  const sortedSynonyms = Object.entries(settings.synonyms)
    .map(([term, targets]) => [term, [...targets].sort()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // MiniSearch versions its serialization itself (loadJS refuses an incompatible one).
  hash.update(
    JSON.stringify({
      format: SNAPSHOT_FORMAT,
      documents: SEARCH_DOCUMENT_VERSION,
      synonyms: sortedSynonyms,
      stopWords: [...settings.stopWords].sort(),
      spellingVariants: settings.spellingVariants,
    }),
  );
  for (const name of SHAPING_SOURCES) {
    hash.update(`\n${name}\n`);
    hash.update(await shapingSource(name));
  }
  return hash.digest('hex');
}

/** The outbox mark now; null when the backlog is too large to be worth a snapshot. */
export async function readOutboxMark(prisma: Db): Promise<OutboxMark | null> {
  const [database, sequence] = await Promise.all([databaseIdentifier(prisma), outboxSequence(prisma)]);
  const rows = await prisma.searchOutbox.findMany({
    select: { id: true },
    orderBy: { id: 'asc' },
    take: MAX_PENDING_ROWS + 1,
  });
  if (rows.length > MAX_PENDING_ROWS) return null;
  return { database, sequence: sequence.toString(), pending: rows.map((row) => row.id.toString()) };
}

/** Null when the outbox shows nothing was consumed since `mark`; otherwise why the snapshot is stale. */
export async function outboxChangeSince(prisma: Db, mark: OutboxMark): Promise<string | null> {
  if ((await databaseIdentifier(prisma)) !== mark.database) return 'it was taken from another database';
  const sequence = BigInt(mark.sequence);
  const now = await outboxSequence(prisma);
  if (now < sequence) return 'the outbox sequence went back (database restored or replaced)';
  const pending = mark.pending.map((id) => BigInt(id));
  const [atOrBelow, pendingLeft, above] = await Promise.all([
    prisma.searchOutbox.count({ where: { id: { lte: sequence } } }),
    pending.length === 0 ? Promise.resolve(0) : prisma.searchOutbox.count({ where: { id: { in: pending } } }),
    prisma.searchOutbox.count({ where: { id: { gt: sequence } } }),
  ]);
  if (pendingLeft !== pending.length)
    return 'outbox rows pending at snapshot time were drained since without a new snapshot';
  if (atOrBelow !== pending.length) return 'the outbox holds rows the snapshot does not know';
  if (BigInt(above) !== now - sequence)
    return 'outbox rows written after the snapshot were drained (or rolled back) since';
  return null;
}

export interface SnapshotSaved {
  path: string;
  bytes: number;
  documents: number;
  ms: number;
}

/** Writes the snapshot atomically: a temporary file in the same directory, fsync, rename. */
export async function saveIndexSnapshot(
  path: string,
  engine: EmbeddedSearchEngine,
  fingerprint: string,
  mark: OutboxMark,
): Promise<SnapshotSaved> {
  const started = performance.now();
  // Taken after the mark was read: a row consumed in between is in `pending` and absent at the
  // next start, which then rebuilds (safe); the reverse order could lose it.
  const state = engine.exportState();
  const json = JSON.stringify({
    format: SNAPSHOT_FORMAT,
    fingerprint,
    createdAt: new Date().toISOString(),
    outbox: mark,
    documents: state.documents,
    index: state.index,
  });
  const temporary = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(json, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return {
    path,
    bytes: Buffer.byteLength(json),
    documents: state.documents.length,
    ms: Math.round(performance.now() - started),
  };
}

export type IndexSnapshotFile = z.infer<typeof SnapshotFile>;

/** Parses and checks a snapshot file's text (throws on anything malformed). */
export function parseIndexSnapshot(text: string): IndexSnapshotFile {
  return SnapshotFile.parse(JSON.parse(text));
}

export type SnapshotLoad =
  { loaded: true; documents: number; bytes: number; ms: number } | { loaded: false; absent: boolean; reason: string };

/**
 * Loads the snapshot at `path` into `engine` when it is intact, has the same fingerprint and the
 * outbox shows nothing was lost since; otherwise leaves the engine alone and says why.
 */
export async function loadIndexSnapshot(
  path: string,
  engine: EmbeddedSearchEngine,
  fingerprint: string,
  prisma: Db,
): Promise<SnapshotLoad> {
  const started = performance.now();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const absent = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { loaded: false, absent, reason: absent ? 'no snapshot yet' : `unreadable: ${String(error)}` };
  }
  let snapshot: IndexSnapshotFile;
  try {
    snapshot = parseIndexSnapshot(text);
  } catch (error) {
    return {
      loaded: false,
      absent: false,
      reason: `corrupt: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`,
    };
  }
  if (snapshot.fingerprint !== fingerprint) {
    return { loaded: false, absent: false, reason: 'search settings or document builder changed since it was taken' };
  }
  const stale = await outboxChangeSince(prisma, snapshot.outbox);
  if (stale !== null) return { loaded: false, absent: false, reason: stale };
  try {
    engine.importState({ index: snapshot.index, documents: snapshot.documents });
  } catch (error) {
    await engine.clear();
    return {
      loaded: false,
      absent: false,
      reason: `corrupt index: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  return {
    loaded: true,
    documents: snapshot.documents.length,
    bytes: Buffer.byteLength(text),
    ms: Math.round(performance.now() - started),
  };
}

export interface SnapshotOptions {
  path: string;
  fingerprint: string;
  /** Least time between two background snapshots (a crash in between only costs a rebuild). */
  minIntervalMs?: number;
  onSaved?: (saved: SnapshotSaved) => void;
  onError?: (error: unknown) => void;
}

/**
 * The indexer of the embedded engine when snapshots are on: after a rebuild or a drain that
 * applied rows, it writes a new snapshot (at most every `minIntervalMs` in the background, and
 * once more at stop). Saving never throws: a failed save leaves the old snapshot, which the
 * outbox check then refuses, so the next start rebuilds.
 */
export class SnapshottingSearchIndexer extends SearchIndexer {
  private dirty = false;
  private lastSavedAt = Number.NEGATIVE_INFINITY;
  private readonly minIntervalMs: number;

  constructor(
    private readonly db: PrismaClient,
    private readonly embedded: EmbeddedSearchEngine,
    private readonly snapshot: SnapshotOptions,
    options: IndexerOptions = {},
  ) {
    super(db, embedded, options);
    this.minIntervalMs = snapshot.minIntervalMs ?? 30_000;
  }

  override async drainOnce(now?: Date): Promise<DrainResult> {
    const result = await super.drainOnce(now);
    if (result.applied > 0) this.dirty = true;
    return result;
  }

  override async drainAll(now?: Date): Promise<DrainResult> {
    const result = await super.drainAll(now);
    if (this.dirty && performance.now() - this.lastSavedAt >= this.minIntervalMs) await this.saveSnapshot();
    return result;
  }

  override async reindex(...args: Parameters<SearchIndexer['reindex']>): Promise<number> {
    const indexed = await super.reindex(...args);
    this.dirty = true;
    return indexed;
  }

  override async stop(): Promise<void> {
    await super.stop();
    if (this.dirty) await this.saveSnapshot();
  }

  /** Writes a snapshot now when the index changed since the last one; null when nothing was written. */
  async saveSnapshot(): Promise<SnapshotSaved | null> {
    try {
      const mark = await readOutboxMark(this.db);
      if (mark === null) return null;
      const saved = await saveIndexSnapshot(this.snapshot.path, this.embedded, this.snapshot.fingerprint, mark);
      this.dirty = false;
      this.lastSavedAt = performance.now();
      this.snapshot.onSaved?.(saved);
      return saved;
    } catch (error) {
      this.snapshot.onError?.(error);
      return null;
    }
  }

  /** Whether the index changed since the last snapshot. */
  get changedSinceSnapshot(): boolean {
    return this.dirty;
  }
}

async function databaseIdentifier(prisma: Db): Promise<string> {
  const rows = await prisma.$queryRaw<
    Array<{ id: string }>
  >`SELECT system_identifier::text AS id FROM pg_control_system()`;
  return rows[0]?.id ?? 'unknown';
}

async function outboxSequence(prisma: Db): Promise<bigint> {
  const rows = await prisma.$queryRaw<
    Array<{ last: string | null }>
  >`SELECT pg_sequence_last_value(pg_get_serial_sequence('"SearchOutbox"', 'id')::regclass)::text AS last`;
  return BigInt(rows[0]?.last ?? '0');
}
