// `search`: paging arguments to an offset and a size (Pothos' offset-connection helpers), the
// search service for the page, and the records it read (with the columns the request asks of
// each type, planned by Pothos) to edges of the shared connection shape.
import { queryFromInfo } from '@pothos/plugin-prisma';
import { offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '../../domain/page-size.js';
import type { SearchableType } from '../../search/search-engine.js';
import { SEARCH_QUERY_MAX_LENGTH, SEARCHABLE_MODEL, type RecordSelect } from '../../services/search-page.js';
import { builder } from '../builder.js';
import { offsetConnectionArgumentsSchema } from '../pagination.js';
import {
  FacetFieldEnum,
  FacetRef,
  HighlightRef,
  SearchableTypeEnum,
  SearchFilterInput,
  SearchResultUnion,
  searchResultNode,
} from '../types/search-result.js';
import { SearchInterpretationRef } from '../types/search-interpretation.js';
import { SearchParagraphRef } from '../types/search-paragraph.js';

builder.queryField('search', (t) =>
  t.connection(
    {
      type: SearchResultUnion,
      // Nullable on purpose: a non-null field that fails nulls the whole response, and search
      // being down must not take the other fields of the request with it.
      nullable: true,
      description:
        'Full-text search that forgives typos (one from 5 letters, two from 9) and lay words (synonyms such as "thermal camera" for "thermal imaging"), matches the last word as a prefix, and returns highlights and facet counts. Fails with SEARCH_UNAVAILABLE when the search engine is down; every other query keeps working.',
      args: {
        query: t.arg.string({
          required: true,
          description: `What to look for: words, codes ("6A003") or phrases; 1 to ${SEARCH_QUERY_MAX_LENGTH} characters, not only spaces.`,
        }),
        types: t.arg({ type: [SearchableTypeEnum], description: 'Only these kinds of record (all by default).' }),
        filter: t.arg({ type: SearchFilterInput, description: 'Conditions the results must meet.' }),
        facets: t.arg({ type: [FacetFieldEnum], description: 'Fields to count values of (all by default).' }),
        groupParagraphs: t.arg.boolean({
          defaultValue: true,
          description:
            'One result per control-list entry with its best-matching paragraphs under it (`paragraphs` of each edge), totals counting entries (the default); false lists every matching paragraph as a result of its own.',
        }),
      },
      validate: offsetConnectionArgumentsSchema,
      resolve: async (_root, args, context, info) => {
        const page = offsetForArgs({ args, defaultSize: PAGE_SIZE_DEFAULT, maxSize: PAGE_SIZE_MAX });
        const selectFor = (type: SearchableType): RecordSelect =>
          queryFromInfo({
            context,
            info,
            typeName: SEARCHABLE_MODEL[type],
            path: ['edges', 'node'],
            select: { id: true },
          }).select as RecordSelect;
        const result = await context.services.search.page(
          {
            query: args.query,
            types: (args.types as SearchableType[] | null | undefined) ?? null,
            filter: args.filter ?? null,
            facets: args.facets ?? null,
            offset: page.offset,
            // The engine's pages hold 1 to 100 results; an empty page still needs the counts.
            limit: Math.max(page.expectedSize, 1),
            groupParagraphs: args.groupParagraphs ?? true,
          },
          selectFor,
          () =>
            queryFromInfo({
              context,
              info,
              typeName: 'ControlProvision',
              path: ['edges', 'paragraphs', 'node'],
              select: { id: true },
            }).select as RecordSelect,
        );
        const hits = result.hits.filter((hit) => hit.position < page.offset + page.expectedSize);
        const edges = hits.map((hit) => ({
          cursor: offsetToCursor(hit.position),
          node: searchResultNode(hit.record, hit.type),
          score: hit.score,
          highlights: hit.highlights,
          paragraphs: hit.paragraphs,
        }));
        return {
          edges,
          pageInfo: {
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
            hasPreviousPage: page.offset > 0,
            hasNextPage: page.offset + page.expectedSize < result.totalCount,
          },
          totalCount: result.totalCount,
          facets: result.facets,
          processingTimeMs: result.processingTimeMs,
          interpretation: { ...result.interpretation, unmatchedWords: result.unmatchedWords },
          didYouMean: result.didYouMean,
          relaxedQuery: result.relaxedQuery,
        };
      },
    },
    {
      name: 'SearchConnection',
      description: 'A page of search results, best first, with facet counts over the whole result.',
      fields: (c) => ({
        totalCount: c.exposeInt('totalCount', {
          description: 'Exact number of results: entries (and other records) when grouped, documents otherwise.',
        }),
        interpretedQuery: c.field({
          type: SearchInterpretationRef,
          description: 'How the query was understood: what was searched, what was taken out and why.',
          resolve: (connection) => connection.interpretation,
        }),
        didYouMean: c.string({
          nullable: true,
          description:
            'When nothing matched: the query with its unknown words replaced by the closest words the texts hold.',
          resolve: (connection) => connection.didYouMean,
        }),
        relaxedQuery: c.string({
          nullable: true,
          description: 'Set when nothing matched the query as given and the results are for this query instead.',
          resolve: (connection) => connection.relaxedQuery,
        }),
        facets: c.field({
          type: [FacetRef],
          description: 'Counts per value of the requested facet fields (all of them by default).',
          resolve: (connection) => connection.facets,
        }),
        processingTimeMs: c.exposeInt('processingTimeMs', {
          description: 'Time the search engine took, in milliseconds.',
        }),
      }),
    },
    {
      name: 'SearchEdge',
      description: 'A search result in a page.',
      fields: (e) => ({
        score: e.exposeFloat('score', {
          description: 'Relevance from 0 to 1 (higher is better); comparable within one response only.',
        }),
        highlights: e.field({
          type: [HighlightRef],
          description: 'Where the query matched.',
          resolve: (edge) => edge.highlights,
        }),
        paragraphs: e.field({
          type: [SearchParagraphRef],
          description:
            "With grouping: the entry's best-matching paragraphs (at most 3), best first; empty for other records.",
          resolve: (edge) => edge.paragraphs,
        }),
      }),
    },
  ),
);
