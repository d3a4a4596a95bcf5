// For the browser tests: builds the web app into a directory of its own, then runs the real service once (`kb serve` on a
// fresh data directory, as `npm start` does) and hands its address to the test files.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServeProcess, stopServeProcess } from './serve-process.js';
import './provided-context.js';

const ROOT = resolve(import.meta.dirname, '../..');

export default async function setup(project: TestProject) {
  const directory = await mkdtemp(join(tmpdir(), 'kb-browser-'));
  const webDist = join(directory, 'web');
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs', '--force', '--out-dir', webDist], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`the web app did not build:\n${build.stdout}\n${build.stderr}`);
  // As `npm start` runs it: production mode (introspection off; the explorer reads the committed SDL).
  // A cold start takes about 40 s on an idle machine; leave room for a loaded one.
  const served = await startServeProcess(join(directory, 'data'), 300_000, { WEB_DIST_DIR: webDist });
  project.provide('webBaseUrl', `http://127.0.0.1:${served.port}`);
  return async () => {
    await stopServeProcess(served.child, 'SIGTERM');
    await rm(directory, { recursive: true, force: true });
  };
}
