// Which list texts (general notes, technology notes, definitions, acronyms, section notes) a
// listing returns, and in which order.
import type { ListTextKind, Prisma, Regime } from '../../generated/prisma/client.js';
import { containsText } from './text-conditions.js';

export interface ListTextFilterInput {
  regime?: Regime | null;
  kind?: ListTextKind | null;
  category?: string | null;
  /** Exact label (a defined term, an acronym, "GTN"), case-insensitive. */
  label?: string | null;
  /** Substring of the label or the text, case-insensitive. */
  text?: string | null;
}

export function listTextWhere(filter: ListTextFilterInput | null | undefined): Prisma.ListTextWhereInput {
  const conditions: Prisma.ListTextWhereInput[] = [];
  if (filter?.regime) conditions.push({ controlList: { regime: filter.regime } });
  if (filter?.kind) conditions.push({ kind: filter.kind });
  if (filter?.category) conditions.push({ categories: { has: filter.category } });
  if (filter?.label) conditions.push({ label: { equals: filter.label, mode: 'insensitive' } });
  if (filter?.text) {
    const contains = containsText(filter.text);
    conditions.push({ OR: [{ label: contains }, { text: contains }] });
  }
  return { AND: conditions };
}

/** By list, then kind, then the order of the text. */
export const LIST_TEXT_ORDER: Prisma.ListTextOrderByWithRelationInput[] = [
  { controlListId: 'asc' },
  { kind: 'asc' },
  { ordinal: 'asc' },
  { id: 'asc' },
];
