// The format of seed/encodings/*.json: control-list thresholds as data. Every
// criterion keeps the verbatim sentence it was read from; see seed/encodings/README.md.
import { z } from 'zod';

const text = z.string().min(1, 'verbatim text must not be empty');
const id = z.string().regex(/^[A-Za-z0-9_.:()\-]+$/, 'criterion ids use letters, digits and . _ : ( ) -');

const criterionBase = {
  /** Unique within the file; stable (tests and traces refer to it). */
  id,
  /** The verbatim sentence or clause the criterion was read from. */
  text,
  /** How the text was read where a reading was needed (e.g. "better than" = lower). */
  note: z.string().optional(),
  /** Set where the source lost a superscript ("4 x 106" = 4 x 10^6). */
  exponentNote: z.string().optional(),
};

export const numberCriterionSchema = z.object({
  ...criterionBase,
  fact: z.string().min(1),
  comparator: z.enum(['GT', 'GTE', 'LT', 'LTE', 'EQ']),
  value: z.number().finite(),
  /** Unit of `value`; must belong to the fact's dimension (empty string for counts). */
  unit: z.string(),
});

export const rangeCriterionSchema = z.object({
  ...criterionBase,
  fact: z.string().min(1),
  comparator: z.literal('BETWEEN'),
  min: z.number().finite(),
  max: z.number().finite(),
  minInclusive: z.boolean(),
  maxInclusive: z.boolean(),
  unit: z.string(),
});

export const booleanCriterionSchema = z.object({
  ...criterionBase,
  fact: z.string().min(1),
  comparator: z.literal('IS'),
  value: z.boolean(),
});

export const enumCriterionSchema = z.object({
  ...criterionBase,
  fact: z.string().min(1),
  comparator: z.literal('IN'),
  values: z.array(z.string().min(1)).min(1),
});

/** "controlled by 6A002.a.3.f": the outcome of another encoded paragraph for the same facts. */
export const refCriterionSchema = z.object({
  ...criterionBase,
  comparator: z.literal('REF'),
  ref: z.string().min(1),
  /** Regime of the referenced paragraph; defaults to the file's regime. */
  regime: z.enum(['US_EAR', 'EU', 'UK', 'WASSENAAR', 'OTHER']).optional(),
  /**
   * Whose classification the reference asks about. "component" (default): a part the referring
   * text names ("incorporating focal plane arrays controlled by ..."), so the referenced
   * paragraph's item-kind criteria are not applied. "item": the item itself ("other than those
   * controlled by 6A003", "n.e.s."), evaluated exactly as the item is.
   */
  subject: z.enum(['item', 'component']).optional(),
});

export const criterionSchema = z.discriminatedUnion('comparator', [
  numberCriterionSchema.extend({ comparator: z.literal('GT') }),
  numberCriterionSchema.extend({ comparator: z.literal('GTE') }),
  numberCriterionSchema.extend({ comparator: z.literal('LT') }),
  numberCriterionSchema.extend({ comparator: z.literal('LTE') }),
  numberCriterionSchema.extend({ comparator: z.literal('EQ') }),
  rangeCriterionSchema,
  booleanCriterionSchema,
  enumCriterionSchema,
  refCriterionSchema,
]);
export type Criterion = z.infer<typeof criterionSchema>;

export type Expression =
  | Criterion
  | { all: Expression[]; text?: string }
  | { any: Expression[]; text?: string }
  | { not: Expression; text?: string };

export const expressionSchema: z.ZodType<Expression> = z.lazy(() =>
  z.union([
    criterionSchema,
    z.object({ all: z.array(expressionSchema).min(1), text: z.string().optional() }).strict(),
    z.object({ any: z.array(expressionSchema).min(1), text: z.string().optional() }).strict(),
    z.object({ not: expressionSchema, text: z.string().optional() }).strict(),
  ]),
);

