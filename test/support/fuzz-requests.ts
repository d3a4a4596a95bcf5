// The bad requests of the fuzz test, as fast-check arbitraries (so a seed reproduces a run):
// random bytes, wrong content types and methods, broken JSON, huge and deep documents, alias,
// fragment and directive bombs, values of the wrong type, bad global ids and cursors, and
// hostile text (fuzz-payloads.ts) in every text position of the schema (fuzz-schema-targets.ts)
// and in the export downloads' parameters.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { INJECTIONS, INVALID_UTF8, UNICODE_EDGES } from './fuzz-payloads.js';
import {
  cursorFields,
  fieldsWithArguments,
  operationFor,
  operationWithText,
  textTargets,
  type FuzzOperation,
} from './fuzz-schema-targets.js';

export interface FuzzRequest {
  /** The family of the request (counted in the summary; named in failures). */
  kind: string;
  method: string;
  /** Path and query string. */
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer>;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const utf8 = (text: string) => new TextEncoder().encode(text);

function post(kind: string, body: string | Uint8Array, headers: Record<string, string> = JSON_TYPE): FuzzRequest {
  return {
    kind,
    method: 'POST',
    path: '/graphql',
    headers,
    body: typeof body === 'string' ? utf8(body) : Uint8Array.from(body),
  };
}

const postOperation = (kind: string, operation: FuzzOperation) => post(kind, JSON.stringify(operation));

const GOOD_QUERY = '{ provision(code: "6A003", regime: US_EAR) { code title } }';

const randomBytes = fc
  .record({
    bytes: fc.uint8Array({ maxLength: 4096 }),
    type: fc.constantFrom(
      'application/json',
      'application/graphql-response+json',
      'text/plain',
      'application/octet-stream',
    ),
  })
  .map(({ bytes, type }) => post('random bytes', bytes, { 'content-type': type }));

const CONTENT_TYPES = [
  'text/plain',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/graphql',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset="',
  '*/*',
  '',
  'application/jsonx',
  'json',
  'application/json, text/plain',
  ';;;',
];

const wrongContentType = fc
  .record({ type: fc.constantFrom(...CONTENT_TYPES), form: fc.boolean() })
  .map(({ type, form }) =>
    post(
      'wrong content type',
      form ? `query=${encodeURIComponent(GOOD_QUERY)}` : JSON.stringify({ query: GOOD_QUERY }),
      {
        'content-type': type,
      },
    ),
  );

const METHODS = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'GET', 'HEAD'];
const otherMethods = fc
  .record({
    method: fc.constantFrom(...METHODS),
    query: fc.oneof(fc.constant(GOOD_QUERY), fc.string({ maxLength: 200 })),
  })
  .map(({ method, query }): FuzzRequest => ({
    kind: 'other methods and GET',
    method,
    path: `/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent('{"x":')}`,
    headers: method === 'GET' ? { 'apollo-require-preflight': 'true' } : {},
  }));

/** A valid body cut short, with a character inserted, or with one removed. */
const brokenJson = fc
  .record({
    position: fc.nat(),
    cut: fc.constantFrom('truncate', 'insert', 'delete'),
    char: fc.string({ minLength: 1, maxLength: 1 }),
  })
  .map(({ position, cut, char }) => {
    const text = JSON.stringify({ query: GOOD_QUERY, variables: { a: [1, 2, { b: null }] } });
    const at = position % text.length;
    const broken =
      cut === 'truncate'
        ? text.slice(0, at)
        : cut === 'insert'
          ? text.slice(0, at) + char + text.slice(at)
          : text.slice(0, at) + text.slice(at + 1);
    return post('broken JSON', broken);
  });

