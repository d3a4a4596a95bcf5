// The embedded index is saved to a snapshot and loaded at the next start instead of
// rebuilt, without ever losing a write: what the outbox holds since the snapshot is drained,
// and a snapshot the outbox cannot vouch for (rows drained after it) is refused.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { MIGRATIONS_DIR } from '../../src/db/migrations-dir.js';
import { seedDatabase } from '../../src/ingest/index.js';
import { EmbeddedSearchEngine } from '../../src/search/embedded-search-engine.js';
import { indexFingerprint, loadIndexSnapshot, readOutboxMark } from '../../src/search/index-snapshot.js';
import { searchDocumentId } from '../../src/search/search-documents.js';
import type { SearchEngine } from '../../src/search/search-engine.js';
import { SearchIndexer } from '../../src/search/search-indexer.js';
import { loadSearchSettings } from '../../src/search/search-settings.js';
import { openSearch, searchSnapshotPath } from '../../src/search/open-search.js';
import { loadConfig } from '../../src/config.js';

interface LogLine {
  level: number;
  msg: string;
  reason?: string;
}

const WARN = 40;

describe('embedded index snapshot', () => {
  let db: Database;
  let directory: string;
  let path: string;
  let lines: LogLine[];
  let logger: Logger;

  beforeAll(async () => {
    db = await openDatabase({
      DATA_DIR: 'unused',
      inMemory: true,
      DB_POOL_SIZE: 1,
      DB_CONNECT_TIMEOUT_MS: 5000,
      DB_STATEMENT_TIMEOUT_MS: 60_000,
    });
    await applyMigrations(db.sql, MIGRATIONS_DIR);
    await seedDatabase(db.prisma);
    directory = await mkdtemp(join(tmpdir(), 'kb-snapshot-'));
    path = join(directory, 'search-index.json');
  });

  afterAll(async () => {
    await db?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  beforeEach(() => {
    lines = [];
    logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as LogLine) });
  });

  /** Starts search as the service does, stops the background drain, returns the engine and how it was opened. */
  async function start(): Promise<{ engine: SearchEngine; source: string }> {
    const search = await openSearch(loadConfig({}), db, {
      logger,
      engine: new EmbeddedSearchEngine(),
      snapshotPath: path,
    });
    await search.indexer.stop();
    return { engine: search.engine, source: search.source };
  }

  async function renameExemption(suffix: string): Promise<{ id: string; title: string }> {
    const exemption = await db.prisma.exemption.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const title = `${exemption.name.replace(/ \(\w+\)$/u, '')} (${suffix})`;
    await db.prisma.$transaction([
      db.prisma.exemption.update({ where: { id: exemption.id }, data: { name: title } }),
      db.prisma.searchOutbox.create({ data: { entityType: 'EXEMPTION', entityId: exemption.id, operation: 'UPSERT' } }),
    ]);
    return { id: searchDocumentId('EXEMPTION', exemption.id), title };
  }

  const found = async (engine: SearchEngine, query: string): Promise<string[]> =>
    (await engine.search({ query, offset: 0, limit: 100 })).hits.map((hit) => hit.document.id);

  it('rebuilds and saves at the first start, loads the same index at the next', async () => {
    const first = await start();
    expect(first.source).toBe('rebuilt');
    expect((await stat(path)).size).toBeGreaterThan(100_000);
    const second = await start();
    expect(second.source).toBe('snapshot');
    expect(await second.engine.allIds()).toEqual(await first.engine.allIds());
    for (const query of ['thermal camera', '6A003', 'fundamental research', 'lidar', 'infrared focal plane array']) {
      const [a, b] = await Promise.all(
        [first.engine, second.engine].map((engine) =>
          engine.search({ query, offset: 0, limit: 20, facets: ['type', 'regime'] }),
        ),
      );
      // Same hits, highlights and facets; a score may differ in its last bit (a prefix sums its
      // terms in the loaded tree's order).
      const exceptScores = (response: typeof a) => ({
        ...response,
        processingTimeMs: 0,
        hits: response?.hits.map((hit) => ({ ...hit, score: 0 })),
      });
      expect(exceptScores(b), query).toEqual(exceptScores(a));
      b?.hits.forEach((hit, index) => expect(hit.score).toBeCloseTo(a?.hits[index]?.score ?? -1, 9));
    }
    expect(lines.filter((line) => line.level >= WARN)).toEqual([]);
  });

  it('drains what was written through the outbox after the snapshot: the record is searchable', async () => {
    await start();
    const written = await renameExemption('Quuxsnapshotword');
    expect(await db.prisma.searchOutbox.count()).toBe(1);
    const next = await start();
    expect(next.source).toBe('snapshot');
    expect(await found(next.engine, 'quuxsnapshotword')).toEqual([written.id]);
    expect((await next.engine.get(written.id))?.title).toBe(written.title);
    expect(await db.prisma.searchOutbox.count()).toBe(0);
    // The drain wrote a new snapshot, so the start after needs no outbox at all.
    const after = await start();
    expect(after.source).toBe('snapshot');
    expect(await found(after.engine, 'quuxsnapshotword')).toEqual([written.id]);
  });

  it('refuses a snapshot when rows were drained after it without a new one (a crash), and rebuilds', async () => {
    await start();
    const written = await renameExemption('Plughcrashword');
    // Another engine drains (and deletes) the row; the snapshot never hears of it.
    const elsewhere = new EmbeddedSearchEngine();
    await elsewhere.configure(await loadSearchSettings());
    expect((await new SearchIndexer(db.prisma, elsewhere).drainAll()).applied).toBe(1);
    expect(await db.prisma.searchOutbox.count()).toBe(0);

    const next = await start();
    expect(next.source).toBe('rebuilt');
    expect(lines.find((line) => line.level === WARN && line.msg.includes('snapshot ignored'))?.reason).toMatch(
      /drained .* since/u,
    );
    expect(await found(next.engine, 'plughcrashword')).toEqual([written.id]);
  });

  it('refuses a snapshot that knows nothing of rows older than it (another outbox)', async () => {
    await start();
    const fingerprint = await indexFingerprint(await loadSearchSettings());
    const mark = await readOutboxMark(db.prisma);
    expect(mark).not.toBeNull();
    // A row below the recorded sequence that the snapshot did not list as pending.
    const stale = await db.prisma.searchOutbox.create({
      data: { entityType: 'EXEMPTION', entityId: 'none', operation: 'UPSERT' },
    });
    const snapshot = JSON.parse(await readFile(path, 'utf8')) as { outbox: { sequence: string } };
    snapshot.outbox.sequence = stale.id.toString();
    await writeFile(path, JSON.stringify(snapshot));
    const load = await loadIndexSnapshot(path, new EmbeddedSearchEngine(), fingerprint, db.prisma);
    expect(load).toMatchObject({ loaded: false, reason: expect.stringMatching(/does not know/u) });
    await db.prisma.searchOutbox.delete({ where: { id: stale.id } });
  });

  it('ignores a corrupt or mismatched snapshot with a warning and rebuilds, never crashes', async () => {
    await start();
    const good = await readFile(path, 'utf8');

    await writeFile(path, good.slice(0, good.length / 2));
    expect((await start()).source).toBe('rebuilt');
    expect(lines.find((line) => line.level === WARN)?.reason).toMatch(/^corrupt/u);

    const broken = JSON.parse(good) as { index: { documentCount: number } };
    broken.index.documentCount += 1;
    await writeFile(path, JSON.stringify(broken));
    const engine = new EmbeddedSearchEngine();
    const fingerprint = await indexFingerprint(await loadSearchSettings());
    expect(await loadIndexSnapshot(path, engine, fingerprint, db.prisma)).toMatchObject({
      loaded: false,
      reason: expect.stringMatching(/^corrupt index/u),
    });
    expect(await engine.allIds()).toEqual([]);

    await writeFile(path, good);
    const otherSettings = await indexFingerprint({
      synonyms: {},
      stopWords: ['the'],
      lowInformationWords: [],
      spellingVariants: { words: {}, suffixes: [] },
    });
    expect(await loadIndexSnapshot(path, engine, otherSettings, db.prisma)).toMatchObject({
      loaded: false,
      reason: expect.stringMatching(/settings/u),
    });
    expect((await start()).source).toBe('snapshot');
  });

  it('applies to the embedded engine on an on-disk embedded database only', () => {
    const on = { SEARCH_SNAPSHOT: true, MEILI_HOST: undefined };
    expect(searchSnapshotPath(on, { kind: 'pglite', location: '/srv/kb/data' })).toBe('/srv/kb/data/search-index.json');
    expect(searchSnapshotPath(on, { kind: 'pglite', location: 'memory://' })).toBeUndefined();
    expect(searchSnapshotPath(on, { kind: 'postgresql', location: 'postgresql://db:5432/kb' })).toBeUndefined();
    expect(
      searchSnapshotPath({ ...on, SEARCH_SNAPSHOT: false }, { kind: 'pglite', location: '/srv/kb/data' }),
    ).toBeUndefined();
    expect(
      searchSnapshotPath({ ...on, MEILI_HOST: 'http://127.0.0.1:7700' }, { kind: 'pglite', location: '/srv/kb/data' }),
    ).toBeUndefined();
  });
});
