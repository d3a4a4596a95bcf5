// A client process of the under-attack bench (under-attack.ts), driven over IPC: either an
// attacker, sending the attack requests round-robin over several connections for a while, or
// a reader, sending one light request after the other and timing each. The two roles run in
// separate processes so that reading a large attack answer never delays the reader's clock.

export interface AttackRequest {
  name: string;
  body: string;
}

export type ClientRun =
  | { role: 'attacker'; url: string; requests: AttackRequest[]; connections: number; seconds: number }
  | { role: 'reader'; url: string; body: string; seconds: number; pauseMs: number };

export interface AttackerFigures {
  /** Per attack request: how often each HTTP status (or "network error") came back. */
  statuses: Record<string, Record<string, number>>;
}

export interface ReaderFigures {
  /** Each light request's time to a complete answer, in ms. */
  latencies: number[];
  /** Answers that were not HTTP 200 without errors. */
  failures: number;
}

async function post(url: string, body: string): Promise<{ status: number; ok: boolean }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const answer = (await response.json()) as { errors?: unknown[] };
  return { status: response.status, ok: response.status === 200 && answer.errors === undefined };
}

async function attack(run: Extract<ClientRun, { role: 'attacker' }>): Promise<AttackerFigures> {
  const statuses: AttackerFigures['statuses'] = {};
  const endAt = performance.now() + run.seconds * 1000;
  let next = 0;
  const connection = async () => {
    while (performance.now() < endAt) {
      const request = run.requests[next++ % run.requests.length];
      if (!request) return;
      const outcome = await post(run.url, request.body).then(
        ({ status }) => String(status),
        () => 'network error',
      );
      const counts = (statuses[request.name] ??= {});
      counts[outcome] = (counts[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: run.connections }, connection));
  return { statuses };
}

async function read(run: Extract<ClientRun, { role: 'reader' }>): Promise<ReaderFigures> {
  const latencies: number[] = [];
  let failures = 0;
  const endAt = performance.now() + run.seconds * 1000;
  while (performance.now() < endAt) {
    const started = performance.now();
    const { ok } = await post(run.url, run.body).catch(() => ({ ok: false }));
    latencies.push(performance.now() - started);
    if (!ok) failures += 1;
    await new Promise((resolve) => setTimeout(resolve, run.pauseMs));
  }
  return { latencies, failures };
}

if (process.send) {
  const send = process.send.bind(process);
  process.on('message', (message: ClientRun | { done: true }) => {
    if ('done' in message) {
      process.exit(0);
    }
    const work = message.role === 'attacker' ? attack(message) : read(message);
    work.then(
      (figures) => send({ figures }),
      (error: unknown) => send({ error: String(error) }),
    );
  });
}
