// Prints the schema SDL, lexicographically sorted, to schema/schema.graphql (the committed
// contract codegen and clients read). With --check, fails when the committed file is stale.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/graphql/index.js';

const target = resolve(import.meta.dirname, '../schema/schema.graphql');
const shown = relative(process.cwd(), target);
const sdl = `${printSchema(lexicographicSortSchema(schema))}\n`;

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => undefined);
  if (committed !== sdl) {
    console.error(
      committed === undefined
        ? `${shown} is missing: run \`npm run schema:print\` and commit it.`
        : `${shown} is stale (it differs from the schema the code builds): run \`npm run schema:print\` and commit it.`,
    );
    process.exit(1);
  }
  console.log(`${shown} is up to date.`);
} else {
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, sdl);
  console.log(`wrote ${shown}`);
}
