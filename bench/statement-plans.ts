// What one statement costs inside PostgreSQL at several page sizes: EXPLAIN (ANALYZE, BUFFERS)
// of the statement the project sent for a page, run a few times (the median time is kept; the
// buffer count does not vary). A page read in order from an index costs about its size; a page
// cut from a sorted whole filtered set costs the same whatever its size.
import type pg from 'pg';

export interface CapturedStatement {
  query: string;
  params: unknown[];
}

export interface StatementCost {
  /** Median execution time of the runs, ms. */
  executionMs: number;
  /** Shared buffers hit or read by the plan. */
  buffers: number;
  /** Rows the LIMIT let through. */
  rows: number;
  /** The plan's top node and the one under it, e.g. "Limit <- Sort" or "Limit <- Nested Loop". */
  topNode: string;
}

interface AnalyzedNode {
  'Node Type': string;
  'Actual Rows': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: AnalyzedNode[];
}

export async function statementCost(pool: pg.Pool, statement: CapturedStatement, runs = 5): Promise<StatementCost> {
  const times: number[] = [];
  let last: { Plan: AnalyzedNode; 'Execution Time': number } | undefined;
  for (let run = 0; run < runs; run += 1) {
    const result = await pool.query<{ 'QUERY PLAN': Array<{ Plan: AnalyzedNode; 'Execution Time': number }> }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.query}`,
      statement.params,
    );
    last = result.rows[0]?.['QUERY PLAN'][0];
    if (last) times.push(last['Execution Time']);
  }
  if (!last) throw new Error('EXPLAIN returned no plan');
  times.sort((a, b) => a - b);
  const plan = last.Plan;
  const below = plan.Plans?.[0];
  return {
    executionMs: Number((times[Math.floor(times.length / 2)] ?? 0).toFixed(2)),
    buffers: plan['Shared Hit Blocks'] + plan['Shared Read Blocks'],
    rows: plan['Actual Rows'],
    topNode: below ? `${plan['Node Type']} <- ${below['Node Type']}` : plan['Node Type'],
  };
}
