// `search`: full-text search over provisions, exemptions, guidance, consultations and impact
// assessments through the SearchEngine port. The engine returns record ids; the records are
// then read from the database (see loadRecords), so results are never staler
// than the database and the node fields are the same as everywhere else in the API.
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import type { Prisma } from '../../generated/prisma/client.js';
import { sqlReaderOf } from '../../db/database.js';
import { getPrisma } from '../../db/prisma.js';
import { isPlainScalarSelect, readScalarRows } from '../../db/scalar-rows.js';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, PAGE_SIZE_MIN } from '../../domain/page-size.js';
import { currentSearchEngine } from '../../search/engine-holder.js';
import {
  FACET_FIELDS,
  SEARCHABLE_TYPES,
  SearchUnavailableError,
  type FacetCount,
  type FacetField,
  type Highlight,
  type SearchableType,
  type SearchFilter as EngineFilter,
  type SearchHit,
} from '../../search/search-engine.js';
import { builder } from '../builder.js';
import { InvalidArgumentError, SearchUnavailableDomainError } from '../errors.js';
import { StakeholderConsultationRef } from './consultation.js';
import { RegimeEnum } from './control-list.js';
import { ControlProvisionRef } from './control-provision.js';
import { ExemptionRef } from './exemption.js';
import { GuidanceDocumentRef } from './guidance-document.js';
import { ImpactAssessmentRef } from './impact-assessment.js';

export const SEARCH_QUERY_MAX_LENGTH = 500;

export const SearchableTypeEnum = builder.enumType('SearchableType', {
  description: 'Kinds of record `search` can return.',
  values: {
    PROVISION: { description: 'Control-list entries and paragraphs (current versions).' },
    EXEMPTION: { description: 'Exemptions, licence exceptions, general authorisations and decontrol notes.' },
    GUIDANCE_DOCUMENT: { description: 'Guidance documents from authorities and institutions.' },
    CONSULTATION: { description: 'Stakeholder consultations.' },
    IMPACT_ASSESSMENT: { description: 'Impact assessments and the statistics publications behind them.' },
  } satisfies Record<SearchableType, { description: string }>,
});

const FacetFieldEnum = builder.enumType('SearchFacetField', {
  description: 'Fields whose values are counted in `facets`.',
  values: {
    type: { value: 'type', description: 'Kind of record (see SearchableType).' },
    regime: { value: 'regime', description: 'Control-list family (provisions and exemptions).' },
    jurisdiction: { value: 'jurisdiction', description: 'Jurisdiction code (US, EU, UK, WA, HK).' },
    category: { value: 'category', description: 'Control-list category number (provisions).' },
    audience: { value: 'audience', description: 'Audience tag (guidance documents).' },
  } satisfies Record<FacetField, { value: FacetField; description: string }>,
});

const HighlightFieldEnum = builder.enumType('SearchHighlightField', {
  description: 'Which part of a record a highlight comes from.',
  values: {
    title: { value: 'title', description: 'The title or heading.' },
    codes: { value: 'codes', description: 'Codes and references (e.g. "6A003", "15 CFR 734.8").' },
    body: { value: 'body', description: 'The verbatim text.' },
  } satisfies Record<Highlight['field'], { value: Highlight['field']; description: string }>,
});

export const SearchFilterInput = builder.inputType('SearchFilter', {
  description:
    'Narrows a search. Conditions on different fields all apply; values listed for one field are alternatives.',
  fields: (t) => ({
    regime: t.field({ type: [RegimeEnum], description: 'Only records of these control-list families.' }),
    jurisdiction: t.stringList({
      description: 'Only records of these jurisdictions, by code (US, EU, UK, WA, HK; case-insensitive).',
    }),
    category: t.stringList({ description: 'Only provisions of these list categories, by number ("6").' }),
    audience: t.stringList({ description: 'Only guidance written for these audiences (exact tags).' }),
    dateFrom: t.field({
      type: 'Date',
      description: 'Only records dated on or after this day (records without a date are then left out).',
    }),
    dateTo: t.field({
      type: 'Date',
      description: 'Only records dated on or before this day (records without a date are then left out).',
    }),
  }),
});

const typeOfRow = new WeakMap<object, SearchableType>();

