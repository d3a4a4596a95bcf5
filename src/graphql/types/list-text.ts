// ListText: a control list's texts outside its entries (general notes, technology notes,
// definitions, acronyms, section notes, articles), with the `listTexts` listing.
import { ListTextKind } from '../../generated/prisma/client.js';
import { LIST_TEXT_ORDER, listTextWhere } from '../../services/listings/list-text-listing.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';
import { connectionTotalCount, TOTAL_COUNT_EXTENSIONS, totalCountDescription } from '../pagination.js';
import { RegimeEnum } from './control-list.js';

export const ListTextKindEnum = builder.enumType(ListTextKind, {
  name: 'ListTextKind',
  description: 'What a text of a control list outside its entries is.',
  values: {
    GENERAL_NOTE: { description: 'One of the list’s General Notes.' },
    TECHNOLOGY_NOTE: {
      description:
        'A technology or software note (General Technology Note, Nuclear Technology Note, General Software Note ...).',
    },
    DEFINITION: { description: 'A defined term and its definition.' },
    ACRONYM: { description: 'An acronym or abbreviation and its expansion.' },
    SECTION_NOTE: { description: 'A note printed for a category or a section of the list.' },
    ARTICLE: { description: 'An article of the act the list belongs to, or an editorial statement printed with it.' },
  },
});

export const ListTextRef = builder.prismaNode('ListText', {
  id: nodeIdOf('ListText'),
  select: { id: true },
  nullable: true,
  description:
    'A text of a control list that is not an entry: a general note, a technology note (which can release items from control), a definition, an acronym, a category note. Verbatim, with its source.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ListTextKindEnum, description: 'What kind of text it is.' }),
    label: t.exposeString('label', {
      description: 'Its label: "GTN", "General Note 1", the defined term ("Accuracy"), the acronym.',
    }),
    text: t.exposeString('text', { description: 'The verbatim text.' }),
    categories: t.exposeStringList('categories', {
      description: 'List categories the text names (definitions give theirs, e.g. ["6"]); empty for the whole list.',
    }),
    exponentNotes: t.expose('exponentNotes', {
      type: 'JSON',
      nullable: true,
      description: 'Superscripts the source text lost, as recorded; null when none.',
    }),
    sourceDefects: t.expose('sourceDefects', {
      type: 'JSON',
      nullable: true,
      description: 'Defects of the source at this text, kept visible and never repaired; null when none.',
    }),
    controlList: t.relation('controlList', { description: 'The list edition the text belongs to.' }),
    citation: t.relation('citation', { description: 'Source of the text.' }),
  }),
});

export const ListTextFilter = builder.inputType('ListTextFilter', {
  description: 'Narrows a list-text listing. All given conditions must hold.',
  fields: (t) => ({
    regime: t.field({ type: RegimeEnum, description: 'Only texts of this regime’s lists.' }),
    kind: t.field({ type: ListTextKindEnum, description: 'Only texts of this kind.' }),
    category: t.string({ description: 'Only texts naming this list category ("6").' }),
    label: t.string({ description: 'Only texts with exactly this label (a term, an acronym; case-insensitive).' }),
    text: t.string({ description: 'Only texts whose label or text contains this (case-insensitive substring).' }),
  }),
});

builder.queryField('listTexts', (t) =>
  t.prismaConnection(
    {
      type: 'ListText',
      cursor: 'id',
      description:
        'Texts of the control lists outside their entries: general notes, technology notes, definitions, acronyms and category notes, by list and kind in the order of the text.',
      args: { filter: t.arg({ type: ListTextFilter, description: 'Conditions the texts must meet.' }) },
      resolve: (query, _root, args, { services }) =>
        services.db.prisma.listText.findMany({ ...query, where: listTextWhere(args.filter), orderBy: LIST_TEXT_ORDER }),
      totalCount: (_root, args, { services }) =>
        services.db.prisma.listText.count({ where: listTextWhere(args.filter) }),
    },
    {
      name: 'ListTextConnection',
      description: 'A page of list texts.',
      fields: (c) => ({
        totalCount: c.int({
          description: totalCountDescription('list texts'),
          extensions: TOTAL_COUNT_EXTENSIONS,
          resolve: connectionTotalCount,
        }),
      }),
    },
    { name: 'ListTextEdge', description: 'A list text in a page, with its cursor.' },
  ),
);
