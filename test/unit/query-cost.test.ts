import { readFileSync } from 'node:fs';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { countOperation, FIELD_COSTS } from '../../src/graphql/query-cost.js';

const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));

function count(source: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = document.definitions.filter(
    (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
  );
  if (operation === undefined) throw new Error('no operation');
  return countOperation(schema, operation, fragments, variables);
}

describe('nodes and cost of an operation', () => {
  it('multiplies the page sizes of nested connections along each path and sums the paths', () => {
    const nodes = count(
      '{ exemptions(first: 10) { edges { node { provisions(first: 7) { edges { node { code } } } } } } }',
    ).nodes;
    expect(nodes).toBe(10 + 10 * 7);
  });

  it('takes page sizes from variables, `last` as well as `first`, and the default page of 20 when neither is given', () => {
    const query = 'query Q($n: Int) { exemptions(last: $n) { edges { node { provisions { totalCount } } } } }';
    expect(count(query, { n: 4 }).nodes).toBe(4 + 4 * 20);
    expect(count(query).nodes).toBe(20 + 20 * 20);
  });

  it('counts a plain list of objects once per parent, and a connection under it per item of the paths above', () => {
    const query =
      '{ exemptions(first: 5) { edges { node { provisions(first: 2) { edges { node { exemptions { exemption { provisions(first: 3) { totalCount } } } } } } } } } }';
    expect(count(query).nodes).toBe(5 + 5 * 2 + 5 * 2 * 1 + 5 * 2 * 3);
  });

  it('follows fragments and inline fragments, and interfaces by their largest possible type', () => {
    const query = `
      query { node(id: "x") { ...Exemption ... on ControlProvision { children { code } } } }
      fragment Exemption on Exemption { provisions(first: 9) { edges { node { code } } } }`;
    expect(count(query).nodes).toBe(9);
  });

  it('prices the fields that compute their answer, per call', () => {
    const one = count('{ search(query: "lidar", first: 10) { totalCount } }');
    expect(one.nodes).toBe(10);
    expect(one.cost).toBe(1 + (FIELD_COSTS['Query.search'] ?? 0));
    const three = count(
      '{ a: search(query: "a", first: 1) { totalCount } b: search(query: "b", first: 1) { totalCount } c: search(query: "c", first: 1) { totalCount } }',
    );
    expect(three.cost).toBe(1 + 3 * (FIELD_COSTS['Query.search'] ?? 0));
  });

  it('costs one point per started hundred nodes, at least one', () => {
    expect(count('{ __typename }').cost).toBe(1);
    expect(count('{ exemptions(first: 100) { edges { node { provisions(first: 100) { totalCount } } } } }').cost).toBe(
      Math.ceil((100 + 100 * 100) / 100),
    );
  });
});
