// Under attack, part of `npm run bench`: while an attacker sends the requests that once stalled
// the server (four nested pages of 100, thousands of aliases, children fifty levels deep, a
// fragment bomb, hundreds of classifications) and the heaviest requests the limits still admit
// (40,400 nodes of nested pages, fifteen classifications, fifteen searches), a reader sends a
// light request (a page of ten provisions) one after the other. Prints the reader's p50/p95/p99
// alone, during the refused attacks and during the admitted ones, and what each attack was
// answered. Target: the reader's p95 stays within 100 ms. The embedded default (PGlite), rate budgets off: an attacker
// with many addresses is not slowed by them, so the limits and deadlines must hold on their own.
import '../src/cli/production-default.js';
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startService } from '../src/server/service.js';
import type { AttackerFigures, AttackRequest, ClientRun, ReaderFigures } from './attack-client.js';

const ALONE_SECONDS = Number(process.env.ATTACK_ALONE_SECONDS ?? 10);
const ATTACK_SECONDS = Number(process.env.ATTACK_SECONDS ?? 30);
const ATTACK_CONNECTIONS = Number(process.env.ATTACK_CONNECTIONS ?? 4);
/** Only the attacks whose name contains this text (to see which one a figure comes from). */
const ATTACK_FILTER = process.env.ATTACK_FILTER ?? '';
const READER_PAUSE_MS = 20;
const TARGET_P95_MS = 100;

const query = (text: string, variables?: Record<string, unknown>) => JSON.stringify({ query: text, variables });

const CAMERA = [
  { name: 'item_kind', choice: 'camera' },
  { name: 'incorporates_focal_plane_array', boolean: true },
  { name: 'microbolometer', boolean: true },
  { name: 'detection_mechanism', choice: 'bolometric' },
  { name: 'unfiltered_response_shortest_wavelength', number: 8, unit: 'um' },
  { name: 'unfiltered_response_longest_wavelength', number: 14, unit: 'um' },
  { name: 'focal_plane_array_elements', number: 640 * 512, unit: '' },
];

function classifications(count: number): string {
  const indexes = Array.from({ length: count }, (_, index) => index);
  return query(
    `query Many(${indexes.map((index) => `$i${index}: ItemInput!`).join(', ')}) { ${indexes
      .map((index) => `c${index}: classifyItem(item: $i${index}) { controlled }`)
      .join(' ')} }`,
    Object.fromEntries(
      indexes.map((index) => [
        `i${index}`,
        { facts: [...CAMERA, { name: 'frame_rate', number: index + 1, unit: 'Hz' }] },
      ]),
    ),
  );
}

function nestedChildren(depth: number): string {
  let selection = 'code';
  for (let level = 2; level < depth; level += 1) selection = `children { ${selection} }`;
  return query(`{ provision(code: "6A003", regime: US_EAR) { ${selection} } }`);
}

function fragmentBomb(levels: number): string {
  const fragments = ['fragment F0 on Query { itemFacts { name } }'];
  for (let level = 1; level <= levels; level += 1)
    fragments.push(`fragment F${level} on Query { ...F${level - 1} ...F${level - 1} }`);
  return query(`{ ...F${levels} } ${fragments.join(' ')}`);
}

const PAGES = 'exemptions(first: 100) { edges { node { provisions(first: 100) { edges { node { code title } } } } } }';

/** The attacks that once stalled the server: each must be refused before it runs. */
const REFUSED: AttackRequest[] = [
  {
    name: 'four nested pages of 100 (refused)',
    body: query(
      '{ exemptions(first: 100) { edges { node { provisions(first: 100) { edges { node { exemptions { exemption { provisions(first: 100) { edges { node { code } } } } } } } } } } } }',
    ),
  },
  {
    name: '5,000 aliases of itemFacts (refused)',
    body: query(
      `{ ${Array.from({ length: 5000 }, (_, index) => `a${index}: itemFacts { name description }`).join(' ')} }`,
    ),
  },
  { name: '500 classifications (refused)', body: classifications(500) },
  { name: 'children 54 levels deep (refused)', body: nestedChildren(54) },
];

