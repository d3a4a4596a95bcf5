// Child process of the bench: PostGraphile 4 serving the bench's PostgreSQL database. It runs
// apart because npm hoisted some of PostGraphile's modules (graphile-build-pg) beside the
// project's graphql 16 while PostGraphile itself holds graphql 15: every `graphql` import in
// this process is sent to PostGraphile's copy, so its schema and its executor agree.
// Argument: the database URL, then the pool size. Sends `{ url }` once it listens.
import { createServer } from 'node:http';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

const requireHere = createRequire(import.meta.url);
const postgraphileDir = dirname(requireHere.resolve('postgraphile/package.json'));
const graphql15 = dirname(requireHere.resolve('graphql/package.json', { paths: [postgraphileDir] }));

type Resolve = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = (request, parent, isMain, options) =>
  request === 'graphql' || request.startsWith('graphql/')
    ? resolveFilename(join(graphql15, request.slice('graphql'.length)), parent, isMain, options)
    : resolveFilename(request, parent, isMain, options);

const [databaseUrl, poolSize] = process.argv.slice(2);
// Required only now, after the redirection above (and by require: PostGraphile is CommonJS, and
// its re-exports are invisible to the ESM loader's named imports).
const pg = requireHere('pg') as typeof import('pg');
const { makeJSONPgSmartTagsPlugin, postgraphile } = requireHere('postgraphile') as typeof import('postgraphile');

// PostGraphile names the filter type of table Exemption "ExemptionCondition", which is also the
// name of table ExemptionCondition's type: a smart tag renames the latter in the schema only
// (nothing is written to the database).
const renames = makeJSONPgSmartTagsPlugin({
  version: 1,
  config: { class: { ExemptionCondition: { tags: { name: 'ExemptionConditionRow' } } } },
});

const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(poolSize ?? 8) });
pool.on('error', () => undefined);
const handler = postgraphile(pool, 'public', {
  appendPlugins: [renames],
  disableDefaultMutations: true,
  disableQueryLog: true,
  dynamicJson: true,
  graphqlRoute: '/graphql',
  retryOnInitFail: false,
});
const server = createServer(handler);
server.listen(0, '127.0.0.1', () => {
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` });
});
process.on('disconnect', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
