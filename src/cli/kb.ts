// The one `kb` command: serve, migrate, seed, reindex.
import './production-default.js';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { exitIfDataDirLocked } from '../db/data-dir-lock.js';
import { applyMigrations } from '../db/migrate.js';
import { seedDatabase } from '../ingest/index.js';
import { createLogger, type Logger } from '../logger.js';
import { MIGRATIONS_DIR } from '../db/migrations-dir.js';
import { rebuildSearchIndex } from '../search/open-search.js';
import { startService } from '../server/service.js';
import { armExitWatchdog } from './exit-watchdog.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/** How long after the shutdown timeout a process still blocked is killed. */
const WATCHDOG_MARGIN_MS = 1000;

async function serve(config: Config, logger: Logger): Promise<void> {
  const service = await startService(config, logger);
  let signalled = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      logger.error({ ms: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    // The timer above needs the main thread; a long embedded statement can hold it past the time.
    armExitWatchdog(config.SHUTDOWN_TIMEOUT_MS + WATCHDOG_MARGIN_MS);
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  try {
    await service.ready;
  } catch (error) {
    exitIfDataDirLocked(error);
    logger.fatal({ err: error }, 'start-up failed');
    await service.stop().catch(() => undefined);
    process.exit(1);
  }
}

async function withDatabase(
  config: Config,
  logger: Logger,
  work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>,
) {
  const db = await openDatabase(config);
  try {
    await work(db);
  } finally {
    await db.close();
  }
  logger.debug('database closed');
}

const program = new Command()
  .name('kb')
  .description(
    'Export-control knowledge base: GraphQL API over control lists, exemptions, consultations and impact data',
  );

program
  .command('serve')
  .description('migrate, seed on first start, and serve GraphQL on PORT (default 4000)')
  .action(async () => {
    const config = configOrExit();
    await serve(config, createLogger(config));
  });

program
  .command('migrate')
  .description('apply the committed SQL migrations (recorded as prisma migrate deploy does)')
  .action(async () => {
    const config = configOrExit();
    const logger = createLogger(config);
    await withDatabase(config, logger, async (db) => {
      const report = await applyMigrations(db.sql, MIGRATIONS_DIR);
      logger.info(report, 'migrations');
    });
  });

program
  .command('seed')
  .description('load seed/ into the database (idempotent; unchanged datasets are skipped)')
  .action(async () => {
    const config = configOrExit();
    const logger = createLogger(config);
    await withDatabase(config, logger, async (db) => {
      await applyMigrations(db.sql, MIGRATIONS_DIR);
      const report = await seedDatabase(db.prisma, { log: (msg, data) => logger.info(data ?? {}, msg) });
      logger.info({ seed: report }, 'seed');
    });
  });

program
  .command('reindex')
  .description('rebuild the search index from the database, with a progress bar')
  .action(async () => {
    const config = configOrExit();
    const logger = createLogger(config);
    await withDatabase(config, logger, async (db) => {
      await applyMigrations(db.sql, MIGRATIONS_DIR);
      // Types are indexed one after another: one bar per type, started on its first page.
      let bar: SingleBar | undefined;
      let current = '';
      const rebuilt = await rebuildSearchIndex(config, db, (progress) => {
        if (progress.type !== current) {
          bar?.stop();
          current = progress.type;
          bar = new SingleBar(
            {
              format: `${progress.type.padEnd(18)} |{bar}| {value}/{total}`,
              noTTYOutput: true,
              notTTYSchedule: 500,
            },
            Presets.shades_classic,
          );
          bar.start(progress.total, 0);
        }
        bar?.update(progress.indexed);
      });
      bar?.stop();
      if (rebuilt.snapshot) {
        logger.info({ path: rebuilt.snapshot.path, bytes: rebuilt.snapshot.bytes }, 'search index snapshot saved');
      }
      logger.info({ engine: rebuilt.engine, documents: rebuilt.documents }, 'reindexed');
    });
  });

await program.parseAsync(process.argv).catch((error: unknown) => {
  // Another process owns DATA_DIR: its one-line message and exit code 3, no stack.
  exitIfDataDirLocked(error);
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
