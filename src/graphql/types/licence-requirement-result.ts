// The answer of licenceRequirement: per regime a verdict with the entries and reasons for
// control considered, the Country Chart row and footnotes (US), the licence exceptions or
// general authorisations that could cover the export, the questions that would decide what is
// open, the trace and the sources; plus the destination as understood and the disclaimer.
import type { LicenceQuestion } from '../../classification/licence-answer.js';
import type { LicenceRequirementAnswer, RegimeLicenceResult } from '../../services/licence-requirements.js';
import { builder } from '../builder.js';
import { CitationRef } from './citation.js';
import { RegimeEnum } from './control-list.js';
import {
  ChartFootnoteRef,
  ChartRowRef,
  EntryCheckRef,
  ExceptionCheckRef,
  ReferenceSourceRef,
} from './licence-checks.js';

export const LicenceVerdictEnum = builder.enumType('LicenceVerdict', {
  description: 'Whether an export needs a licence in one regime, on the facts given.',
  values: {
    LICENCE_REQUIRED: {
      description:
        'A licence (US: a BIS licence; EU: an individual or global authorisation) is required, and no licence exception or general authorisation is shown by the texts held to cover it; any that could not be decided (their conditions are in texts not held, e.g. Part 740) are listed in `exceptions` as UNDECIDED with their open conditions.',
    },
    NO_LICENCE_REQUIRED: {
      description:
        'No licence is required for the reasons assessed (US: no X in any column of the destination for the reasons that reach the item; EU: not listed in Annex I). See `reason` for what was not assessed.',
    },
    EXCEPTION_MAY_APPLY: {
      description:
        'A licence is required unless a licence exception or general authorisation covers the export: see `exceptions` for which ones may and their open conditions.',
    },
    INDETERMINATE: {
      description:
        'The facts or the stored texts do not decide: answer `questions`. Never a clearance: treat as "a licence may be required".',
    },
  } as const,
});

const LicenceQuestionRef = builder.objectRef<LicenceQuestion>('LicenceQuestion').implement({
  description: 'Something to find out before the verdict can be given.',
  fields: (t) => ({
    question: t.exposeString('question', { description: 'What to find out, in plain words.' }),
    fact: t.exposeString('fact', {
      nullable: true,
      description: 'The fact that answers it when the API accepts one (see `itemFacts` and `licenceActivityFacts`).',
    }),
    givenAs: t.exposeString('givenAs', {
      nullable: true,
      description:
        'Where to give it: "item.facts", "activity" or "provisions"; null when it is for the exporter to check in the text named in `source`.',
    }),
    source: t.exposeString('source', { description: 'The text that raises the question.' }),
  }),
});

const RegimeLicenceAnswerRef = builder.objectRef<RegimeLicenceResult>('RegimeLicenceAnswer').implement({
  description: 'The answer for one regime.',
  fields: (t) => ({
    regime: t.field({ type: RegimeEnum, description: 'The regime.', resolve: (answer) => answer.regime }),
    verdict: t.field({ type: LicenceVerdictEnum, description: 'The verdict.', resolve: (answer) => answer.verdict }),
    reason: t.exposeString('reason', { description: 'Why, in one plain sentence.' }),
    chartRow: t.field({
      type: ChartRowRef,
      nullable: true,
      description: 'US: the Commerce Country Chart row read; null for other regimes or a destination without a row.',
      resolve: (answer) => answer.chartRow,
    }),
    countryGroups: t.exposeStringList('countryGroups', {
      description:
        'US: the EAR Country Groups the destination belongs to (15 CFR 740, Supplement No. 1), e.g. ["A:1", "B"].',
    }),
    entries: t.field({
      type: [EntryCheckRef],
      description: 'The entries and paragraphs considered, with their reasons for control and chart columns.',
      resolve: (answer) => answer.entries,
    }),
    footnotes: t.field({
      type: [ChartFootnoteRef],
      description:
        "US: the footnotes the destination's chart row carries, verbatim, with how each bears on the answer.",
      resolve: (answer) => answer.footnotes,
    }),
    exceptions: t.field({
      type: [ExceptionCheckRef],
      description:
        'Licence exceptions (US) or general export authorisations (EU) checked, with status and open conditions.',
      resolve: (answer) => answer.exceptions,
    }),
    questions: t.field({
      type: [LicenceQuestionRef],
      description: 'What would decide an INDETERMINATE verdict or an UNDECIDED exception.',
      resolve: (answer) => answer.questions,
    }),
    trace: t.exposeStringList('trace', {
      description: 'The steps of the reasoning, in order, each naming the text it read.',
    }),
    sources: t.field({
      type: [ReferenceSourceRef],
      description:
        'The reference tables read (chart row, footnotes, Country Group tables, GEAs), each with its source.',
      resolve: (answer) => answer.sources,
    }),
    citations: t.field({
      type: [CitationRef],
      description: 'Citations of the stored records the answer rests on (list entries, exemption records).',
      resolve: (answer) => answer.citations,
    }),
  }),
});

const DestinationRef = builder.objectRef<LicenceRequirementAnswer['destination']>('LicenceDestination').implement({
  description: 'The destination as understood.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'ISO 3166-1 alpha-2 code.' }),
    name: t.exposeString('name', {
      description: 'Its name (as the Commerce Country Chart writes it, where it has a row).',
    }),
  }),
});

export const LicenceRequirementResultRef = builder
  .objectRef<LicenceRequirementAnswer>('LicenceRequirementResult')
  .implement({
    description:
      'Whether shipping an item to a destination needs a licence, per regime. Decision support, not legal advice: read `disclaimer`.',
    fields: (t) => ({
      destination: t.field({
        type: DestinationRef,
        description: 'The destination as understood.',
        resolve: (r) => r.destination,
      }),
      asOf: t.expose('asOf', { type: 'Date', description: 'The date asked about (today when not given).' }),
      regimes: t.field({
        type: [RegimeLicenceAnswerRef],
        description: 'The answer per regime, in the order asked.',
        resolve: (result) => result.regimes,
      }),
      disclaimer: t.exposeString('disclaimer', {
        description: 'What this answer is and is not, and the editions of the texts used. Show it with the answer.',
      }),
    }),
  });

export const LicenceActivityFactRef = builder
  .objectRef<{ name: string; type: string; description: string; source: string }>('LicenceActivityFact')
  .implement({
    description: 'A fact about the export that `licenceRequirement` accepts in `activity`.',
    fields: (t) => ({
      name: t.exposeString('name', { description: 'The fact name (snake_case).' }),
      type: t.exposeString('type', { description: '"number" or "boolean".' }),
      description: t.exposeString('description', { description: 'What it means.' }),
      source: t.exposeString('source', { description: 'The text that makes it matter.' }),
    }),
  });