export const SearchResultUnion = builder.unionType('SearchResult', {
  description: 'A record found by `search`.',
  types: [ControlProvisionRef, ExemptionRef, GuidanceDocumentRef, StakeholderConsultationRef, ImpactAssessmentRef],
  resolveType: (value) => {
    switch (typeOfRow.get(value as object)) {
      case 'PROVISION':
        return ControlProvisionRef;
      case 'EXEMPTION':
        return ExemptionRef;
      case 'GUIDANCE_DOCUMENT':
        return GuidanceDocumentRef;
      case 'CONSULTATION':
        return StakeholderConsultationRef;
      case 'IMPACT_ASSESSMENT':
        return ImpactAssessmentRef;
      default:
        throw new Error('search result of unknown type');
    }
  },
});

interface SearchEdgeShape {
  cursor: string;
  node: { id: string };
  score: number;
  highlights: Highlight[];
}

interface SearchConnectionShape {
  edges: SearchEdgeShape[];
  totalCount: number;
  facets: FacetCount[];
  processingTimeMs: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

const HighlightRef = builder.objectRef<Highlight>('SearchHighlight').implement({
  description: 'Where the query matched: a snippet of the field with each match wrapped in <mark>...</mark>.',
  fields: (t) => ({
    field: t.field({
      type: HighlightFieldEnum,
      description: 'The part of the record the snippet comes from.',
      resolve: (highlight) => highlight.field,
    }),
    snippet: t.exposeString('snippet', {
      description: 'Verbatim text around the match; matched words are wrapped in <mark> and </mark>.',
    }),
  }),
});

const FacetRef = builder.objectRef<FacetCount>('SearchFacet').implement({
  description: 'How many matching records have a value, over the whole result (not just this page).',
  fields: (t) => ({
    field: t.field({ type: FacetFieldEnum, description: 'The counted field.', resolve: (facet) => facet.field }),
    value: t.exposeString('value', { description: 'The value.' }),
    count: t.exposeInt('count', { description: 'Number of matching records with this value.' }),
  }),
});

const SearchEdgeRef = builder.objectRef<SearchEdgeShape>('SearchEdge').implement({
  description: 'A search result in a page.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Pass as `after` to get the results after this one.' }),
    node: t.field({ type: SearchResultUnion, description: 'The record found.', resolve: (edge) => edge.node }),
    score: t.exposeFloat('score', {
      description: 'Relevance from 0 to 1 (higher is better); comparable within one response only.',
    }),
    highlights: t.field({
      type: [HighlightRef],
      description: 'Where the query matched.',
      resolve: (edge) => edge.highlights,
    }),
  }),
});

const SearchPageInfoRef = builder.objectRef<SearchConnectionShape>('SearchPageInfo').implement({
  description: 'Whether more results exist around this page.',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'More results follow this page.' }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', { description: 'Results precede this page.' }),
    endCursor: t.string({
      nullable: true,
      description: 'Cursor of the last result in the page; null for an empty page.',
      resolve: (page) => page.edges.at(-1)?.cursor ?? null,
    }),
  }),
});

const SearchConnectionRef = builder.objectRef<SearchConnectionShape>('SearchConnection').implement({
  description: 'A page of search results, best first, with facet counts over the whole result.',
  fields: (t) => ({
    edges: t.field({ type: [SearchEdgeRef], description: 'The results in this page.', resolve: (page) => page.edges }),
    pageInfo: t.field({ type: SearchPageInfoRef, description: 'Paging state.', resolve: (page) => page }),
    totalCount: t.exposeInt('totalCount', { description: 'Exact number of matching records.' }),
    facets: t.field({
      type: [FacetRef],
      description: 'Counts per value of the requested facet fields (all of them by default).',
      resolve: (page) => page.facets,
    }),
    processingTimeMs: t.exposeInt('processingTimeMs', { description: 'Time the search engine took, in milliseconds.' }),
  }),
});

const CURSOR_PREFIX = 'search:';

function encodeOffset(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64');
}

function decodeOffset(cursor: string): number {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  const offset = decoded.startsWith(CURSOR_PREFIX) ? Number(decoded.slice(CURSOR_PREFIX.length)) : Number.NaN;
  if (!Number.isInteger(offset) || offset < 0 || encodeOffset(offset) !== cursor) {
    throw new InvalidArgumentError(
      'after',
      'cursor-format',
      '"after" must be a cursor returned by `search` (an edge cursor or pageInfo.endCursor).',
    );
  }
  return offset;
}

