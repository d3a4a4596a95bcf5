// The GraphQL document the search-over-HTTP bench sends (first 20, all facets, every node type).
export const BENCH_SEARCH_QUERY = `query BenchSearch($query: String!) { search(query: $query, first: 20) { totalCount processingTimeMs
    facets { field value count } edges { score highlights { field snippet } node { __typename
      ... on ControlProvision { id code title } ... on Exemption { id name } ... on GuidanceDocument { id title }
      ... on StakeholderConsultation { id title } ... on ImpactAssessment { id title } } } } }`;
