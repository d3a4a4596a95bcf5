// Compiles the server (src/ -> dist/) when dist is missing or older than its sources, so
// `npm start` runs plain JavaScript: loading the TypeScript through tsx cost about 1 s of every
// start and the memory of the compiler. Each file is transpiled on its own (no bundle, no type
// check: `npm run typecheck` does that), and src/x/y.ts becomes dist/x/y.js, at the same depth,
// so the paths the modules resolve from their own location (seed/, prisma/migrations/, web/dist/)
// name the same files from either directory. `--force` always builds.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(root, 'src');
const outDir = join(root, 'dist');
const stamp = join(outDir, '.built');
const inputs = [sourceDir, join(root, 'package-lock.json'), fileURLToPath(import.meta.url)];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function typescriptFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

if (!existsSync(join(sourceDir, 'generated/prisma/client.ts'))) {
  console.error('src/generated/prisma is missing: run `npm run prisma:generate` (npm ci runs it) first');
  process.exit(1);
}
const stale =
  process.argv.includes('--force') ||
  !existsSync(stamp) ||
  Math.max(...inputs.filter(existsSync).map(newest)) > statSync(stamp).mtimeMs;
if (!stale) process.exit(0);

const started = performance.now();
// A clean directory: a module deleted from src/ must not linger in dist/.
rmSync(outDir, { recursive: true, force: true });
const entryPoints = typescriptFiles(sourceDir);
await build({
  entryPoints,
  outdir: outDir,
  outbase: sourceDir,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.log(
  `Built the server (${relative(root, sourceDir)}/ -> ${relative(root, outDir)}/, ${entryPoints.length} modules) in ${Math.round(performance.now() - started)} ms`,
);
