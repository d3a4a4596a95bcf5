// The format of seed/encodings/implications/*.json: facts that follow from other facts or from a
// declared classification, each rule citing the definition or list structure it rests on (see
// seed/encodings/README.md). Validated with zod here and against the rulebook's vocabulary and
// paragraph codes in implications.ts, so a rule naming an unknown fact, value or paragraph fails
// at load.
import { z } from 'zod';

const factName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'fact names are snake_case');
const regime = z.enum(['US_EAR', 'EU', 'UK', 'WASSENAAR', 'OTHER']);

/** A condition on a fact the item has (given, or implied by another rule). */
export const factConditionSchema = z.union([
  /** The fact has a value, whatever it is: a quantity defined only for one kind of thing. */
  z.object({ fact: factName, known: z.literal(true) }).strict(),
  /** An enum fact has one of these values. */
  z.object({ fact: factName, in: z.array(z.string().min(1)).min(1) }).strict(),
  /** A yes/no fact has this value. */
  z.object({ fact: factName, is: z.boolean() }).strict(),
]);
export type FactCondition = z.infer<typeof factConditionSchema>;

/** A declared classification that triggers the rule: the code or one below it, in this scope. */
export const declaredTriggerSchema = z
  .object({
    scope: z.enum(['ITEM', 'COMPONENT']),
    /** Paragraph codes the declared code must equal or sit under. */
    under: z.array(z.string().min(1)).min(1),
    /** Paragraphs under `under` the rule does not cover (the text treats them otherwise). */
    except: z.array(z.string().min(1)).optional(),
    /** Regimes whose paragraphs these are; every regime that encodes them when omitted. */
    regimes: z.array(regime).min(1).optional(),
  })
  .strict();
export type DeclaredTrigger = z.infer<typeof declaredTriggerSchema>;

export const impliedValueSchema = z
  .object({
    fact: factName,
    value: z.union([z.string().min(1), z.boolean()]),
    /**
     * Given values that agree with the implication without being equal to it (an implied
     * item_kind "camera" agrees with a given "streak_camera"): not reported as conflicts.
     */
    consistentWith: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type ImpliedValue = z.infer<typeof impliedValueSchema>;

export const implicationCitationSchema = z
  .object({
    /** Regime and paragraph (or note) whose text the rule rests on. */
    regime,
    paragraph: z.string().min(1),
    /** The verbatim sentence of the list. */
    text: z.string().min(1),
  })
  .strict();
export type ImplicationCitation = z.infer<typeof implicationCitationSchema>;

const ruleBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'rule ids are kebab-case'),
  /** What the rule rests on: a definition, how the list nests paragraphs, or an encoding's own paragraph text. */
  basis: z.enum(['DEFINITION', 'LIST_STRUCTURE', 'PARAGRAPH_REQUIREMENTS']),
  /** Why the implication holds, in plain words. */
  reading: z.string().min(1),
  citations: z.array(implicationCitationSchema).min(1),
};

export const implicationRuleSchema = z.union([
  /** Facts that follow from facts the item has. */
  z
    .object({
      ...ruleBase,
      when: z.array(factConditionSchema).min(1),
      then: z.array(impliedValueSchema).min(1),
    })
    .strict(),
  /** Facts that follow from a declared classification under a heading. */
  z
    .object({
      ...ruleBase,
      declared: declaredTriggerSchema,
      then: z.array(impliedValueSchema).min(1),
    })
    .strict(),
  /**
   * Every declared classification implies what its paragraph and the paragraphs above it
   * require without a choice (a yes/no criterion, or one enum value) in their own conditions;
   * the facts come from the encodings and each cites the criterion it was read from.
   */
  z
    .object({
      ...ruleBase,
      declared: z.object({ scope: z.enum(['ITEM', 'COMPONENT']) }).strict(),
      /** Facts not implied for this scope (e.g. facts describing the item as a whole, for a component). */
      skipFacts: z.array(factName).optional(),
    })
    .strict(),
]);
export type ImplicationRule = z.infer<typeof implicationRuleSchema>;

export const implicationFileSchema = z
  .object({
    _comment: z.string().optional(),
    rules: z.array(implicationRuleSchema).min(1),
  })
  .strict();

/** Why an implied fact was taken: the rule, what triggered it, and the text it rests on. */
export interface Implication {
  rule: string;
  basis: ImplicationRule['basis'];
  reading: string;
  /** What triggered the rule, e.g. "focal_plane_array_elements = 640 (given)". */
  because: string;
  citations: ImplicationCitation[];
}