/** Checks the arguments; every rule broken is named with its field. */
function validatedQuery(query: string, first: number | null | undefined): { text: string; limit: number } {
  const text = query.trim();
  if (text.length === 0)
    throw new InvalidArgumentError('query', 'not-empty', '"query" must contain at least one non-space character.');
  if (query.length > SEARCH_QUERY_MAX_LENGTH) {
    throw new InvalidArgumentError(
      'query',
      'max-length',
      `"query" must be at most ${SEARCH_QUERY_MAX_LENGTH} characters (got ${query.length}).`,
    );
  }
  const limit = first ?? PAGE_SIZE_DEFAULT;
  if (!Number.isInteger(limit) || limit < PAGE_SIZE_MIN || limit > PAGE_SIZE_MAX) {
    throw new InvalidArgumentError(
      'first',
      'page-size-range',
      `"first" must be between ${PAGE_SIZE_MIN} and ${PAGE_SIZE_MAX} (got ${String(first)})`,
    );
  }
  return { text, limit };
}

async function engineFilter(
  types: readonly SearchableType[] | null | undefined,
  filter:
    | {
        regime?: string[] | null;
        jurisdiction?: string[] | null;
        category?: string[] | null;
        audience?: string[] | null;
        dateFrom?: Date | null;
        dateTo?: Date | null;
      }
    | null
    | undefined,
): Promise<EngineFilter> {
  const result: EngineFilter = {};
  if (types && types.length > 0) result.types = [...types];
  if (!filter) return result;
  if (filter.regime?.length) result.regime = [...filter.regime];
  if (filter.jurisdiction?.length) {
    const known = new Set((await getPrisma().jurisdiction.findMany({ select: { code: true } })).map((row) => row.code));
    const codes = filter.jurisdiction.map((code) => code.trim().toUpperCase());
    const unknown = codes.filter((code) => !known.has(code));
    if (unknown.length > 0) {
      throw new InvalidArgumentError(
        'filter.jurisdiction',
        'known-value',
        `Unknown jurisdiction ${unknown.map((code) => `"${code}"`).join(', ')}; known: ${[...known].sort().join(', ')}.`,
      );
    }
    result.jurisdiction = codes;
  }
  if (filter.category?.length) {
    const bad = filter.category.filter((category) => !/^\d$/.test(category));
    if (bad.length > 0)
      throw new InvalidArgumentError(
        'filter.category',
        'known-value',
        `Unknown category ${bad.map((c) => `"${c}"`).join(', ')}; categories are the digits 0 to 9.`,
      );
    result.category = [...filter.category];
  }
  if (filter.audience?.length) result.audience = [...filter.audience];
  if (filter.dateFrom) result.dateFrom = filter.dateFrom.toISOString().slice(0, 10);
  if (filter.dateTo) result.dateTo = filter.dateTo.toISOString().slice(0, 10);
  if (result.dateFrom && result.dateTo && result.dateFrom > result.dateTo) {
    throw new InvalidArgumentError(
      'filter.dateFrom',
      'date-order',
      '"filter.dateFrom" must not be after "filter.dateTo".',
    );
  }
  return result;
}

/**
 * Prisma model of each searchable type, which is also the name of its GraphQL object type (the
 * members of the SearchResult union are `prismaNode`s named after their models).
 */
const MODEL: Record<SearchableType, Prisma.ModelName> = {
  PROVISION: 'ControlProvision',
  EXEMPTION: 'Exemption',
  GUIDANCE_DOCUMENT: 'GuidanceDocument',
  CONSULTATION: 'StakeholderConsultation',
  IMPACT_ASSESSMENT: 'ImpactAssessment',
};

/**
 * Reads the records of a page from the database, selecting only what the request asks of each
 * type under `edges.node` (Pothos plans the select, nested relations included; full rows would
 * carry every verbatim text). The types whose selection is plain scalar fields (the usual
 * result list: code, title, name, dates) are read together in one statement (readScalarRows);
 * a type whose selection reaches relations goes through Prisma, one statement per such type.
 * One Prisma statement per type was a third of the time `search` spent outside the engine.
 */
