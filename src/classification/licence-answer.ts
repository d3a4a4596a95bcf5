// The shape of a licence-requirement answer ("do I need a licence to ship this there?"), shared
// by the per-regime engines (US Country Chart and licence exceptions, EU general authorisations,
// UK) and the service that assembles them. Pure values: no database, no GraphQL.
import type { Outcome } from './three-valued.js';

export type LicenceVerdict = 'LICENCE_REQUIRED' | 'NO_LICENCE_REQUIRED' | 'EXCEPTION_MAY_APPLY' | 'INDETERMINATE';

/** Regimes the licence question is answered for. */
export const LICENCE_REGIMES = ['US_EAR', 'EU', 'UK'] as const;
export type LicenceRegime = (typeof LICENCE_REGIMES)[number];

/** A reference table read at start (Country Chart, Country Groups, GEAs): where a fact was read. */
export interface ReferenceSource {
  /** The legal text, e.g. "15 CFR Part 738, Supplement No. 1 (Commerce Country Chart)". */
  document: string;
  /** The part of it, e.g. 'row "Canada"' or "footnote 7". */
  section: string;
  /** The official text's address (eCFR, EUR-Lex). */
  url: string | null;
  /** The repository file the table was parsed from, pinned to a commit. */
  repository: string | null;
  path: string | null;
  commit: string | null;
  /** The date of the text as the source states it (e.g. the eCFR issue date). */
  textDate: string | null;
}

/** How one reason for control of one entry bears on the destination. */
export type ReasonOutcome = 'LICENCE_REQUIRED' | 'NO_LICENCE_REQUIRED' | 'INDETERMINATE' | 'NOT_APPLICABLE';

export interface ReasonCheck {
  /** Reason for control as the entry abbreviates it ("NS", "RS", "UN"). */
  reason: string;
  /** The reason as the Country Chart header writes it ("National security"); null when the chart has no column for it. */
  reasonName: string | null;
  /** The control-table line, verbatim ("RS applies to ..."). */
  controlText: string;
  /** Its Country Chart cell, verbatim ("RS Column 1", "See § 746.1(b) for UN controls"). */
  countryChart: string;
  /** The chart column read ("RS1"); null when the line points elsewhere instead of to a column. */
  column: string | null;
  /** Whether the line reaches this item: MET, NOT_MET, or UNKNOWN when the facts do not decide it. */
  lineApplies: Outcome;
  /** Whether the destination's chart row has an X in `column`; null when no column was read or the row is a pointer row. */
  destinationMarked: boolean | null;
  outcome: ReasonOutcome;
  /** One sentence: why this outcome. */
  explanation: string;
  /** How the scope of the line was decided (criteria with the figures given), one line each. */
  scopeTrace: string[];
}

export interface EntryCheck {
  /** The code considered (paragraph or entry), e.g. "6A003.b.4.b". */
  code: string;
  /** Its entry (ECCN or Annex I entry), e.g. "6A003". */
  entry: string;
  /** GIVEN when the user named the code, CLASSIFIED when it came from the item's facts (MET or UNKNOWN). */
  basis: 'GIVEN' | 'CLASSIFIED';
  /** For CLASSIFIED codes: the classification outcome (MET or UNKNOWN). */
  classification: Outcome;
  /** The entry's reasons for control as the list prints them. */
  reasonsForControl: string[];
  reasons: ReasonCheck[];
}

export type ExceptionStatus = 'MAY_APPLY' | 'NOT_AVAILABLE' | 'UNDECIDED';

export interface ExceptionCheck {
  /** "LVS", "GBS", "TSR", "STA", or a GEA number ("EU001"). */
  code: string;
  name: string;
  /** Where the exception is defined ("15 CFR 740.3", "Regulation (EU) 2021/821 Annex II, EU001"). */
  legalBasis: string;
  /** The entry it is read for, when the entry's text speaks about it. */
  entry: string | null;
  /** What the entry's text says about it, verbatim; null when it says nothing. */
  entryText: string | null;
  status: ExceptionStatus;
  /** Conditions that must still hold for it to cover the export (checked by the exporter). */
  openConditions: string[];
  /** One sentence: why this status. */
  explanation: string;
}

export interface ChartFootnote {
  marker: string;
  /** The footnote, verbatim. */
  text: string;
  /** How it bears on this answer, in one sentence. */
  bearing: string;
}

export interface ChartRowView {
  /** The row's name as the chart writes it. */
  name: string;
  code: string;
  rowType: 'GRADED' | 'EMBARGO_POINTER';
  /** Columns with an X. */
  xColumns: string[];
  footnoteMarkers: string[];
  /** For pointer rows: the row's text, verbatim. */
  pointerText: string | null;
  /** When the destination's own row refers to another (Liechtenstein to Switzerland): the row it refers from. */
  referredFrom: string | null;
}

export interface LicenceQuestion {
  /** What to find out, in plain words. */
  question: string;
  /** The fact that answers it, when there is one the API accepts. */
  fact: string | null;
  /** Where to give it: "item.facts", "activity", "provisions"; null when it is for the exporter to check. */
  givenAs: string | null;
  /** The text that raises it. */
  source: string;
}

export interface RegimeLicenceAnswer {
  regime: LicenceRegime;
  verdict: LicenceVerdict;
  /** One plain sentence. */
  reason: string;
  /** US only: the Country Chart row read. */
  chartRow: ChartRowView | null;
  /** The destination's Country Groups (US), e.g. ["A:1", "B"]. */
  countryGroups: string[];
  entries: EntryCheck[];
  footnotes: ChartFootnote[];
  exceptions: ExceptionCheck[];
  questions: LicenceQuestion[];
  trace: string[];
  sources: ReferenceSource[];
  /** Codes of the stored records (provisions, exemptions) the answer rests on, "<REGIME> <code>" or exemption keys. */
  provisionCodes: string[];
  exemptionKeys: string[];
}

export const DISCLAIMER =
  'Decision support, not legal advice: this answer applies the Commerce Country Chart, the EAR Country Groups, the list entries and the general authorisations held in this knowledge base to the facts you gave. End-use and end-user controls, sanctions lists and catch-all provisions are not assessed. Check it against the official texts and your export control officer or licensing authority before relying on it.';