/** Well-formed JSON of the wrong shape: not an object, or fields of the wrong type. */
const wrongShape = fc
  .oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record(
      {
        query: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(GOOD_QUERY)),
        variables: fc.jsonValue({ maxDepth: 2 }),
        operationName: fc.jsonValue({ maxDepth: 1 }),
        extensions: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    ),
    fc.array(fc.constant({ query: GOOD_QUERY }), { minLength: 1, maxLength: 5 }),
  )
  .map((value) => post('JSON of the wrong shape', JSON.stringify(value)));

const PERSISTED = [
  { persistedQuery: { version: 1, sha256Hash: 'not-a-hash' } },
  { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
  { persistedQuery: { version: 2, sha256Hash: 'a' } },
  { persistedQuery: 'x' },
  { persistedQuery: { version: 1 } },
];
const persistedQueries = fc
  .record({ extensions: fc.constantFrom(...PERSISTED), withQuery: fc.boolean() })
  .map(({ extensions, withQuery }) =>
    post('persisted-query hashes', JSON.stringify(withQuery ? { query: GOOD_QUERY, extensions } : { extensions })),
  );

const unsupportedOperations = fc
  .constantFrom(
    'mutation { __typename }',
    'subscription { __typename }',
    'mutation M { provision(code: "6A003") { code } }',
    'query A { __typename } query B { __typename }',
    '{ __typename } { __typename }',
  )
  .map((query) => post('unsupported operations', JSON.stringify({ query })));

/** Documents past the character, token or body limits, or padded up to them. */
const hugeDocuments = fc
  .record({
    shape: fc.constantFrom('fields', 'whitespace', 'comment', 'string literal', 'tokens', 'body limit', 'variables'),
    size: fc.integer({ min: 10_000, max: 60_000 }),
  })
  .map(({ shape, size }) => {
    switch (shape) {
      case 'fields':
        return post('huge documents', JSON.stringify({ query: `{ ${'__typename '.repeat(size / 11)} }` }));
      case 'whitespace':
        return post('huge documents', JSON.stringify({ query: `{${' '.repeat(size)}__typename }` }));
      case 'comment':
        return post('huge documents', JSON.stringify({ query: `# ${'x'.repeat(size)}\n{ __typename }` }));
      case 'string literal':
        return post(
          'huge documents',
          JSON.stringify({ query: `{ search(query: "${'a'.repeat(size)}") { totalCount } }` }),
        );
      case 'tokens':
        return post('huge documents', JSON.stringify({ query: `{ ${'a '.repeat(Math.min(size, 14_000) / 2)} }` }));
      case 'body limit':
        return post('huge documents', JSON.stringify({ query: GOOD_QUERY, variables: { x: 'y'.repeat(size * 3) } }));
      default:
        return post(
          'huge documents',
          JSON.stringify({
            query: GOOD_QUERY,
            variables: Object.fromEntries(Array.from({ length: size / 20 }, (_, i) => [`v${i}`, i])),
          }),
        );
    }
  });

/** Selections, list and object literals, variables and parentheses nested far too deep. */
const deepDocuments = fc
  .record({
    shape: fc.constantFrom(
      'selection',
      'children',
      'list literal',
      'object literal',
      'json variables',
      'parentheses',
      'inline fragments',
    ),
    depth: fc.integer({ min: 11, max: 4000 }),
  })
  .map(({ shape, depth }) => {
    switch (shape) {
      case 'selection':
        return post('deep documents', JSON.stringify({ query: `${'{ a '.repeat(depth)}${'}'.repeat(depth)}` }));
      case 'children': {
        const levels = Math.min(depth, 700);
        const query = `{ provision(code: "6A003", regime: US_EAR) { ${'children { '.repeat(levels)}code${' }'.repeat(levels)} } }`;
        return post('deep documents', JSON.stringify({ query }));
      }
      case 'list literal':
        return post(
          'deep documents',
          JSON.stringify({ query: `{ nodes(ids: ${'['.repeat(depth)}"x"${']'.repeat(depth)}) { id } }` }),
        );
      case 'object literal':
        return post(
          'deep documents',
          JSON.stringify({
            query: `{ provisions(filter: ${'{ a: '.repeat(depth)}1${' }'.repeat(depth)}) { totalCount } }`,
          }),
        );
      case 'json variables': {
        const nested = `${'{"a":'.repeat(depth * 2)}1${'}'.repeat(depth * 2)}`;
        return post(
          'deep documents',
          `{"query":"query D($f: ProvisionFilter) { provisions(filter: $f) { totalCount } }","variables":{"f":${nested}}}`,
        );
      }
      case 'parentheses':
        return post('deep documents', JSON.stringify({ query: `{ a${'('.repeat(depth)} }` }));
      default:
        return post(
          'deep documents',
          JSON.stringify({
            query: `{ ${'... on Query { '.repeat(Math.min(depth, 900))}__typename${' }'.repeat(Math.min(depth, 900))} }`,
          }),
        );
    }
  });

const EXPENSIVE_FIELDS = [
  'itemFacts { name description }',
  'classifyItem(item: { facts: [] }) { controlled }',
  'search(query: "thermal camera") { totalCount }',
  'impactStats(measures: [COUNT]) { rowCount }',
  'checkExemptions(input: { item: { facts: [] } }) { verdict }',
  'provisions(first: 100) { edges { node { code } } }',
];
const aliasBombs = fc
  .record({
    field: fc.constantFrom(...EXPENSIVE_FIELDS),
    count: fc.integer({ min: 10, max: 400 }),
    nested: fc.boolean(),
  })
  .map(({ field, count, nested }) => {
    const aliases = Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');
    const query = nested
      ? `{ ${Array.from({ length: 4 }, (_, i) => `n${i}: __type(name: "Query") { name }`).join(' ')} ${aliases} }`
      : `{ ${aliases} }`;
    return post('alias bombs', JSON.stringify({ query }));
  });

/** Fragments spread exponentially, in cycles, unknown, unused by the thousand, on the wrong type. */
const fragmentBombs = fc
  .record({
    shape: fc.constantFrom('exponential', 'cycle', 'self', 'unknown', 'unused', 'wrong type', 'overlapping'),
    n: fc.integer({ min: 2, max: 40 }),
  })
  .map(({ shape, n }) => {
    let query: string;
    switch (shape) {
      case 'exponential': {
        const fragments = [`fragment F0 on Query { itemFacts { name } }`];
        for (let i = 1; i <= n; i += 1) fragments.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
        query = `{ ...F${n} } ${fragments.join(' ')}`;
        break;
      }
      case 'cycle':
        query = `{ ...A } ${Array.from({ length: n }, (_, i) => `fragment ${i === 0 ? 'A' : `C${i}`} on Query { ...${i + 1 === n ? 'A' : `C${i + 1}`} }`).join(' ')}`;
        break;
      case 'self':
        query = '{ ...S } fragment S on Query { __typename ...S }';
        break;
      case 'unknown':
        query = `{ ${Array.from({ length: n }, (_, i) => `...Missing${i}`).join(' ')} }`;
        break;
      case 'unused':
        query = `{ __typename } ${Array.from({ length: n * 50 }, (_, i) => `fragment U${i} on Query { __typename }`).join(' ')}`;
        break;
      case 'wrong type':
        query = `{ ...W } fragment W on ControlProvision { code }`;
        break;
      default:
        // Same response name, different arguments: the field-merging validation is quadratic.
        query = `{ ${Array.from({ length: n * 20 }, (_, i) => `itemFacts(filter: { name: "f${i}" }) { name }`).join(' ')} }`;
    }
    return post('fragment bombs', JSON.stringify({ query }));
  });

const directiveBombs = fc
  .record({
    count: fc.integer({ min: 10, max: 1500 }),
    directive: fc.constantFrom(
      '@include(if: true)',
      '@skip(if: false)',
      '@unknown',
      '@deprecated',
      '@include(if: $missing)',
    ),
  })
  .map(({ count, directive }) =>
    post('directive bombs', JSON.stringify({ query: `{ __typename ${directive.concat(' ').repeat(count)}}` })),
  );

/** Values that are the wrong type for whatever argument they are given to. */
const badValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    null,
    -1,
    0,
    101,
    2 ** 31,
    2 ** 53 + 1,
    -(2 ** 63),
    1.5,
    '10',
    '',
    [],
    {},
    [[[]]],
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
    'NOT_A_VALUE',
    true,
  ),
);
const wrongVariableTypes = fc
  .record({
    field: fc.constantFrom(...fieldsWithArguments),
    argument: fc.nat(),
    value: badValue,
    mismatch: fc.constantFrom('value', 'declared', 'undeclared', 'variables not an object', 'huge number'),
  })
  .map(({ field, argument, value, mismatch }) => {
    const operation = operationFor(field, {});
    const names = Object.keys(operation.variables);
    const name = names.length > 0 ? names[argument % names.length] : undefined;
    if (mismatch === 'value' && name)
      return postOperation('wrong variable types', {
        ...operation,
        variables: { ...operation.variables, [name]: value },
      });
    if (mismatch === 'declared' && name)
      return postOperation('wrong variable types', {
        query: operation.query.replace(/\$(\w+): [^,)]+/u, '$$$1: [[Float!]!]'),
        variables: operation.variables,
      });
    if (mismatch === 'undeclared')
      return postOperation('wrong variable types', {
        query: `{ search(query: $q) { totalCount } }`,
        variables: { q: value },
      });
    if (mismatch === 'huge number')
      return post(
        'wrong variable types',
        `{"query":"query P($n: Int) { provisions(first: $n) { totalCount } }","variables":{"n":1e400}}`,
      );
    return post('wrong variable types', JSON.stringify({ query: operation.query, variables: value }));
  });

