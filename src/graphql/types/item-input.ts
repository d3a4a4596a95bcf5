// The item a user describes for classification (classifyItem) and exemption checks: a free
// description and a list of facts, each with exactly one value. The fact names, units and
// enum values are the rulebook's vocabulary (query `itemFacts`); they are checked against it
// by `factInputsOf` + normalizeFacts in the resolver, the shape here by the validation plugin.
import { z } from 'zod';
import type { ActivityFactInput } from '../../classification/exemption-evaluation.js';
import type { FactInput } from '../../classification/item-facts-input.js';
import type { Regime } from '../../generated/prisma/client.js';
import type { DeclaredClassificationInput as DeclaredInput } from '../../services/item-classification.js';
import { builder } from '../builder.js';
import { RegimeEnum } from './control-list.js';

/** The GraphQL shape of one fact as it arrives in a resolver. */
export interface ItemFactInputShape {
  name: string;
  number?: number | null;
  unit?: string | null;
  boolean?: boolean | null;
  choice?: string | null;
}

/** The GraphQL shape of a declared classification as it arrives in a resolver. */
export interface DeclaredClassificationInputShape {
  code: string;
  regime?: Regime | null;
  scope?: 'ITEM' | 'COMPONENT' | null;
}

/** The GraphQL shape of an item as it arrives in a resolver. */
export interface ItemInputShape {
  description?: string | null;
  facts: ItemFactInputShape[];
  declared?: DeclaredClassificationInputShape[] | null;
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

export const DeclaredScopeEnum = builder.enumType('DeclaredScope', {
  description: 'Whose classification a declared code states.',
  values: {
    ITEM: {
      description:
        'The item itself is controlled by the code (e.g. "this camera is 6A003.b.4.b", "this is 6E001 technology").',
    },
    COMPONENT: {
      description:
        'The item incorporates a component controlled by the code (e.g. "incorporates a focal plane array controlled by 6A002.a.3.f"): paragraphs that refer to the code ("incorporating focal plane arrays specified in 6A002.a.3.f") are MET.',
    },
  } as const,
});

export const DeclaredClassificationInput = builder.inputType('DeclaredClassificationInput', {
  description:
    'A classification already known, e.g. { code: "6A002.a.3.f", scope: COMPONENT }. The declared paragraph and the paragraphs above it are taken as MET (their conditions hold and their notes do not release the item), it is shown in the traces as DECLARED, and the facts it requires are implied (see `impliedFacts`). Declaring an EU code says the item (or component) is listed in Annex I; a US_EAR code, that it is on the Commerce Control List. A code that no list of the regimes has is a BAD_USER_INPUT naming it.',
  fields: (t) => ({
    code: t.string({
      required: true,
      description: 'A paragraph or entry code as the list prints it, e.g. "6A002.a.3.f", "6A003.b.4.b", "6E001".',
    }),
    regime: t.field({
      type: RegimeEnum,
      description:
        "The list the code is from. When omitted the code applies in every regime classified whose list has it: the Wassenaar-derived lists (EU Annex I, the US CCL's Wassenaar entries, the UK list) number the same text alike, so 6A002.a.3.f names the same paragraph in each.",
    }),
    scope: t.field({
      type: DeclaredScopeEnum,
      defaultValue: 'ITEM',
      description: 'ITEM (the default): the item is controlled by the code; COMPONENT: a component it incorporates is.',
    }),
  }),
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
    declared: t.field({
      type: [DeclaredClassificationInput],
      description:
        'Classifications already known, of the item or of a component it incorporates (see DeclaredClassificationInput). Read by classifyItem and by checkExemptions, which classifies the item with them and lists them in its notes.',
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

/** The declared classifications of an item in the form the classification service takes. */
export function declaredInputsOf(item: ItemInputShape): DeclaredInput[] {
  return (item.declared ?? []).map((declared) => ({
    code: declared.code,
    regime: declared.regime ?? null,
    scope: declared.scope ?? 'ITEM',
  }));
}
