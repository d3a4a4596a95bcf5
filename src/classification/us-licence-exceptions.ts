// The list-based licence exceptions an ECCN's "License Exceptions" section names (LVS, GBS,
// TSR, STA), read for one item and destination. What the entry's own text says is decided here
// (N/A, the paragraphs it is limited to or excluded for, the value limit, the Country Group A:6
// restriction of STA); what Part 740 itself requires (eligible destinations, other conditions)
// is not in the knowledge base, so it is named by section and left as an open condition, with
// the destination's Country Groups shown for the reader to check against it.
//
// Exported as one function so the exemption check can use it for the same entries.
import type { ExceptionCheck, LicenceQuestion } from './licence-answer.js';
import { isUnder, overlaps, paragraphRefs } from './paragraph-refs.js';
import type { Outcome } from './three-valued.js';
import type { UsCountryTables } from './us-country-chart.js';

/** The activity fact carrying the value of the shipment, in US dollars. */
export const SHIPMENT_VALUE_FACT = 'shipment_value_usd';

const EXCEPTIONS: Record<string, { name: string; section: string }> = {
  LVS: { name: 'License Exception LVS', section: '15 CFR 740.3' },
  GBS: { name: 'License Exception GBS', section: '15 CFR 740.4' },
  TSR: { name: 'License Exception TSR', section: '15 CFR 740.6' },
  STA: { name: 'License Exception STA', section: '15 CFR 740.20' },
};

export interface ListBasedExceptionsInput {
  /** The ECCN ("6A003"). */
  entry: string;
  /** The code controlling the item ("6A003.b.4.b", or the entry when no paragraph is known). */
  code: string;
  /** The entry's License Exceptions section, by exception ({ LVS: "$1500, except N/A for ..." }). */
  texts: Readonly<Record<string, string>>;
  /** ISO code of the destination whose Country Groups are read. */
  destination: string;
  tables: UsCountryTables;
  /** Value of the shipment in US dollars; null when not given. */
  shipmentValueUsd: number | null;
  /** Whether a reason for control ("MT", "NP") reaches the item, for texts like "N/A for MT". */
  reasonReaches: (reason: string) => Outcome;
}

export interface ListBasedExceptions {
  exceptions: ExceptionCheck[];
  questions: LicenceQuestion[];
}

interface Reading {
  status: ExceptionCheck['status'];
  explanation: string;
  open: string[];
  /** The entry's own text decided the destination (it names the Country Groups the exception is for). */
  destinationDecided?: boolean;
}

const REASON_TOKEN = /\bN\/A for (MT|NP|NS|RS|CC|CB)\b/g;

/** "N/A for MT", "N/A for NP items": the exception is not available when that reason reaches the item. */
function reasonExclusions(text: string, input: ListBasedExceptionsInput): Reading | null {
  for (const match of text.matchAll(REASON_TOKEN)) {
    const reason = match[1] ?? '';
    const reaches = input.reasonReaches(reason);
    if (reaches === 'MET')
      return {
        status: 'NOT_AVAILABLE',
        explanation: `The entry says "N/A for ${reason}" and ${reason} controls reach this item.`,
        open: [],
      };
    if (reaches === 'UNKNOWN')
      return {
        status: 'UNDECIDED',
        explanation: `The entry says "N/A for ${reason}" and whether ${reason} controls reach this item is not decided.`,
        open: [`Whether the ${reason} control-table line reaches the item (the entry says "N/A for ${reason}").`],
      };
  }
  return null;
}

/**
 * Reads "N/A for <paragraphs>" / "Yes for <paragraphs>" / "$500 for <paragraphs>" against the
 * item's code: inside (the text speaks of the item), outside, or undecided (a narrower code is needed).
 */
function scopeOf(text: string, input: ListBasedExceptionsInput): 'inside' | 'outside' | 'partly' | 'none' {
  const refs = paragraphRefs(text, input.entry);
  if (refs.own.length === 0) return 'none';
  if (refs.own.some((ref) => isUnder(input.code, ref))) return 'inside';
  if (refs.own.some((ref) => overlaps(input.code, ref))) return 'partly';
  return 'outside';
}

