// Starts the load generator (load-client.ts) in a child process and runs loads through it, one
// at a time: POST `body` to `url`, `requests` times over `connections` connections.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadFigures, LoadRun } from './load-client.js';

export type { LoadFigures };

export interface LoadRunner {
  load(url: string, body: string, requests: number): Promise<LoadFigures>;
  stop(): void;
}

export function startLoadRunner(connections: number): LoadRunner {
  const child = fork(fileURLToPath(new URL('./load-client.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  return {
    load: (url, body, requests) =>
      new Promise<LoadFigures>((resolve, reject) => {
        child.once('message', (reply: { figures?: LoadFigures; error?: string }) =>
          reply.figures ? resolve(reply.figures) : reject(new Error(reply.error ?? 'load client failed')),
        );
        child.send({ url, body, requests, connections } satisfies LoadRun);
      }),
    stop: () => child.send({ done: true }),
  };
}
