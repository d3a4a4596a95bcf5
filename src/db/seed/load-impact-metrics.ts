// Dataset "impact": one ImpactAssessment per source publication (metrics grouped by
// publisher + source URL) and the 96 ImpactMetric rows, each with its reporting period
// parsed into an interval. The assessment's `method` is our label (editorial/impact-sources.json),
// chosen by whether the publisher is the official body or a secondary summary of its report.
import { metricDimensionFromIndicator } from '../../domain/metric-dimension.js';
import { parseReportingPeriod, ReportingPeriodError } from '../../domain/reporting-period.js';
import { citationFromUrl, CitationSet } from './citations.js';
import type { ImpactMetricRecord } from './read-seed-files.js';
import { jurisdictionIdsByCode, SeedReferenceError, type LoaderContext } from './seed-context.js';
import { parseStatedDay, stableId } from './stable-id.js';
import { syncTable } from './sync-rows.js';
import { citationTable, impactAssessmentTable, impactMetricTable, type ImpactAssessmentRow, type ImpactMetricRow } from './table-writers.js';

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

export async function loadImpactMetrics(ctx: LoaderContext): Promise<void> {
  const [records, sources] = await Promise.all([ctx.files.get('impactMetrics'), ctx.files.get('impactSources')]);
  const jurisdictionId = await jurisdictionIdsByCode(ctx.tx);
  const methodByUrl = new Map(sources.sources.map((source) => [source.url, source.method]));
  const citations = new CitationSet();

  const groups = new Map<string, ImpactMetricRecord[]>();
  for (const record of records) {
    const key = assessmentSourceKey(record.publisher, record.source);
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }

  const assessments: ImpactAssessmentRow[] = [];
  const metrics: ImpactMetricRow[] = [];
  for (const [sourceKey, group] of groups) {
    const first = group[0];
    if (!first) continue;
    const codes = new Set(group.map((record) => jurisdictionCodeOf(record.jurisdiction)));
    if (codes.size !== 1) throw new ImpactMetricError(`${sourceKey}: metrics of one publication span jurisdictions ${[...codes].join(', ')}`);
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
        if (error instanceof ReportingPeriodError) throw new ImpactMetricError(`impact_metrics.json record ${record.id}: ${error.message}`);
        throw error;
      }
      const code = jurisdictionCodeOf(record.jurisdiction);
      if ((period.type === 'US_FISCAL_YEAR' || period.type === 'PARTIAL_FISCAL_YEAR') && code !== 'US') {
        throw new ImpactMetricError(`impact_metrics.json record ${record.id}: fiscal-year period "${record.period}" outside the US; its fiscal calendar is unknown`);
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
        citationId: citations.add(citationFromUrl(record.source, { publisher: record.publisher, licence: record.licence })),
      });
    }
  }

  await syncTable(ctx, citationTable(ctx.tx, citations.rows()));
  await syncTable(ctx, impactAssessmentTable(ctx.tx, assessments));
  await syncTable(ctx, impactMetricTable(ctx.tx, metrics));
}
