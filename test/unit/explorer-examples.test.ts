// The explorer's saved operations must stay valid as the schema changes: each is validated
// against the committed SDL.
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EXPLORER_EXAMPLES } from '../../web/src/explorer-examples.js';

const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));

describe('GraphQL explorer examples', () => {
  it('has examples for searchers, research offices, exporters and dashboard authors', () => {
    const titles = EXPLORER_EXAMPLES.map((example) => example.title).join('\n');
    for (const group of [/^Search/m, /^Research office/m, /^Exporter/m, /^Dashboards/m]) expect(titles).toMatch(group);
  });

  it.each(EXPLORER_EXAMPLES.map((example) => [example.title, example.query] as const))(
    '%s: valid against the schema',
    (_title, query) => {
      expect(validate(schema, parse(query)).map((error) => error.message)).toEqual([]);
    },
  );
});
