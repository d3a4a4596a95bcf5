// Stakeholder type from the label a source (or its collector) gives. Only labels whose
// meaning is unambiguous are mapped; anything else is UNKNOWN, with the label kept verbatim
// next to it, so the product never claims a classification the data does not make. A company
// is SME or LARGE_COMPANY only when its label says so; "company" alone leaves the size open.
// "Academia" names universities and academic associations alike, so it decides neither.
import type { StakeholderLabelOrigin, StakeholderType } from '../generated/prisma/client.js';

/** The stored enum's values (the Prisma schema is their one source). */
export type StakeholderTypeValue = StakeholderType;
export type StakeholderLabelOriginValue = StakeholderLabelOrigin;

/**
 * Labels as written in the consultation records (lower case, trimmed), and the few plain
 * synonyms of the other kinds. The stakeholder taxonomy migration holds the same table to
 * re-derive stored rows; change both together.
 */
export const STAKEHOLDER_TYPE_BY_LABEL: ReadonlyMap<string, StakeholderTypeValue> = new Map(
  Object.entries({
    university: 'UNIVERSITY',
    'academic association': 'ACADEMIC_ASSOCIATION',
    'non-profit research organisation': 'RESEARCH_ORGANISATION',
    company: 'COMPANY',
    sme: 'SME',
    'small or medium-sized enterprise': 'SME',
    'small and medium-sized enterprise': 'SME',
    'large company': 'LARGE_COMPANY',
    'large enterprise': 'LARGE_COMPANY',
    'industry association': 'INDUSTRY_ASSOCIATION',
    'trade association': 'INDUSTRY_ASSOCIATION',
    ngo: 'CIVIL_SOCIETY',
    'non-governmental organisation': 'CIVIL_SOCIETY',
    'non-governmental organization': 'CIVIL_SOCIETY',
    'civil society organisation': 'CIVIL_SOCIETY',
    'civil society organization': 'CIVIL_SOCIETY',
    'government body': 'GOVERNMENT',
    'government agency': 'GOVERNMENT',
    individual: 'INDIVIDUAL',
  } satisfies Record<string, StakeholderTypeValue>),
);

export function stakeholderTypeFromLabel(label: string | null | undefined): StakeholderTypeValue {
  if (!label) return 'UNKNOWN';
  return STAKEHOLDER_TYPE_BY_LABEL.get(label.trim().toLowerCase()) ?? 'UNKNOWN';
}
