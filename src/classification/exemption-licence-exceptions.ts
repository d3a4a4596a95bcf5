// The list-based licence exceptions of the US entries (LVS, GBS, TSR, STA: what each ECCN's
// "License Exceptions" section says, read by us-licence-exceptions.ts with the destination's
// Country Groups) as rows of the exemption check. Part 740 itself is not held, so an exception
// the entry allows stays INDETERMINATE with its open conditions and never APPLIES; one the entry
// rules out DOES_NOT_APPLY. With no entry known they are still rows, asking for the entry; with
// no destination, only a plain "N/A" in the entry decides them.
import type { FactSet } from './evaluate-expression.js';
import type { ExceptionCheck } from './licence-answer.js';
import { entryOf } from './paragraph-refs.js';
import type { Rulebook } from './rulebook.js';
import { anyOf, type Outcome } from './three-valued.js';
import { lineReason, lineScope, type ControlLine } from './us-control-lines.js';
import type { UsCountryTables } from './us-country-chart.js';
import { listBasedExceptions } from './us-licence-exceptions.js';

/** As an exemption's outcome (exemption-evaluation's EligibilityOutcome, which takes these rows in). */
type EligibilityOutcome = 'APPLIES' | 'DOES_NOT_APPLY' | 'INDETERMINATE';

/** The question asking for the list entry, and the one for the destination (see exemption-rules). */
const ENTRY_FACT = 'entry';
const DESTINATION_FACT = 'destination_country';

/** One list-based licence exception, for one entry (or waiting for the entry). */
export interface LicenceExceptionRow {
  /** "US-EAR-740.3-LVS" (with the code read for when one is known: "US-EAR-740.3-LVS@6A003.b.4.b"). */
  key: string;
  regime: 'US_EAR';
  /** "LVS", "GBS", "TSR", "STA". */
  code: string;
  name: string;
  /** Where the exception is defined, e.g. "15 CFR 740.3". */
  legalBasis: string;
  /** The ECCN whose text is read; null while the entry is not known. */
  entry: string | null;
  /** The entry's text about the exception, verbatim. */
  entryText: string | null;
  outcome: EligibilityOutcome;
  /** One sentence: why. */
  reason: string;
  /** What must still hold for it to cover the export (Part 740 conditions the exporter checks). */
  openConditions: string[];
  /** Questions that would decide it ("entry", "destination_country"). */
  missingFacts: string[];
}

/**
 * The exceptions an ECCN's License Exceptions section names (15 CFR 740.3 LVS, 740.4 GBS,
 * 740.6 TSR, 740.20 STA): the rows asked for while no entry is known.
 */
const LIST_BASED: readonly { code: string; name: string; legalBasis: string }[] = [
  { code: 'LVS', name: 'License Exception LVS (shipments of limited value)', legalBasis: '15 CFR 740.3' },
  { code: 'GBS', name: 'License Exception GBS (shipments to Country Group B)', legalBasis: '15 CFR 740.4' },
  {
    code: 'TSR',
    name: 'License Exception TSR (technology and software under restriction)',
    legalBasis: '15 CFR 740.6',
  },
  { code: 'STA', name: 'License Exception STA (strategic trade authorization)', legalBasis: '15 CFR 740.20' },
];

/** LVS, GBS, TSR, STA in that order (as the CCL prints them), then any other exception by code. */
function byListOrder(a: LicenceExceptionRow, b: LicenceExceptionRow): number {
  const rank = (code: string) => {
    const index = LIST_BASED.findIndex((exception) => exception.code === code);
    return index === -1 ? LIST_BASED.length : index;
  };
  return rank(a.code) - rank(b.code) || a.code.localeCompare(b.code);
}

const keyOf = (legalBasis: string, code: string, entry: string | null) =>
  `US-EAR-${legalBasis.replace(/^15 CFR /, '')}-${code}${entry ? `@${entry}` : ''}`;

/** The rows while no US entry is known: each INDETERMINATE, asking for the entry whose text names them. */
export function licenceExceptionsAwaitingEntry(): LicenceExceptionRow[] {
  return LIST_BASED.map((exception) => ({
    key: keyOf(exception.legalBasis, exception.code, null),
    regime: 'US_EAR',
    code: exception.code,
    name: exception.name,
    legalBasis: exception.legalBasis,
    entry: null,
    entryText: null,
    outcome: 'INDETERMINATE',
    reason: `Give the entry: whether ${exception.code} may be used is written in the License Exceptions section of the ECCN that controls the item.`,
    openConditions: [],
    missingFacts: [ENTRY_FACT],
  }));
}

export interface UsEntryExceptionsInput {
  /** The code controlling the item ("6A003.b.4.b", or the ECCN). */
  code: string;
  /** The entry's License Exceptions section, by exception. */
  texts: Readonly<Record<string, string>>;
  /** The entry's control table (for "N/A for MT": whether the MT line reaches the item). */
  controlTable: readonly ControlLine[];
}

const OUTCOME: Record<ExceptionCheck['status'], EligibilityOutcome> = {
  NOT_AVAILABLE: 'DOES_NOT_APPLY',
  MAY_APPLY: 'INDETERMINATE',
  UNDECIDED: 'INDETERMINATE',
};

/** The entry's own licence-exception texts read for the item (and the destination, when given). */
export function licenceExceptionsOfEntry(
  entry: UsEntryExceptionsInput,
  destination: string | null,
  context: { tables: UsCountryTables; rulebook: Rulebook; facts: FactSet },
): LicenceExceptionRow[] {
  const eccn = entryOf(entry.code);
  const row = (check: ExceptionCheck, missingFacts: string[]): LicenceExceptionRow => ({
    key: keyOf(check.legalBasis, check.code, entry.code),
    regime: 'US_EAR',
    code: check.code,
    name: check.name,
    legalBasis: check.legalBasis,
    entry: eccn,
    entryText: check.entryText,
    outcome: OUTCOME[check.status],
    reason: check.explanation,
    openConditions: check.openConditions,
    missingFacts,
  });
  if (destination === null) {
    // Without a destination only the entry's plain "N/A" decides: every other reading depends on
    // the destination's Country Groups.
    return Object.entries(entry.texts)
      .map(([code, text]) => {
        const known = LIST_BASED.find((exception) => exception.code === code);
        const notAvailable = /^\s*N\/A\.?\s*$/i.test(text);
        return row(
          {
            code,
            name: known?.name ?? code,
            legalBasis: known?.legalBasis ?? 'Part 740',
            entry: eccn,
            entryText: text,
            status: notAvailable ? 'NOT_AVAILABLE' : 'UNDECIDED',
            openConditions: [],
            explanation: notAvailable
              ? `The entry says ${code}: N/A.`
              : `Give the destination: what ${eccn} says about ${code} ("${text}") is read against the destination's Country Groups.`,
          },
          notAvailable ? [] : [DESTINATION_FACT],
        );
      })
      .sort(byListOrder);
  }
  const reasonReaches = (reason: string): Outcome => {
    const lines = entry.controlTable.filter((line) => lineReason(line) === reason);
    if (lines.length === 0) return 'NOT_MET';
    return anyOf(lines.map((line) => lineScope(line, entry.code, eccn, context.rulebook, context.facts).outcome));
  };
  const read = listBasedExceptions({
    entry: eccn,
    code: entry.code,
    texts: entry.texts,
    destination: destination.toUpperCase(),
    tables: context.tables,
    shipmentValueUsd: null,
    reasonReaches,
  });
  return read.exceptions.map((check) => row(check, [])).sort(byListOrder);
}
