// UK licensing decisions 2008-2015 (licensingStats): decisions per period as bars and the refusal
// rate as a line, filtered by rating and period, with every period's sources in the table below
// and the same numbers as a CSV download. A period in which the filter finds no decision is shown
// as a gap: the source has no row for it, which is not a reported zero.
import { useMemo } from 'react';
import { LicensingStatsDocument } from '../api/dashboard-documents';
import { useQuery } from '../api/use-query';
import type { LicensingMeasure, WebLicensingStatsQuery } from '../gql/graphql';
import { DashboardChart, type ChartPoint } from './dashboard-chart';
import {
  dayParam,
  exportUrl,
  formatNumber,
  formatRatio,
  intervalParam,
  INTERVAL_LABELS,
  periodsBetween,
  unavailableLabel,
  type Interval,
  type UrlState,
} from './dashboard-format';
import { SourceLinks } from './dashboard-sources';
import { DashboardTable, type TableRow } from './dashboard-table';

const MEASURES: LicensingMeasure[] = ['DECISIONS', 'REFUSED', 'REFUSAL_RATE', 'VALUE_GBP'];

type Bucket = WebLicensingStatsQuery['licensingStats']['buckets'][number];

function measureOf(bucket: Bucket | undefined, measure: LicensingMeasure) {
  return bucket?.values.find((value) => value.measure === measure);
}

export interface RatingOption {
  rating: string;
  decisions: number;
}

