import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { generationScopes, isCacheableOperation } from '../../src/graphql/plugins/cacheable-operations.js';

const operation = (text: string) => parse(text).definitions[0] as OperationDefinitionNode;

describe('cacheable operations (whole-response cache)', () => {
  it('accepts queries made only of analytics fields, checked against the analytics generation', () => {
    expect(generationScopes(operation('{ impactStats(measures: [COUNT]) { rowCount } }'))).toEqual(['analytics']);
    expect(
      generationScopes(
        operation(
          'query Q { __typename a: impactSeries(indicator: "x", interval: YEAR) { unit } consultationStats { interval } }',
        ),
      ),
    ).toEqual(['analytics']);
    expect(generationScopes(operation('{ __typename }'))).toEqual(['analytics']);
  });

  it('accepts catalogue reads, checked against the catalogue generation (and analytics too when mixed)', () => {
    expect(
      generationScopes(operation('{ provisions(first: 5) { totalCount } provision(code: "6A003") { id } }')),
    ).toEqual(['catalogue']);
    expect(
      generationScopes(
        operation(
          '{ exemptions { totalCount } guidanceDocuments { totalCount } node(id: "x") { id } nodes(ids: []) { id } }',
        ),
      ),
    ).toEqual(['catalogue']);
    expect(generationScopes(operation('{ impactStats(measures: [COUNT]) { rowCount } node(id: "x") { id } }'))).toEqual(
      ['analytics', 'catalogue'],
    );
  });

  it('refuses reads that depend on the clock, the caller or the search index, fragments and mutations', () => {
    for (const field of [
      'search(query: "camera") { totalCount }',
      'rateLimit { remaining }',
      'checkExemptions(input: {}) { verdict }',
      'licenceRequirement(input: {}) { asOf }',
      'classifyItem(item: {}) { asOf }',
      '__schema { queryType { name } }',
    ]) {
      expect(isCacheableOperation(operation(`{ provisions { totalCount } ${field} }`)), field).toBe(false);
    }
    expect(
      isCacheableOperation(operation('{ ...F } fragment F on Query { impactStats(measures: [COUNT]) { rowCount } }')),
    ).toBe(false);
    expect(isCacheableOperation(operation('{ ... on Query { provisions { totalCount } } }'))).toBe(false);
    expect(isCacheableOperation(operation('mutation { impactStats }'))).toBe(false);
    expect(isCacheableOperation(undefined)).toBe(false);
  });
});