const TYPE_NAMES = [
  'ControlProvision',
  'Exemption',
  'StakeholderConsultation',
  'Submission',
  'ImpactAssessment',
  'GuidanceDocument',
  'Query',
  'User',
  '',
];
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const badId = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...TYPE_NAMES),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.integer().map(String),
        fc.constantFrom('-1', '0', '1e9', 'NaN', '00000000-0000-0000-0000-000000000000'),
      ),
    )
    .map(([type, key]) => base64(`${type}:${key}`)),
  fc.string({ maxLength: 60 }),
  fc.base64String({ maxLength: 80 }),
  fc.constantFrom(
    '',
    '=',
    '====',
    '!@#$',
    'a'.repeat(10_000),
    base64('{"id":1}'),
    base64('arrayconnection:-1'),
    base64('arrayconnection:99999999999'),
    base64('cursor:"\'; --'),
  ),
  fc.constantFrom(...INJECTIONS),
);
const badIds = fc
  .record({
    id: badId,
    where: fc.constantFrom('node', 'nodes', 'cursor after', 'cursor before'),
    field: fc.constantFrom(...cursorFields),
    inline: fc.boolean(),
  })
  .map(({ id, where, field, inline }) => {
    if (where === 'node') return postOperation('bad ids and cursors', operationFor('node', { id }, inline));
    if (where === 'nodes')
      return postOperation('bad ids and cursors', operationFor('nodes', { ids: [id, id] }, inline));
    const values = where === 'cursor after' ? { after: id, first: 5 } : { before: id, last: 5 };
    return postOperation('bad ids and cursors', operationFor(field, values, inline));
  });

