// The application services, built once at start from what the process opened (database, search
// engine, encodings) and handed to GraphQL (through the request context) and HTTP explicitly.
// Nothing here is held in a module: two services on two databases in one process (tests) never
// share state.
import { DashboardAnalytics } from '../analytics/dashboard-analytics.js';
import type { ExemptionRules } from '../classification/exemption-rules.js';
import type { Rulebook } from '../classification/rulebook.js';
import type { Database } from '../db/database.js';
import type { Regime } from '../generated/prisma/client.js';
import type { SearchEngine } from '../search/search-engine.js';
import {
  checkExemptionsFor,
  listActivityFacts,
  type CheckExemptionsInput,
  type ExemptionCheckAnswer,
} from './exemption-check.js';
import { listFacts, type FactDescription, type FactFilter } from './fact-vocabulary.js';
import { FilterVocabulary } from './filter-vocabulary.js';
import { harmonisationReport, type HarmonisationReport } from './harmonisation-report.js';
import { diffProvision, type ProvisionDiff, type ProvisionDiffInput } from './provision-diff.js';
import { readVersions, type VersionKey } from './provision-history.js';
import { readParagraphs } from './provision-paragraphs.js';
import { classifyItem, type ClassifyItemInput, type ItemClassification } from './item-classification.js';
import {
  LicenceRequirements,
  type LicenceActivityFact,
  type LicenceRequirementAnswer,
  type LicenceRequirementInput,
} from './licence-requirements.js';
import type { CitedRowPlan } from './provision-citations.js';
import { compareProvision, type CompareProvisionInput, type ProvisionComparison } from './provision-comparison.js';
import { SearchPages } from './search-page.js';

export interface ServiceDependencies {
  db: Database;
  rulebook: Rulebook;
  exemptionRules: ExemptionRules;
  searchEngine: SearchEngine;
}

export interface AppServices {
  readonly db: Database;
  readonly rulebook: Rulebook;
  readonly exemptionRules: ExemptionRules;
  readonly analytics: DashboardAnalytics;
  readonly search: SearchPages;
  /** The values free-text filters can match (an unknown one is refused, an alias read and noted). */
  readonly filterVocabulary: FilterVocabulary;
  /**
   * Whether list fields may read a plain nested selection in one compiled statement
   * (db/compiled-read.ts) instead of through Prisma, and whether connection pages may have
   * PostgreSQL write their nodes' JSON (`rendered`, graphql/rendered-pages.ts, only while
   * `enabled`); the tests that compare the paths turn them off.
   */
  readonly compiledReads: { enabled: boolean; rendered: boolean };
  classifyItem(input: ClassifyItemInput, plan: CitedRowPlan, factsField?: string): Promise<ItemClassification>;
  checkExemptions(input: CheckExemptionsInput): Promise<ExemptionCheckAnswer>;
  compareProvision(input: CompareProvisionInput, plan: CitedRowPlan): Promise<ProvisionComparison>;
  itemFacts(filter: FactFilter | null | undefined): FactDescription[];
  provisionDiff(input: ProvisionDiffInput): Promise<ProvisionDiff>;
  harmonisationReport(input: { category: string; regimes: readonly Regime[] | null }): Promise<HarmonisationReport>;
  /** Every version of each provision, oldest first (one statement for all keys). */
  provisionVersions(keys: readonly VersionKey[]): ReturnType<typeof readVersions>;
  /** Every paragraph under each provision, in the order of the text (one statement per level). */
  provisionParagraphs(ids: readonly string[]): ReturnType<typeof readParagraphs>;
  activityFacts(): ReturnType<typeof listActivityFacts>;
  licenceRequirement(input: LicenceRequirementInput): Promise<LicenceRequirementAnswer>;
  licenceActivityFacts(): readonly LicenceActivityFact[];
}

export function createServices(deps: ServiceDependencies): AppServices {
  const { db, rulebook, exemptionRules } = deps;
  const prisma = db.prisma;
  const licences = new LicenceRequirements({ prisma, rulebook, exemptionRules });
  const filterVocabulary = new FilterVocabulary(db, rulebook);
  filterVocabulary.preload();
  return {
    db,
    rulebook,
    exemptionRules,
    analytics: new DashboardAnalytics(db),
    search: new SearchPages(db, deps.searchEngine),
    filterVocabulary,
    compiledReads: { enabled: true, rendered: true },
    classifyItem: (input, plan, factsField) => classifyItem({ prisma, rulebook }, input, plan, factsField),
    checkExemptions: (input) =>
      checkExemptionsFor({ prisma, exemptionRules, countryTables: () => licences.countryTables() }, input),
    compareProvision: (input, plan) => compareProvision({ prisma, rulebook }, input, plan),
    itemFacts: (filter) => listFacts(rulebook, filter),
    provisionDiff: (input) => diffProvision(prisma, input),
    harmonisationReport: (input) => harmonisationReport(prisma, input),
    provisionVersions: (keys) => readVersions(prisma, keys),
    provisionParagraphs: (ids) => readParagraphs(prisma, ids),
    activityFacts: () => listActivityFacts(exemptionRules),
    licenceRequirement: (input) => licences.answer(input),
    licenceActivityFacts: () => licences.activityFacts(),
  };
}
