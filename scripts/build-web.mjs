// Builds the web app (web/ -> web/dist) when it is missing or older than its sources, so
// `npm start` serves the pages of the checkout it runs from. `--force` always builds;
// `--out-dir <dir>` builds into another directory (the browser tests build their own copy,
// served through WEB_DIST_DIR, so parallel runs never serve a half-written build).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDirFlag = process.argv.indexOf('--out-dir');
const outDir = outDirFlag === -1 ? join(root, 'web/dist') : process.argv[outDirFlag + 1];
if (outDir === undefined) throw new Error('--out-dir needs a directory');
const built = join(outDir, 'index.html');
const sources = ['web/index.html', 'web/vite.config.ts', 'web/src', 'schema/schema.graphql', 'package-lock.json'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const stale =
  process.argv.includes('--force') ||
  !existsSync(built) ||
  Math.max(
    ...sources
      .map((source) => join(root, source))
      .filter(existsSync)
      .map(newest),
  ) > statSync(built).mtimeMs;
if (!stale) process.exit(0);

console.log('Building the web app (web/ -> web/dist)…');
for (const [command, args] of [
  ['npx', ['graphql-codegen', '--config', 'codegen.ts', '--silent']],
  ['npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn', '--outDir', outDir]],
]) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
