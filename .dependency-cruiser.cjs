// The layering of src/ (see the README's Layout): every import points down
//   cli, server -> graphql -> services, ingest -> classification, analytics, search -> db -> domain, errors, config, logger
// `npm run check:layers` fails on an import that points up or sideways where it must not, on a
// circle, and on GraphQL or HTTP libraries used below the GraphQL layer. Type-only imports count:
// a type that crosses a layer is a dependency like any other. src/generated (Prisma's client and
// Pothos' types, written by the build) is usable from every layer and not checked itself.

const BOTTOM = '^src/(errors|config|logger)\\.ts$|^src/domain/';
const DB = '^src/db/';
const CLASSIFICATION = '^src/classification/';
const ENGINES = '^src/(classification|analytics|search)/';
const SERVICES = '^src/services/';
const INGEST = '^src/ingest/';
const GRAPHQL = '^src/graphql/';
const TOP = '^src/(server|cli)/';
/** Libraries of the GraphQL and HTTP edges. */
const EDGE_LIBRARIES = '^node_modules/(graphql|@pothos/|@apollo/|@as-integrations/|express|pino-http)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other cannot be understood or changed one at a time.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'bottom-imports-nothing-above',
      severity: 'error',
      comment: 'Domain values, errors, configuration and logging are the floor: they import no layer above.',
      from: { path: BOTTOM },
      to: { path: `${DB}|${ENGINES}|${SERVICES}|${INGEST}|${GRAPHQL}|${TOP}` },
    },
    {
      name: 'db-imports-no-layer-above',
      severity: 'error',
      from: { path: DB },
      to: { path: `${ENGINES}|${SERVICES}|${INGEST}|${GRAPHQL}|${TOP}` },
    },
    {
      name: 'classification-is-pure',
      severity: 'error',
      comment: 'The classification engine evaluates facts against encodings; it reads no database and no other engine.',
      from: { path: CLASSIFICATION },
      to: { path: `${DB}|^src/(analytics|search)/` },
    },
    {
      name: 'engines-import-no-layer-above',
      severity: 'error',
      from: { path: ENGINES },
      to: { path: `${SERVICES}|${INGEST}|${GRAPHQL}|${TOP}` },
    },
    {
      name: 'services-import-no-layer-above',
      severity: 'error',
      comment: 'Application services own their input and result types; they know nothing of GraphQL or HTTP.',
      from: { path: SERVICES },
      to: { path: `${INGEST}|${GRAPHQL}|${TOP}` },
    },
    {
      name: 'ingest-imports-no-layer-above',
      severity: 'error',
      from: { path: INGEST },
      to: { path: `${SERVICES}|${GRAPHQL}|${TOP}` },
    },
    {
      name: 'graphql-imports-no-layer-above',
      severity: 'error',
      comment: 'GraphQL maps arguments to services and results to types; loading data sets is not its job.',
      from: { path: GRAPHQL },
      to: { path: `${INGEST}|${TOP}` },
    },
    {
      name: 'server-does-not-import-cli',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-graphql-or-http-below-graphql',
      severity: 'error',
      comment: 'Below the GraphQL layer nothing knows GraphQL, Pothos, Apollo or HTTP.',
      from: { path: `${BOTTOM}|${DB}|${ENGINES}|${SERVICES}|${INGEST}` },
      to: { path: EDGE_LIBRARIES },
    },
    {
      name: 'no-unresolvable-imports',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    includeOnly: '^(src|node_modules)/',
    exclude: { path: '^src/generated/' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
