// Stakeholder type from the label a source (or its collector) gives. Only labels whose
// meaning is unambiguous are mapped; anything else is UNKNOWN, with the label kept verbatim
// next to it, so the product never claims a classification the data does not make.
import type { StakeholderType } from '../generated/prisma/client.js';

/** The stored enum's values (the Prisma schema is their one source). */
export type StakeholderTypeValue = StakeholderType;

const BY_LABEL: Record<string, StakeholderTypeValue> = {
  'industry association': 'INDUSTRY_ASSOCIATION',
  company: 'INDUSTRY',
  university: 'ACADEMIA',
  'academic association': 'ACADEMIA',
  individual: 'INDIVIDUAL',
};

export function stakeholderTypeFromLabel(label: string | null | undefined): StakeholderTypeValue {
  if (!label) return 'UNKNOWN';
  return BY_LABEL[label.trim().toLowerCase()] ?? 'UNKNOWN';
}
