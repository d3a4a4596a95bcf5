// The web app's HTTP edge: pages to browsers that ask for HTML (with a same-origin
// Content-Security-Policy), hashed assets, GraphQL and exports left to their clients, a clear
// answer when the app is not built, and CORS headers only for the origins CORS_ORIGINS lists.
// Uses a stand-in build (an index.html and one asset) so no bundler runs here.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const INDEX = '<!doctype html><title>stand-in build</title><div id="root"></div>';

describeWithDatabase('web app and CORS', () => {
  let directory = '';
  let service: TestService;
  let unbuilt: TestService;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'kb-web-'));
    await mkdir(join(directory, 'dist', 'assets'), { recursive: true });
    await writeFile(join(directory, 'dist', 'index.html'), INDEX);
    await writeFile(join(directory, 'dist', 'assets', 'app-1a2b3c.js'), 'console.log("app");');
    service = await startTestService({
      WEB_DIST_DIR: join(directory, 'dist'),
      CORS_ORIGINS: 'https://dash.example.org, http://localhost:5173',
    });
    unbuilt = await startTestService({ WEB_DIST_DIR: join(directory, 'missing') });
  });
  afterAll(async () => {
    await service?.stop();
    await unbuilt?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it.each([
    '/',
    '/search?q=thermal%20camera',
    '/provisions/EU/6A003',
    '/exemptions',
    '/classify',
    '/licence?entries=6A003.b.4.b&to=Japan',
    '/dashboards',
    '/graphql',
  ])('GET %s from a browser answers the app with a same-origin CSP', async (path) => {
    const response = await fetch(`${service.url}${path}`, { headers: HTML });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('an unknown page answers 404 with the app (which says "not found")', async () => {
    const response = await fetch(`${service.url}/no-such-page`, { headers: HTML });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(INDEX);
  });

  it('serves hashed assets for a year and a missing asset as 404, never the page', async () => {
    const asset = await fetch(`${service.url}/assets/app-1a2b3c.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toContain('console.log');
    const missing = await fetch(`${service.url}/assets/gone-000000.js`, { headers: HTML });
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toBe(INDEX);
  });

  it('leaves /graphql to API clients and JSON 404s to non-browsers', async () => {
    const post = await service.post(JSON.stringify({ query: '{ __typename }' }));
    expect(await post.json()).toEqual({ data: { __typename: 'Query' } });
    const get = await fetch(`${service.url}/graphql?query=%7B__typename%7D`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const unknown = await fetch(`${service.url}/no-such-page`, { headers: { accept: 'application/json' } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'NOT_FOUND',
    );
  });

  it('keeps /healthz and the export routes as they are for a browser', async () => {
    const health = await fetch(`${service.url}/healthz`, { headers: HTML });
    expect(await health.json()).toEqual({ status: 'ok' });
    const exported = await fetch(`${service.url}/export/licensing-stats.csv?groupBy=YEAR&measures=DECISIONS`, {
      headers: HTML,
    });
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
  });

  it('says how to build the app when it is not built', async () => {
    const response = await fetch(`${unbuilt.url}/search`, { headers: HTML });
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/npm run build:web/);
  });

  it('answers CORS for a listed origin only (preflight and request), and never without CORS_ORIGINS', async () => {
    const preflight = await fetch(`${service.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://dash.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://dash.example.org');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const request = await service.post(JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'application/json',
      origin: 'http://localhost:5173',
    });
    expect(request.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const stranger = await service.post(JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'application/json',
      origin: 'https://evil.example',
    });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const noCors = await unbuilt.post(JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'application/json',
      origin: 'https://dash.example.org',
    });
    expect(noCors.headers.get('access-control-allow-origin')).toBeNull();
  });
});
