// Which consultations a listing returns, and in which order.
import type { ConsultationStatus, Prisma } from '../../generated/prisma/client.js';
import { containsText, jurisdictionCodeIs } from './text-conditions.js';

export interface ConsultationFilterInput {
  jurisdiction?: string | null;
  status?: ConsultationStatus | null;
  text?: string | null;
}

export function consultationWhere(
  filter: ConsultationFilterInput | null | undefined,
): Prisma.StakeholderConsultationWhereInput {
  const conditions: Prisma.StakeholderConsultationWhereInput[] = [];
  if (filter?.jurisdiction) conditions.push(jurisdictionCodeIs(filter.jurisdiction));
  if (filter?.status) conditions.push({ status: filter.status });
  if (filter?.text) {
    const contains = containsText(filter.text);
    conditions.push({
      OR: [
        { title: contains },
        { body: contains },
        { reference: contains },
        { instrument: contains },
        { scopeQuote: contains },
        { outcomeSummary: contains },
      ],
    });
  }
  return { AND: conditions };
}

export const CONSULTATION_ORDER: Prisma.StakeholderConsultationOrderByWithRelationInput[] = [
  { publishedOn: { sort: 'desc', nulls: 'last' } },
  { id: 'asc' },
];
