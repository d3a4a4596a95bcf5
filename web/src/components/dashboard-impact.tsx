// Reported figures (impactSeries and impactStats): one indicator of one jurisdiction as a series,
// with missing periods as gaps, then all the jurisdiction's figures grouped as the analyst picks,
// both downloadable as CSV with the same filters. The jurisdictions and indicators offered come
// from the API (impactJurisdictions, impactIndicators), so no value has to be guessed.
import { useMemo } from 'react';
import { ImpactSeriesDocument, ImpactStatsDocument } from '../api/dashboard-documents';
import { useQuery } from '../api/use-query';
import type {
  ImpactChangeBasis,
  ImpactGroupKey,
  ImpactMeasure,
  WebDashboardVocabularyQuery,
  WebImpactStatsQuery,
} from '../gql/graphql';
import { DashboardChart } from './dashboard-chart';
import {
  dayParam,
  exportUrl,
  formatNumber,
  intervalParam,
  INTERVAL_LABELS,
  unavailableLabel,
  type Interval,
  type UrlState,
} from './dashboard-format';
import { SourceLinks } from './dashboard-sources';
import { DashboardTable } from './dashboard-table';

type IndicatorSummary = WebDashboardVocabularyQuery['impactIndicators'][number];
type JurisdictionSummary = WebDashboardVocabularyQuery['impactJurisdictions'][number];
type StatsBucket = WebImpactStatsQuery['impactStats']['buckets'][number];

const SERIES_MEASURES: Record<string, string> = {
  SUM: 'Sum',
  AVG: 'Average',
  MIN: 'Smallest',
  MAX: 'Largest',
  LAST: 'Latest figure',
  COUNT: 'Number of figures',
};

const STATS_MEASURE_LABELS: Record<string, string> = {
  SUM: 'Sum',
  CHANGE: 'Change on previous',
  CHANGE_PERCENT: 'Change %',
  MIN: 'Smallest',
  MAX: 'Largest',
  LAST: 'Latest',
};

const GROUPINGS: Record<string, { label: string; column: (bucket: StatsBucket) => string | null | undefined }> = {
  INDICATOR: { label: 'Indicator', column: (bucket) => bucket.indicator },
  DIMENSION: { label: 'Dimension', column: (bucket) => bucket.dimension?.toLowerCase().replace(/_/g, ' ') },
  SECTOR: { label: 'Sector', column: (bucket) => bucket.sector },
  REGION: { label: 'Region', column: (bucket) => bucket.region },
  ASSESSMENT: { label: 'Release or assessment', column: (bucket) => bucket.assessmentTitle },
  PERIOD_TYPE: { label: 'Kind of period', column: (bucket) => bucket.periodType?.toLowerCase().replace(/_/g, ' ') },
};

/** The period length that fits an indicator: quarters for quarterly figures, otherwise years. */
function naturalInterval(indicator: IndicatorSummary | undefined): Interval {
  return indicator?.periodTypes.includes('CALENDAR_QUARTER') ? 'QUARTER' : 'YEAR';
}

