// Which exemptions a listing returns, valid on a date, and in which order.
import { exemptionValidityWhere } from '../../domain/point-in-time.js';
import type { ExemptionKind, ItemType, Prisma, PrismaClient, Regime } from '../../generated/prisma/client.js';
import { jurisdictionCodeIs } from './text-conditions.js';

export interface ExemptionFilterInput {
  jurisdiction?: string | null;
  regime?: Regime | null;
  kind?: ExemptionKind | null;
  itemType?: ItemType | null;
  appliesToProvisionCode?: string | null;
}

/**
 * Ids of exemptions concerning an item type. Raw SQL because Prisma's list filters (`has`,
 * `hasSome`) on an enum list reach PGlite's driver adapter as a bare value and PostgreSQL
 * rejects them ("malformed array literal"); comparing as text works on both databases.
 */
async function exemptionIdsWithItemType(prisma: PrismaClient, itemType: ItemType): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Exemption" WHERE ${itemType}::text = ANY ("itemTypes"::text[])`;
  return rows.map((row) => row.id);
}

export async function exemptionWhere(
  prisma: PrismaClient,
  filter: ExemptionFilterInput | null | undefined,
  asOf: Date | null | undefined,
): Promise<Prisma.ExemptionWhereInput> {
  const conditions: Prisma.ExemptionWhereInput[] = [exemptionValidityWhere(asOf)];
  if (filter?.jurisdiction) conditions.push(jurisdictionCodeIs(filter.jurisdiction));
  if (filter?.regime) conditions.push({ regime: filter.regime });
  if (filter?.kind) conditions.push({ kind: filter.kind });
  if (filter?.itemType) conditions.push({ id: { in: await exemptionIdsWithItemType(prisma, filter.itemType) } });
  if (filter?.appliesToProvisionCode) {
    const code = filter.appliesToProvisionCode;
    conditions.push({ provisions: { some: { provision: { OR: [{ code }, { entryCode: code }] } } } });
  }
  return { AND: conditions };
}

export const EXEMPTION_ORDER: Prisma.ExemptionOrderByWithRelationInput[] = [{ name: 'asc' }, { id: 'asc' }];