function groupsText(input: ListBasedExceptionsInput): string {
  const groups = input.tables.groupsOf(input.destination).map((membership) => membership.group);
  return groups.length > 0
    ? `${input.destination} is in Country Group${groups.length > 1 ? 's' : ''} ${groups.join(', ')} (15 CFR 740, Supplement No. 1)`
    : `${input.destination} is in no Country Group table (15 CFR 740, Supplement No. 1)`;
}

function part740Condition(code: string, input: ListBasedExceptionsInput): string {
  const exception = EXCEPTIONS[code];
  return `${exception?.section ?? 'Part 740'} sets the destinations ${code} may be used for and its other conditions; its text is not held here, so check it: ${groupsText(input)}.`;
}

function readLvs(text: string, input: ListBasedExceptionsInput, questions: LicenceQuestion[]): Reading {
  if (/^\s*N\/A\.?\s*$/i.test(text))
    return { status: 'NOT_AVAILABLE', explanation: 'The entry says LVS: N/A.', open: [] };
  const byReason = reasonExclusions(text, input);
  if (byReason?.status === 'NOT_AVAILABLE') return byReason;
  const naPart = /N\/A for\b(.*)$/is.exec(text)?.[1] ?? null;
  if (naPart !== null) {
    const scope = scopeOf(naPart.replace(REASON_TOKEN, ''), input);
    if (scope === 'inside')
      return { status: 'NOT_AVAILABLE', explanation: `The entry makes LVS N/A for ${input.code}: "${text}"`, open: [] };
    if (scope === 'partly')
      return {
        status: 'UNDECIDED',
        explanation: `LVS is N/A for some paragraphs under ${input.code}; which paragraph controls the item decides it.`,
        open: [`Which paragraph of ${input.entry} controls the item (LVS is N/A for some: "${text}").`],
      };
  }
  const valueMatch = /\$\s?([\d,]+)/.exec(text);
  if (!valueMatch?.[1]) {
    return {
      status: 'UNDECIDED',
      explanation: `The entry's LVS text gives no value limit this engine can read: "${text}".`,
      open: [`Read the entry's LVS text: "${text}".`],
    };
  }
  // "$500 for 0A501.c, .d, and .x": a limit only for the paragraphs named.
  const limitedTo = /\$\s?[\d,]+\s+for\b([^\n;]*)/i.exec(text)?.[1] ?? null;
  if (limitedTo !== null && !/Country Group/i.test(limitedTo)) {
    const scope = scopeOf(limitedTo, input);
    if (scope === 'outside')
      return {
        status: 'NOT_AVAILABLE',
        explanation: `The entry gives an LVS value only for other paragraphs: "${text}"`,
        open: [],
      };
    if (scope === 'partly')
      return {
        status: 'UNDECIDED',
        explanation: `The entry gives an LVS value only for some paragraphs under ${input.code}.`,
        open: [`Which paragraph of ${input.entry} controls the item (LVS: "${text}").`],
      };
  }
  const limit = Number(valueMatch[1].replace(/,/g, ''));
  const open = [...(byReason?.open ?? []), part740Condition('LVS', input)];
  // "$2,000 for all Country Group B destinations, except those also listed under Country Group D:3".
  const groups =
    /for all Country Group ([A-E](?::\d)?) destinations(?:, except those also listed under Country Group ([A-E](?::\d)?))?/i.exec(
      text,
    );
  let destinationDecided = false;
  if (groups?.[1]) {
    const inGroup = input.tables.isMember(input.destination, groups[1]);
    const excluded = groups[2] !== undefined && input.tables.isMember(input.destination, groups[2]);
    if (!inGroup || excluded)
      return {
        status: 'NOT_AVAILABLE',
        explanation: `The entry's LVS value is for Country Group ${groups[1]} destinations${groups[2] ? ` not in Country Group ${groups[2]}` : ''}; ${input.destination} is ${inGroup ? `in Country Group ${groups[2] ?? ''}` : `not in Country Group ${groups[1]}`}.`,
        open: [],
      };
    destinationDecided = true;
  } else if (/Country Group/i.test(text)) open.push(`The entry's LVS text names Country Groups: "${text}".`);
  if (input.shipmentValueUsd === null) {
    questions.push({
      question: `What is the value of the shipment in US dollars? The entry's LVS limit is $${limit.toLocaleString('en-US')}.`,
      fact: SHIPMENT_VALUE_FACT,
      givenAs: 'activity',
      source: `${input.entry}, License Exceptions, LVS: "${text}"`,
    });
    return {
      status: 'UNDECIDED',
      explanation: `LVS is limited to $${limit.toLocaleString('en-US')} by the entry; the shipment's value was not given.`,
      open: [`The shipment's value must not exceed $${limit.toLocaleString('en-US')} (the entry's LVS text).`, ...open],
    };
  }
  if (input.shipmentValueUsd > limit)
    return {
      status: 'NOT_AVAILABLE',
      explanation: `The shipment's value ($${input.shipmentValueUsd.toLocaleString('en-US')}) exceeds the entry's LVS limit of $${limit.toLocaleString('en-US')}.`,
      open: [],
    };
  return {
    status: byReason ? 'UNDECIDED' : 'MAY_APPLY',
    explanation: `The shipment's value ($${input.shipmentValueUsd.toLocaleString('en-US')}) is within the entry's LVS limit of $${limit.toLocaleString('en-US')}.`,
    open,
    destinationDecided,
  };
}