export function ImpactDashboard({
  url,
  jurisdictions,
  indicators,
  assessment,
}: {
  url: UrlState;
  jurisdictions: readonly JurisdictionSummary[];
  indicators: readonly IndicatorSummary[];
  /** A deep-linked assessment: its jurisdiction and indicators only. */
  assessment: { id: string; jurisdiction: string; indicators: readonly string[] } | null;
}) {
  const { params, update } = url;
  const jurisdiction = assessment?.jurisdiction ?? params.get('jurisdiction') ?? 'UK';
  const options = indicators.filter(
    (option) =>
      option.jurisdiction === jurisdiction && (assessment === null || assessment.indicators.includes(option.indicator)),
  );
  const fallback = [...options].sort((a, b) => b.numericCount - a.numericCount)[0];
  const chosen = options.find((option) => option.indicator === params.get('indicator')) ?? fallback;
  const indicator = chosen?.indicator ?? null;
  const interval = intervalParam(params.get('interval'), naturalInterval(chosen));
  const measure = (params.get('measure') ?? 'SUM') in SERIES_MEASURES ? (params.get('measure') ?? 'SUM') : 'SUM';
  const from = dayParam(params.get('from'));
  const to = dayParam(params.get('to'));
  const groupKey =
    (params.get('group') ?? 'INDICATOR') in GROUPINGS ? (params.get('group') ?? 'INDICATOR') : 'INDICATOR';
  const perPeriod = params.get('per') === 'period';

  const filter = useMemo(
    () => ({
      jurisdictions: [jurisdiction],
      ...(from ? { periodFrom: from } : {}),
      ...(to ? { periodTo: to } : {}),
      ...(assessment ? { assessmentIds: [assessment.id] } : {}),
    }),
    [jurisdiction, from, to, assessment],
  );
  const seriesState = useQuery(
    ImpactSeriesDocument,
    useMemo(
      () => (indicator === null ? null : { indicator, interval, measure: measure as ImpactChangeBasis, filter }),
      [indicator, interval, measure, filter],
    ),
  );
  const { groupBy, statsMeasures } = useMemo(
    () => ({
      groupBy: (perPeriod ? [groupKey, interval] : [groupKey]) as ImpactGroupKey[],
      // Over a whole span, a sum of percentages or of overlapping years means nothing: the range
      // and the latest figure are shown instead; per period, the sum and its change.
      statsMeasures: (perPeriod
        ? ['COUNT', 'SUM', 'CHANGE', 'CHANGE_PERCENT']
        : ['COUNT', 'MIN', 'MAX', 'LAST']) as ImpactMeasure[],
    }),
    [groupKey, perPeriod, interval],
  );
  const statsState = useQuery(
    ImpactStatsDocument,
    useMemo(() => ({ filter, groupBy, measures: statsMeasures }), [filter, groupBy, statsMeasures]),
  );

  const filterParts = [
    ['jurisdictions', jurisdiction],
    ['periodFrom', from],
    ['periodTo', to],
    ['assessmentIds', assessment?.id ?? null],
  ] as const;
  const seriesCsv = exportUrl('/export/impact-series.csv', [
    ['indicator', indicator],
    ['interval', interval],
    ['measure', measure],
    ...filterParts,
  ]);
  const statsCsv = exportUrl('/export/impact-stats.csv', [
    ['groupBy', groupBy.join(',')],
    ['measures', statsMeasures.join(',')],
    ['mixedUnits', 'GROUP_BY_UNIT'],
    ...filterParts,
  ]);

  const series =
    seriesState.status === 'done'
      ? seriesState.data.impactSeries
      : seriesState.status === 'loading'
        ? (seriesState.previous?.impactSeries ?? null)
        : null;
  const stats =
    statsState.status === 'done'
      ? statsState.data.impactStats
      : statsState.status === 'loading'
        ? (statsState.previous?.impactStats ?? null)
        : null;
  const unit = series?.unit ?? chosen?.unit ?? null;
  const what = indicator ? `${indicator} (${jurisdiction}) by ${INTERVAL_LABELS[interval].toLowerCase()}` : '';

  return (
    <section className="dashboard-panel" aria-labelledby="impact-title">
      <h2 id="impact-title">Reported figures{indicator ? `: ${what}` : ''}</h2>
      <p className="dashboard-intro">
        Figures from official statistics and impact assessments, each quoted from its source. A period without figures
        is a gap, never zero.
      </p>
      <form className="dashboard-filters" onSubmit={(event) => event.preventDefault()} aria-label="Figure filters">
        <label>
          Jurisdiction
          <select
            value={jurisdiction}
            disabled={assessment !== null}
            onChange={(event) => update({ jurisdiction: event.target.value, indicator: null, interval: null })}
          >
            {jurisdictions.map((option) => (
              <option key={option.code} value={option.code}>
                {option.name} ({option.code}, {option.indicatorCount} indicators)
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          Indicator
          <select
            value={indicator ?? ''}
            onChange={(event) => update({ indicator: event.target.value, interval: null })}
          >
            {options.map((option) => (
              <option key={`${option.indicator}|${option.unit}`} value={option.indicator}>
                {option.indicator} — {option.unit}, {option.metricCount} figure{option.metricCount === 1 ? '' : 's'},{' '}
                {option.firstPeriodStart.slice(0, 4)}–{option.lastPeriodEnd.slice(0, 4)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Period length
          <select value={interval} onChange={(event) => update({ interval: event.target.value })}>
            {(['YEAR', 'QUARTER', 'MONTH'] as const).map((value) => (
              <option key={value} value={value}>
                {INTERVAL_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Each point
          <select value={measure} onChange={(event) => update({ measure: event.target.value })}>
            {Object.entries(SERIES_MEASURES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={from ?? ''} onChange={(event) => update({ from: event.target.value || null })} />
        </label>
        <label>
          To
          <input type="date" value={to ?? ''} onChange={(event) => update({ to: event.target.value || null })} />
        </label>
        {indicator ? (
          <a className="dashboard-download" href={seriesCsv} download>
            Download CSV
          </a>
        ) : null}
      </form>

      {indicator === null ? (
        <p>No indicator is reported for {jurisdiction}.</p>
      ) : seriesState.status === 'error' ? (
        <p role="alert" className="error">
          The series could not be computed: {seriesState.error.message}
        </p>
      ) : series === null ? (
        <p className="loading" aria-live="polite">
          Loading the series…
        </p>
      ) : (
        <>
          <p className="dashboard-summary" aria-live="polite">
            {formatNumber(series.rowCount)} figure{series.rowCount === 1 ? '' : 's'} (unit: {unit ?? 'none'});{' '}
            {series.points.filter((point) => point.missing).length} missing period
            {series.points.filter((point) => point.missing).length === 1 ? '' : 's'} shown as gaps.
            {series.rowsOutsideBuckets > 0
              ? ` ${series.rowsOutsideBuckets} figure${series.rowsOutsideBuckets === 1 ? ' covers' : 's cover'} a period longer than one ${INTERVAL_LABELS[interval].toLowerCase()} (a fiscal year, a date range) and ${series.rowsOutsideBuckets === 1 ? 'is' : 'are'} in no point: try a longer period length.`
              : ''}
            {seriesState.status === 'loading' ? ' (updating…)' : ''}
          </p>
          {series.points.length === 0 ? (
            <p>No figure of this indicator falls within one {INTERVAL_LABELS[interval].toLowerCase()}.</p>
          ) : (
            <>
              <DashboardChart
                label={what}
                tableId="impact-series-table"
                kind="bar"
                points={series.points.map((point) => ({
                  label: point.periodLabel,
                  primary: point.value ?? null,
                  missing: point.missing,
                  note: point.value === null && !point.missing ? unavailableLabel(point.unavailableReason) : null,
                  sources: point.sources,
                }))}
                primary={{ name: `${SERIES_MEASURES[measure] ?? measure} of ${indicator}`, unit, format: formatNumber }}
              />
              <DashboardTable
                id="impact-series-table"
                caption={`${what}: ${SERIES_MEASURES[measure]?.toLowerCase() ?? measure} per period, in ${unit ?? 'no unit'}, with the figures behind each and their sources`}
                columns={[
                  { header: 'Period' },
                  { header: `Value (${unit ?? 'no unit'})`, numeric: true },
                  { header: 'Figures', numeric: true },
                  { header: 'Sources' },
                ]}
                rows={series.points.map((point) => ({
                  key: point.periodStart,
                  gap: point.missing,
                  cells: [
                    point.periodLabel,
                    point.missing
                      ? 'gap: no figures'
                      : point.value === null || point.value === undefined
                        ? unavailableLabel(point.unavailableReason)
                        : formatNumber(point.value),
                    formatNumber(point.rowCount),
                    <SourceLinks key="sources" sources={point.sources} />,
                  ],
                }))}
              />
            </>
          )}
        </>
      )}

      <h3 id="impact-stats-title">All figures of {jurisdiction}, grouped</h3>
      <form className="dashboard-filters" onSubmit={(event) => event.preventDefault()} aria-label="Grouping">
        <label>
          Group by
          <select value={groupKey} onChange={(event) => update({ group: event.target.value })}>
            {Object.entries(GROUPINGS).map(([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={perPeriod}
            onChange={(event) => update({ per: event.target.checked ? 'period' : null })}
          />
          and by {INTERVAL_LABELS[interval].toLowerCase()}
        </label>
        <a className="dashboard-download" href={statsCsv} download>
          Download CSV
        </a>
      </form>
      {statsState.status === 'error' ? (
        <p role="alert" className="error">
          The figures could not be grouped: {statsState.error.message}
        </p>
      ) : stats === null ? (
        <p className="loading">Loading…</p>
      ) : (
        <>
          {stats.rowsOutsideBuckets > 0 ? (
            <p className="dashboard-summary">
              {stats.rowsOutsideBuckets} of {stats.rowCount} figures cover more than one{' '}
              {INTERVAL_LABELS[interval].toLowerCase()} and are in no row.
            </p>
          ) : null}
          <DashboardTable
            id="impact-stats-table"
            caption={`Figures of ${jurisdiction} by ${GROUPINGS[groupKey]?.label.toLowerCase() ?? groupKey}${perPeriod ? ` and ${INTERVAL_LABELS[interval].toLowerCase()}` : ''}, never adding up different units`}
            columns={[
              { header: GROUPINGS[groupKey]?.label ?? groupKey },
              ...(perPeriod ? [{ header: 'Period' }] : []),
              { header: 'Unit' },
              { header: 'Figures', numeric: true },
              ...statsMeasures
                .filter((measureName) => measureName !== 'COUNT')
                .map((measureName) => ({ header: STATS_MEASURE_LABELS[measureName] ?? measureName, numeric: true })),
              { header: 'Sources' },
            ]}
            rows={stats.buckets.map((bucket, index) => ({
              key: String(index),
              cells: [
                GROUPINGS[groupKey]?.column(bucket) ?? 'none',
                ...(perPeriod ? [bucket.periodLabel ?? ''] : []),
                bucket.unit ?? 'several',
                formatNumber(bucket.rowCount),
                ...statsMeasures
                  .filter((measureName) => measureName !== 'COUNT')
                  .map((measureName) => {
                    const value = bucket.values.find((candidate) => candidate.measure === measureName);
                    return value?.value === null || value?.value === undefined
                      ? unavailableLabel(value?.unavailableReason)
                      : formatNumber(value.value);
                  }),
                <SourceLinks key="sources" sources={bucket.sources} />,
              ],
            }))}
          />
        </>
      )}
    </section>
  );
}
