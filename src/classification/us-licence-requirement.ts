// "Do I need a BIS licence to ship this there?" for the EAR: each entry (or paragraph) that
// controls the item, its control-table lines (reason for control -> Country Chart column) read
// against the destination's chart row, the row's footnotes, then the list-based licence
// exceptions of the entry. Embargoed destinations have pointer rows with no X: they are answered
// as "see Part 746", never as "no X, no licence". Pure: the tables, the rulebook and the entry
// texts come in as values.
import type { FactSet } from './evaluate-expression.js';
import type {
  ChartFootnote,
  ChartRowView,
  EntryCheck,
  ExceptionCheck,
  LicenceQuestion,
  LicenceVerdict,
  ReasonCheck,
  ReferenceSource,
  RegimeLicenceAnswer,
} from './licence-answer.js';
import { entryOf, isUnder, overlaps, paragraphRefs } from './paragraph-refs.js';
import type { Rulebook } from './rulebook.js';
import { anyOf, type Outcome } from './three-valued.js';
import type { ChartRow, UsCountryTables } from './us-country-chart.js';
import { chartTarget, lineReason, lineScope, type ControlLine } from './us-control-lines.js';
import { listBasedExceptions } from './us-licence-exceptions.js';

/** The activity fact saying whether the goods go to the Crimea, DNR or LNR regions of Ukraine (chart footnotes 8 and 9). */
export const CRIMEA_REGIONS_FACT = 'destination_in_crimea_dnr_lnr_regions';

/** Facts about the transaction rather than the item: asked for in `activity`. */
const TRANSACTION_FACTS = new Set(['embedded_in_civil_product']);

export interface UsEntryInput {
  /** The paragraph (or entry) controlling the item. */
  code: string;
  basis: 'GIVEN' | 'CLASSIFIED';
  /** MET for given codes; MET or UNKNOWN for classified ones. */
  classification: Outcome;
  reasonsForControl: string[];
  controlTable: ControlLine[];
  licenceExceptions: Readonly<Record<string, string>> | null;
}

export interface UsLicenceInput {
  tables: UsCountryTables;
  rulebook: Rulebook;
  /** ISO code of the destination. */
  destination: string;
  /** The destination's name as understood (for rows that refer to another). */
  destinationName: string;
  entries: UsEntryInput[];
  /** Item facts and transaction facts in the rulebook's vocabulary (scope conditions of control lines). */
  facts: FactSet;
  shipmentValueUsd: number | null;
  inCrimeaRegions: boolean | null;
  /** When no entry controls the item: why, and what would decide it. */
  noEntries: { reason: string; questions: LicenceQuestion[] } | null;
}

interface RowChoice {
  row: ChartRow | null;
  view: ChartRowView | null;
  /** The footnote of the destination's own row that refers to the row read. */
  referring: ChartFootnote | null;
  trace: string[];
  sources: ReferenceSource[];
}

/** The destination's chart row; a row that refers to another (footnote "Refer to ...") or a missing row the chart's notes assign to another is read through that one. */
function chartRowFor(tables: UsCountryTables, code: string, name: string): RowChoice {
  const own = tables.row(code);
  const view = (row: ChartRow, referredFrom: string | null): ChartRowView => ({
    name: row.name,
    code: row.iso2,
    rowType: row.row_type === 'graded' ? 'GRADED' : 'EMBARGO_POINTER',
    xColumns: [...row.x_columns],
    footnoteMarkers: [...row.footnote_markers],
    pointerText: row.row_type === 'embargo_pointer' ? row.pointer_text : null,
    referredFrom,
  });
  if (own) {
    for (const marker of own.footnote_markers) {
      const text = tables.footnote(marker) ?? '';
      const referTo = /^Refer to (.+?) for licensing requirements for/i.exec(text)?.[1];
      const target = referTo ? tables.rowNamed(referTo) : undefined;
      if (target && target.iso2 !== own.iso2) {
        return {
          row: target,
          view: view(target, `${own.name} (${own.iso2})`),
          referring: {
            marker,
            text,
            bearing: `${own.name}'s row refers to ${target.name}'s row, which is the one read.`,
          },
          trace: [
            `Country Chart: ${own.name}'s row carries footnote ${marker}: "${text}" The row of ${target.name} (${target.iso2}) is read.`,
          ],
          sources: [
            tables.chartSource(`row "${own.name}", footnote ${marker}`),
            tables.chartSource(`row "${target.name}"`),
          ],
        };
      }
    }
    return {
      row: own,
      view: view(own, null),
      referring: null,
      trace: [],
      sources: [tables.chartSource(`row "${own.name}"`)],
    };
  }
  // A destination without a row: the chart's notes may say which row governs it.
  for (const quirk of tables.chart.quirks) {
    const match = new RegExp(`${escapeRegExp(name)} has no row \\(([^)]*?),? governed by the (.+?) row\\)`, 'i').exec(
      quirk,
    );
    const target = match?.[2] ? tables.rowNamed(match[2]) : undefined;
    if (match && target) {
      return {
        row: target,
        view: view(target, `${name} (${code})`),
        referring: null,
        trace: [
          `Country Chart: ${name} has no row of its own; the chart's source notes: "${quirk}" The row of ${target.name} (${target.iso2}) is read.`,
        ],
        sources: [tables.chartSource('notes on the parsed chart (quirks)'), tables.chartSource(`row "${target.name}"`)],
      };
    }
  }
  return {
    row: null,
    view: null,
    referring: null,
    trace: [`Country Chart: no row for ${name} (${code}); the chart cannot be read for it.`],
    sources: [tables.chartSource('rows (none for this destination)')],
  };
}

