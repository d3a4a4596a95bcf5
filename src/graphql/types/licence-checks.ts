// The parts of a licenceRequirement answer: each control-table line read against the Country
// Chart, the entries considered, the licence exceptions or general authorisations checked, the
// chart row and its footnotes, and the sources of the reference tables.
import type {
  ChartFootnote,
  ChartRowView,
  EntryCheck,
  ExceptionCheck,
  ReasonCheck,
  ReferenceSource,
} from '../../classification/licence-answer.js';
import { builder } from '../builder.js';
import { ClassificationOutcomeEnum } from './classification-trace.js';

const ReasonOutcomeEnum = builder.enumType('LicenceReasonOutcome', {
  description: 'How one reason for control bears on the destination.',
  values: {
    LICENCE_REQUIRED: { description: 'The line reaches the item and the destination has an X in its column.' },
    NO_LICENCE_REQUIRED: { description: 'The line reaches the item but the destination has no X in its column.' },
    INDETERMINATE: {
      description:
        'Undecided: the facts do not decide whether the line reaches the item, or the line (or the destination row) points to a part of the EAR whose text is not held here.',
    },
    NOT_APPLICABLE: { description: 'The line does not reach this item (it names other paragraphs or conditions).' },
  } as const,
});

const ExceptionStatusEnum = builder.enumType('LicenceExceptionStatus', {
  description: 'Whether a licence exception or general authorisation could cover the export.',
  values: {
    MAY_APPLY: {
      description:
        "The texts held allow it for this item and destination (the entry's own text, or the general authorisation's destinations and items); it covers the export only if every open condition holds.",
    },
    NOT_AVAILABLE: {
      description: 'The text rules it out here (the entry says N/A, the destination is excluded, a value is exceeded).',
    },
    UNDECIDED: {
      description:
        'A fact or a text needed to decide it is missing (e.g. the shipment value, or Part 740 itself for the destinations a US licence exception may be used for): see the open conditions.',
    },
  } as const,
});

const ChartRowTypeEnum = builder.enumType('CountryChartRowType', {
  description: 'The kind of row the Commerce Country Chart has for a destination.',
  values: {
    GRADED: { description: 'A row with an X or a blank in each reason column.' },
    EMBARGO_POINTER: {
      description:
        'A row with no X that points to Part 746 (Cuba, Iran, North Korea, Syria): "no X" there never means "no licence".',
    },
  } as const,
});

export const ReferenceSourceRef = builder.objectRef<ReferenceSource>('LicenceReferenceSource').implement({
  description:
    'Where a fact read from a reference table (Commerce Country Chart, EAR Country Groups, EU general authorisations) comes from: the legal text and part, its official address, and the repository file it was parsed from.',
  fields: (t) => ({
    document: t.exposeString('document', {
      description: 'The legal text, e.g. "15 CFR Part 738, Supplement No. 1 (Commerce Country Chart)".',
    }),
    section: t.exposeString('section', { description: 'The part of it read, e.g. \'row "Canada"\' or "footnote 7".' }),
    url: t.exposeString('url', { nullable: true, description: 'Address of the official text; null when unknown.' }),
    repository: t.exposeString('repository', {
      nullable: true,
      description: 'Repository (owner/name) of the parsed file this knowledge base read; null when not from one.',
    }),
    path: t.exposeString('path', { nullable: true, description: 'Path of that file in the repository.' }),
    commit: t.exposeString('commit', { nullable: true, description: 'Commit the file was read at.' }),
    textDate: t.exposeString('textDate', {
      nullable: true,
      description: 'Date of the text as its source states it (for the EAR tables: the eCFR issue date, YYYY-MM-DD).',
    }),
  }),
});

export const ReasonCheckRef = builder.objectRef<ReasonCheck>('LicenceReasonCheck').implement({
  description:
    "One control-table line of an entry (reason for control and Country Chart column) read against the destination's chart row.",
  fields: (t) => ({
    reason: t.exposeString('reason', {
      description: 'Reason for control as the entry abbreviates it ("NS", "RS", "UN").',
    }),
    reasonName: t.exposeString('reasonName', {
      nullable: true,
      description:
        'The reason as the Country Chart header writes it ("National security"); null when the chart has no column for it.',
    }),
    controlText: t.exposeString('controlText', {
      description: 'The control-table line, verbatim ("RS applies to ...").',
    }),
    countryChart: t.exposeString('countryChart', {
      description: 'Its Country Chart cell, verbatim ("RS Column 1", "See § 746.1(b) for UN controls").',
    }),
    column: t.exposeString('column', {
      nullable: true,
      description:
        'The chart column read ("RS1"); null when the line points to another part of the EAR instead of a column.',
    }),
    lineApplies: t.field({
      type: ClassificationOutcomeEnum,
      description:
        'Whether the line reaches this item: MET, NOT_MET, or UNKNOWN when the facts given do not decide it (see `scopeTrace`).',
      resolve: (check) => check.lineApplies,
    }),
    destinationMarked: t.exposeBoolean('destinationMarked', {
      nullable: true,
      description:
        "Whether the destination's chart row has an X in `column`; null when no column was read or the row is an embargo pointer row.",
    }),
    outcome: t.field({
      type: ReasonOutcomeEnum,
      description: 'What this line means for the destination.',
      resolve: (check) => check.outcome,
    }),
    explanation: t.exposeString('explanation', { description: 'Why, in one sentence.' }),
    scopeTrace: t.exposeStringList('scopeTrace', {
      description: 'How the scope of the line was decided: each condition of the line with the figure given.',
    }),
  }),
});