function readYesNo(code: 'GBS' | 'TSR', text: string, input: ListBasedExceptionsInput): Reading {
  if (/^\s*N\/A\.?\s*$/i.test(text))
    return { status: 'NOT_AVAILABLE', explanation: `The entry says ${code}: N/A.`, open: [] };
  const byReason = reasonExclusions(text, input);
  if (byReason?.status === 'NOT_AVAILABLE') return byReason;
  if (/^\s*Yes\.?\s*$/i.test(text))
    return {
      status: 'MAY_APPLY',
      explanation: `The entry says ${code}: Yes.`,
      open: [...(byReason?.open ?? []), part740Condition(code, input)],
    };
  const exceptPart = /^\s*Yes,?\s+except\b(.*)$/is.exec(text)?.[1];
  if (exceptPart !== undefined) {
    const listed = exceptPart.replace(/^\s*(N\/A\s+)?for the following:?\s*/i, '').trim();
    return {
      status: 'UNDECIDED',
      explanation:
        listed.length > 0
          ? `The entry allows ${code} with exclusions the facts given do not decide.`
          : `The entry allows ${code} "except for the following", and the exclusions are not in the text held.`,
      open: [
        listed.length > 0
          ? `None of the entry's ${code} exclusions may hold: "${text}"`
          : `The entry's ${code} exclusions ("Yes, except for the following:") are not in the text held; read them in the current CCL.`,
        part740Condition(code, input),
      ],
    };
  }
  const yesFor = /^\s*Yes,?\s+(?:for\b)?(.*)$/is.exec(text)?.[1];
  if (yesFor !== undefined) {
    const scope = scopeOf(yesFor, input);
    const qualified = /\b(that|which|when|if|except|unless|exported|having)\b/i.test(yesFor);
    if (scope === 'outside')
      return {
        status: 'NOT_AVAILABLE',
        explanation: `The entry allows ${code} only for other paragraphs: "${text}"`,
        open: [],
      };
    if (scope === 'inside' && !qualified)
      return {
        status: 'MAY_APPLY',
        explanation: `The entry allows ${code} for ${input.code}: "${text}"`,
        open: [part740Condition(code, input)],
      };
    return {
      status: 'UNDECIDED',
      explanation: `The entry allows ${code} for some items only, and the facts given do not decide whether this is one: "${text}"`,
      open: [`The item must be one the entry allows ${code} for: "${text}"`, part740Condition(code, input)],
    };
  }
  // Other wording (a description of the items it is available for): for the reader.
  const scope = scopeOf(text, input);
  if (scope === 'outside')
    return {
      status: 'NOT_AVAILABLE',
      explanation: `The entry allows ${code} only for other paragraphs: "${text}"`,
      open: [],
    };
  return {
    status: 'UNDECIDED',
    explanation: `The entry's ${code} text describes the items it is available for; the facts given do not decide it.`,
    open: [`The item must be one the entry's ${code} text describes: "${text}"`, part740Condition(code, input)],
  };
}