const hostileText = (kind: string, payloads: fc.Arbitrary<string>) =>
  fc
    .record({ target: fc.constantFrom(...textTargets), payload: payloads, inline: fc.boolean() })
    .map(({ target, payload, inline }) => postOperation(kind, operationWithText(target, payload, inline)));

const injections = hostileText('injection strings', fc.constantFrom(...INJECTIONS));
const unicode = hostileText(
  'unicode edge cases',
  fc.oneof(
    fc.constantFrom(...UNICODE_EDGES),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme-composite', maxLength: 20 }),
  ),
);

/** A text position holding bytes that are not UTF-8 (overlong forms, surrogates, truncations). */
const invalidUtf8 = fc
  .record({ target: fc.constantFrom(...textTargets), bytes: fc.constantFrom(...INVALID_UTF8) })
  .map(({ target, bytes }) => {
    const marker = 'INVALID_UTF8_HERE';
    const text = JSON.stringify(operationWithText(target, marker, false));
    const [before, after] = text.split(marker) as [string, string];
    return post('invalid UTF-8', new Uint8Array([...utf8(before), ...bytes, ...utf8(after ?? '')]));
  });

const ENCODINGS = ['gzip', 'deflate', 'br', 'zstd', 'gzip, gzip', 'identity', 'x-unknown'];
const compressedBodies = fc
  .record({ encoding: fc.constantFrom(...ENCODINGS), bytes: fc.uint8Array({ maxLength: 512 }), valid: fc.boolean() })
  .map(({ encoding, bytes, valid }) => {
    const body = valid && encoding === 'gzip' ? new Uint8Array(gzipSync(JSON.stringify({ query: GOOD_QUERY }))) : bytes;
    return post('compressed bodies', body, { 'content-type': 'application/json', 'content-encoding': encoding });
  });

