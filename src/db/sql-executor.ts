// The narrow SQL surface the migration runner and readiness checks need, implemented by
// both PGlite and node-postgres, so neither depends on the Prisma client being generated.

export interface SqlExecutor {
  /** Runs one or more statements with no parameters (migration scripts). */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `work` inside a transaction on one connection. */
  transaction<T>(work: (tx: Omit<SqlExecutor, 'transaction'>) => Promise<T>): Promise<T>;
}
