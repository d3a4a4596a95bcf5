// Which amending acts (Federal Register rules, for the US list) a listing returns, and in which
// order.
import type { Prisma, Regime } from '../../generated/prisma/client.js';
import { containsText } from './text-conditions.js';

export interface AmendingActFilterInput {
  regime?: Regime | null;
  /** Only acts effective on or after this day. */
  effectiveFrom?: Date | null;
  /** Only acts effective on or before this day. */
  effectiveTo?: Date | null;
  /** Substring of the title, document number or reference, case-insensitive. */
  text?: string | null;
}

export function amendingActWhere(filter: AmendingActFilterInput | null | undefined): Prisma.AmendingActWhereInput {
  const conditions: Prisma.AmendingActWhereInput[] = [];
  if (filter?.regime) conditions.push({ regime: filter.regime });
  if (filter?.effectiveFrom) conditions.push({ effectiveOn: { gte: filter.effectiveFrom } });
  if (filter?.effectiveTo) conditions.push({ effectiveOn: { lte: filter.effectiveTo } });
  if (filter?.text) {
    const contains = containsText(filter.text);
    conditions.push({ OR: [{ title: contains }, { documentNumber: contains }, { reference: contains }] });
  }
  return { AND: conditions };
}

/** Newest first (acts without an effective date last). */
export const AMENDING_ACT_ORDER: Prisma.AmendingActOrderByWithRelationInput[] = [
  { effectiveOn: { sort: 'desc', nulls: 'last' } },
  { id: 'asc' },
];
