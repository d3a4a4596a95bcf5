// The check behind a checksum skip. A dataset whose checksum matches is not read again, so a
// row lost after it was loaded (deleted by hand, or a write lost by a damaged data directory)
// would stay lost for good. Each dataset records how many rows of each table it holds; before
// skipping, one statement counts the rows of those tables, each count stopping at the number
// expected (cheap however large the table), and a table short of rows reloads the datasets
// that write it. Rows others add (editors, benchmark data) can hide a lost row from the
// count: it is a tripwire, not a proof.
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';

/**
 * Citations are values several datasets share (the same source and section is one row), so a
 * table of shared rows holds at least the largest count one dataset recorded, not the sum.
 * Every other table's rows have one owner dataset.
 */
const SHARED_ROW_TABLES: ReadonlySet<string> = new Set<Prisma.ModelName>(['Citation']);

const MODEL_NAMES: ReadonlySet<string> = new Set(Object.values(Prisma.ModelName));

const recordedCountsSchema = z.record(z.string(), z.looseObject({ rows: z.number().int().nonnegative() }));

/** Rows per table a dataset recorded (SeedDataset.counts); empty when the record is not readable. */
export function recordedRows(counts: unknown): Map<string, number> {
  const parsed = recordedCountsSchema.safeParse(counts);
  const rows = new Map<string, number>();
  if (!parsed.success) return rows;
  for (const [table, entry] of Object.entries(parsed.data)) {
    // Entries that are not tables (e.g. "ControlProvision.supersedesId") count no rows of their own.
    if (MODEL_NAMES.has(table) && entry.rows > 0) rows.set(table, entry.rows);
  }
  return rows;
}

/** The least number of rows each table must hold, given what every dataset recorded. */
export function expectedRows(recorded: Iterable<ReadonlyMap<string, number>>): Map<string, number> {
  const expected = new Map<string, number>();
  for (const tables of recorded) {
    for (const [table, rows] of tables) {
      const before = expected.get(table) ?? 0;
      expected.set(table, SHARED_ROW_TABLES.has(table) ? Math.max(before, rows) : before + rows);
    }
  }
  return expected;
}

/** Tables holding fewer rows than expected, in one statement. */
export async function tablesShortOfRows(
  db: Pick<PrismaClient, '$queryRawUnsafe'>,
  expected: ReadonlyMap<string, number>,
): Promise<string[]> {
  const checks = [...expected].filter(([, rows]) => rows > 0);
  if (checks.length === 0) return [];
  const columns = checks.map(([table, rows], index) => {
    if (!MODEL_NAMES.has(table) || !Number.isSafeInteger(rows)) throw new Error(`not a table count: ${table}=${rows}`);
    return `(SELECT count(*)::int FROM (SELECT 1 FROM "${table}" LIMIT ${rows}) AS present) AS c${index}`;
  });
  const [counts] = await db.$queryRawUnsafe<Array<Record<string, number>>>(`SELECT ${columns.join(', ')}`);
  return checks.filter(([, rows], index) => (counts?.[`c${index}`] ?? 0) < rows).map(([table]) => table);
}
