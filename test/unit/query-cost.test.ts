import { readFileSync } from 'node:fs';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_SIZE, LIST_SIZES } from '../../src/graphql/list-sizes.js';
import { QUERY_LIMITS } from '../../src/graphql/plugins/query-limits.js';
import { FIELD_COSTS } from '../../src/graphql/field-costs.js';
import { countOperation } from '../../src/graphql/query-cost.js';

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

  it('counts a plain list at the most it can hold, and a connection under it per item of the paths above', () => {
    const query =
      '{ exemptions(first: 5) { edges { node { provisions(first: 2) { edges { node { exemptions { exemption { provisions(first: 3) { totalCount } } } } } } } } } }';
    const listed = LIST_SIZES['ControlProvision.exemptions'] as number;
    expect(listed).toBeGreaterThan(1);
    expect(count(query).nodes).toBe(5 + 5 * 2 + 5 * 2 * listed + 5 * 2 * listed * 3);
  });

  it('counts a list without a declared size once per parent', () => {
    expect(LIST_SIZES['ControlProvision.paragraphs']).toBeUndefined();
    expect(count('{ provision(code: "6A003") { paragraphs { code } } }').nodes).toBe(DEFAULT_LIST_SIZE);
  });

  it('multiplies nested plain lists by their declared sizes', () => {
    const history = LIST_SIZES['ControlProvision.history'] as number;
    const thresholds = LIST_SIZES['ControlProvision.thresholds'] as number;
    const notes = LIST_SIZES['ControlProvision.listNotes'] as number;
    const query =
      '{ provision(code: "6A003") { history { code thresholds { __typename } listNotes { __typename } } } }';
    expect(count(query).nodes).toBe(history + history * thresholds + history * notes);
  });

  it('sizes aggregate buckets by the groupBy keys and their values by the measures asked', () => {
    const query = (groupBy: string) =>
      `{ licensingStats(groupBy: ${groupBy}, measures: [DECISIONS, REFUSED]) { buckets { decisions values { decimal } } } }`;
    expect(count(query('[]')).nodes).toBe(1 + 1 * 2);
    expect(count(query('[YEAR]')).nodes).toBe(8 + 8 * 2);
    expect(count(query('[YEAR, OUTCOME]')).nodes).toBe(16 + 16 * 2);
    // Keys whose product passes the bucket limit count as the limit.
    expect(count(query('[RATING, DESTINATION, MONTH]')).nodes).toBe(10_000 + 10_000 * 2);
    // Variables: as given; not given, null (no grouping) as at execution; left to a default, at the most.
    const withVariables =
      'query Q($g: [LicensingGroupKey!], $m: [LicensingMeasure!]!) { licensingStats(groupBy: $g, measures: $m) { buckets { values { decimal } } } }';
    expect(count(withVariables, { g: ['QUARTER'], m: ['DECISIONS'] }).nodes).toBe(32 + 32);
    expect(count(withVariables, { m: ['DECISIONS'] }).nodes).toBe(1 + 1);
    const withDefault = withVariables.replace(
      '$g: [LicensingGroupKey!]',
      '$g: [LicensingGroupKey!] = [RATING, DESTINATION]',
    );
    expect(count(withDefault, { m: ['DECISIONS'] }).nodes).toBe(10_000 + 10_000);
  });

  it('refuses, at the node limit, a document of nested plain lists it used to count as one node each', () => {
    // Entries x their versions (20) x each version's thresholds (40): 821 nodes per entry.
    const nested =
      'query Q($n: Int) { provisions(first: $n) { edges { node { history { thresholds { __typename } } } } } }';
    expect(count(nested, { n: 100 }).nodes).toBe(100 * 821);
    const atBound = count(nested, { n: 60 }).nodes;
    expect(atBound).toBe(49_260);
    expect(atBound).toBeLessThanOrEqual(QUERY_LIMITS.nodes);
    expect(count(nested, { n: 61 }).nodes).toBeGreaterThan(QUERY_LIMITS.nodes);
  });

  it('follows fragments and inline fragments, and interfaces by their largest possible type', () => {
    const query = `
      query { node(id: "x") { ...Exemption ... on ControlProvision { children { code } } } }
      fragment Exemption on Exemption { provisions(first: 9) { edges { node { code } } } }`;
    expect(count(query).nodes).toBe(9);
  });

  it('expands a named fragment once per selection set, as execution does, so a fragment bomb counts as one spread', () => {
    const once = count('{ ...F0 } fragment F0 on Query { itemFacts { name } }');
    let bomb = '{ ...F25 } fragment F0 on Query { itemFacts { name } }';
    for (let level = 1; level <= 25; level += 1)
      bomb += ` fragment F${level} on Query { ...F${level - 1} ...F${level - 1} }`;
    // 2^25 spreads of F0 would take minutes to walk and count 2^25 times the nodes.
    expect(count(bomb)).toEqual(once);
    // The same fragment under two different fields runs (and counts) twice.
    const twice = count(
      '{ a: provisions(first: 10) { ...P } b: provisions(first: 10) { ...P } } fragment P on ProvisionConnection { edges { node { code } } }',
    );
    expect(twice.nodes).toBe(20);
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
