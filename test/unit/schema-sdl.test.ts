// schema/schema.graphql is the committed contract (codegen and clients read it): it must be
// what the code builds. Regenerate with `npm run schema:print`.
import { readFile } from 'node:fs/promises';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/index.js';

describe('schema/schema.graphql', () => {
  it('matches the schema the code builds', async () => {
    const committed = await readFile(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
    expect(committed, 'schema/schema.graphql is stale: run `npm run schema:print`').toBe(
      `${printSchema(lexicographicSortSchema(schema))}\n`,
    );
  });
});
