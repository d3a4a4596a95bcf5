// Words a reader understands for the API's enum values.
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

export function labelOf(labels: Record<string, string>, value: string): string {
  return labels[value] ?? value;
}
