// What classifyItem took the item to be before evaluating it: the classifications declared (as
// taken, per regime), the facts implied by rules citing the list, and the disagreements between
// given and implied facts.
import type { FactConflict, ImpliedFact } from '../../classification/implications.js';
import type { DeclaredClassification } from '../../services/item-classification.js';
import { builder } from '../builder.js';
import { ImplicationBasisEnum, ImplicationCitationRef } from './classification-trace.js';
import { RegimeEnum } from './control-list.js';
import { DeclaredScopeEnum } from './item-input.js';
import { ItemTypeEnum } from './provision-filter.js';

export const DeclaredClassificationRef = builder.objectRef<DeclaredClassification>('DeclaredClassification').implement({
  description: 'A classification the user declared, as it was taken.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The code as read (e.g. "6A002.a.3.f").' }),
    scope: t.field({ type: DeclaredScopeEnum, description: 'The item or a component.', resolve: (d) => d.scope }),
    appliedIn: t.field({
      type: [RegimeEnum],
      description:
        'Regimes whose encodings define the code: there it and the paragraphs above it are MET, and paragraphs referring to it are decided by it.',
      resolve: (d) => d.appliedIn,
    }),
    listedIn: t.field({
      type: [RegimeEnum],
      description: 'Regimes classified whose list has the code but no encoding of it: recorded, nothing evaluated.',
      resolve: (d) => d.listedIn,
    }),
    itemType: t.field({
      type: ItemTypeEnum,
      nullable: true,
      description: "COMMODITY, SOFTWARE or TECHNOLOGY as the code's product group gives it; null when not recorded.",
      resolve: (d) => d.itemType,
    }),
    productGroup: t.exposeString('productGroup', {
      nullable: true,
      description: 'The product group letter of the code (A-E, as the list files it); null when not recorded.',
    }),
  }),
});

export const ImpliedFactRef = builder.objectRef<ImpliedFact>('ImpliedFact').implement({
  description:
    'A fact the user did not give that follows from what they gave or declared, by a rule citing the definition or list structure it rests on. A given fact always wins (see `factConflicts`).',
  fields: (t) => ({
    fact: t.exposeString('fact', { description: 'The fact name (as `itemFacts` lists it).' }),
    value: t.string({
      description: 'The implied value ("true", "false" or an enum value).',
      resolve: (f) => String(f.value),
    }),
    rule: t.exposeString('rule', { description: 'Id of the rule.' }),
    basis: t.field({ type: ImplicationBasisEnum, description: 'What the rule rests on.', resolve: (f) => f.basis }),
    reading: t.exposeString('reading', { description: 'Why it holds, in plain words.' }),
    because: t.exposeString('because', { description: 'What triggered it.' }),
    citations: t.field({
      type: [ImplicationCitationRef],
      description: 'The list texts it rests on, verbatim.',
      resolve: (f) => f.citations,
    }),
  }),
});

export const FactConflictRef = builder.objectRef<FactConflict>('FactConflict').implement({
  description:
    'A given fact that disagrees with what a rule implies (the given value is used), or two rules that imply different values (neither is used). Check the facts.',
  fields: (t) => ({
    fact: t.exposeString('fact', { description: 'The fact.' }),
    used: t.exposeString('used', {
      nullable: true,
      description: 'The value used (the given one); null when two rules disagreed and neither was used.',
    }),
    implied: t.exposeString('implied', { description: 'What the rule (or rules) implied.' }),
    rule: t.exposeString('rule', { description: 'The rule (or rules) concerned.' }),
    message: t.exposeString('message', { description: 'The disagreement, in plain words.' }),
  }),
});
