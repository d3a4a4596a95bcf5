// The parts of checkExemptions' answer that say what it did beyond the verdict: answers given in
// words and how they were read, exemptions not checked because they concern other entries, the
// item type used, and the list-based licence exceptions of the US entries.
import type { AnswerReading, OutOfScope } from '../../classification/exemption-evaluation.js';
import type { LicenceExceptionRow } from '../../classification/exemption-licence-exceptions.js';
import type { ExemptionRow } from '../../services/exemption-check.js';
import { builder } from '../builder.js';
import { RegimeEnum } from './control-list.js';
import { ExemptionEligibilityOutcomeEnum } from './exemption-eligibility.js';

export const AnswerReadingRef = builder.objectRef<AnswerReading>('ActivityAnswerReading').implement({
  description:
    'An answer given in words ("we accepted no publication restrictions") and the facts it was read as, with the text that reads it so.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Where it was given, e.g. "activity[0]".' }),
    fact: t.exposeString('fact', { description: 'The question it answers.' }),
    given: t.exposeString('given', { description: 'The words as given.' }),
    readAs: t.stringList({
      description:
        'The facts it settles, as "fact = value"; one followed by "(not used: ...)" was given otherwise elsewhere, and that value is used.',
      resolve: (reading) =>
        reading.readAs.map(
          (meaning) =>
            `${meaning.fact} = ${String(meaning.value)}${meaning.overriddenBy ? ` (not used: ${meaning.overriddenBy} says otherwise)` : ''}`,
        ),
    }),
    exemptionKey: t.exposeString('record', { description: 'The exemption record whose text reads the answer so.' }),
    textVerbatim: t.exposeStringList('text', { description: 'The passages of its legal text, verbatim.' }),
    because: t.exposeString('because', { description: 'Why the passages read the answer so.' }),
  }),
});

export const ListBasedLicenceExceptionRef = builder
  .objectRef<LicenceExceptionRow>('ListBasedLicenceExceptionCheck')
  .implement({
    description:
      "A licence exception an ECCN's License Exceptions section names (LVS, GBS, TSR, STA), read for the item and destination. Part 740 itself is not held: an exception the entry allows stays INDETERMINATE with its open conditions, one it rules out DOES_NOT_APPLY; with no entry known it asks for the entry.",
    fields: (t) => ({
      key: t.exposeString('key', {
        description: 'Stable key, e.g. "US-EAR-740.3-LVS@6A003.b.4.b" ("US-EAR-740.3-LVS" while no entry is known).',
      }),
      regime: t.field({ type: RegimeEnum, description: 'The regime (US_EAR).', resolve: (row) => row.regime }),
      code: t.exposeString('code', { description: '"LVS", "GBS", "TSR" or "STA".' }),
      name: t.exposeString('name', { description: 'Name of the exception.' }),
      legalBasis: t.exposeString('legalBasis', { description: 'Where it is defined, e.g. "15 CFR 740.3".' }),
      entry: t.exposeString('entry', {
        nullable: true,
        description: 'The ECCN whose text was read; null while no entry is known.',
      }),
      entryText: t.exposeString('entryText', {
        nullable: true,
        description: "The entry's text about the exception, verbatim.",
      }),
      outcome: t.field({
        type: ExemptionEligibilityOutcomeEnum,
        description:
          'DOES_NOT_APPLY when the entry rules it out; INDETERMINATE otherwise (never APPLIES: Part 740 is not held).',
        resolve: (row) => row.outcome,
      }),
      reason: t.exposeString('reason', { description: 'Why, in one sentence.' }),
      openConditions: t.exposeStringList('openConditions', {
        description: 'What must still hold for it to cover the export (for the exporter to check).',
      }),
      missingFacts: t.exposeStringList('missingFacts', {
        description: 'Questions that would decide it: "entry" (given in `provisions`) or "destination_country".',
      }),
    }),
  });

export const OutOfScopeRef = builder.objectRef<OutOfScope<ExemptionRow>>('ExemptionOutOfScope').implement({
  description:
    "An exemption of a regime asked about that was not checked because it is written for other list entries than the item's.",
  fields: (t) => ({
    exemptionKey: t.exposeString('key', { description: 'Key of the exemption record.' }),
    legalBasis: t.string({ description: 'Legal citation.', resolve: (entry) => entry.record.legalBasis }),
    name: t.string({ description: 'Name of the exemption.', resolve: (entry) => entry.record.name }),
    reason: t.exposeString('reason', { description: 'Why it does not concern the item.' }),
  }),
});

export const ItemTypeUsedRef = builder.objectRef<{ value: string; from: string }>('ExemptionItemType').implement({
  description: 'The item type the check used (commodity, software or technology) and where it came from.',
  fields: (t) => ({
    value: t.exposeString('value', { description: 'commodity, software or technology.' }),
    from: t.exposeString('from', {
      description: "As given, or how it was derived (the codes' product group, or the item kind).",
    }),
  }),
});
