// The load generator of `npm run loadtest`, in its own process (started over IPC by
// loadtest.ts) so that building requests and parsing answers is not billed to the server's
// event loop: each message is one autocannon run over the request mix for a duration, at a
// number of connections and optionally a fixed overall rate; the reply is its figures.
import autocannon from 'autocannon';

export interface MixRequest {
  /** What the request stands for in the mix (its operation name). */
  name: string;
  body: string;
}

export interface LoadtestRun {
  url: string;
  requests: readonly MixRequest[];
  connections: number;
  seconds: number;
  /** Requests per second over all connections; as fast as they go when omitted. */
  overallRate?: number;
}

export interface LoadtestFigures {
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

async function run({ url, requests, connections, seconds, overallRate }: LoadtestRun): Promise<LoadtestFigures> {
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Each connection walks the mix in order, starting where the previous one left off.
        requests: requests.map((request) => ({ method: 'POST', body: request.body })),
        connections,
        duration: seconds,
        timeout: 30,
        ...(overallRate ? { overallRate } : {}),
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
  });
  return {
    connections,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

if (process.send) {
  const send = process.send.bind(process);
  process.on('message', (message: LoadtestRun | { done: true }) => {
    if ('done' in message) {
      process.disconnect();
      return;
    }
    run(message).then(
      (figures) => send({ figures }),
      (error: unknown) => send({ error: String(error) }),
    );
  });
}
