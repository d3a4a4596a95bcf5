// The load generator of the HTTP benches (provisions-nested-read, impact-stats), in its own
// process (started by load-runner.ts): autocannon sharing the
// server's event loop billed its own request building and response parsing to the server's
// latency (most visible on cached dashboard answers of 2-4 ms). Driven over IPC (child_process.fork):
// each message is a load run; the reply is its p50/p95 in ms (HDR histogram) and error count.
import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';

export interface LoadRun {
  url: string;
  body: string;
  requests: number;
  connections: number;
}

export interface LoadFigures {
  p50: number;
  p95: number;
  requestsPerSecond: number;
  errors: number;
}

async function run({ url, body, requests, connections }: LoadRun): Promise<LoadFigures> {
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json' }, body, amount: requests, connections },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
      histogram.recordValue(Math.max(1, Math.round(responseTimeMs * 1000)));
    });
  });
  const figures = {
    p50: histogram.getValueAtPercentile(50) / 1000,
    p95: histogram.getValueAtPercentile(95) / 1000,
    requestsPerSecond: result.requests.average,
    errors: result.errors + result.non2xx,
  };
  histogram.destroy();
  return figures;
}

if (process.send) {
  const send = process.send.bind(process);
  process.on('message', (message: LoadRun | { done: true }) => {
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
