// The service's HTTP server (createHttpServer) against slow and greedy clients, over real
// sockets: a body that stalls and headers that never finish are cut with 408, an idle keep-alive
// connection is closed, and connections past the cap are dropped. Bounds are generous: these
// assert that the server stops waiting, not how fast.
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServerLimits } from '../../src/server/http-server.js';

const LIMITS: HttpServerLimits = {
  HTTP_HEADERS_TIMEOUT_MS: 1000,
  HTTP_REQUEST_TIMEOUT_MS: 1500,
  HTTP_KEEP_ALIVE_TIMEOUT_MS: 500,
  HTTP_MAX_CONNECTIONS: 3,
};

let server: Server | undefined;
const sockets: Socket[] = [];

async function listen(limits: HttpServerLimits): Promise<number> {
  const app = express();
  app.post('/', express.json(), (request, response) => {
    response.json({ received: request.body as unknown });
  });
  server = createHttpServer(limits);
  server.on('request', app);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Opens a socket, writes `text`, and resolves with all it received once the server closes it. */
function exchange(port: number, text: string): Promise<{ received: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    sockets.push(socket);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ received, ms: performance.now() - started }));
  });
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('HTTP server limits', () => {
  it('cuts a request whose body stalls with 408 and closes the connection', async () => {
    const port = await listen(LIMITS);
    const head = 'POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n';
    const { received, ms } = await exchange(port, `${head}{"query":`);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeLessThan(15_000);
  });

  it('cuts a request whose headers never finish with 408', async () => {
    const port = await listen(LIMITS);
    const { received, ms } = await exchange(port, 'POST / HTTP/1.1\r\nhost: x\r\nx-slow: ');
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeLessThan(15_000);
  });

  it('answers a complete request, then closes the idle keep-alive connection', async () => {
    const port = await listen(LIMITS);
    const body = '{"a":1}';
    const request = `POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
    const { received, ms } = await exchange(port, request);
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toContain('{"received":{"a":1}}');
    // The server closed it, not the client: the answer kept the connection open.
    expect(received).not.toMatch(/connection: close/i);
    // Node's own default would hold it 5 s.
    expect(ms).toBeLessThan(4_000);
  });

  it('drops connections beyond the cap and serves again once one closes', async () => {
    const port = await listen({ ...LIMITS, HTTP_REQUEST_TIMEOUT_MS: 60_000, HTTP_HEADERS_TIMEOUT_MS: 60_000 });
    const held = await Promise.all(
      Array.from(
        { length: LIMITS.HTTP_MAX_CONNECTIONS },
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(port, '127.0.0.1', () => resolve(socket));
            sockets.push(socket);
          }),
      ),
    );
    await expect.poll(() => new Promise((resolve) => server?.getConnections((_e, n) => resolve(n)))).toBe(3);
    const refused = await exchange(port, 'GET / HTTP/1.1\r\nhost: x\r\n\r\n');
    expect(refused.received).toBe('');
    held[0]?.destroy();
    await expect.poll(() => new Promise((resolve) => server?.getConnections((_e, n) => resolve(n)))).toBe(2);
    const served = await exchange(port, 'GET /none HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expect(served.received).toMatch(/^HTTP\/1\.1 404 /);
  });
});