export function LicensingDashboard({ url, ratings }: { url: UrlState; ratings: readonly RatingOption[] }) {
  const { params, update } = url;
  const interval = intervalParam(params.get('interval'), 'QUARTER');
  const rating = params.get('rating');
  const from = dayParam(params.get('from'));
  const to = dayParam(params.get('to'));

  const variables = useMemo(() => {
    const filter = {
      ...(rating ? { ratings: [rating] } : {}),
      ...(from ? { periodFrom: from } : {}),
      ...(to ? { periodTo: to } : {}),
    };
    return { filter: Object.keys(filter).length > 0 ? filter : null, groupBy: [interval], measures: MEASURES };
  }, [interval, rating, from, to]);
  const state = useQuery(LicensingStatsDocument, variables);
  const stats =
    state.status === 'done'
      ? state.data.licensingStats
      : state.status === 'loading'
        ? (state.previous?.licensingStats ?? null)
        : null;

  const csv = exportUrl('/export/licensing-stats.csv', [
    ['groupBy', interval],
    ['measures', MEASURES.join(',')],
    ['ratings', rating],
    ['periodFrom', from],
    ['periodTo', to],
  ]);

  const rows = useMemo(() => (stats ? periodRows(stats.buckets, interval) : []), [stats, interval]);
  const gaps = rows.filter((row) => row.bucket === null).length;
  const what = `UK licensing decisions${rating ? ` on ${rating}` : ''} by ${INTERVAL_LABELS[interval].toLowerCase()}`;

  return (
    <section className="dashboard-panel" aria-labelledby="licensing-title">
      <h2 id="licensing-title">{what}</h2>
      <p className="dashboard-intro">
        Every UK strategic export licensing decision from January 2008 to March 2015 (one row per rating of a licence,
        as the Campaign Against Arms Trade compiled the government&apos;s database). Bars: decisions; line: share
        refused.
      </p>
      <form className="dashboard-filters" onSubmit={(event) => event.preventDefault()} aria-label="Licensing filters">
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
          Rating (control list entry)
          <select value={rating ?? ''} onChange={(event) => update({ rating: event.target.value || null })}>
            <option value="">All ratings</option>
            {ratings.map((option) => (
              <option key={option.rating} value={option.rating}>
                {option.rating} ({formatNumber(option.decisions)} decisions)
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input
            type="date"
            value={from ?? ''}
            min="2008-01-01"
            max="2015-03-31"
            onChange={(event) => update({ from: event.target.value || null })}
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={to ?? ''}
            min="2008-01-01"
            max="2015-03-31"
            onChange={(event) => update({ to: event.target.value || null })}
          />
        </label>
        <a className="dashboard-download" href={csv} download>
          Download CSV
        </a>
      </form>

      {state.status === 'error' ? (
        <p role="alert" className="error">
          The licensing figures could not be loaded: {state.error.message}
        </p>
      ) : stats === null ? (
        <p className="loading" aria-live="polite">
          Loading the licensing figures…
        </p>
      ) : (
        <>
          <p className="dashboard-summary" aria-live="polite">
            {formatNumber(stats.decisions)} decisions in {rows.length - gaps} {INTERVAL_LABELS[interval].toLowerCase()}
            {rows.length - gaps === 1 ? '' : 's'}
            {gaps > 0
              ? `; ${gaps} ${INTERVAL_LABELS[interval].toLowerCase()}${gaps === 1 ? ' without any decision is shown as a gap' : 's without any decision are shown as gaps'}`
              : ''}
            . {formatNumber(stats.decisionsWithoutValue)} refused decisions have no value in the source.
            {state.status === 'loading' ? ' (updating…)' : ''}
          </p>
          {rows.length === 0 ? (
            <p>No decision matches these filters.</p>
          ) : (
            <>
              <DashboardChart
                label={what}
                tableId="licensing-table"
                kind="bar"
                points={rows.map((row) => row.point)}
                primary={{ name: 'Decisions', unit: 'decisions', format: formatNumber }}
                secondary={{
                  name: 'Refusal rate',
                  unit: null,
                  format: formatRatio,
                  axisFormat: (value) => `${Math.round((value ?? 0) * 1000) / 10}%`,
                }}
              />
              <DashboardTable
                id="licensing-table"
                caption={`${what}: decisions, refusals (count and share), value in GBP of the decisions that have one, and sources`}
                columns={[
                  { header: 'Period' },
                  { header: 'Decisions', numeric: true },
                  { header: 'Refused', numeric: true },
                  { header: 'Refusal rate', numeric: true },
                  { header: 'Value (GBP)', numeric: true },
                  { header: 'Sources' },
                ]}
                rows={rows.map((row) => row.table)}
              />
            </>
          )}
          <details className="dashboard-caveats">
            <summary>Caveats and source of the licensing data</summary>
            <ul>
              {stats.caveats.map((caveat) => (
                <li key={caveat}>{caveat}</li>
              ))}
            </ul>
            <SourceLinks sources={stats.sources} />
            {stats.sources.map((source) =>
              source.licence ? (
                <p key={source.licence} className="dashboard-muted">
                  Licence: {source.licence}
                </p>
              ) : null,
            )}
          </details>
        </>
      )}
    </section>
  );
}

interface PeriodRow {
  bucket: Bucket | null;
  point: ChartPoint;
  table: TableRow;
}

/** Every period from the first bucket to the last; a period with no bucket is a gap. */
function periodRows(buckets: readonly Bucket[], interval: Interval): PeriodRow[] {
  const starts = buckets.map((bucket) => bucket.periodStart).filter((start): start is string => Boolean(start));
  const first = starts[0];
  const last = starts.at(-1);
  if (first === undefined || last === undefined) return [];
  const byStart = new Map(buckets.map((bucket) => [bucket.periodStart, bucket]));
  return periodsBetween(interval, first, last).map((period) => {
    const bucket = byStart.get(period.start) ?? null;
    const label = bucket?.periodLabel ?? period.label;
    if (bucket === null) {
      return {
        bucket,
        point: { label, primary: null, secondary: null, missing: true, sources: [] },
        table: {
          key: period.start,
          gap: true,
          cells: [label, 'gap: no decision recorded', '—', '—', '—', '—'],
        },
      };
    }
    const refused = measureOf(bucket, 'REFUSED');
    const rate = measureOf(bucket, 'REFUSAL_RATE');
    const value = measureOf(bucket, 'VALUE_GBP');
    return {
      bucket,
      point: {
        label,
        primary: bucket.decisions,
        secondary: rate?.value ?? null,
        missing: false,
        sources: bucket.sources,
      },
      table: {
        key: period.start,
        cells: [
          label,
          formatNumber(bucket.decisions),
          formatNumber(refused?.value),
          <span key="rate" title={rate?.decimal ?? undefined}>
            {formatRatio(rate?.value)}
          </span>,
          value?.value === null || value?.value === undefined ? (
            unavailableLabel(value?.unavailableReason)
          ) : (
            <span key="value">
              {formatNumber(value.value)}
              {value.decisionsWithoutValue > 0 ? (
                <span className="dashboard-muted"> ({formatNumber(value.decisionsWithoutValue)} without value)</span>
              ) : null}
            </span>
          ),
          <SourceLinks key="sources" sources={bucket.sources} />,
        ],
      },
    };
  });
}
