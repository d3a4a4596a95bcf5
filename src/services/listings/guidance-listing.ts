// Which guidance documents a listing returns, and in which order.
import type { Prisma } from '../../generated/prisma/client.js';
import { containsText, jurisdictionCodeIs } from './text-conditions.js';

export interface GuidanceFilterInput {
  jurisdiction?: string | null;
  topic?: string | null;
  audience?: string | null;
  text?: string | null;
}

export function guidanceWhere(filter: GuidanceFilterInput | null | undefined): Prisma.GuidanceDocumentWhereInput {
  const conditions: Prisma.GuidanceDocumentWhereInput[] = [];
  if (filter?.jurisdiction) conditions.push(jurisdictionCodeIs(filter.jurisdiction));
  if (filter?.topic) conditions.push({ topics: { has: filter.topic } });
  if (filter?.audience) conditions.push({ audience: { has: filter.audience } });
  if (filter?.text) {
    const contains = containsText(filter.text);
    conditions.push({ OR: [{ title: contains }, { summary: contains }, { body: contains }] });
  }
  return { AND: conditions };
}

export const GUIDANCE_ORDER: Prisma.GuidanceDocumentOrderByWithRelationInput[] = [
  { publishedOn: { sort: 'desc', nulls: 'last' } },
  { id: 'asc' },
];
