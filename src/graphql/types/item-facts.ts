// `itemFacts`: the vocabulary classifyItem and checkExemptions accept, read from the threshold
// encodings: each fact's type, unit dimension and accepted units, enum values, description, and
// the encoded paragraphs that use it.
import type { FactDescription, FactUse } from '../../services/fact-vocabulary.js';
import { builder } from '../builder.js';
import { RegimeEnum } from './control-list.js';

export const FactTypeEnum = builder.enumType('FactType', {
  description: 'What kind of value a fact takes.',
  values: {
    NUMBER: {
      value: 'number',
      description: "A number with a unit of the fact's dimension (ItemFactInput.number + unit).",
    },
    BOOLEAN: { value: 'boolean', description: 'Yes or no (ItemFactInput.boolean).' },
    ENUM: { value: 'enum', description: 'One of the listed values (ItemFactInput.choice).' },
  } as const,
});

export const FactUseRef = builder.objectRef<FactUse>('FactUse').implement({
  description: 'An encoded paragraph whose conditions, sub-paragraphs or decontrol notes use a fact.',
  fields: (t) => ({
    regime: t.expose('regime', { type: RegimeEnum, description: 'The control-list family of the paragraph.' }),
    paragraph: t.exposeString('paragraph', { description: 'The paragraph code, e.g. "6A003.b.4.b".' }),
  }),
});

export const ItemFactRef = builder.objectRef<FactDescription>('ItemFact').implement({
  description:
    'A fact about an item that the encoded thresholds compare (pass it to classifyItem as an ItemFactInput).',
  fields: (t) => ({
    name: t.string({
      description: 'The name to use in ItemFactInput.name (snake_case).',
      resolve: (fact) => fact.info.declaration.name,
    }),
    type: t.field({
      type: FactTypeEnum,
      description: 'Number, yes/no, or one of a list of values.',
      resolve: (fact) => fact.info.declaration.type,
    }),
    dimension: t.string({
      nullable: true,
      description: 'For NUMBER facts, what is measured (length, frequency, angle, count ...); null otherwise.',
      resolve: (fact) => (fact.info.declaration.type === 'number' ? fact.info.declaration.dimension : null),
    }),
    canonicalUnit: t.exposeString('canonicalUnit', {
      nullable: true,
      description:
        'For NUMBER facts, the unit values are compared in (others are converted); "" for plain counts; null for other types.',
    }),
    acceptedUnits: t.exposeStringList('acceptedUnits', {
      description:
        'For NUMBER facts, every unit spelling accepted in ItemFactInput.unit ("" = no unit, for counts); empty for other types.',
    }),
    values: t.stringList({
      description: 'For ENUM facts, the accepted values of ItemFactInput.choice; empty for other types.',
      resolve: (fact) => (fact.info.declaration.type === 'enum' ? fact.info.declaration.values : []),
    }),
    description: t.string({
      description: 'What to measure and how the list defines it.',
      resolve: (fact) => fact.info.declaration.description,
    }),
    usedBy: t.field({
      type: [FactUseRef],
      description: 'The encoded paragraphs that use the fact, by regime and code.',
      resolve: (fact) => fact.usedBy,
    }),
  }),
});

export const ItemFactFilter = builder.inputType('ItemFactFilter', {
  description: 'Narrows the fact list. All given conditions must hold.',
  fields: (t) => ({
    regime: t.field({ type: RegimeEnum, description: 'Only facts used by encoded paragraphs of this regime.' }),
    paragraph: t.string({
      description:
        'Only facts used by this paragraph or the paragraphs under it (e.g. "6A003.b.4" also matches 6A003.b.4.b).',
    }),
    type: t.field({ type: FactTypeEnum, description: 'Only facts of this type.' }),
    name: t.string({ description: 'Only facts whose name contains this text (case-insensitive).' }),
  }),
});

builder.queryFields((t) => ({
  itemFacts: t.field({
    type: [ItemFactRef],
    description:
      'Every fact the encoded thresholds use, by name: its type, unit dimension and accepted units, enum values, description, and the paragraphs that use it. These are the names, units and choices classifyItem accepts.',
    args: { filter: t.arg({ type: ItemFactFilter, description: 'Conditions the facts must meet.' }) },
    resolve: (_root, args, { services }) => services.itemFacts(args.filter),
  }),
}));