export const factDeclarationSchema = z.discriminatedUnion('type', [
  z.object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'fact names are snake_case'),
    type: z.literal('number'),
    /** A dimension of seed/encodings/units.json ("count" for plain numbers). */
    dimension: z.string().min(1),
    description: z.string().min(1),
  }),
  z.object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'fact names are snake_case'),
    type: z.literal('boolean'),
    description: z.string().min(1),
  }),
  z.object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'fact names are snake_case'),
    type: z.literal('enum'),
    values: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).min(1),
    description: z.string().min(1),
  }),
]);
export type FactDeclaration = z.infer<typeof factDeclarationSchema>;

/** A note that takes items out of a paragraph ("6A003.b.4.b does not control ..."). */
export const exclusionSchema = z.object({
  id,
  /** The note's label as printed, e.g. "Note 3 to 6A003.b.4". */
  label: z.string().min(1),
  text,
  /** When these conditions are MET the paragraph does not control the item. */
  when: expressionSchema,
  /** Where the text says the excluded item goes instead (e.g. "6A993.a"), and the sentence that says so. */
  movesTo: z.object({ paragraph: z.string().min(1), text }).optional(),
});
export type Exclusion = z.infer<typeof exclusionSchema>;

export interface ParagraphNode {
  paragraph: string;
  text: string;
  /** "item": a kind of item the entry controls; "criterion": a condition of its parent. Derived when omitted. */
  role?: 'item' | 'criterion';
  conditions?: Expression;
  /** How children combine: "any" for "as follows" / "any of the following", "all" for "all of the following". */
  combine?: 'any' | 'all';
  children?: ParagraphNode[];
  exclusions?: Exclusion[];
  /** "[Reserved]" paragraphs control nothing. */
  reserved?: boolean;
  note?: string;
}

export const paragraphNodeSchema: z.ZodType<ParagraphNode> = z.lazy(() =>
  z
    .object({
      paragraph: z.string().min(1),
      text,
      role: z.enum(['item', 'criterion']).optional(),
      conditions: expressionSchema.optional(),
      combine: z.enum(['any', 'all']).optional(),
      children: z.array(paragraphNodeSchema).optional(),
      exclusions: z.array(exclusionSchema).optional(),
      reserved: z.boolean().optional(),
      note: z.string().optional(),
    })
    .strict()
    .refine((node) => !node.children?.length || node.combine !== undefined, {
      message: 'a paragraph with children must say how they combine ("any" or "all")',
    }),
);

/** A control-table line: which reason for control and country-chart column applies, and when. */
export const controlReasonSchema = z.object({
  reason: z.string().min(1),
  column: z.string().min(1),
  text,
  /** Paragraphs (or their ancestors) it applies to; omitted = the entire entry. */
  paragraphs: z.array(z.string().min(1)).optional(),
  /** Extra conditions stated in the line (e.g. "frame rate greater than 60 Hz"). */
  when: expressionSchema.optional(),
});
export type ControlReason = z.infer<typeof controlReasonSchema>;

export const encodingFileSchema = z
  .object({
    entry: z.string().min(1),
    regime: z.enum(['US_EAR', 'EU', 'UK', 'WASSENAAR', 'OTHER']),
    /**
     * The record the text was taken from: for US files the `id` in seed/data/control_entries.json;
     * for EU files the entry's key in seed/data/eu_annex_i.json as imported (the eu-annex-i
     * ControlProvision sourceKey, `EU-2021/821-AnnexI-<entry>`).
     */
    sourceRecord: z.string().min(1),
    facts: z.array(factDeclarationSchema),
    root: paragraphNodeSchema,
    controlReasons: z.array(controlReasonSchema).optional(),
    /** What the text leaves undecidable, in plain words (shown to users as UNKNOWN). */
    undecidable: z.array(z.string()).optional(),
  })
  .strict();
export type EncodingFile = z.infer<typeof encodingFileSchema>;
