import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

describeWithDatabase('HTTP surface', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('GET /healthz answers 200 while the process is alive', async () => {
    const response = await fetch(`${service.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 when the database answers', async () => {
    const response = await fetch(`${service.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('a body that is not JSON gets 400 with a GraphQL-shaped error, never 500', async () => {
    const response = await service.post('{"query": "{ provisions { totalCount } ');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]?.message).toMatch(/not valid JSON/);
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('JSON that is not a GraphQL request gets 400', async () => {
    for (const body of ['[]', '"hello"', '{"query": 42}', '{}']) {
      const response = await service.post(body);
      expect(response.status, body).toBe(400);
    }
  });

  it('a query that does not parse gets 400 with GRAPHQL_PARSE_FAILED', async () => {
    const response = await service.post(JSON.stringify({ query: '{ provisions(' }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('a body over the limit gets 413', async () => {
    const response = await service.post(
      JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(200_000) } }),
    );
    expect(response.status).toBe(413);
  });

  it('an unknown path gets 404 naming the API path', async () => {
    const response = await fetch(`${service.url}/nope`);
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).toContain('/graphql');
  });

  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const given = await fetch(`${service.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await fetch(`${service.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
