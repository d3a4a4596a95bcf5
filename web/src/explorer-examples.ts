// Saved operations the GraphQL explorer opens with, one or more per user group. A unit test
// validates each against the committed schema, so they keep working as the API changes.

export interface ExplorerExample {
  /** Who it is for and what it answers (the tab's first comment line). */
  title: string;
  query: string;
}

export const EXPLORER_EXAMPLES: readonly ExplorerExample[] = [
  {
    title: 'Search: one result per entry, with the query as it was understood',
    query: `# Search: one result per entry, with the query as it was understood
query Search {
  search(query: "do I need a licence to export a thermal camera to Japan", first: 5) {
    totalCount
    interpretedQuery { searchedText removed { text reason } destination { code name } }
    edges {
      score
      node {
        __typename
        ... on ControlProvision { code regime title }
        ... on Exemption { name legalBasis }
      }
      paragraphs { node { code title } }
    }
  }
}`,
  },
  {
    title: 'Research office: does the fundamental-research exclusion cover publishing lidar results?',
    query: `# Research office: does the fundamental-research exclusion cover publishing lidar results?
# The facts an exemption uses are listed by activityFacts; unanswered ones come back in questionsToAnswer.
query ResearchExemption {
  checkExemptions(
    input: {
      provisions: ["6E001"]
      regimes: [US_EAR]
      activity: [
        { name: "research_is_fundamental", boolean: true }
        { name: "results_intended_for_publication", boolean: true }
      ]
    }
  ) {
    verdict
    reason
    disclaimer
    exemptions { name legalBasis outcome reason citation { url } }
    questionsToAnswer { fact description }
  }
}`,
  },
  {
    title: 'Exporter: what controls 6A003 in each list, side by side',
    query: `# Exporter: what controls 6A003 in each list, side by side
query Compare {
  compareProvision(code: "6A003") {
    code
    regimes
  }
  provision(code: "6A003", regime: US_EAR) {
    code
    title
    reasonsForControl
    citation { url title }
  }
}`,
  },
  {
    title: 'Exporter: the facts a classification can use',
    query: `# Exporter: the facts a classification can use (names, units and choices for classifyItem)
query ItemFacts {
  itemFacts {
    name
    description
    type
    acceptedUnits
    values
  }
}`,
  },
  {
    title: 'Dashboards: UK licensing decisions and refusal rate by quarter',
    query: `# Dashboards: UK licensing decisions and refusal rate by quarter
query LicensingByQuarter {
  licensingStats(groupBy: [QUARTER], measures: [DECISIONS, REFUSAL_RATE]) {
    caveats
    buckets { periodLabel values { measure value unit } }
    sources { title url }
  }
}`,
  },
];