/** A chart name and its spoken order: "Korea, North" is also "North Korea". */
function nameForms(name: string): string[] {
  const inverted = /^(.+?),\s*(.+)$/.exec(name);
  return inverted?.[1] && inverted[2] ? [name, `${inverted[2]} ${inverted[1]}`] : [name];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How a footnote bears on the item, read from its own words. */
interface FootnoteEffect {
  bearing: string;
  effect: 'none' | 'requires' | 'undecided';
  question: LicenceQuestion | null;
  exception: ExceptionCheck | null;
}

function sectionsIn(text: string): string {
  return [...text.matchAll(/§\s*([\d.]+(?:\([a-z0-9]+\))*(?:\s+and\s+\([a-z0-9]+\)(?:\([a-z0-9]+\))*)?)/g)]
    .map((match) => `§ ${match[1] ?? ''}`)
    .join(', ');
}

function footnoteEffect(
  marker: string,
  text: string,
  rowName: string,
  entries: readonly UsEntryInput[],
  unReaches: Outcome,
  inCrimeaRegions: boolean | null,
): FootnoteEffect {
  const source = `Country Chart footnote ${marker}`;
  if (/^Refer to /i.test(text))
    return {
      bearing: "The row refers to another destination's row, which is the one read.",
      effect: 'none',
      question: null,
      exception: null,
    };
  if (/Crimea region/i.test(text) && /all items subject to the EAR/i.test(text)) {
    if (inCrimeaRegions === true)
      return {
        bearing: `The goods go to the Crimea, DNR or LNR regions: the footnote states additional licence requirements there for all items subject to the EAR other than the EAR99 food, medicine and software it names (${sectionsIn(text)}).`,
        effect: 'requires',
        question: null,
        exception: null,
      };
    if (inCrimeaRegions === false)
      return {
        bearing: 'The goods do not go to the Crimea, DNR or LNR regions the footnote concerns.',
        effect: 'none',
        question: null,
        exception: null,
      };
    return {
      bearing:
        "Whether the goods go to the Crimea, DNR or LNR regions decides whether the footnote's additional requirements apply.",
      effect: 'undecided',
      question: {
        question: 'Do the goods go to (or within) the Crimea region of Ukraine or the so-called DNR or LNR regions?',
        fact: CRIMEA_REGIONS_FACT,
        givenAs: 'activity',
        source,
      },
      exception: null,
    };
  }
  if (/thermal imaging cameras/i.test(text)) {
    const cameras = entries.filter((entry) => entryOf(entry.code) === '6A003');
    if (cameras.length === 0)
      return {
        bearing: 'It concerns certain thermal imaging cameras (6A003); the item is not controlled by 6A003.',
        effect: 'none',
        question: null,
        exception: null,
      };
    return {
      bearing: `It points to special provisions for certain thermal imaging cameras (${sectionsIn(text)}), whose text is not held here; they may change the answer for this camera.`,
      effect: 'none',
      question: null,
      exception: {
        code: sectionsIn(text) || `footnote ${marker}`,
        name: `Special provisions for certain thermal imaging cameras (Country Chart footnote ${marker})`,
        legalBasis: sectionsIn(text) ? `15 CFR ${sectionsIn(text).replace(/§\s*/g, '')}` : source,
        entry: null,
        entryText: null,
        status: 'UNDECIDED',
        openConditions: [
          `${source}: "${text}" The provisions it points to are not held here; check whether they cover this camera.`,
        ],
        explanation:
          'The destination carries a footnote pointing to special provisions for thermal imaging cameras; their text is not held here.',
      },
    };
  }
  const stillRequired =
    /license is still required for items controlled under ECCNs (.+?) for (\w\w) column (\d) reasons/i.exec(text);
  if (stillRequired) {
    return {
      bearing: `It keeps a licence requirement for ${stillRequired[1] ?? ''} (${stillRequired[2] ?? ''} column ${stillRequired[3] ?? ''} reasons); read with the ${stillRequired[2] ?? ''} lines above.`,
      effect: 'none',
      question: null,
      exception: null,
    };
  }
  const listed = /A license is required to these destinations for items in the following ECCNs:(.*)$/is.exec(text)?.[1];
  if (listed !== undefined) {
    const named = entries.filter((entry) => new RegExp(`\\b${entryOf(entry.code)}\\b`).test(listed));
    if (named.length === 0)
      return {
        bearing: "It requires a licence for the ECCNs it lists; the item's entry is not among them.",
        effect: 'none',
        question: null,
        exception: null,
      };
    return {
      bearing: `It requires a licence for ECCNs it lists, including ${named.map((entry) => entryOf(entry.code)).join(', ')}; its qualifications must be read for the item.`,
      effect: 'undecided',
      question: {
        question: `Does the item fall within what footnote ${marker} lists for its ECCN?`,
        fact: null,
        givenAs: null,
        source,
      },
      exception: null,
    };
  }
  if (/United Nations Security Council/i.test(text)) {
    const namesRow = new RegExp(`\\b${escapeRegExp(rowName)}\\b`, 'i').test(text);
    if (unReaches !== 'NOT_MET' || namesRow)
      return {
        bearing: `UN Security Council sanctions for this destination are set out in ${sectionsIn(text)}, not in the chart; that text is not held here.`,
        effect: 'undecided',
        question: {
          question: `Check ${sectionsIn(text)} for the UN Security Council requirements for this destination.`,
          fact: null,
          givenAs: null,
          source,
        },
        exception: null,
      };
    return { bearing: 'No UN control-table line reaches this item.', effect: 'none', question: null, exception: null };
  }
  if (/any ECCN on the CCL/i.test(text)) {
    return {
      bearing: `It states additional licence requirements for items listed in any ECCN on the CCL (${sectionsIn(text)}); the item is in an ECCN.`,
      effect: 'requires',
      question: null,
      exception: null,
    };
  }
  if (/ECCN 0A919/i.test(text)) {
    const named = entries.some((entry) => entryOf(entry.code) === '0A919');
    return named
      ? {
          bearing: `Special provisions for 0A919 (${sectionsIn(text)}) apply to this item; their text is not held here.`,
          effect: 'undecided',
          question: { question: `Check ${sectionsIn(text)} for this 0A919 item.`, fact: null, givenAs: null, source },
          exception: null,
        }
      : {
          bearing: 'It concerns military commodities in ECCN 0A919; the item is not in 0A919.',
          effect: 'none',
          question: null,
          exception: null,
        };
  }
  return {
    bearing: 'Its effect on this item is not evaluated here; read it.',
    effect: 'undecided',
    question: { question: `Read Country Chart footnote ${marker} for this item.`, fact: null, givenAs: null, source },
    exception: null,
  };
}

/** Footnotes that keep a licence requirement for a column whatever the row's X ("still required ... for RS column 2 reasons"). */
function columnKeptByFootnote(
  tables: UsCountryTables,
  row: ChartRow,
  column: string,
  code: string,
): { marker: string; outcome: Outcome } | null {
  for (const marker of row.footnote_markers) {
    const text = tables.footnote(marker) ?? '';
    const match =
      /license is still required for items controlled under ECCNs (.+?) for (\w\w) column (\d) reasons/i.exec(text);
    if (!match || `${match[2] ?? ''}${match[3] ?? ''}`.toUpperCase() !== column) continue;
    const named = paragraphRefs(match[1] ?? '', entryOf(code));
    const codes = [...named.own, ...named.other];
    if (codes.some((listed) => isUnder(code, listed))) return { marker, outcome: 'MET' };
    if (codes.some((listed) => overlaps(code, listed))) return { marker, outcome: 'UNKNOWN' };
  }
  return null;
}

interface ReasonContext {
  tables: UsCountryTables;
  row: ChartRow | null;
  rowName: string;
  destination: string;
}

/** A text cell ("To or within destinations specified in Country Groups D:1 ... excluding ... A:5 or A:6", "A license is required ... to North Korea"): does it name the destination? */
function textCellRequires(cell: string, context: ReasonContext): Outcome {
  if (/any destination worldwide/i.test(cell)) return 'MET';
  const [included = '', excluded = ''] = cell.split(/excluding/i);
  const groupsIn = (part: string) =>
    [...part.matchAll(/\b([A-E]:\d)\b/g)]
      .map((match) => match[1])
      .filter((group): group is string => group !== undefined);
  const member = (groups: string[]) => groups.some((group) => context.tables.isMember(context.destination, group));
  const namesDestination = (part: string) =>
    nameForms(context.rowName).some((name) => new RegExp(`\\b${escapeRegExp(name)}\\b`, 'i').test(part));
  const includedGroups = groupsIn(included);
  const namedHere = namesDestination(included);
  if (includedGroups.length > 0 || /license is required/i.test(included)) {
    if ((namedHere || member(includedGroups)) && !member(groupsIn(excluded))) return 'MET';
    return 'NOT_MET';
  }
  return 'UNKNOWN';
}

function reasonCheck(line: ControlLine, entry: UsEntryInput, input: UsLicenceInput, context: ReasonContext) {
  const reason = lineReason(line);
  const target = chartTarget(line);
  const scope = lineScope(line, entry.code, entryOf(entry.code), input.rulebook, input.facts);
  const countryChart = line.countryChart ?? line.control;
  const base = {
    reason,
    controlText: line.control,
    countryChart,
    lineApplies: scope.outcome,
    scopeTrace: scope.trace,
  };
  const column = target.kind === 'column' ? target.column : null;
  const reasonName = column ? input.tables.reasonName(column) : null;
  const done = (
    outcome: ReasonCheck['outcome'],
    explanation: string,
    destinationMarked: boolean | null,
  ): { check: ReasonCheck; scope: typeof scope } => ({
    check: { ...base, reasonName, column, destinationMarked, outcome, explanation },
    scope,
  });
  if (scope.outcome === 'NOT_MET')
    return done('NOT_APPLICABLE', `The ${reason} line does not reach ${entry.code}.`, null);
  const row = context.row;
  if (target.kind === 'text') {
    const named = textCellRequires(countryChart, context);
    if (named === 'MET')
      return scope.outcome === 'MET'
        ? done(
            'LICENCE_REQUIRED',
            `The control table itself requires a licence for ${reason} reasons to this destination: "${countryChart}"`,
            null,
          )
        : done(
            'INDETERMINATE',
            `The control table requires a licence for ${reason} reasons to this destination if the line reaches the item: "${countryChart}"`,
            null,
          );
    if (named === 'NOT_MET')
      return done(
        'NO_LICENCE_REQUIRED',
        `The control table's ${reason} requirement names other destinations: "${countryChart}"`,
        null,
      );
    return done(
      'INDETERMINATE',
      `The control table does not use the Country Chart for this ${reason} line; read it: "${countryChart}"`,
      null,
    );
  }
  if (row === null)
    return done(
      'INDETERMINATE',
      `The Country Chart has no row for this destination, so the ${reason} line cannot be read.`,
      null,
    );
  if (row.row_type === 'embargo_pointer')
    return done(
      'INDETERMINATE',
      `${row.name}'s chart row is a pointer row with no X: the ${reason} requirement is decided under the part of the EAR it points to, not by the chart.`,
      null,
    );
  if (target.kind === 'un-pointer') {
    const marked = row.footnote_markers.some((marker) => /§\s*746\.1\(b\)/.test(input.tables.footnote(marker) ?? ''));
    return marked
      ? done(
          'INDETERMINATE',
          `The UN line points to § 746.1(b), and ${row.name}'s row carries the footnote pointing there; that text is not held here.`,
          null,
        )
      : done(
          'NO_LICENCE_REQUIRED',
          `The UN line points to § 746.1(b); ${row.name}'s row carries no footnote pointing to § 746.1(b), so the chart shows no UN requirement for it.`,
          null,
        );
  }
  const markedColumn = target.column;
  const x = row.row_type === 'graded' && row.marks[markedColumn] === true;
  const kept = x ? null : columnKeptByFootnote(input.tables, row, markedColumn, entry.code);
  if (x || kept?.outcome === 'MET') {
    const why = x
      ? `${row.name} has an X in ${markedColumn}`
      : `${row.name} has no X in ${markedColumn}, but its footnote ${kept?.marker ?? ''} keeps a licence requirement for ${entry.code} for these reasons`;
    return scope.outcome === 'MET'
      ? done(
          'LICENCE_REQUIRED',
          `The ${reason} line reaches ${entry.code} and ${why}: licence required for ${reason}.`,
          x,
        )
      : done(
          'INDETERMINATE',
          `${why}, and whether the ${reason} line (${countryChart}) reaches the item is not decided on the facts given.`,
          x,
        );
  }
  if (kept?.outcome === 'UNKNOWN')
    return done(
      'INDETERMINATE',
      `${row.name} has no X in ${markedColumn}, but its footnote ${kept.marker} keeps a requirement for some paragraphs under ${entry.code}; which paragraph controls the item decides it.`,
      false,
    );
  const emptyColumn = input.tables.chart.countries.every((candidate) =>
    candidate.x_columns.every((c) => c !== markedColumn),
  );
  return done(
    'NO_LICENCE_REQUIRED',
    `${row.name} has no X in ${markedColumn}${emptyColumn ? ` (no destination has an X in ${markedColumn} in this edition of the chart)` : ''}: no licence for ${reason}.`,
    false,
  );
}

const POINTER_EXEMPTIONS = /\(But see (§.*?) for certain exemptions\)/i;

function describeRow(view: ChartRowView): string {
  if (view.rowType === 'EMBARGO_POINTER') return `pointer row with no X: "${view.pointerText ?? ''}"`;
  return `X in ${view.xColumns.length > 0 ? view.xColumns.join(', ') : 'no column'}`;
}

/** The EAR answer for one destination. */
export function usLicenceRequirement(input: UsLicenceInput): RegimeLicenceAnswer {
  const { tables } = input;
  const choice = chartRowFor(tables, input.destination, input.destinationName);
  const row = choice.row;
  const rowName = row?.name ?? input.destinationName;
  const trace: string[] = [...choice.trace];
  const sources: ReferenceSource[] = [...choice.sources];
  const questions: LicenceQuestion[] = [];
  const exceptions: ExceptionCheck[] = [];
  if (choice.view)
    trace.push(
      `Country Chart row "${choice.view.name}" (${choice.view.code}): ${describeRow(choice.view)}; footnotes: ${choice.view.footnoteMarkers.join(', ') || 'none'}.`,
    );
  const memberships = tables.groupsOf(input.destination);
  const countryGroups = memberships.map((membership) => membership.group);
  trace.push(
    countryGroups.length > 0
      ? `Country Groups of ${input.destination}: ${countryGroups.join(', ')}.`
      : `${input.destination} is in no Country Group table.`,
  );
  sources.push(tables.groupSource(`Country Group tables, ${input.destination}`));
  for (const group of countryGroups) {
    const notes = tables.groups.groups[group]?.table_footnotes ?? [];
    if (notes.length > 0)
      trace.push(`Country Group ${group} table footnotes: ${notes.map((note) => `"${note}"`).join(' ')}`);
  }

  if (input.entries.length === 0) {
    const reason = input.noEntries?.reason ?? 'No US entry controls the item on the facts given.';
    trace.push(reason);
    questions.push(...(input.noEntries?.questions ?? []));
    return {
      regime: 'US_EAR',
      verdict: 'INDETERMINATE',
      reason,
      chartRow: choice.view,
      countryGroups,
      entries: [],
      footnotes: [],
      exceptions: [],
      questions,
      trace,
      sources,
      provisionCodes: [],
      exemptionKeys: [],
    };
  }

  const context: ReasonContext = { tables, row, rowName, destination: input.destination };
  const entryChecks: EntryCheck[] = [];
  let requiredByReason = false;
  let undecided = false;
  const missingFacts = new Set<string>();
  let needsParagraph = false;
  const unReaches: Outcome[] = [];
  for (const entry of input.entries) {
    const entryCode = entryOf(entry.code);
    trace.push(
      `${entry.code} (${entry.basis === 'GIVEN' ? 'given' : `classified, ${entry.classification}`}): reasons for control ${entry.reasonsForControl.join(', ') || 'none printed'}.`,
    );
    const reasons: ReasonCheck[] = [];
    const byReason = new Map<string, Outcome[]>();
    for (const line of entry.controlTable) {
      const { check, scope } = reasonCheck(line, entry, input, context);
      reasons.push(check);
      trace.push(
        `  ${check.reason}: "${check.controlText}" -> ${check.countryChart}: line ${check.lineApplies}; ${check.explanation}`,
      );
      byReason.set(check.reason, [...(byReason.get(check.reason) ?? []), check.lineApplies]);
      if (chartTarget(line).kind === 'un-pointer') unReaches.push(check.lineApplies);
      if (check.outcome === 'LICENCE_REQUIRED') {
        if (entry.classification === 'MET') requiredByReason = true;
        else undecided = true;
      }
      if (check.outcome === 'INDETERMINATE') {
        undecided = true;
        scope.missingFacts.forEach((fact) => missingFacts.add(fact));
        needsParagraph ||= scope.needsParagraph;
      }
      const pointer = POINTER_EXEMPTIONS.exec(line.control);
      if (pointer && (check.outcome === 'LICENCE_REQUIRED' || check.outcome === 'INDETERMINATE')) {
        exceptions.push({
          code: pointer[1]?.trim() ?? 'exemptions',
          name: `Exemptions the ${check.reason} line points to`,
          legalBasis: `15 CFR ${(pointer[1] ?? '').replace(/§\s*/g, '').trim()}`,
          entry: entryCode,
          entryText: line.control,
          status: 'UNDECIDED',
          openConditions: [
            `The ${check.reason} line says "(But see ${pointer[1] ?? ''} for certain exemptions)"; that text is not held here, check whether it exempts this export from the ${check.reason} requirement.`,
          ],
          explanation: `The ${entryCode} control table points to exemptions from its ${check.reason} requirement whose text is not held here.`,
        });
      }
    }
    entryChecks.push({
      code: entry.code,
      entry: entryCode,
      basis: entry.basis,
      classification: entry.classification,
      reasonsForControl: entry.reasonsForControl,
      reasons,
    });
    if (entry.licenceExceptions) {
      const listed = listBasedExceptions({
        entry: entryCode,
        code: entry.code,
        texts: entry.licenceExceptions,
        destination: input.destination,
        tables,
        shipmentValueUsd: input.shipmentValueUsd,
        reasonReaches: (reason) => {
          const outcomes = byReason.get(reason);
          return outcomes ? anyOf(outcomes) : 'NOT_MET';
        },
      });
      exceptions.push(...listed.exceptions);
      questions.push(...listed.questions);
    }
  }

  // Footnotes the row carries, verbatim, with how each bears on the item.
  const footnotes: ChartFootnote[] = choice.referring ? [choice.referring] : [];
  let requiredByFootnote = false;
  if (row && choice.view) {
    for (const marker of choice.view.footnoteMarkers) {
      const text = tables.footnote(marker) ?? '';
      const effect = footnoteEffect(
        marker,
        text,
        rowName,
        input.entries,
        anyOf(unReaches.length > 0 ? unReaches : ['NOT_MET']),
        input.inCrimeaRegions,
      );
      footnotes.push({ marker, text, bearing: effect.bearing });
      sources.push(tables.chartSource(`footnote ${marker}`));
      trace.push(`Footnote ${marker}: "${text}" -> ${effect.bearing}`);
      if (effect.effect === 'requires') requiredByFootnote = true;
      if (effect.effect === 'undecided') undecided = true;
      if (effect.question) questions.push(effect.question);
      if (effect.exception) exceptions.push(effect.exception);
    }
  }

  const pointerRow = row?.row_type === 'embargo_pointer' ? row : null;
  if (pointerRow) {
    undecided = true;
    questions.push({
      question: `Determine under the part of the EAR ${pointerRow.name}'s row points to whether a licence is required: "${pointerRow.pointer_text}"`,
      fact: null,
      givenAs: null,
      source: `Country Chart, row "${pointerRow.name}"`,
    });
    for (const exception of exceptions) {
      if (exception.status === 'NOT_AVAILABLE') continue;
      exception.status = 'UNDECIDED';
      exception.openConditions.push(
        `${pointerRow.name}'s row points to "${pointerRow.pointer_text}"; which licence exceptions may be used there is set out in that part of the EAR, not held here.`,
      );
    }
  }
  if (row === null) undecided = true;
  for (const fact of missingFacts) {
    const declaration = input.rulebook.facts.get(fact)?.declaration;
    questions.push({
      question: declaration?.description ?? fact,
      fact,
      givenAs: TRANSACTION_FACTS.has(fact) ? 'activity' : 'item.facts',
      source: 'the control table of the entry (which Country Chart column applies)',
    });
  }
  if (needsParagraph)
    questions.push({
      question:
        'Which paragraph of the entry controls the item? Give its full code (e.g. "6A003.b.4.b") in provisions.',
      fact: null,
      givenAs: 'provisions',
      source: 'the control table names paragraphs narrower than the code given',
    });

  const required = requiredByReason || requiredByFootnote;
  const mayApply = exceptions.filter((exception) => exception.status === 'MAY_APPLY');
  const open = exceptions.filter((exception) => exception.status === 'UNDECIDED');
  let verdict: LicenceVerdict;
  let reason: string;
  const requiring = entryChecks.flatMap((entry) =>
    entry.reasons
      .filter((check) => check.outcome === 'LICENCE_REQUIRED')
      .map((check) => `${check.reason} (${check.column ?? check.countryChart})`),
  );
  const because = [...new Set(requiring)].join(', ') || 'the footnotes of the row';
  if (required && mayApply.length > 0) {
    verdict = 'EXCEPTION_MAY_APPLY';
    reason = `A licence is required to ${rowName} for ${because} unless a licence exception covers the export: ${mayApply.map((exception) => exception.code).join(', ')} may, if its open conditions hold.`;
  } else if (required) {
    verdict = 'LICENCE_REQUIRED';
    reason = `A licence is required to ${rowName} for ${because}${open.length > 0 ? `; ${open.map((exception) => exception.code).join(', ')} could not be decided from the texts held (see their open conditions)` : ', and no licence exception written in the entry is available'}.`;
  } else if (pointerRow) {
    verdict = 'INDETERMINATE';
    reason = `${pointerRow.name}'s Country Chart row has no X and points elsewhere ("${pointerRow.pointer_text}"): the chart does not decide, and "no X" does not mean no licence.`;
  } else if (!input.entries.some((entry) => entry.classification === 'MET')) {
    // Classified from facts with nothing decided: the chart cannot clear an item whose entry is unknown.
    verdict = 'INDETERMINATE';
    reason = `Whether ${input.entries.map((entry) => entry.code).join(', ')} controls the item is not decided on the facts given: answer the classification questions.`;
  } else if (undecided) {
    verdict = 'INDETERMINATE';
    reason = `Whether a licence is required to ${rowName} is not decided on the facts given: answer the questions.`;
  } else {
    verdict = 'NO_LICENCE_REQUIRED';
    reason = `No licence is required to ${rowName} for the reasons for control of ${input.entries.map((entry) => entry.code).join(', ')}: the chart row has no X in the columns they point to (end-use, end-user and Part 744/746 controls not assessed).`;
  }
  // With no licence requirement left, the exceptions are moot: listing them as undecided would
  // read as if one were needed.
  const shown = verdict === 'NO_LICENCE_REQUIRED' ? [] : exceptions;
  if (shown.length < exceptions.length)
    trace.push(
      `No licence is required for the reasons assessed, so the licence exceptions of the entry (${[...new Set(exceptions.map((exception) => exception.code))].join(', ')}) are not needed.`,
    );
  trace.push(`Verdict: ${verdict}. ${reason}`);
  return {
    regime: 'US_EAR',
    verdict,
    reason,
    chartRow: choice.view,
    countryGroups,
    entries: entryChecks,
    footnotes,
    exceptions: shown,
    questions,
    trace,
    sources,
    provisionCodes: [...new Set(input.entries.map((entry) => entryOf(entry.code)))],
    exemptionKeys: [],
  };
}
