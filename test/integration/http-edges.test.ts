// The HTTP edge of /graphql against what an anonymous client can send: corrupt or unknown
// compressed bodies, operations the schema has no root for, persisted-query mistakes, floods of
// variable errors, introspection and suggestions, security headers, the status of request errors
// by media type, and safelist mode. Each is a typed 4xx, and none writes an error log line.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

interface ErrorBody {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
}

const KEY = 'introspection-key-for-tests-0123456789';
const JSON_TYPE = { 'content-type': 'application/json' };

async function errorOf(response: Response): Promise<{ status: number; code?: string; message: string }> {
  const body = (await response.json()) as ErrorBody;
  const [first] = body.errors ?? [];
  return { status: response.status, code: first?.extensions?.code, message: first?.message ?? '' };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describeWithDatabase('HTTP edges of /graphql', () => {
  let service: TestService;
  const logLines: Array<{ level: number; msg: string }> = [];
  const errorLines = () => logLines.filter((line) => line.level >= 50);
  beforeAll(async () => {
    const logger = pino({ level: 'info' }, { write: (line: string) => logLines.push(JSON.parse(line)) });
    service = await startTestService({ INTROSPECTION_KEYS: KEY }, { logger });
  });
  afterAll(async () => {
    await service?.stop();
  });
  beforeEach(() => {
    logLines.length = 0;
  });

  const query = JSON.stringify({ query: '{ __typename }' });

  it('a compressed body that decompresses is read (gzip, deflate, br)', async () => {
    for (const [encoding, body] of [
      ['gzip', gzipSync(query)],
      ['deflate', deflateSync(query)],
      ['br', brotliCompressSync(query)],
    ] as const) {
      const response = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        body,
        headers: { ...JSON_TYPE, 'content-encoding': encoding },
      });
      expect(response.status, encoding).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    }
  });

  it('a corrupt compressed body gets 400 CORRUPT_REQUEST_BODY naming the encoding, never 500', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const truncated = gzipSync(query).subarray(0, 12);
      for (const body of ['{"query":"{ __typename }"}', truncated]) {
        const response = await fetch(`${service.url}/graphql`, {
          method: 'POST',
          body,
          headers: { ...JSON_TYPE, 'content-encoding': encoding },
        });
        const error = await errorOf(response);
        expect(error, encoding).toMatchObject({ status: 400, code: 'CORRUPT_REQUEST_BODY' });
        expect(error.message).toContain(encoding);
      }
    }
    expect(errorLines()).toEqual([]);
  });

  it('an unknown content-encoding gets 415 UNSUPPORTED_CONTENT_ENCODING with the accepted ones', async () => {
    for (const encoding of ['zstd', 'gzip, gzip', 'compress']) {
      const response = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        body: query,
        headers: { ...JSON_TYPE, 'content-encoding': encoding },
      });
      expect(response.headers.get('accept-encoding')).toBe('gzip, deflate, br, identity');
      expect(await errorOf(response), encoding).toMatchObject({ status: 415, code: 'UNSUPPORTED_CONTENT_ENCODING' });
    }
  });

  it('a compressed body that inflates past the body limit gets 413 (a decompression bomb)', async () => {
    const bomb = gzipSync(JSON.stringify({ query: '{ __typename }', variables: { pad: ' '.repeat(20_000_000) } }));
    expect(bomb.length).toBeLessThan(100_000);
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      body: bomb,
      headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
    });
    expect(await errorOf(response)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it.each(['mutation { __typename }', 'subscription { __typename }', 'mutation M { x: __typename }'])(
    '%s gets 400 OPERATION_NOT_SUPPORTED and no error log line',
    async (document) => {
      const error = await errorOf(await service.post(JSON.stringify({ query: document })));
      expect(error).toMatchObject({ status: 400, code: 'OPERATION_NOT_SUPPORTED' });
      expect(error.message).toMatch(/does not support (mutation|subscription) operations; it answers query/);
      expect(errorLines()).toEqual([]);
    },
  );

  it('an APQ hash that does not match its query gets 400 PERSISTED_QUERY_HASH_MISMATCH', async () => {
    const body = {
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('other') } },
    };
    const error = await errorOf(await service.post(JSON.stringify(body)));
    expect(error).toMatchObject({ status: 400, code: 'PERSISTED_QUERY_HASH_MISMATCH' });
    expect(error.message).toMatch(/sha256Hash/);
    expect(errorLines()).toEqual([]);
  });

  it('an unsupported APQ version gets 400 PERSISTED_QUERY_VERSION_UNSUPPORTED; a matching hash runs', async () => {
    const text = '{ __typename }';
    const wrong = { query: text, extensions: { persistedQuery: { version: 2, sha256Hash: sha256(text) } } };
    expect(await errorOf(await service.post(JSON.stringify(wrong)))).toMatchObject({
      status: 400,
      code: 'PERSISTED_QUERY_VERSION_UNSUPPORTED',
    });
    const right = { query: text, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } } };
    const response = await service.post(JSON.stringify(right));
    expect(response.status).toBe(200);
    expect(errorLines()).toEqual([]);
  });

  it('more than 50 variable errors: 400 with the first 50 as BAD_USER_INPUT and a typed last one, nothing masked', async () => {
    const document = 'query Many($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    const response = await service.post(JSON.stringify({ query: document, variables: { ids: Array(80).fill({}) } }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    const codes = new Set(body.errors?.map((error) => error.extensions?.code));
    expect([...codes]).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.length).toBe(51);
    expect(body.errors?.at(-1)?.message).toMatch(/more than 50 errors/);
    expect(errorLines()).toEqual([]);
  });

  it('introspection is refused outside development without a key, with a pointer to the published schema', async () => {
    for (const document of ['{ __schema { queryType { name } } }', '{ __type(name: "Query") { name } }']) {
      const error = await errorOf(await service.post(JSON.stringify({ query: document })));
      expect(error, document).toMatchObject({ status: 400, code: 'INTROSPECTION_DISABLED' });
      expect(error.message).toContain('schema/schema.graphql');
    }
    // __typename is not introspection of the schema: clients need it.
    expect((await service.post(query)).status).toBe(200);
    // Nor is a wrong key a key.
    const wrong = await service.post(JSON.stringify({ query: '{ __schema { queryType { name } } }' }), {
      ...JSON_TYPE,
      authorization: `Bearer ${KEY}x`,
    });
    expect((await errorOf(wrong)).code).toBe('INTROSPECTION_DISABLED');
  });

  it('an introspection key (bearer or x-api-key) unlocks introspection and suggestions', async () => {
    const introspection = JSON.stringify({ query: '{ __schema { queryType { name } } }' });
    const headers: Array<Record<string, string>> = [{ authorization: `Bearer ${KEY}` }, { 'x-api-key': KEY }];
    for (const header of headers) {
      const response = await service.post(introspection, { ...JSON_TYPE, ...header });
      expect(await response.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    }
    const misspelt = JSON.stringify({ query: '{ provisionz { totalCount } }' });
    const withKey = await errorOf(await service.post(misspelt, { ...JSON_TYPE, 'x-api-key': KEY }));
    expect(withKey.message).toMatch(/Did you mean "provision"/);
  });

  it('validation errors carry no "Did you mean" suggestions outside development', async () => {
    const error = await errorOf(await service.post(JSON.stringify({ query: '{ provisionz { totalCount } }' })));
    expect(error).toMatchObject({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(error.message).toBe('Cannot query field "provisionz" on type "Query".');
  });

  it('request errors answer 200 to clients that accept only application/json, 400 to the others', async () => {
    const broken = JSON.stringify({ query: '{' });
    const asked = async (accept?: string) =>
      (await service.post(broken, { ...JSON_TYPE, ...(accept ? { accept } : {}) })).status;
    expect(await asked('application/json')).toBe(200);
    expect(await asked('application/graphql-response+json')).toBe(400);
    expect(await asked('application/graphql-response+json, application/json;q=0.9')).toBe(400);
    expect(await asked()).toBe(400);
    expect(await asked('*/*')).toBe(400);
  });

  it('every answer carries the security headers (JSON, probes and pages)', async () => {
    for (const response of [await service.post(query), await fetch(`${service.url}/healthz`)]) {
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toContain('upgrade-insecure-requests');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });
});

describeWithDatabase('operation safelist mode', () => {
  const listed = 'query Listed { __typename }';
  let directory = '';
  let service: TestService;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'kb-safelist-'));
    const manifest = join(directory, 'safelist.json');
    await writeFile(manifest, JSON.stringify({ [sha256(listed)]: listed }));
    service = await startTestService({ OPERATION_SAFELIST: manifest });
  });
  afterAll(async () => {
    await service?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it('runs a listed document sent in full', async () => {
    const response = await service.post(JSON.stringify({ query: listed }));
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('runs a listed document sent as its persisted-query hash alone', async () => {
    const body = { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(listed) } } };
    const response = await service.post(JSON.stringify(body));
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses any other document with 400 PERSISTED_QUERY_NOT_IN_LIST, even one that does not parse', async () => {
    for (const document of ['{ __typename }', 'query Listed {  __typename }', '{ provisions(']) {
      expect(await errorOf(await service.post(JSON.stringify({ query: document }))), document).toMatchObject({
        status: 400,
        code: 'PERSISTED_QUERY_NOT_IN_LIST',
      });
    }
  });

  it('refuses an unlisted document sent with its hash (an APQ registration), and that hash alone after', async () => {
    const text = '{ __typename }';
    const body = { query: text, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } } };
    expect((await errorOf(await service.post(JSON.stringify(body)))).code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    const again = { extensions: body.extensions };
    expect((await errorOf(await service.post(JSON.stringify(again)))).code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });
});