const EXPORTS = [
  '/export/impact-stats.csv',
  '/export/impact-stats.json',
  '/export/impact-series.csv',
  '/export/licensing-stats.json',
  '/export/nothing.csv',
];
const EXPORT_PARAMETERS = [
  'jurisdictions',
  'indicators',
  'dimensions',
  'sectors',
  'regions',
  'units',
  'provisionIds',
  'assessmentIds',
  'periodFrom',
  'periodTo',
  'measures',
  'groupBy',
  'indicator',
  'interval',
  'ratings',
  'destinations',
  'includeSynthetic',
  'mixedUnits',
  '__proto__',
];
const exportParameters = fc
  .record({
    path: fc.constantFrom(...EXPORTS),
    parameter: fc.constantFrom(...EXPORT_PARAMETERS),
    value: fc.oneof(fc.constantFrom(...INJECTIONS, ...UNICODE_EDGES), fc.string({ maxLength: 40 })),
    repeat: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ path, parameter, value, repeat }): FuzzRequest => {
    const query = new URLSearchParams([
      ['measures', 'COUNT'],
      ['interval', 'YEAR'],
      ['indicator', 'x'],
      ...Array.from({ length: repeat }, () => [parameter, value] as [string, string]),
    ]);
    return { kind: 'export parameters', method: 'GET', path: `${path}?${query.toString()}`, headers: {} };
  });

/** Every family, weighted so that hostile text in schema positions is about half of the run. */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { arbitrary: injections, weight: 30 },
  { arbitrary: unicode, weight: 15 },
  { arbitrary: invalidUtf8, weight: 4 },
  { arbitrary: badIds, weight: 10 },
  { arbitrary: wrongVariableTypes, weight: 10 },
  { arbitrary: randomBytes, weight: 4 },
  { arbitrary: wrongContentType, weight: 3 },
  { arbitrary: otherMethods, weight: 2 },
  { arbitrary: brokenJson, weight: 4 },
  { arbitrary: wrongShape, weight: 4 },
  { arbitrary: persistedQueries, weight: 1 },
  { arbitrary: unsupportedOperations, weight: 1 },
  { arbitrary: hugeDocuments, weight: 2 },
  { arbitrary: deepDocuments, weight: 3 },
  { arbitrary: aliasBombs, weight: 2 },
  { arbitrary: fragmentBombs, weight: 2 },
  { arbitrary: directiveBombs, weight: 1 },
  { arbitrary: compressedBodies, weight: 2 },
  { arbitrary: exportParameters, weight: 4 },
);
