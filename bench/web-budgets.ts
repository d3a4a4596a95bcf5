// The web app's budgets, part of `npm run bench`: first-load JavaScript (gzipped: the entry
// script and the modules it preloads, as a browser fetches them for the first page) against
// 250 kB, and Lighthouse (npm `lighthouse` driving Debian's Chromium) on the search and
// provision pages against performance >= 90, accessibility >= 95, best practices >= 90, in
// Lighthouse's desktop and default (mobile, simulated slow 4G and 4x CPU) settings.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { startServeProcess, stopServeProcess } from '../test/support/serve-process.js';

const ROOT = resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const JS_BUDGET_KB = 250;
const PAGES = ['/search?q=thermal%20camera', '/provisions/EU/6A003'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const TARGETS: Record<(typeof CATEGORIES)[number], number> = {
  performance: 90,
  accessibility: 95,
  'best-practices': 90,
};

/** Gzipped kB of the JavaScript the first page loads: the entry script and its module preloads. */
async function firstLoadJavaScriptKb(dist: string): Promise<{ files: string[]; kb: number }> {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/([^"]+\.js)"/g),
  ].map((match) => match[1] as string);
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(join(dist, file))).length;
  return { files, kb: +(bytes / 1024).toFixed(1) };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function waitForDevtools(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new Error(`Chromium did not open its DevTools port ${port}`);
}

const directory = await mkdtemp(join(tmpdir(), 'kb-bench-web-'));
try {
  const dist = join(directory, 'web');
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs', '--force', '--out-dir', dist], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`the web app did not build:\n${build.stdout}\n${build.stderr}`);
  const firstLoad = await firstLoadJavaScriptKb(dist);
  console.log('web app: first-load JavaScript (gzipped)');
  console.table({
    'first-load JS': { kB: firstLoad.kb, target: `<= ${JS_BUDGET_KB}`, files: firstLoad.files.join(', ') },
  });

  const served = await startServeProcess(join(directory, 'data'), 150_000, { WEB_DIST_DIR: dist });
  const port = await freePort();
  const chromium = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--remote-debugging-port=${port}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  try {
    await waitForDevtools(port);
    const rows: Record<string, Record<string, number | string>> = {};
    for (const [setting, config] of [
      ['desktop', desktopConfig],
      ['mobile (default)', undefined],
    ] as const) {
      for (const page of PAGES) {
        const url = `http://127.0.0.1:${served.port}${page}`;
        // A first visit warms the service's caches; the second is measured.
        await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }, config);
        const result = await lighthouse(
          url,
          { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
          config,
        );
        const categories = result?.lhr.categories ?? {};
        const row: Record<string, number | string> = {};
        for (const category of CATEGORIES) {
          const score = categories[category]?.score;
          row[category] = score === null || score === undefined ? 'n/a' : Math.round(score * 100);
        }
        const audits = result?.lhr.audits ?? {};
        row['LCP ms'] = Math.round(audits['largest-contentful-paint']?.numericValue ?? Number.NaN);
        row['TBT ms'] = Math.round(audits['total-blocking-time']?.numericValue ?? Number.NaN);
        row.CLS = +(audits['cumulative-layout-shift']?.numericValue ?? Number.NaN).toFixed(3);
        // What keeps a category below 100, so a low score says what to fix.
        const below = CATEGORIES.flatMap((category) =>
          (result?.lhr.categories[category]?.auditRefs ?? [])
            .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
            .map((ref) => ref.id),
        );
        row['audits below 1'] = below.join(', ');
        rows[`${setting} ${page}`] = row;
      }
    }
    console.log(
      `web app: Lighthouse scores (targets: ${CATEGORIES.map((category) => `${category} >= ${TARGETS[category]}`).join(', ')})`,
    );
    console.table(rows);
  } finally {
    chromium.kill('SIGKILL');
    await stopServeProcess(served.child, 'SIGTERM');
  }
} finally {
  await rm(directory, { recursive: true, force: true });
}
