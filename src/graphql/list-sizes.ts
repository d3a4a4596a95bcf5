// The most items each plain list field (a list of objects without page arguments) can hold, for
// the node count of query-cost.ts: a list nested in a list multiplies like a connection does.
// Lists read from the database are given the largest such list in the seed data, rounded up
// (measured with SQL on a freshly seeded database); lists the code computes are given the bound
// the code or the encodings set. A list not named here is counted as DEFAULT_LIST_SIZE: the small
// computed lists (verdicts per regime, citations of a step, highlights of a hit) and the few whose
// per-parent maximum would refuse the web app's own pages (see ControlProvision.paragraphs).
import { MAX_BUCKETS } from '../analytics/impact-stats.js';
import { MAX_SUB_HITS } from '../search/search-engine.js';

/** A plain list not named in LIST_SIZES: counted once per parent, as before sizes were declared. */
export const DEFAULT_LIST_SIZE = 1;

/** The size is the length of a list argument of the nearest enclosing field that has it (`measures`). */
interface SizeOfArgumentList {
  argumentLength: string;
  /** When the argument is absent or not known before execution: the most it can hold. */
  upTo: number;
}

/**
 * The size is the product, over the keys of a `groupBy` argument of the nearest enclosing field,
 * of how many values each key takes in the seed data (one bucket without keys), at most `upTo`.
 */
interface SizeOfGroups {
  groupedBy: string;
  keys: Readonly<Record<string, number>>;
  upTo: number;
}

export type ListSize = number | SizeOfArgumentList | SizeOfGroups;

/** Distinct values per grouping key of the impact figures (seed: 96 figures, 1999-10 to 2024-06). */
const IMPACT_KEY_VALUES: Readonly<Record<string, number>> = {
  JURISDICTION: 5,
  DIMENSION: 10,
  INDICATOR: 70,
  SECTOR: 20,
  REGION: 10,
  UNIT: 15,
  PROVISION: 10,
  ASSESSMENT: 20,
  PERIOD_TYPE: 10,
  YEAR: 30,
  QUARTER: 110,
  MONTH: 320,
};

/** Distinct values per grouping key of the licensing decisions (seed: 96,311 decisions, 2008-2015). */
const LICENSING_KEY_VALUES: Readonly<Record<string, number>> = {
  CATEGORY: 11,
  DESTINATION: 230,
  MONTH: 96,
  OUTCOME: 2,
  QUARTER: 32,
  RATING: 260,
  RATING_TYPE: 4,
  YEAR: 8,
};

export const LIST_SIZES: Readonly<Record<string, ListSize>> = {
  // Read from the database (seed maximum in the comment).
  'AmendingAct.provisions': 400, // 322 provisions amended by one act
  'ControlProvision.history': 20, // 17 versions of one code
  'ControlProvision.exemptions': 10, // 8
  'ControlProvision.listNotes': 20, // 16
  'ControlProvision.thresholds': 40, // 34
  'ControlProvision.thresholdGroups': 10, // 7 top-level groups
  'ThresholdGroup.thresholds': 10, // 7
  'Exemption.conditions': 60, // 53
  'Exemption.guidance': 10, // 3
  'StakeholderConsultation.stakeholders': 20, // 16
  // The lists that make trees are counted as one: ControlProvision.paragraphs (223 under one
  // entry), ControlProvision.children (90) and ThresholdGroup.groups (4). A page reads a whole tree
  // (paragraphs with threshold groups four levels deep, children five levels deep), where the
  // product of per-parent maxima gives millions of nodes but an entry holds at most 179 thresholds
  // and 313 notes in all. Their nesting is bounded by the depth limit; bounding them by the
  // entry's totals needs a count per subtree.
  // Computed.
  'ItemClassification.paragraphs': 350, // every encoded paragraph (343)
  'ItemFact.usedBy': 100, // 97 paragraphs use one fact
  'ExemptionEligibility.conditions': 60, // an exemption's conditions
  'ProvisionComparison.paragraphs': 500, // the paragraphs of one entry in each compared regime
  'HarmonisationReport.entries': 150, // 141 entries in the largest category
  'ItemClassification.entries': 20, // 13 encoded entries
  'Query.itemFacts': 200, // 171 facts
  'Query.audiences': 50,
  'Query.impactIndicators': 100, // one per jurisdiction, indicator and unit: at most the 96 figures
  'ConsultationStats.consultations': 20, // 12 consultations
  'ConsultationStats.byStakeholderType': 11, // the StakeholderType values
  'ConsultationSubmissionStats.byStakeholderType': 11,
  'ConsultationStats.timeline': 320,
  'ConsultationSubmissionStats.timeline': 320,
  'SearchEdge.paragraphs': MAX_SUB_HITS,
  'ProvisionDiff.text': 500,
  // A bucket holds at least one figure: at most the 96 figures, however they are grouped.
  'ImpactStats.buckets': { groupedBy: 'groupBy', keys: IMPACT_KEY_VALUES, upTo: 100 },
  'ImpactStatsBucket.values': { argumentLength: 'measures', upTo: 10 },
  'ImpactStatsBucket.sources': 20, // 15 assessments report figures
  'ImpactSeries.points': 320, // monthly points over the figures' 26 years
  'ImpactSeriesPoint.sources': 20,
  'LicensingStats.buckets': { groupedBy: 'groupBy', keys: LICENSING_KEY_VALUES, upTo: MAX_BUCKETS },
  'LicensingStatsBucket.values': { argumentLength: 'measures', upTo: 5 },
  'LicensingStatsBucket.sources': 2, // one source dataset
  'LicensingStats.sources': 2,
};
