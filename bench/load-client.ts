// The load generator of the HTTP benches (provisions-nested-read, impact-stats), in its own
// process (started by load-runner.ts): autocannon sharing the
// server's event loop billed its own request building and response parsing to the server's
// latency (most visible on cached dashboard answers of 2-4 ms). Driven over IPC (child_process.fork):
// each message is a load run; the reply is its p50/p95 in ms (HDR histogram), requests per
// second and error count.
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
  let answered = 0;
  let lastAnswer = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json' }, body, amount: requests, connections },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
      histogram.recordValue(Math.max(1, Math.round(responseTimeMs * 1000)));
      answered += 1;
      lastAnswer = performance.now();
    });
  });
  const figures = {
    p50: histogram.getValueAtPercentile(50) / 1000,
    p95: histogram.getValueAtPercentile(95) / 1000,
    // Responses over the time from the start to the last one: autocannon's own figures count
    // whole seconds, so a run of 3.4 s read as 2,000 / 3 or 2,000 / 4 requests per second.
    requestsPerSecond: Math.round((answered / (lastAnswer - started)) * 1000),
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
