// Which impact assessments a listing returns, and in which order.
import type { Prisma } from '../../generated/prisma/client.js';
import { containsText, jurisdictionCodeIs } from './text-conditions.js';

export interface ImpactAssessmentFilterInput {
  jurisdiction?: string | null;
  text?: string | null;
}

export function impactAssessmentWhere(
  filter: ImpactAssessmentFilterInput | null | undefined,
): Prisma.ImpactAssessmentWhereInput {
  const conditions: Prisma.ImpactAssessmentWhereInput[] = [];
  if (filter?.jurisdiction) conditions.push(jurisdictionCodeIs(filter.jurisdiction));
  if (filter?.text) {
    const contains = containsText(filter.text);
    conditions.push({ OR: [{ title: contains }, { method: contains }, { publisher: contains }] });
  }
  return { AND: conditions };
}

export const ASSESSMENT_ORDER: Prisma.ImpactAssessmentOrderByWithRelationInput[] = [
  { publishedOn: { sort: 'desc', nulls: 'last' } },
  { id: 'asc' },
];
