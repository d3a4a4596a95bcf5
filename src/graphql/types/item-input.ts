// The item a user describes for classification (classifyItem) and exemption checks: a free
// description and a list of facts, each with exactly one value. The fact names, units and
// enum values are the rulebook's vocabulary (query `itemFacts`); they are checked against it
// by `factInputsOf` + normalizeFacts in the resolver, the shape here by the validation plugin.
import { z } from 'zod';
import type { ActivityFactInput } from '../../classification/exemption-evaluation.js';
import type { FactInput } from '../../classification/item-facts-input.js';
import { builder } from '../builder.js';

/** The GraphQL shape of one fact as it arrives in a resolver. */
export interface ItemFactInputShape {
  name: string;
  number?: number | null;
  unit?: string | null;
  boolean?: boolean | null;
  choice?: string | null;
}

/** The GraphQL shape of an item as it arrives in a resolver. */
export interface ItemInputShape {
  description?: string | null;
  facts: ItemFactInputShape[];
}

const present = (value: unknown) => value !== null && value !== undefined;

/** Exactly one of number / boolean / choice; a unit only with a number. Messages name the fact. */
const itemFactInputSchema = z
  .object({
    name: z.string(),
    number: z.number().nullish(),
    unit: z.string().nullish(),
    boolean: z.boolean().nullish(),
    choice: z.string().nullish(),
  })
  .superRefine((fact, context) => {
    const given = (['number', 'boolean', 'choice'] as const).filter((key) => present(fact[key]));
    if (given.length !== 1) {
      context.addIssue({
        code: 'custom',
        params: { rule: 'exactly-one-value' },
        message:
          given.length === 0
            ? `Fact "${fact.name}" has no value: give exactly one of number (with unit), boolean or choice.`
            : `Fact "${fact.name}" has ${given.join(' and ')}: give exactly one of number (with unit), boolean or choice.`,
      });
    }
    if (present(fact.unit) && !present(fact.number)) {
      context.addIssue({
        code: 'custom',
        path: ['unit'],
        params: { rule: 'unit-only-with-number' },
        message: `Fact "${fact.name}" has a unit but no number: a unit only goes with a number.`,
      });
    }
  });

export const ItemFactInput = builder.inputType('ItemFactInput', {
  description:
    'One fact about an item, e.g. { name: "pixel_pitch", number: 15, unit: "um" }. Give exactly one of `number` (with `unit` where the fact has a dimension), `boolean` or `choice`. Valid names, units and choices are listed by `itemFacts`.',
  fields: (t) => ({
    name: t.string({
      required: true,
      description: 'The fact name as `itemFacts` lists it (snake_case, e.g. "peak_wavelength").',
    }),
    number: t.float({ description: 'The value of a NUMBER fact, in `unit`.' }),
    unit: t.string({
      description:
        'Unit of `number`, one of the fact\'s accepted units (e.g. "nm", "um", "µm"); omit for plain counts.',
    }),
    boolean: t.boolean({ description: 'The value of a BOOLEAN (yes/no) fact.' }),
    choice: t.string({ description: 'The value of an ENUM fact: one of its values as `itemFacts` lists them.' }),
  }),
  validate: itemFactInputSchema,
});

export const ItemInput = builder.inputType('ItemInput', {
  description:
    'An item described by its facts. Facts not given are unknown: criteria that need them come out UNKNOWN, never guessed.',
  fields: (t) => ({
    description: t.string({
      description: 'Free text describing the item (kept for the user; not used to decide anything).',
    }),
    facts: t.field({
      type: [ItemFactInput],
      required: true,
      description: 'What is known about the item, one entry per fact.',
    }),
  }),
});

/** The facts of an item in the form normalizeFacts takes (the shape was validated already). */
export function factInputsOf(item: ItemInputShape): FactInput[] {
  return item.facts.map((fact) => {
    if (present(fact.number)) return { name: fact.name, value: fact.number as number, unit: fact.unit ?? null };
    if (present(fact.boolean)) return { name: fact.name, value: fact.boolean as boolean, unit: fact.unit ?? null };
    return { name: fact.name, value: fact.choice ?? '', unit: fact.unit ?? null };
  });
}

/** Activity facts in the form the exemption check takes (the shape was validated already). */
export function activityInputsOf(activity: readonly ItemFactInputShape[]): ActivityFactInput[] {
  return activity.map((fact) => {
    if (present(fact.number)) return { name: fact.name, value: fact.number as number, unit: fact.unit ?? null };
    if (present(fact.boolean)) return { name: fact.name, value: fact.boolean as boolean };
    return { name: fact.name, value: fact.choice ?? '' };
  });
}
