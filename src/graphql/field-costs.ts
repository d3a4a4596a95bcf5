// The price of the fields that compute their answer, counted by query-cost.ts on top of their nodes.

/**
 * Points for one call of a field that computes its answer (classification, search, aggregates),
 * on top of what its nodes cost; fields not named cost nothing beyond their nodes.
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  'Query.classifyItem': 25,
  'Query.checkExemptions': 25,
  'Query.licenceRequirement': 25,
  'Query.reportHarmonisation': 25,
  'Query.compareProvision': 10,
  'Query.diffProvision': 5,
  'Query.search': 5,
  'Query.impactStats': 10,
  'Query.impactSeries': 10,
  'Query.licensingStats': 10,
  'Query.consultationStats': 5,
};
