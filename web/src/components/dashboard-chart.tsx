// A period series as a chart: bars (or a line) for the main measure, optionally a line for a
// second measure on its own axis. A period without figures is drawn as a shaded, labelled gap,
// never as a zero bar, and the line breaks there. Hovering a period, or focusing the chart and
// moving with the arrow keys, shows its values and sources; the same numbers are in the table
// the chart points to (aria-describedby), which is the text alternative.
//
// Library: recharts 3 (MIT, maintained, React 19 peer, SVG rendered by React components so the
// chart follows the page's state without imperative updates). Its accessibility layer makes the
// chart one tab stop whose points are reached with the arrow keys, and its tooltip can render
// React content (the sources). uPlot is smaller and faster on very long series, but draws on a
// canvas (no DOM for the points) and has no keyboard navigation; our series have at most a few
// hundred periods, so rendering speed does not matter here and the page is code-split anyway.
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { sourceName, type SourceRef } from './dashboard-sources';

export interface ChartPoint {
  label: string;
  primary: number | null;
  secondary?: number | null;
  /** True when the period has no figures at all: drawn as a gap. */
  missing: boolean;
  /** Why a present period has no value (words instead of a number, ...). */
  note?: string | null;
  sources: readonly SourceRef[];
}

export interface SeriesSpec {
  name: string;
  unit: string | null;
  format: (value: number | null) => string;
  /** Shorter labels for the axis ticks; `format` when omitted. */
  axisFormat?: (value: number | null) => string;
}

interface DashboardChartProps {
  points: readonly ChartPoint[];
  primary: SeriesSpec;
  secondary?: SeriesSpec;
  kind: 'bar' | 'line';
  /** Id of the table holding the same numbers. */
  tableId: string;
  label: string;
}

const PRIMARY_COLOUR = '#0b5cad';
const SECONDARY_COLOUR = '#a4161a';

function PointDetails({
  active,
  label,
  points,
  primary,
  secondary,
}: {
  active?: boolean | undefined;
  label?: string | number | undefined;
  points: readonly ChartPoint[];
  primary: SeriesSpec;
  secondary: SeriesSpec | undefined;
}) {
  if (!active) return null;
  const point = points.find((candidate) => candidate.label === label);
  if (!point) return null;
  return (
    <div className="dashboard-tooltip">
      <p className="dashboard-tooltip-title">{point.label}</p>
      {point.missing ? (
        <p>No figures for this period (a gap, not zero).</p>
      ) : (
        <>
          <p>
            {primary.name}: <strong>{primary.format(point.primary)}</strong>
            {primary.unit ? ` ${primary.unit}` : ''}
          </p>
          {secondary ? (
            <p>
              {secondary.name}: <strong>{secondary.format(point.secondary ?? null)}</strong>
            </p>
          ) : null}
          {point.note ? <p>{point.note}</p> : null}
          <p className="dashboard-tooltip-sources">
            Sources: {point.sources.length === 0 ? 'none recorded' : point.sources.map(sourceName).join('; ')}
          </p>
        </>
      )}
    </div>
  );
}

export function DashboardChart({ points, primary, secondary, kind, tableId, label }: DashboardChartProps) {
  const data = points.map((point) => ({
    label: point.label,
    primary: point.missing ? null : point.primary,
    secondary: point.missing ? null : (point.secondary ?? null),
  }));
  return (
    <div className="dashboard-chart" aria-describedby={tableId}>
      <ResponsiveContainer width="100%" height={320}>
        <ComposedChart
          data={data}
          margin={{ top: 16, right: 24, bottom: 8, left: 16 }}
          accessibilityLayer
          title={label}
          desc={`The numbers are in the table below the chart.`}
        >
          <CartesianGrid stroke="#d5dae1" vertical={false} />
          <XAxis dataKey="label" tick={{ fill: '#1b1f24', fontSize: 12 }} minTickGap={8} />
          <YAxis
            yAxisId="primary"
            tick={{ fill: '#1b1f24', fontSize: 12 }}
            tickFormatter={(value: number) => (primary.axisFormat ?? primary.format)(value)}
            label={
              primary.unit
                ? { value: primary.unit, angle: -90, position: 'insideLeft', fill: '#4a5563', fontSize: 12 }
                : undefined
            }
          />
          {secondary ? (
            <YAxis
              yAxisId="secondary"
              orientation="right"
              tick={{ fill: '#1b1f24', fontSize: 12 }}
              tickFormatter={(value: number) => (secondary.axisFormat ?? secondary.format)(value)}
            />
          ) : null}
          {points
            .filter((point) => point.missing)
            .map((point) => (
              <ReferenceArea
                key={`gap-${point.label}`}
                yAxisId="primary"
                x1={point.label}
                x2={point.label}
                fill="#f5a623"
                fillOpacity={0.18}
                stroke="#8a5300"
                strokeDasharray="4 3"
                label={{ value: 'gap', position: 'insideTop', fill: '#8a5300', fontSize: 11 }}
                ifOverflow="extendDomain"
              />
            ))}
          {kind === 'bar' ? (
            <Bar
              yAxisId="primary"
              dataKey="primary"
              name={primary.name}
              fill={PRIMARY_COLOUR}
              isAnimationActive={false}
            />
          ) : (
            <Line
              yAxisId="primary"
              dataKey="primary"
              name={primary.name}
              stroke={PRIMARY_COLOUR}
              strokeWidth={2}
              dot={{ r: 4 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          )}
          {secondary ? (
            <Line
              yAxisId="secondary"
              dataKey="secondary"
              name={secondary.name}
              stroke={SECONDARY_COLOUR}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ) : null}
          <Tooltip
            content={(props) => (
              <PointDetails
                active={props.active}
                label={props.label}
                points={points}
                primary={primary}
                secondary={secondary}
              />
            )}
          />
          <Legend />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