async function loadRecords(
  hits: readonly SearchHit[],
  context: object,
  info: GraphQLResolveInfo,
): Promise<Map<string, { id: string }>> {
  const prisma = getPrisma();
  const idsOf = (type: SearchableType) =>
    hits.filter((hit) => hit.document.type === type).map((hit) => hit.document.recordId);
  const plans = SEARCHABLE_TYPES.map((type) => ({ type, ids: idsOf(type) }))
    .filter(({ ids }) => ids.length > 0)
    .map(({ type, ids }) => ({
      type,
      ids,
      select: queryFromInfo({ context, info, typeName: MODEL[type], path: ['edges', 'node'], select: { id: true } })
        .select as Record<string, unknown>,
    }));
  const read = sqlReaderOf(prisma);
  const together = read ? plans.filter((plan) => isPlainScalarSelect(MODEL[plan.type], plan.select)) : [];
  const alone = plans.filter((plan) => !together.includes(plan));
  const loaders: Record<
    SearchableType,
    (ids: string[], select: Record<string, unknown>) => Promise<Array<{ id: string }>>
  > = {
    PROVISION: (ids, select) =>
      prisma.controlProvision.findMany({ where: { id: { in: ids } }, select: select as Prisma.ControlProvisionSelect }),
    EXEMPTION: (ids, select) =>
      prisma.exemption.findMany({ where: { id: { in: ids } }, select: select as Prisma.ExemptionSelect }),
    GUIDANCE_DOCUMENT: (ids, select) =>
      prisma.guidanceDocument.findMany({ where: { id: { in: ids } }, select: select as Prisma.GuidanceDocumentSelect }),
    CONSULTATION: (ids, select) =>
      prisma.stakeholderConsultation.findMany({
        where: { id: { in: ids } },
        select: select as Prisma.StakeholderConsultationSelect,
      }),
    IMPACT_ASSESSMENT: (ids, select) =>
      prisma.impactAssessment.findMany({ where: { id: { in: ids } }, select: select as Prisma.ImpactAssessmentSelect }),
  };
  const [togetherRows, ...aloneRows] = await Promise.all([
    read && together.length > 0
      ? readScalarRows(
          read,
          together.map((plan) => ({ model: MODEL[plan.type], ids: plan.ids, fields: Object.keys(plan.select) })),
        )
      : Promise.resolve([]),
    ...alone.map((plan) => loaders[plan.type](plan.ids, plan.select)),
  ]);
  const records = new Map<string, { id: string }>();
  const keep = (type: SearchableType, rows: ReadonlyArray<Record<string, unknown>>) => {
    for (const row of rows as Array<{ id: string }>) {
      typeOfRow.set(row, type);
      records.set(`${type}:${row.id}`, row);
    }
  };
  together.forEach((plan, index) => keep(plan.type, togetherRows[index] ?? []));
  alone.forEach((plan, index) => keep(plan.type, aloneRows[index] ?? []));
  return records;
}

builder.queryField('search', (t) =>
  t.field({
    type: SearchConnectionRef,
    // Nullable on purpose (DESIGN §6 writes SearchConnection!): a non-null field that fails
    // nulls the whole response, and search being down must not take the other fields with it.
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
      first: t.arg.int({
        description: `How many results to return, ${PAGE_SIZE_MIN} to ${PAGE_SIZE_MAX} (default ${PAGE_SIZE_DEFAULT}).`,
      }),
      after: t.arg.string({
        description: 'Return the results after this cursor (from a previous page of the same search).',
      }),
    },
    resolve: async (_root, args, context, info) => {
      const { text, limit } = validatedQuery(args.query, args.first);
      const offset = args.after ? decodeOffset(args.after) + 1 : 0;
      const filter = await engineFilter(args.types as SearchableType[] | null | undefined, args.filter);
      const engine = currentSearchEngine();
      if (!engine) throw new SearchUnavailableDomainError();
      let response;
      try {
        response = await engine.search({
          query: text,
          filter,
          facets: args.facets ? [...args.facets] : [...FACET_FIELDS],
          offset,
          limit,
        });
      } catch (error) {
        if (error instanceof SearchUnavailableError) throw new SearchUnavailableDomainError();
        throw error;
      }
      const records = await loadRecords(response.hits, context, info);
      // A hit whose record is gone (deleted since it was indexed, outbox not drained yet) is dropped.
      const edges: SearchEdgeShape[] = [];
      response.hits.forEach((hit, index) => {
        const node = records.get(hit.document.id);
        if (node)
          edges.push({ cursor: encodeOffset(offset + index), node, score: hit.score, highlights: hit.highlights });
      });
      return {
        edges,
        totalCount: response.totalCount,
        facets: response.facets,
        processingTimeMs: Math.round(response.processingTimeMs),
        hasNextPage: offset + response.hits.length < response.totalCount,
        hasPreviousPage: offset > 0,
      };
    },
  }),
);
