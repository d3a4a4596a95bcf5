// A page of search results: the query and filters checked, the engine asked for record ids,
// then the records read from the database, so a result is never staler than the data and a
// result's fields are the same as everywhere else in the API. Each type's records are read with
// the columns the caller plans (the GraphQL layer plans them from the request). The types whose
// selection is plain scalar fields (the usual result list: code, title, name, dates) are read
// together in one statement; a type whose selection reaches relations goes through Prisma, one
// statement per such type (one Prisma statement per type was a third of the time search spent
// outside the engine).
import type { Database } from '../db/database.js';
import { isPlainScalarSelect, readScalarRows } from '../db/scalar-rows.js';
import { isoDay } from '../domain/calendar-date.js';
import { workCheckpoint } from '../domain/cancellable-work.js';
import { InvalidArgumentError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import {
  FACET_FIELDS,
  SEARCHABLE_TYPES,
  type FacetCount,
  type FacetField,
  type Highlight,
  type SearchableType,
  type SearchEngine,
  type SearchFilter,
  type SearchHit,
} from '../search/search-engine.js';
import {
  loadQueryUnderstandingRules,
  type QueryInterpretation,
  type QueryUnderstandingRules,
} from '../search/query-understanding.js';
import { searchUnderstood } from '../search/understood-search.js';

export const SEARCH_QUERY_MAX_LENGTH = 500;

export interface SearchPageFilter {
  regime?: readonly string[] | null;
  jurisdiction?: readonly string[] | null;
  category?: readonly string[] | null;
  audience?: readonly string[] | null;
  dateFrom?: Date | null;
  dateTo?: Date | null;
  asOf?: Date | null;
}

export interface SearchPageInput {
  query: string;
  types: readonly SearchableType[] | null;
  filter: SearchPageFilter | null;
  /** Every facet field when null. */
  facets: readonly FacetField[] | null;
  offset: number;
  /** 1..100. */
  limit: number;
  /** One result per control-list entry, its matching paragraphs under it (default true). */
  groupParagraphs?: boolean;
}

/** Columns to read of one searchable type (a Prisma select of its model). */
export type RecordSelect = Record<string, unknown>;

export interface SearchPageHit {
  /** 0-based position in the whole result. */
  position: number;
  type: SearchableType;
  record: { id: string };
  score: number;
  highlights: Highlight[];
  /** With grouping: the entry's best-matching paragraphs (provisions), best first. */
  paragraphs: SearchPageParagraph[];
}

export interface SearchPageParagraph {
  record: { id: string };
  score: number;
  highlights: Highlight[];
}

export interface SearchPage {
  /** Hits whose record is gone (deleted since indexed, outbox not drained yet) are left out. */
  hits: SearchPageHit[];
  totalCount: number;
  facets: FacetCount[];
  processingTimeMs: number;
  /** What was searched: the query reduced to its topic, and the hints taken from it. */
  interpretation: QueryInterpretation;
  /** Query words no indexed text holds, even with typos. */
  unmatchedWords: string[];
  didYouMean: string | null;
  /** Set when the hits are for this relaxed query (nothing matched the query as given). */
  relaxedQuery: string | null;
}

/** Prisma model of each searchable type (also the name of its GraphQL object type). */
export const SEARCHABLE_MODEL: Record<SearchableType, Prisma.ModelName> = {
  PROVISION: 'ControlProvision',
  EXEMPTION: 'Exemption',
  GUIDANCE_DOCUMENT: 'GuidanceDocument',
  CONSULTATION: 'StakeholderConsultation',
  IMPACT_ASSESSMENT: 'ImpactAssessment',
  LIST_TEXT: 'ListText',
};

/** A letter or a digit: what the engines index (punctuation, symbols and emoji are not words). */
const SEARCHABLE_CHARACTER = /[\p{L}\p{N}]/u;

function checkedQuery(query: string): string {
  // Compatibility forms read as what they stand for: full-width "６Ａ００３" is 6A003, "ﬁbre" is fibre.
  const text = query.normalize('NFKC').trim();
  if (text.length === 0) {
    throw new InvalidArgumentError('query', 'not-empty', '"query" must contain at least one non-space character.');
  }
  // Without a word the engine would list every record: a wrong answer, and a costly one.
  if (!SEARCHABLE_CHARACTER.test(text)) {
    throw new InvalidArgumentError(
      'query',
      'has-words',
      '"query" must contain at least one letter or digit: punctuation, symbols and emoji alone are not searched.',
    );
  }
  if (query.length > SEARCH_QUERY_MAX_LENGTH) {
    throw new InvalidArgumentError(
      'query',
      'max-length',
      `"query" must be at most ${SEARCH_QUERY_MAX_LENGTH} characters (got ${query.length}).`,
    );
  }
  return text;
}

export class SearchPages {
  private rules: Promise<QueryUnderstandingRules> | undefined;

  constructor(
    private readonly db: Pick<Database, 'prisma' | 'readRows'>,
    readonly engine: SearchEngine,
  ) {}

  /** The query-understanding rules, read once on first use (a bad file fails the search that needs it, loudly). */
  private queryRules(): Promise<QueryUnderstandingRules> {
    this.rules ??= loadQueryUnderstandingRules();
    return this.rules;
  }

  /** The engine's filter, every value checked (unknown jurisdiction, category, date order). */
  private async engineFilter(
    types: readonly SearchableType[] | null,
    filter: SearchPageFilter | null,
  ): Promise<SearchFilter> {
    const result: SearchFilter = {};
    if (types && types.length > 0) result.types = [...types];
    if (!filter) return result;
    if (filter.regime?.length) result.regime = [...filter.regime];
    if (filter.jurisdiction?.length) {
      const rows = await this.db.prisma.jurisdiction.findMany({ select: { code: true } });
      const known = new Set(rows.map((row) => row.code));
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
      if (bad.length > 0) {
        throw new InvalidArgumentError(
          'filter.category',
          'known-value',
          `Unknown category ${bad.map((c) => `"${c}"`).join(', ')}; categories are the digits 0 to 9.`,
        );
      }
      result.category = [...filter.category];
    }
    if (filter.audience?.length) result.audience = [...filter.audience];
    if (filter.dateFrom) result.dateFrom = isoDay(filter.dateFrom);
    if (filter.dateTo) result.dateTo = isoDay(filter.dateTo);
    if (filter.asOf) result.asOf = isoDay(filter.asOf);
    if (result.dateFrom && result.dateTo && result.dateFrom > result.dateTo) {
      throw new InvalidArgumentError(
        'filter.dateFrom',
        'date-order',
        '"filter.dateFrom" must not be after "filter.dateTo".',
      );
    }
    return result;
  }

  /** The records of the hits, by search document id, each type read with `selectFor(type)`. */
  private async loadRecords(
    hits: readonly Pick<SearchHit, 'document'>[],
    selectFor: (type: SearchableType) => RecordSelect,
  ): Promise<Map<string, { id: string }>> {
    const { prisma, readRows } = this.db;
    const idsOf = (type: SearchableType) =>
      hits.filter((hit) => hit.document.type === type).map((hit) => hit.document.recordId);
    const plans = SEARCHABLE_TYPES.map((type) => ({ type, ids: idsOf(type) }))
      .filter(({ ids }) => ids.length > 0)
      .map(({ type, ids }) => ({ type, ids, select: { ...selectFor(type), id: true } }));
    const together = plans.filter((plan) => isPlainScalarSelect(SEARCHABLE_MODEL[plan.type], plan.select));
    const alone = plans.filter((plan) => !together.includes(plan));
    const where = (ids: string[]) => ({ id: { in: ids } });
    const loaders: Record<SearchableType, (ids: string[], select: RecordSelect) => Promise<Array<{ id: string }>>> = {
      PROVISION: (ids, select) =>
        prisma.controlProvision.findMany({ where: where(ids), select: select as Prisma.ControlProvisionSelect }),
      EXEMPTION: (ids, select) =>
        prisma.exemption.findMany({ where: where(ids), select: select as Prisma.ExemptionSelect }),
      GUIDANCE_DOCUMENT: (ids, select) =>
        prisma.guidanceDocument.findMany({ where: where(ids), select: select as Prisma.GuidanceDocumentSelect }),
      CONSULTATION: (ids, select) =>
        prisma.stakeholderConsultation.findMany({
          where: where(ids),
          select: select as Prisma.StakeholderConsultationSelect,
        }),
      IMPACT_ASSESSMENT: (ids, select) =>
        prisma.impactAssessment.findMany({ where: where(ids), select: select as Prisma.ImpactAssessmentSelect }),
      LIST_TEXT: (ids, select) =>
        prisma.listText.findMany({ where: where(ids), select: select as Prisma.ListTextSelect }),
    };
    const [togetherRows, ...aloneRows] = await Promise.all([
      together.length > 0
        ? readScalarRows(
            readRows,
            together.map((plan) => ({
              model: SEARCHABLE_MODEL[plan.type],
              ids: plan.ids,
              fields: Object.keys(plan.select),
            })),
          )
        : Promise.resolve([]),
      ...alone.map((plan) => loaders[plan.type](plan.ids, plan.select)),
    ]);
    const records = new Map<string, { id: string }>();
    const keep = (type: SearchableType, rows: ReadonlyArray<Record<string, unknown>>) => {
      for (const row of rows as Array<{ id: string }>) records.set(`${type}:${row.id}`, row);
    };
    together.forEach((plan, index) => keep(plan.type, togetherRows[index] ?? []));
    alone.forEach((plan, index) => keep(plan.type, aloneRows[index] ?? []));
    return records;
  }

  /** One page of results, best first, with facet counts over the whole result. */
  async page(
    input: SearchPageInput,
    selectFor: (type: SearchableType) => RecordSelect,
    selectParagraph: () => RecordSelect = () => selectFor('PROVISION'),
  ): Promise<SearchPage> {
    const query = checkedQuery(input.query);
    // Not started for a stopped request (see domain/cancellable-work.ts).
    await workCheckpoint();
    const filter = await this.engineFilter(input.types, input.filter);
    const { response, interpretation } = await searchUnderstood(this.engine, await this.queryRules(), {
      query,
      filter,
      facets: input.facets ? [...input.facets] : [...FACET_FIELDS],
      offset: input.offset,
      limit: input.limit,
      groupParagraphs: input.groupParagraphs ?? true,
    });
    // Paragraphs are provisions: read with the hits, in the same statements, with both selections.
    const subHits = response.hits.flatMap((hit) => hit.subHits ?? []);
    const paragraphSelect = selectParagraph();
    const records = await this.loadRecords([...response.hits, ...subHits], (type) =>
      type === 'PROVISION' ? mergeSelects(selectFor(type), paragraphSelect) : selectFor(type),
    );
    const hits: SearchPageHit[] = [];
    response.hits.forEach((hit, index) => {
      const record = records.get(hit.document.id);
      if (record) {
        hits.push({
          position: input.offset + index,
          type: hit.document.type,
          record,
          score: hit.score,
          highlights: hit.highlights,
          paragraphs: (hit.subHits ?? []).flatMap((subHit) => {
            const paragraph = records.get(subHit.document.id);
            return paragraph ? [{ record: paragraph, score: subHit.score, highlights: subHit.highlights }] : [];
          }),
        });
      }
    });
    return {
      hits,
      totalCount: response.totalCount,
      facets: response.facets,
      processingTimeMs: Math.round(response.processingTimeMs),
      interpretation,
      unmatchedWords: response.unmatchedWords ?? [],
      didYouMean: response.didYouMean ?? null,
      relaxedQuery: response.relaxedQuery ?? null,
    };
  }
}

/** Two Prisma selections of one model as one: every field either asks for, nested selections merged. */
function mergeSelects(a: RecordSelect, b: RecordSelect): RecordSelect {
  const merged: RecordSelect = { ...a };
  for (const [field, value] of Object.entries(b)) {
    const existing = merged[field];
    merged[field] =
      isSelectObject(existing) && isSelectObject(value) ? mergeSelects(existing, value) : mergeValue(existing, value);
  }
  return merged;
}

function mergeValue(existing: unknown, value: unknown): unknown {
  if (existing === undefined || existing === false) return value;
  if (value === undefined || value === false) return existing;
  // `true` and a nested selection: the nested selection reads the relation; `true` alone adds nothing.
  return isSelectObject(existing) ? existing : value;
}

function isSelectObject(value: unknown): value is RecordSelect {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
