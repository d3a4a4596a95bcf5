// The embedded database's counterpart of pg-prepared-statements.ts. PGlite runs PostgreSQL inside
// this process, so parsing and planning a statement costs the event loop itself: for a page of
// ten provisions, about a millisecond of the three its statement took. Each read is prepared once
// under the name made from its text, through the extended protocol messages PGlite's own `query`
// sends (Parse, Describe, Bind, Execute, Sync), the Parse and the statement's Describe only the
// first time. At most PREPARED_STATEMENTS are kept; preparing one more closes the one used
// longest ago.
// PGlite's `query` takes its two locks (no statement while a transaction runs, one statement at a
// time) and serialises the values by the parameter types the database describes; the same is done
// here through the methods its interface declares for that.
import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import { statementName } from './pg-prepared-statements.js';

const PREPARED_STATEMENTS = 100;

type BackendMessages = Awaited<ReturnType<PGlite['execProtocolStream']>>;

/**
 * Per database, parameter types by statement name, in the order of their last use (a Map keeps
 * insertion order). Kept with the database, not the reader: a name is prepared once per session,
 * whichever reader prepared it.
 */
const preparedIn = new WeakMap<PGlite, Map<string, number[]>>();

/** Reads rows with `sql` prepared once in `pglite`, keeping `kept` prepared. */
export function preparedPgliteReader(pglite: PGlite, kept = PREPARED_STATEMENTS) {
  const prepared = preparedIn.get(pglite) ?? new Map<string, number[]>();
  preparedIn.set(pglite, prepared);
  const send = (message: Uint8Array) => pglite.execProtocolStream(message, { syncToFs: false });
  const { serialize } = protocol;

  async function prepare(name: string, sql: string): Promise<number[]> {
    await send(serialize.parse({ name, text: sql }));
    let types: number[];
    try {
      types = parse.parseDescribeStatementResults(await send(serialize.describe({ type: 'S', name })));
    } catch (error) {
      // Not recorded as prepared, so it must not stay prepared: its next Parse would be refused.
      // After an error the database ignores every message up to a Sync.
      await send(serialize.sync());
      await send(serialize.close({ type: 'S', name }));
      throw error;
    }
    for (const oldest of prepared.keys()) {
      if (prepared.size < kept) break;
      prepared.delete(oldest);
      await send(serialize.close({ type: 'S', name: oldest }));
    }
    return types;
  }

  return async <Row extends Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<Row[]> => {
    await pglite._checkReady();
    return pglite._runExclusiveTransaction(() =>
      pglite._runExclusiveQuery(async () => {
        const name = statementName(sql);
        const messages: BackendMessages = [];
        try {
          const types = prepared.get(name) ?? (await prepare(name, sql));
          prepared.delete(name);
          prepared.set(name, types);
          const values = params.map((value, index) => {
            if (value === null || value === undefined) return null;
            const serializer = pglite.serializers[types[index] ?? 0];
            return serializer ? serializer(value) : String(value);
          });
          messages.push(...(await send(serialize.bind({ statement: name, values }))));
          messages.push(...(await send(serialize.describe({ type: 'P' }))));
          messages.push(...(await send(serialize.execute({}))));
        } finally {
          messages.push(...(await send(serialize.sync())));
        }
        return (parse.parseResults(messages, pglite.parsers)[0]?.rows ?? []) as Row[];
      }),
    );
  };
}
