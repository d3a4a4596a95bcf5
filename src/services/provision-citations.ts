// The provision rows that answers about encoded paragraphs cite: for each paragraph, the row of
// the version valid on a date, itself where the list stores it (the US CCL and EU Annex I store
// every paragraph), else its nearest stored ancestor. Read in one statement, with the
// columns the caller plans (the GraphQL layer plans them from the request).
import { isoDay } from '../domain/calendar-date.js';
import { provisionVersionWhere } from '../domain/point-in-time.js';
import { InconsistentDataError } from '../errors.js';
import type { Prisma, PrismaClient, Regime } from '../generated/prisma/client.js';

/** A cited provision row: the columns read whatever is planned, and the planned ones. */
export interface CitedRow {
  id: string;
  code: string;
  regime: Regime;
  status: string;
  textDate: Date | null;
  citation: { id: string } | null;
}

/** Columns to read beyond those of CitedRow: of the provision, and of its citation. */
export interface CitedRowPlan {
  provision: Prisma.ControlProvisionSelect;
  citation: Prisma.CitationSelect;
}

export const NO_EXTRA_COLUMNS: CitedRowPlan = { provision: {}, citation: {} };

/** Every paragraph code from `code` up to its entry: 6A003.b.4.b, 6A003.b.4, 6A003.b, 6A003. */
export function codeAndAncestors(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_part, index) => parts.slice(0, parts.length - index).join('.'));
}

const rowKey = (regime: Regime, code: string) => `${regime} ${code}`;

/**
 * The rows (valid on `asOf`, current when null) for the given regime + code pairs, in one
 * statement. Two versions of one code valid on the same date cannot be told apart: reported,
 * not resolved by picking one.
 */
export async function readCitedRows(
  prisma: PrismaClient,
  codes: ReadonlyMap<Regime, ReadonlySet<string>>,
  asOf: Date | null | undefined,
  plan: CitedRowPlan,
): Promise<Map<string, CitedRow>> {
  const rows = new Map<string, CitedRow>();
  const byRegime = [...codes].filter(([, set]) => set.size > 0);
  if (byRegime.length === 0) return rows;
  const base = { id: true, code: true, regime: true, status: true, textDate: true } as const;
  const plannedCitation = plan.provision.citation;
  // The provision plan and the citation plan read the same citation row: one relation with the
  // union of their columns.
  const citationSelect: Prisma.CitationSelect = {
    ...(typeof plannedCitation === 'object' && plannedCitation.select ? plannedCitation.select : {}),
    ...plan.citation,
    id: true,
  };
  const found = await prisma.controlProvision.findMany({
    select: { ...plan.provision, ...base, citation: { select: citationSelect } },
    where: {
      AND: [{ OR: byRegime.map(([regime, set]) => ({ regime, code: { in: [...set] } })) }, provisionVersionWhere(asOf)],
    },
  });
  for (const row of found as unknown as CitedRow[]) {
    const key = rowKey(row.regime, row.code);
    if (rows.has(key)) {
      const when = asOf ? `on ${isoDay(asOf)}` : 'as current';
      throw new InconsistentDataError(
        `Several versions of ${row.code} (${row.regime}) are recorded as valid ${when}; the knowledge base cannot tell which applies.`,
      );
    }
    rows.set(key, row);
  }
  return rows;
}

/** The row of exactly this code, if read. */
export function rowOf(rows: ReadonlyMap<string, CitedRow>, regime: Regime, code: string): CitedRow | null {
  return rows.get(rowKey(regime, code)) ?? null;
}

/** The nearest stored row for a paragraph: itself, else its closest ancestor. */
export function nearestRow(rows: ReadonlyMap<string, CitedRow>, regime: Regime, code: string): CitedRow | null {
  for (const candidate of codeAndAncestors(code)) {
    const row = rows.get(rowKey(regime, candidate));
    if (row) return row;
  }
  return null;
}
