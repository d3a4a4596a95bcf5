// `npm run bench:data [-- --rows N | --remove]`: adds N (default 1,000,000) synthetic impact
// metrics to the PostgreSQL database named by DATABASE_URL (migrated and seeded first), or
// removes them. See src/analytics/synthetic-metrics.ts for what the rows look like.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateSyntheticMetrics, removeSyntheticMetrics } from '../src/analytics/synthetic-metrics.js';
import { loadConfig } from '../src/config.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, remove: { type: 'boolean', default: false } },
});
const config = loadConfig(process.env);
if (!config.DATABASE_URL) {
  console.error(
    'bench:data writes to PostgreSQL: set DATABASE_URL=postgresql://... (a database migrated and seeded with `npm run kb -- migrate && npm run kb -- seed`).',
  );
  process.exit(2);
}
const client = new pg.Client({ connectionString: config.DATABASE_URL });
await client.connect();
try {
  if (values.remove) {
    const started = performance.now();
    const removed = await removeSyntheticMetrics(client);
    console.log(`removed ${removed} synthetic impact metrics in ${Math.round(performance.now() - started)} ms`);
  } else {
    const report = await generateSyntheticMetrics(client, Number(values.rows));
    console.log(
      report.status === 'unchanged'
        ? `${report.rows} synthetic impact metrics already present; nothing written`
        : `inserted ${report.rows} synthetic impact metrics in ${report.ms} ms`,
    );
  }
} finally {
  await client.end();
}
