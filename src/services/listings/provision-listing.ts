// Which provisions a listing returns (current versions, or those valid on a date), in which
// order, and the lookup of one provision by its code.
import { isoDay } from '../../domain/calendar-date.js';
import { provisionVersionWhere } from '../../domain/point-in-time.js';
import { AmbiguousProvisionCodeError, InconsistentDataError } from '../../errors.js';
import type { ControlProvision, ItemType, Prisma, PrismaClient, Regime } from '../../generated/prisma/client.js';
import { containsText, jurisdictionCodeIs, startsWithText } from './text-conditions.js';

/** Stable listing order: regime, then code, then id (ties only between versions). */
export const PROVISION_ORDER: Prisma.ControlProvisionOrderByWithRelationInput[] = [
  { regime: 'asc' },
  { code: 'asc' },
  { id: 'asc' },
];

export interface ProvisionFilterInput {
  regime?: Regime | null;
  jurisdiction?: string | null;
  category?: string | null;
  codePrefix?: string | null;
  text?: string | null;
  kind?: 'ENTRY' | 'PARAGRAPH' | 'ANY' | null;
  itemType?: ItemType | null;
}

export function provisionWhere(
  filter: ProvisionFilterInput | null | undefined,
  asOf: Date | null | undefined,
): Prisma.ControlProvisionWhereInput {
  const conditions: Prisma.ControlProvisionWhereInput[] = [provisionVersionWhere(asOf)];
  const kind = filter?.kind ?? 'ENTRY';
  if (kind !== 'ANY') conditions.push({ kind });
  if (filter?.regime) conditions.push({ regime: filter.regime });
  if (filter?.jurisdiction) conditions.push(jurisdictionCodeIs(filter.jurisdiction));
  if (filter?.category) conditions.push({ category: filter.category });
  if (filter?.codePrefix) conditions.push({ code: startsWithText(filter.codePrefix) });
  if (filter?.itemType) conditions.push({ itemType: filter.itemType });
  if (filter?.text) {
    const contains = containsText(filter.text);
    conditions.push({ OR: [{ code: contains }, { title: contains }, { text: contains }] });
  }
  return { AND: conditions };
}

export interface ProvisionLookup {
  code: string;
  regime?: Regime | null;
  asOf?: Date | null;
}

/**
 * The provision with exactly this code, in its current version or the one valid on `asOf`,
 * read with the caller's planned selection; null when there is none. Refuses to pick: a code in
 * several regimes needs `regime`, and two versions valid on one date are inconsistent data.
 */
export async function findProvision(
  prisma: PrismaClient,
  lookup: ProvisionLookup,
  select: Prisma.ControlProvisionSelect,
): Promise<ControlProvision | null> {
  const where: Prisma.ControlProvisionWhereInput = {
    AND: [{ code: lookup.code }, lookup.regime ? { regime: lookup.regime } : {}, provisionVersionWhere(lookup.asOf)],
  };
  // A few rows at most (one per regime); reading them with the planned selection keeps this to
  // one query in the normal case of a single match. `regime` is read whatever is planned.
  // Typed as whole rows, as Prisma types a findMany spread with Pothos' plan: the fields read
  // are exactly those the request's selection needs.
  const matches = (await prisma.controlProvision.findMany({
    select: { ...select, regime: true },
    where,
    orderBy: PROVISION_ORDER,
    take: 20,
  })) as ControlProvision[];
  const [only] = matches;
  if (!only) return null;
  const regimes = [...new Set(matches.map((match) => match.regime))];
  if (regimes.length > 1) throw new AmbiguousProvisionCodeError(lookup.code, regimes);
  if (matches.length > 1) {
    const when = lookup.asOf ? `on ${isoDay(lookup.asOf)}` : 'as current';
    throw new InconsistentDataError(
      `${matches.length} versions of ${lookup.code} (${only.regime}) are recorded as valid ${when}; the knowledge base cannot tell which applies.`,
    );
  }
  return only;
}
