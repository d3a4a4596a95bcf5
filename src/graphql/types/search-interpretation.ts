// How a search query was understood: the topic searched, what was taken out of the query and
// why, the hints drawn from it, the words nothing matched, and the did-you-mean suggestion.
import type { QueryInterpretation, RemovedReason } from '../../search/query-understanding.js';
import { builder } from '../builder.js';
import { SearchableTypeEnum } from './search-result.js';

const RemovedReasonEnum = builder.enumType('SearchRemovedReason', {
  description: 'Why a part of the query was not searched.',
  values: {
    QUESTION: { description: 'Question phrasing ("do I need a licence to", "can we").' },
    STOP_WORD: { description: 'A word that says nothing about the topic in this domain ("export", "rules").' },
    REGIME: { description: 'The name of a list or regime ("EU dual-use list"): it ranks that list first.' },
    DESTINATION: {
      description:
        'A destination ("to Japan"): reported in `destination` for the exemptions and general authorisations that depend on it; it does not change the ranking.',
    },
  } satisfies Record<RemovedReason, { description: string }>,
});

const RemovedPartRef = builder.objectRef<QueryInterpretation['removed'][number]>('SearchRemovedPart').implement({
  description: 'A part of the query that was not searched.',
  fields: (t) => ({
    text: t.exposeString('text', { description: 'The words as typed.' }),
    reason: t.field({ type: RemovedReasonEnum, description: 'Why.', resolve: (part) => part.reason }),
  }),
});

const DestinationRef = builder
  .objectRef<NonNullable<QueryInterpretation['destination']>>('SearchDestination')
  .implement({
    description: 'A destination country named in the query (names and codes from the US Country Chart).',
    fields: (t) => ({
      code: t.exposeString('code', { description: 'ISO 3166-1 alpha-2 code.' }),
      name: t.exposeString('name', { description: 'The country name.' }),
    }),
  });

const RewrittenCodeRef = builder
  .objectRef<QueryInterpretation['rewrittenCodes'][number]>('SearchRewrittenCode')
  .implement({
    description: 'A list code as typed and as the lists write it ("6.A.2" -> "6A002").',
    fields: (t) => ({
      from: t.exposeString('from', { description: 'As typed.' }),
      to: t.exposeString('to', { description: 'As searched.' }),
    }),
  });

/** The interpretation plus what the engine reported about the words. */
export interface SearchInterpretationValue extends QueryInterpretation {
  unmatchedWords: string[];
}

export const SearchInterpretationRef = builder.objectRef<SearchInterpretationValue>('SearchInterpretation').implement({
  description:
    'How the query was understood, so a user sees what was searched: the topic words, what was taken out and why, and the hints that ranked some records first.',
  fields: (t) => ({
    original: t.exposeString('original', { description: 'The query as typed.' }),
    searchedText: t.exposeString('searchText', { description: 'The words searched.' }),
    removed: t.field({
      type: [RemovedPartRef],
      description: 'Parts of the query not searched, in query order.',
      resolve: (value) => value.removed,
    }),
    preferredTypes: t.field({
      type: [SearchableTypeEnum],
      description: 'Kinds of record the question asks for: ranked first among equally good matches.',
      resolve: (value) => value.preferTypes,
    }),
    preferredRegimes: t.stringList({
      description: 'Regimes the query names (US_EAR, EU, WASSENAAR, UK): ranked first among equally good matches.',
      resolve: (value) => value.preferRegimes,
    }),
    destination: t.field({
      type: DestinationRef,
      nullable: true,
      description: 'A destination the query names.',
      resolve: (value) => value.destination,
    }),
    rewrittenCodes: t.field({
      type: [RewrittenCodeRef],
      description: 'List codes rewritten to the form the lists use.',
      resolve: (value) => value.rewrittenCodes,
    }),
    unmatchedWords: t.stringList({
      description: 'Searched words that no text holds, even with typos: they were left out of the matching.',
      resolve: (value) => value.unmatchedWords,
    }),
  }),
});
