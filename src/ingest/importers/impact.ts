// Dataset "impact": one ImpactAssessment per source publication (metrics grouped by
// publisher + source URL) and the 96 ImpactMetric rows, each with its reporting period
// parsed into an interval. The assessment's `method` is our label (editorial/impact-sources.json),
// chosen by whether the publisher is the official body or a secondary summary of its report.
import { z } from 'zod';
import { metricDimensionFromIndicator } from '../../domain/metric-dimension.js';
import { parseReportingPeriod, ReportingPeriodError } from '../../domain/reporting-period.js';
import { citationFromUrl, CitationSet, CITATION_TABLE } from '../citations.js';
import type { ImportContext, Importer } from '../importer.js';
import type { SeedRow } from '../model-rows.js';
import { jurisdictionIdsByCode, SeedReferenceError } from '../reference-lookups.js';
import { seedFile } from '../seed-files.js';
import { stableId } from '../stable-id.js';
import { parseStatedDay } from '../stated-dates.js';
import { syncTable, type TableSpec } from '../sync.js';

export const impactMetricSchema = z.strictObject({
  id: z.string().min(1),
  jurisdiction: z.string().min(1),
  scope: z.string().min(1),
  period: z.string().min(1),
  metric: z.string().min(1),
  value: z.union([z.number(), z.string().min(1)]),
  unit: z.string().min(1),
  quote: z.string().min(1),
  source: z.string().min(1),
  publisher: z.string().min(1),
  licence: z.string().min(1),
  notes: z.string().nullable(),
});
export type ImpactMetricRecord = z.infer<typeof impactMetricSchema>;

const impactSourcesEditorialSchema = z.strictObject({
  comment: z.string(),
  sources: z.array(z.strictObject({ url: z.string().min(1), official: z.boolean(), method: z.string().min(1) })),
});

export const IMPACT_METRICS_FILE = seedFile('impactMetrics', 'data/impact_metrics.json', z.array(impactMetricSchema));
export const IMPACT_SOURCES_FILE = seedFile(
  'impactSources',
  'editorial/impact-sources.json',
  impactSourcesEditorialSchema,
);

// No assessment record names a consultation, and synthetic (benchmark) rows are never seeded.
type AssessmentRow = SeedRow<'ImpactAssessment', 'consultationId'>;
type MetricRow = SeedRow<'ImpactMetric', 'synthetic'>;

const ASSESSMENT_TABLE: TableSpec<'ImpactAssessment', AssessmentRow> = {
  model: 'ImpactAssessment',
  key: ['sourceKey'],
  references: ['jurisdictionId', 'citationId'],
};
const METRIC_TABLE: TableSpec<'ImpactMetric', MetricRow> = {
  model: 'ImpactMetric',
  key: ['sourceKey'],
  references: ['jurisdictionId', 'citationId', 'assessmentId'],
};

export class ImpactMetricError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImpactMetricError';
  }
}

/** "EU (France)" -> "EU": the jurisdiction code a metric's region belongs to. */
export function jurisdictionCodeOf(region: string): string {
  return region.trim().split(/\s+/)[0] ?? region;
}

/** The publication date a publisher line states ("..., ECJU Official Statistics (published 12 December 2024)"). */
export function statedPublicationDate(publisher: string): Date | null {
  const match = /\bpublished\s+(\d{1,2}\s+[A-Za-z]+\s+\d{4})/i.exec(publisher);
  return match?.[1] ? parseStatedDay(match[1]) : null;
}

export function assessmentSourceKey(publisher: string, url: string): string {
  return `impact:${publisher} @ ${url}`;
}

export const impactImporter: Importer = {
  name: 'impact',
  files: [IMPACT_METRICS_FILE, IMPACT_SOURCES_FILE],
  dependsOn: ['reference'],
  load: loadImpactMetrics,
};

async function loadImpactMetrics(ctx: ImportContext): Promise<void> {
  const [records, sources] = await Promise.all([
    ctx.files.get(IMPACT_METRICS_FILE),
    ctx.files.get(IMPACT_SOURCES_FILE),
  ]);
  const jurisdictionId = await jurisdictionIdsByCode(ctx.tx);
  const methodByUrl = new Map(sources.sources.map((source) => [source.url, source.method]));
  const citations = new CitationSet();

  const groups = new Map<string, ImpactMetricRecord[]>();
  for (const record of records) {
    const key = assessmentSourceKey(record.publisher, record.source);
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }

  const assessments: AssessmentRow[] = [];
  const metrics: MetricRow[] = [];
  for (const [sourceKey, group] of groups) {
    const first = group[0];
    if (!first) continue;
    const codes = new Set(group.map((record) => jurisdictionCodeOf(record.jurisdiction)));
    if (codes.size !== 1)
      throw new ImpactMetricError(
        `${sourceKey}: metrics of one publication span jurisdictions ${[...codes].join(', ')}`,
      );
    const method = methodByUrl.get(first.source);
    if (!method) throw new SeedReferenceError(`editorial/impact-sources.json has no method for ${first.source}`);
    const scopes = [...new Set(group.map((record) => record.scope))];
    const title = scopes.reduce((longest, scope) => (scope.length > longest.length ? scope : longest), '');
    const assessmentId = stableId('ImpactAssessment', sourceKey);
    assessments.push({
      id: assessmentId,
      sourceKey,
      title,
      method,
      publisher: first.publisher,
      jurisdictionId: jurisdictionId(jurisdictionCodeOf(first.jurisdiction)),
      publishedOn: statedPublicationDate(first.publisher),
      citationId: citations.add(citationFromUrl(first.source, { publisher: first.publisher, licence: first.licence })),
    });

    for (const record of group) {
      let period;
      try {
        period = parseReportingPeriod(record.period);
      } catch (error) {
        if (error instanceof ReportingPeriodError)
          throw new ImpactMetricError(`impact_metrics.json record ${record.id}: ${error.message}`);
        throw error;
      }
      const code = jurisdictionCodeOf(record.jurisdiction);
      if ((period.type === 'US_FISCAL_YEAR' || period.type === 'PARTIAL_FISCAL_YEAR') && code !== 'US') {
        throw new ImpactMetricError(
          `impact_metrics.json record ${record.id}: fiscal-year period "${record.period}" outside the US; its fiscal calendar is unknown`,
        );
      }
      metrics.push({
        id: stableId('ImpactMetric', record.id),
        sourceKey: record.id,
        assessmentId,
        jurisdictionId: jurisdictionId(code),
        // No metric record names an ECCN; a provision is linked only when one does.
        provisionId: null,
        dimension: metricDimensionFromIndicator(record.metric),
        indicator: record.metric,
        value: typeof record.value === 'number' ? String(record.value) : null,
        valueText: typeof record.value === 'string' ? record.value : null,
        unit: record.unit,
        period: record.period,
        periodType: period.type,
        periodStart: period.start,
        periodEnd: period.end,
        sector: record.scope,
        region: record.jurisdiction,
        quote: record.quote,
        notes: record.notes,
        citationId: citations.add(
          citationFromUrl(record.source, { publisher: record.publisher, licence: record.licence }),
        ),
      });
    }
  }

  await syncTable(ctx, CITATION_TABLE, citations.rows());
  await syncTable(ctx, ASSESSMENT_TABLE, assessments);
  await syncTable(ctx, METRIC_TABLE, metrics);
}