function readSta(text: string, input: ListBasedExceptionsInput): Reading {
  const groupsNamed = [...text.matchAll(/Country Groups?\s+(A:\d)(?:\s+or\s+(A:\d))?/g)].flatMap((match) =>
    [match[1], match[2]].filter((group): group is string => group !== undefined),
  );
  const open: string[] = [];
  for (const membership of input.tables.groupsOf(input.destination))
    if (membership.footnote)
      open.push(`Country Group ${membership.group} footnote for ${input.destination}: "${membership.footnote}"`);
  const paragraphOnly = /^\s*Paragraph \(c\)\((\d)\)/i.exec(text)?.[1] ?? null;
  // "this entry" / "any item in 6B619" / "ECCN 6A293" reach every paragraph; named paragraphs only themselves.
  const scope = /\bthis (entry|ECCN)\b/i.test(text) ? 'inside' : scopeOf(text, input);
  if (groupsNamed.length === 0) {
    if (scope === 'inside') {
      if (paragraphOnly !== null)
        return {
          status: 'MAY_APPLY',
          explanation: `The entry excludes paragraph (c)(${paragraphOnly}) of STA for this item; the other paragraph of § 740.20 is not excluded by the entry.`,
          open: [
            `STA paragraph (c)(${paragraphOnly}) may not be used (the entry's text): "${text}"`,
            part740Condition('STA', input),
            ...open,
          ],
        };
      return { status: 'NOT_AVAILABLE', explanation: `The entry excludes STA for this item: "${text}"`, open: [] };
    }
    return {
      status: 'UNDECIDED',
      explanation: `The entry restricts STA in words the facts given do not decide: "${text}"`,
      open: [`The entry's STA restriction must not reach the item: "${text}"`, part740Condition('STA', input), ...open],
    };
  }
  const inGroup = groupsNamed.filter((group) => input.tables.isMember(input.destination, group));
  if (inGroup.length === 0) {
    return {
      status: 'MAY_APPLY',
      explanation: `The entry's STA restriction is for Country Group ${groupsNamed.join(' / ')}, and ${input.destination} is not in ${groupsNamed.length > 1 ? 'them' : 'it'}.`,
      open: [part740Condition('STA', input), ...open],
    };
  }
  if (scope === 'inside')
    return {
      status: 'NOT_AVAILABLE',
      explanation: `The entry bars STA for ${input.code} to Country Group ${inGroup.join(', ')}, and ${input.destination} is in it.`,
      open: [],
    };
  if (scope === 'outside')
    return {
      status: 'MAY_APPLY',
      explanation: `The entry's STA restriction to Country Group ${inGroup.join(', ')} names other paragraphs than ${input.code}.`,
      open: [part740Condition('STA', input), ...open],
    };
  return {
    status: 'UNDECIDED',
    explanation: `The entry bars STA to Country Group ${inGroup.join(', ')} for some paragraphs; which paragraph controls the item decides it.`,
    open: [
      `The item must not be in the paragraphs the STA restriction names: "${text}"`,
      part740Condition('STA', input),
      ...open,
    ],
  };
}

/** Every exception the entry's License Exceptions section names, read for the item and destination. */
export function listBasedExceptions(input: ListBasedExceptionsInput): ListBasedExceptions {
  const questions: LicenceQuestion[] = [];
  const exceptions = Object.entries(input.texts).map(([code, text]): ExceptionCheck => {
    const known = EXCEPTIONS[code];
    let reading: Reading;
    if (code === 'LVS') reading = readLvs(text, input, questions);
    else if (code === 'GBS' || code === 'TSR') reading = readYesNo(code, text, input);
    else if (code === 'STA') reading = readSta(text, input);
    else
      reading = {
        status: 'UNDECIDED',
        explanation: `${code} is named by the entry but not evaluated by this engine.`,
        open: [`Read the entry's ${code} text and Part 740: "${text}"`],
      };
    // Part 740 itself (which destinations each exception may be used for) is not held: unless the
    // entry's own text names the destinations, "the entry allows it" stays undecided.
    if (reading.status === 'MAY_APPLY' && !reading.destinationDecided)
      reading = {
        ...reading,
        status: 'UNDECIDED',
        explanation: `${reading.explanation} Whether ${known?.section ?? 'Part 740'} allows ${code} for ${input.destination} is not decided: its text is not held here.`,
      };
    return {
      code,
      name: known?.name ?? code,
      legalBasis: known?.section ?? 'Part 740',
      entry: input.entry,
      entryText: text,
      status: reading.status,
      openConditions: reading.status === 'NOT_AVAILABLE' ? [] : reading.open,
      explanation: reading.explanation,
    };
  });
  return { exceptions, questions };
}
