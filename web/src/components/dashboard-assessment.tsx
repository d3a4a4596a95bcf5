// One impact assessment or statistical release (deep-linked from search as
// /dashboards?assessment=<id>): what it is, where it comes from, and every figure it reports as
// the source gives it (a number, or its words when it gives no number).
import type { WebDashboardAssessmentQuery } from '../gql/graphql';
import { formatDate, formatNumber } from './dashboard-format';
import { SourceLinks } from './dashboard-sources';
import { DashboardTable } from './dashboard-table';

export type Assessment = Extract<NonNullable<WebDashboardAssessmentQuery['node']>, { __typename: 'ImpactAssessment' }>;

export function AssessmentPanel({ assessment, onClose }: { assessment: Assessment; onClose: () => void }) {
  const metrics = assessment.metrics.edges.map((edge) => edge.node);
  return (
    <section className="dashboard-panel dashboard-assessment" aria-labelledby="assessment-title">
      <h2 id="assessment-title">{assessment.title}</h2>
      <p className="dashboard-muted">
        {assessment.publisher} · {assessment.jurisdiction.name} · published {formatDate(assessment.publishedOn)} ·{' '}
        {assessment.method}
      </p>
      <div className="dashboard-source-line">
        Source: <SourceLinks sources={[assessment.citation]} />{' '}
        <button type="button" className="secondary" onClick={onClose}>
          Show all figures instead
        </button>
      </div>
      <DashboardTable
        id="assessment-table"
        caption={`The ${assessment.metrics.totalCount} figure${assessment.metrics.totalCount === 1 ? '' : 's'} this release reports${assessment.metrics.totalCount > metrics.length ? ` (the first ${metrics.length} shown)` : ''}, each with its unit and source`}
        columns={[
          { header: 'Indicator' },
          { header: 'Period' },
          { header: 'Value', numeric: true },
          { header: 'Unit' },
          { header: 'Area' },
          { header: 'Source' },
        ]}
        rows={metrics.map((metric) => ({
          key: metric.id,
          cells: [
            metric.indicator,
            metric.period,
            metric.value === null || metric.value === undefined
              ? (metric.valueText ?? '—')
              : formatNumber(metric.value),
            metric.unit,
            metric.region,
            <SourceLinks key="source" sources={[metric.citation]} />,
          ],
        }))}
      />
    </section>
  );
}
