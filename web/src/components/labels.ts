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

export const REMOVED_REASON_LABELS: Record<string, string> = {
  QUESTION: 'question phrasing',
  STOP_WORD: 'too common to search for',
  REGIME: 'names a list (ranked first)',
  DESTINATION: 'a destination',
};

export function labelOf(labels: Record<string, string>, value: string): string {
  return labels[value] ?? value;
}
