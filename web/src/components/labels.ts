// Words a reader understands for the API's enum values.
import type { StakeholderType } from '../gql/graphql';

export const TYPE_LABELS: Record<string, string> = {
  PROVISION: 'Control-list entries',
  EXEMPTION: 'Exemptions and authorisations',
  GUIDANCE_DOCUMENT: 'Guidance',
  CONSULTATION: 'Consultations',
  IMPACT_ASSESSMENT: 'Impact data',
  LIST_TEXT: 'Definitions and list texts',
};

export const REGIME_LABELS: Record<string, string> = {
  US_EAR: 'US (EAR / CCL)',
  EU: 'EU (Annex I)',
  UK: 'UK (Strategic List)',
  WASSENAAR: 'Wassenaar',
  HK: 'Hong Kong',
};

/** The category headings as the Commerce Control List prints them (the other lists print them alike). */
export const CATEGORY_LABELS: Record<string, string> = {
  '0': '0 · Nuclear Materials, Facilities, and Equipment',
  '1': '1 · Special Materials and Related Equipment, Chemicals, Microorganisms, and Toxins',
  '2': '2 · Materials Processing',
  '3': '3 · Electronics',
  '4': '4 · Computers',
  '5': '5 · Telecommunications and Information Security',
  '6': '6 · Sensors and Lasers',
  '7': '7 · Navigation and Avionics',
  '8': '8 · Marine',
  '9': '9 · Aerospace and Propulsion',
};

export const REMOVED_REASON_LABELS: Record<string, string> = {
  QUESTION: 'question phrasing',
  STOP_WORD: 'too common to search for',
  REGIME: 'names a list (ranked first)',
  DESTINATION: 'a destination',
};

/** Every stakeholder type (a new API value fails the type check until it has words here). */
export const STAKEHOLDER_TYPE_LABELS: Record<StakeholderType, string> = {
  UNIVERSITY: 'University',
  ACADEMIC_ASSOCIATION: 'Academic association',
  RESEARCH_ORGANISATION: 'Research organisation (not a university)',
  COMPANY: 'Company (size not stated)',
  SME: 'Small or medium-sized enterprise',
  LARGE_COMPANY: 'Large company',
  INDUSTRY_ASSOCIATION: 'Industry association',
  CIVIL_SOCIETY: 'NGO or civil society',
  GOVERNMENT: 'Government body',
  INDIVIDUAL: 'Individual',
  UNKNOWN: 'Type not stated',
};

export function labelOf(labels: Record<string, string>, value: string): string {
  return labels[value] ?? value;
}