/** The heaviest requests the limits admit (the bomb collapses to the one field it repeats). */
const ADMITTED: AttackRequest[] = [
  { name: 'fragment bomb of 25 levels (one field)', body: fragmentBomb(25) },
  {
    name: '40,400 nodes of nested pages (admitted)',
    body: query(`{ ${[0, 1, 2, 3].map((index) => `p${index}: ${PAGES}`).join(' ')} }`),
  },
  { name: 'fifteen classifications (admitted)', body: classifications(15) },
  {
    name: 'fifteen searches (admitted)',
    body: query(
      `{ ${Array.from({ length: 15 }, (_, index) => `s${index}: search(query: "camera sensor laser radar ${index}", first: 50) { totalCount edges { score } }`).join(' ')} }`,
    ),
  },
];

const READER = query('{ provisions(first: 10, filter: { regime: US_EAR }) { edges { node { code title } } } }');

function client() {
  const child = fork(fileURLToPath(new URL('./attack-client.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  });
  return {
    run: <Figures>(run: ClientRun) =>
      new Promise<Figures>((resolve, reject) => {
        child.once('message', (reply: { figures?: Figures; error?: string }) =>
          reply.figures ? resolve(reply.figures) : reject(new Error(reply.error ?? 'the client failed')),
        );
        child.send(run);
      }),
    stop: () => child.send({ done: true }),
  };
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

function readerRow(phase: string, figures: ReaderFigures) {
  const sorted = [...figures.latencies].sort((a, b) => a - b);
  return {
    phase,
    requests: sorted.length,
    failures: figures.failures,
    'p50 ms': +percentile(sorted, 0.5).toFixed(1),
    'p95 ms': +percentile(sorted, 0.95).toFixed(1),
    'p99 ms': +percentile(sorted, 0.99).toFixed(1),
    'max ms': +(sorted.at(-1) ?? Number.NaN).toFixed(1),
  };
}

const directory = await mkdtemp(join(tmpdir(), 'kb-bench-attack-'));
const config = loadConfig({
  DATA_DIR: join(directory, 'data'),
  PORT: '0',
  LOG_LEVEL: 'silent',
  RATE_LIMIT_ENABLED: 'false',
});
const service = await startService(config, createLogger(config));
const reader = client();
const attacker = client();
try {
  await service.ready;
  const url = `${service.url}/graphql`;
  const readFor = (seconds: number) =>
    reader.run<ReaderFigures>({ role: 'reader', url, body: READER, seconds, pauseMs: READER_PAUSE_MS });
  await readFor(2); // warm-up
  const alone = await readFor(ALONE_SECONDS);
  const underAttack = async (requests: AttackRequest[]) =>
    Promise.all([
      readFor(ATTACK_SECONDS),
      attacker.run<AttackerFigures>({
        role: 'attacker',
        url,
        requests,
        connections: ATTACK_CONNECTIONS,
        seconds: ATTACK_SECONDS,
      }),
    ]);
  const chosen = (requests: AttackRequest[]) => requests.filter((request) => request.name.includes(ATTACK_FILTER));
  const [duringRefused, refused] = await underAttack(chosen(REFUSED).length > 0 ? chosen(REFUSED) : REFUSED);
  const [duringAdmitted, admitted] = await underAttack(chosen(ADMITTED).length > 0 ? chosen(ADMITTED) : ADMITTED);
  console.log(
    `under attack: a reader's page of ten provisions, alone for ${ALONE_SECONDS} s, then for ${ATTACK_SECONDS} s while ${ATTACK_CONNECTIONS} connections send the refused attacks round-robin, then ${ATTACK_SECONDS} s of the heaviest admitted requests (PGlite, rate budgets off)`,
  );
  const rows = [
    readerRow('alone', alone),
    readerRow('refused attacks', duringRefused),
    readerRow('heaviest admitted', duringAdmitted),
  ];
  console.table(rows);
  console.table(
    Object.entries({ ...refused.statuses, ...admitted.statuses }).map(([name, counts]) => ({
      attack: name,
      ...Object.fromEntries(Object.entries(counts).map(([status, count]) => [`HTTP ${status}`, count])),
    })),
  );
  for (const row of rows.slice(1)) {
    const verdict = row['p95 ms'] <= TARGET_P95_MS ? 'ok' : 'OVER TARGET';
    console.log(`reader p95 during ${row.phase}: ${row['p95 ms']} ms (target <= ${TARGET_P95_MS} ms) ${verdict}`);
  }
} finally {
  reader.stop();
  attacker.stop();
  await service.stop();
  await rm(directory, { recursive: true, force: true });
}
