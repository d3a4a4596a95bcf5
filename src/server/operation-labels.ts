// The operation names the metrics label series with. A label value is a time series of its own,
// and anyone can name an operation anything: only the web app's own operations (its pages and the
// explorer's examples) get a series each; every other named operation counts as "other" and an
// unnamed one as "anonymous". A unit test keeps this list equal to the web app's documents.

export const WEB_APP_OPERATION_NAMES: ReadonlySet<string> = new Set([
  // Pages (web/src/api).
  'ExemptionCheckerSetup',
  'ExemptionProvisionLookup',
  'FocusedExemption',
  'LicenceSetup',
  'WebCheckExemptions',
  'WebClassifyItem',
  'WebDashboardAssessment',
  'WebDashboardConsultation',
  'WebDashboardConsultationStats',
  'WebDashboardVocabulary',
  'WebEntryFacts',
  'WebImpactSeries',
  'WebImpactStats',
  'WebItemFacts',
  'WebLicenceRequirement',
  'WebLicensingStats',
  'WebProvisionComparison',
  'WebProvisionDiff',
  'WebProvisionPage',
  'WebSearch',
  // The explorer's examples.
  'Compare',
  'ItemFacts',
  'LicensingByQuarter',
  'ResearchExemption',
  'Search',
]);

/** The label value for an operation name. */
export function operationLabel(name: string | null, known: ReadonlySet<string> = WEB_APP_OPERATION_NAMES): string {
  if (name === null) return 'anonymous';
  return known.has(name) ? name : 'other';
}
