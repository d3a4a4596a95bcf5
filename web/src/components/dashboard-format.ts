// Formatting and period arithmetic for the dashboards. Numbers are shown as the API computed them;
// the only derived figures are a ratio written as a percentage and the list of periods between
// two periods the API returned (to show the periods it returned nothing for as gaps).

export type Interval = 'YEAR' | 'QUARTER' | 'MONTH';

export interface Period {
  /** First day, YYYY-MM-DD. */
  start: string;
  /** As the API labels it: "2008", "2008 Q1", "2008-01". */
  label: string;
}

const STEP_MONTHS: Record<Interval, number> = { YEAR: 12, QUARTER: 3, MONTH: 1 };

export function periodLabel(interval: Interval, year: number, month: number): string {
  if (interval === 'YEAR') return String(year);
  if (interval === 'QUARTER') return `${year} Q${Math.floor((month - 1) / 3) + 1}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Every period from the one starting on `first` to the one starting on `last`, both included. */
export function periodsBetween(interval: Interval, first: string, last: string): Period[] {
  const periods: Period[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  const end = Number(last.slice(0, 4)) * 12 + Number(last.slice(5, 7));
  // A bound on the loop: the API never answers more buckets than this.
  while (year * 12 + month <= end && periods.length < 2000) {
    periods.push({ start: `${year}-${String(month).padStart(2, '0')}-01`, label: periodLabel(interval, year, month) });
    month += STEP_MONTHS[interval];
    while (month > 12) {
      month -= 12;
      year += 1;
    }
  }
  return periods;
}

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const general = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });

/** A figure for reading: thousands separated, at most three decimals. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Number.isInteger(value) ? integer.format(value) : general.format(value);
}

/** A ratio (0 to 1) as a percentage with two decimals. */
export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${(value * 100).toFixed(2)} %`;
}

export function formatDate(day: string | null | undefined): string {
  if (!day) return 'not recorded';
  const date = new Date(`${day}T00:00:00Z`);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export const UNAVAILABLE_LABELS: Record<string, string> = {
  MISSING_PERIOD: 'no figures for this period',
  NO_NUMERIC_VALUES: 'the source gives words, not a number',
  NO_PREVIOUS_PERIOD: 'no figures for the preceding period',
  NO_PREVIOUS_VALUE: 'the preceding period has no number',
  PREVIOUS_VALUE_ZERO: 'the preceding value is zero',
  NO_VALUES: 'no decision with a value',
};

export function unavailableLabel(reason: string | null | undefined): string {
  if (!reason) return 'not available';
  return UNAVAILABLE_LABELS[reason] ?? reason.toLowerCase().replace(/_/g, ' ');
}

/** The page's state as its URL holds it, and the one way to change it. */
export interface UrlState {
  params: URLSearchParams;
  /** Sets (a string) or removes (null) query parameters, keeping the others. */
  update: (changes: Record<string, string | null>) => void;
}

export function intervalParam(value: string | null, fallback: Interval): Interval {
  return value === 'YEAR' || value === 'QUARTER' || value === 'MONTH' ? value : fallback;
}

/** A YYYY-MM-DD parameter, or null when absent or malformed (the API would refuse it). */
export function dayParam(value: string | null): string | null {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
}

/** The address of an export download with the page's filters (lists comma-separated). */
export function exportUrl(path: string, parts: ReadonlyArray<readonly [string, string | null | undefined]>): string {
  const query = new URLSearchParams();
  for (const [name, value] of parts) if (value !== null && value !== undefined && value !== '') query.set(name, value);
  return `${path}?${query.toString()}`;
}

export const INTERVAL_LABELS: Record<Interval, string> = { YEAR: 'Year', QUARTER: 'Quarter', MONTH: 'Month' };