export const EntryCheckRef = builder.objectRef<EntryCheck>('LicenceEntryCheck').implement({
  description: 'A list entry or paragraph that controls (or may control) the item, with its reasons for control.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The code considered, e.g. "6A003.b.4.b".' }),
    entry: t.exposeString('entry', { description: 'Its entry (ECCN or Annex I entry), e.g. "6A003".' }),
    basis: t.exposeString('basis', {
      description: "GIVEN when the code was named in `provisions`; CLASSIFIED when it came from the item's facts.",
    }),
    classification: t.field({
      type: ClassificationOutcomeEnum,
      description: 'Whether the code controls the item: MET (given, or classified as met) or UNKNOWN.',
      resolve: (entry) => entry.classification,
    }),
    reasonsForControl: t.exposeStringList('reasonsForControl', {
      description: "The entry's reasons for control as the list prints them (empty for regimes without them).",
    }),
    reasons: t.field({
      type: [ReasonCheckRef],
      description: 'Each control-table line read against the destination (US).',
      resolve: (entry) => entry.reasons,
    }),
  }),
});

export const ExceptionCheckRef = builder.objectRef<ExceptionCheck>('LicenceExceptionCheck').implement({
  description:
    'A licence exception (US: LVS, GBS, TSR, STA) or a general export authorisation (EU001-EU008) that could cover the export.',
  fields: (t) => ({
    code: t.exposeString('code', { description: '"LVS", "GBS", "TSR", "STA", or the GEA number ("EU001").' }),
    name: t.exposeString('name', { description: 'Its name.' }),
    legalBasis: t.exposeString('legalBasis', {
      description: 'Where it is defined ("15 CFR 740.3", "Regulation (EU) 2021/821, Annex II, EU001").',
    }),
    entry: t.exposeString('entry', {
      nullable: true,
      description: "The entry whose text was read for it (the ECCN's License Exceptions section); null for a GEA.",
    }),
    entryText: t.exposeString('entryText', {
      nullable: true,
      description: "What the entry's text says about it, verbatim; null when it says nothing.",
    }),
    status: t.field({
      type: ExceptionStatusEnum,
      description: 'Whether it could cover the export.',
      resolve: (e) => e.status,
    }),
    openConditions: t.exposeStringList('openConditions', {
      description: 'Conditions still to be met or checked for it to cover the export, each with where it comes from.',
    }),
    explanation: t.exposeString('explanation', { description: 'Why this status, in one sentence.' }),
  }),
});

export const ChartFootnoteRef = builder.objectRef<ChartFootnote>('CountryChartFootnote').implement({
  description: "A footnote of the Commerce Country Chart that the destination's row carries.",
  fields: (t) => ({
    marker: t.exposeString('marker', { description: 'The footnote number as the row carries it.' }),
    text: t.exposeString('text', { description: 'The footnote, verbatim.' }),
    bearing: t.exposeString('bearing', { description: 'How it bears on this answer, in one sentence.' }),
  }),
});

export const ChartRowRef = builder.objectRef<ChartRowView>('CountryChartRow').implement({
  description: 'The Commerce Country Chart row read for the destination (15 CFR 738, Supplement No. 1).',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The row name as the chart writes it.' }),
    code: t.exposeString('code', { description: 'ISO 3166-1 alpha-2 code of the row.' }),
    rowType: t.field({
      type: ChartRowTypeEnum,
      description: 'Graded row or embargo pointer row.',
      resolve: (row) => row.rowType,
    }),
    xColumns: t.exposeStringList('xColumns', { description: 'The columns with an X (e.g. ["CB1", "FC1"]).' }),
    footnoteMarkers: t.exposeStringList('footnoteMarkers', { description: 'Footnote numbers the row carries.' }),
    pointerText: t.exposeString('pointerText', {
      nullable: true,
      description: 'For an embargo pointer row: its text, verbatim; null for graded rows.',
    }),
    referredFrom: t.exposeString('referredFrom', {
      nullable: true,
      description:
        'When the destination has no row of its own or its row refers to another (Liechtenstein to Switzerland, footnote 5; Hong Kong to China): the destination it was read for; null otherwise.',
    }),
  }),
});
