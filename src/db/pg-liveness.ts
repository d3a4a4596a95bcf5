// Fails queries fast when the PostgreSQL server stops answering without closing its sockets (a
// frozen or hung host, a network path that drops packets). The operating system keeps such
// connections open, so a query waits for its answer until the server-side statement timeout,
// which a frozen server never enforces. A client-side cut per query cannot tell a frozen server
// from a legitimately slow statement, so the decision is made by asking the server instead:
// while some pooled connection has been busy for longer than `slowAfterMs`, a fresh connection
// runs `SELECT 1` within `probeTimeoutMs`. If that fails, the server is not answering anyone,
// and every pooled connection is cut: their queries fail at once with a connection error (read
// as DATABASE_UNAVAILABLE), and the pool opens new connections, which work again as soon as the
// server does. A slow statement on a healthy server passes the probe and is left alone.
import type { Socket } from 'node:net';
import pg from 'pg';

export interface PoolLivenessOptions {
  connectionString: string;
  /** A connection busy this long (ms) makes the watch ask whether the server still answers. */
  slowAfterMs: number;
  /** How long (ms) the probe may take to connect and answer. */
  probeTimeoutMs: number;
  /** How often (ms) busy connections are looked at. */
  intervalMs: number;
}

export interface PoolLivenessWatch {
  stop(): void;
}

/** The socket under a node-postgres client (public at run time, absent from its types). */
function socketOf(client: pg.ClientBase): Socket | undefined {
  const connection = (client as unknown as { connection?: { stream?: Socket } }).connection;
  return connection?.stream;
}

const STOPPED_ANSWERING = 'Database server stopped answering (liveness probe failed)';

async function probe(options: PoolLivenessOptions): Promise<string | undefined> {
  const client = new pg.Client({
    connectionString: options.connectionString,
    connectionTimeoutMillis: options.probeTimeoutMs,
    query_timeout: options.probeTimeoutMs,
  });
  // A probe that fails must not crash the process through an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    // end() would wait for a goodbye a frozen server never sends.
    socketOf(client)?.destroy();
  }
}

export function watchPoolLiveness(pool: pg.Pool, options: PoolLivenessOptions): PoolLivenessWatch {
  const clients = new Set<pg.PoolClient>();
  const busySince = new Map<pg.PoolClient, number>();
  pool.on('connect', (client) => {
    clients.add(client);
    // A cut connection emits 'error'; while it is checked out the pool has no listener on it,
    // and an unheard 'error' would end the process. Its query fails on its own.
    client.on('error', () => undefined);
  });
  pool.on('acquire', (client) => busySince.set(client, Date.now()));
  // A connection coming back shows the server answered someone.
  let lastAnswer = Date.now();
  pool.on('release', (_error, client) => {
    busySince.delete(client);
    lastAnswer = Date.now();
  });
  pool.on('remove', (client) => {
    clients.delete(client);
    busySince.delete(client);
  });

  let probing = false;
  const timer = setInterval(() => {
    if (probing) return;
    const now = Date.now();
    const slow = [...busySince.values()].some((since) => now - since >= options.slowAfterMs);
    if (!slow) return;
    probing = true;
    const probedAt = Date.now();
    void probe(options)
      .then((failure) => {
        // A server that answered another query meanwhile is busy, not gone: leave it be.
        if (failure === undefined || lastAnswer > probedAt) return;
        for (const client of clients) socketOf(client)?.destroy(new Error(`${STOPPED_ANSWERING}: ${failure}`));
      })
      .finally(() => {
        probing = false;
      });
  }, options.intervalMs);
  // The watch never keeps the process alive on its own.
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}
