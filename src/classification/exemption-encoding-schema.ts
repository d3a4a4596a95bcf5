// The format of seed/encodings/exemptions/*.json: the conditions of each exemption record of
// seed/data/exemptions.json as data, so checkExemptions can evaluate them with three-valued
// logic. Conditions reuse the threshold encodings' expressions and fact declarations; every
// condition quotes the record text it was read from. See seed/encodings/exemptions/README.md.
import { z } from 'zod';
import { expressionSchema, factDeclarationSchema, type Expression } from './encoding-schema.js';

const id = z.string().regex(/^[A-Za-z0-9_.:()\-]+$/, 'condition ids use letters, digits and . _ : ( ) -');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD');

/** Fields of an exemption record a condition may quote. */
export const RECORD_FIELDS = [
  'name',
  'text_verbatim',
  'conditions',
  'conditions_secondary',
  'applies_to',
  'does_not_apply_to',
  'exclusions_verbatim',
  'not_public_domain_if',
  'destinations',
  'exceptions_reported_secondary',
  'text_note',
  'version_note',
  'related',
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

/** Fields whose text is not the legal text itself (guidance, commentary, editors' notes). */
export const SECONDARY_FIELDS: ReadonlySet<RecordField> = new Set([
  'conditions_secondary',
  'exceptions_reported_secondary',
  'text_note',
  'version_note',
  'related',
]);

export type ConditionTest =
  | { id: string; label: string; text: string; from: RecordField; record?: string; when: Expression }
  | { id: string; label: string; text: string; from: RecordField; record?: string; undecidable: string }
  | { id: string; label: string; text: string; from: RecordField; record?: string; anyOf: ConditionTest[] };

const conditionBase = {
  id,
  /** Plain words for the user ("sponsor may withhold publication"). */
  label: z.string().min(1),
  /** The verbatim passage of the record this condition is read from (a substring of `from`). */
  text: z.string().min(1),
  /** The record field the passage is in. */
  from: z.enum(RECORD_FIELDS),
  /** Another record the passage comes from (its citation is used); defaults to the file's record. */
  record: z.string().min(1).optional(),
};

export const conditionTestSchema: z.ZodType<ConditionTest> = z.lazy(() =>
  z.union([
    z.object({ ...conditionBase, when: expressionSchema }).strict(),
    /** The record does not give enough to check this: always UNKNOWN, with the reason. */
    z.object({ ...conditionBase, undecidable: z.string().min(1) }).strict(),
    /** Alternatives: satisfied when any is, unsatisfied when all are. */
    z.object({ ...conditionBase, anyOf: z.array(conditionTestSchema).min(2) }).strict(),
  ]),
);

const exemptionRegime = z.enum(['US_EAR', 'EU', 'UK', 'WASSENAAR']);

export const exemptionEncodingSchema = z
  .object({
    /**
     * Key of the exemption record: its `id` in seed/data/exemptions.json, or EU-UGEA-EU00n for a
     * general export authorisation of Annex II (eu_annex_ii_gea.json); the file is named after it.
     */
    exemption: z.string().min(1),
    /** Regimes whose checks this exemption takes part in. */
    regimes: z.array(exemptionRegime).min(1),
    /** Why those regimes, where the record's regime label alone does not say. */
    regimesNote: z.string().optional(),
    /** What it covers: commodity / software / technology, read from the record's applies_to. */
    itemTypes: z.array(z.enum(['commodity', 'software', 'technology'])).min(1),
    /** Only for these list paragraphs (decontrol notes, entry-specific exceptions); omitted = any. */
    provisions: z.array(z.object({ regime: exemptionRegime, paragraph: z.string().min(1) }).strict()).optional(),
    /** End of validity stated in the record ("Revoked from 31/12/2020"): not in force on or after `until`. */
    validity: z
      .object({ until: isoDate, text: z.string().min(1), from: z.enum(RECORD_FIELDS) })
      .strict()
      .optional(),
    /** Destinations added to a listed set on a date the records state (e.g. the UK to EU001 on 1 January 2021). */
    destinationsAdded: z
      .array(
        z
          .object({
            country: z.string().regex(/^[a-z]{2}$/),
            on: isoDate,
            text: z.string().min(1),
            from: z.enum(RECORD_FIELDS),
            record: z.string().min(1),
          })
          .strict(),
      )
      .optional(),
    /** All must be satisfied for the exemption to apply. */
    requirements: z.array(conditionTestSchema),
    /** Any one satisfied means the exemption does not apply. */
    disqualifiers: z.array(conditionTestSchema),
    /** What applying it means, where the record says (e.g. "classified under ECCN 6A993.a"). */
    effect: z
      .object({ text: z.string().min(1), from: z.enum(RECORD_FIELDS) })
      .strict()
      .optional(),
    /** What the record leaves undecidable, in plain words (shown to users). */
    undecidable: z.array(z.string().min(1)),
    /** Caveats about the text (edition, paraphrase), shown with every answer. */
    caveats: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type ExemptionEncoding = z.infer<typeof exemptionEncodingSchema>;
export type ExemptionRegime = z.infer<typeof exemptionRegime>;

/**
 * Answers people give in their own words ("we accepted no publication restrictions") read as the
 * facts the encodings ask about, where a record's text says what such an answer means: each form
 * names the facts it settles and quotes the passage (of `record`) that says so.
 */
const answerFormSchema = z
  .object({
    /** The question (fact) the answer is given to. */
    fact: z.string().min(1),
    /** The words accepted, compared without case, punctuation or repeated spaces. */
    forms: z.array(z.string().min(1)).min(1),
    /** The facts the answer settles, each with its value (enum choices as declared, or yes/no). */
    means: z.array(z.object({ fact: z.string().min(1), value: z.union([z.string(), z.boolean()]) }).strict()).min(1),
    /** The exemption record whose text says what the answer means. */
    record: z.string().min(1),
    /** Verbatim passages of the record's legal text that read the answer so. */
    text: z.array(z.string().min(1)).min(1),
    /** Why the passages read the answer so, in plain words (shown with the answer). */
    because: z.string().min(1),
  })
  .strict();
export type AnswerForm = z.infer<typeof answerFormSchema>;

/**
 * The item type (commodity / software / technology) an item kind says, where the lists' product
 * groups place it: kinds of systems, equipment and components are commodities (product group A).
 */
const itemTypeOfItemKindSchema = z
  .object({
    /** The verbatim heading or definition the mapping rests on. */
    text: z.string().min(1),
    /** Where the text is. */
    source: z.string().min(1),
    commodity: z.array(z.string().min(1)),
    software: z.array(z.string().min(1)),
    technology: z.array(z.string().min(1)),
  })
  .strict();
export type ItemTypeOfItemKind = z.infer<typeof itemTypeOfItemKindSchema>;

export const activityFactsFileSchema = z
  .object({
    _comment: z.string().optional(),
    facts: z.array(factDeclarationSchema),
    answerForms: z.array(answerFormSchema).optional(),
    itemTypeOfItemKind: itemTypeOfItemKindSchema.optional(),
  })
  .strict();
