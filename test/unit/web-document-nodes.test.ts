// Every operation the web app sends, and every saved explorer example, stays within the node and
// cost limits that the server enforces before execution: a page whose query grew past them would
// be refused in production. Documents are read from the web app's sources (the graphql(`...`)
// templates), so a new page is covered without listing it here. Page sizes given by variables are
// counted at the largest page; the grouping and measures of the dashboards' aggregates as the
// pages send them (their largest choice); other variables as not given.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  Kind,
  parse,
  validate,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE_MAX } from '../../src/domain/page-size.js';
import { QUERY_LIMITS } from '../../src/graphql/plugins/query-limits.js';
import { countOperation } from '../../src/graphql/query-cost.js';
import { EXPLORER_EXAMPLES } from '../../web/src/explorer-examples.js';

const root = new URL('../../', import.meta.url).pathname;
const schema = buildSchema(readFileSync(join(root, 'schema/schema.graphql'), 'utf8'));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'gql' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const definitions: DefinitionNode[] = sourceFiles(join(root, 'web/src')).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/graphql\(\s*`([^`]*)`/g)].flatMap(
    (match) => parse(match[1] ?? '').definitions,
  ),
);
const fragments = definitions.filter(
  (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
);
const operations = definitions.filter(
  (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
);

/** The aggregates' list variables as the dashboards send them (the largest of their choices). */
const SENT_VARIABLES: Readonly<Record<string, Record<string, unknown>>> = {
  WebLicensingStats: { groupBy: ['MONTH'], measures: ['DECISIONS', 'REFUSED', 'REFUSAL_RATE', 'VALUE_GBP'] },
  WebImpactStats: { groupBy: ['INDICATOR', 'MONTH'], measures: ['COUNT', 'SUM', 'CHANGE', 'CHANGE_PERCENT'] },
};

/** Int variables at the largest page; the others as the page sends them, or not known. */
function variablesOf(operation: OperationDefinitionNode): Record<string, unknown> {
  const variables: Record<string, unknown> = { ...SENT_VARIABLES[operation.name?.value ?? ''] };
  for (const definition of operation.variableDefinitions ?? []) {
    const type = definition.type.kind === Kind.NON_NULL_TYPE ? definition.type.type : definition.type;
    if (type.kind === Kind.NAMED_TYPE && type.name.value === 'Int')
      variables[definition.variable.name.value] = PAGE_SIZE_MAX;
  }
  return variables;
}

describe('the web app’s operations and the explorer’s examples fit the query limits', () => {
  it('finds the web app’s operations', () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.map((operation) => operation.name?.value)).toEqual(
      expect.arrayContaining(['WebLicensingStats', 'WebImpactStats']),
    );
  });

  it.each(operations.map((operation) => [operation.name?.value ?? '(anonymous)', operation] as const))(
    '%s: within the node and cost limits',
    (_name, operation) => {
      const count = countOperation(schema, operation, fragments, variablesOf(operation));
      expect(count.nodes).toBeLessThanOrEqual(QUERY_LIMITS.nodes);
      expect(count.cost).toBeLessThanOrEqual(QUERY_LIMITS.cost);
    },
  );

  it.each(EXPLORER_EXAMPLES.map((example) => [example.title, example.query] as const))(
    'explorer: %s',
    (_title, query) => {
      const document = parse(query);
      expect(validate(schema, document)).toEqual([]);
      const own = document.definitions.filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
      );
      for (const operation of document.definitions) {
        if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
        const count = countOperation(schema, operation, own, variablesOf(operation));
        expect(count.nodes).toBeLessThanOrEqual(QUERY_LIMITS.nodes);
      }
    },
  );
});
