// GET /export/impact-stats.csv|.json and /export/impact-series.csv|.json: the answers of
// impactStats / impactSeries as downloads. Query parameters mirror the GraphQL arguments
// (lists as repeated parameters; enum lists may also be comma-separated), are validated with
// zod (400 naming the parameter), and the file name carries the filters. Rows are written
// one at a time with back-pressure (CSV through csv-stringify, JSON as an array), never built
// into one string. The aggregate itself is one SQL statement (or a cache hit), bounded by
// the bucket limit, computed before the first byte so an error is still a clean 400.
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  globalAssessmentId,
  globalProvisionId,
  impactSeries,
  impactStats,
  type ClientFilterInput,
} from '../analytics/analytics-service.js';
import {
  CHANGE_BASES,
  GROUP_KEYS,
  MEASURES,
  METRIC_DIMENSIONS,
  PERIOD_TYPES,
  TIME_INTERVALS,
} from '../analytics/impact-request.js';
import type { ImpactSeriesResult } from '../analytics/impact-series.js';
import type { ImpactBucket, ImpactSource, ImpactStatsResult } from '../analytics/impact-stats.js';
import { getPrisma } from '../db/prisma.js';
import { DomainError } from '../graphql/errors.js';

const text = z.string().max(500);
/** A parameter given once or repeated. */
const textList = z.union([text, z.array(text)]).transform((value) => (Array.isArray(value) ? value : [value]));
/** Enum lists: repeated and/or comma-separated ("groupBy=INDICATOR,QUARTER"). */
function enumList<const T extends readonly [string, ...string[]]>(values: T) {
  return textList
    .transform((items) =>
      items
        .flatMap((item) => item.split(','))
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    )
    .pipe(z.array(z.enum(values)));
}
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a calendar date written YYYY-MM-DD');
const bool = z.enum(['true', 'false']).transform((value) => value === 'true');

const filterShape = {
  jurisdictions: textList.optional(),
  dimensions: enumList(METRIC_DIMENSIONS).optional(),
  indicators: textList.optional(),
  sectors: textList.optional(),
  regions: textList.optional(),
  units: textList.optional(),
  periodTypes: enumList(PERIOD_TYPES).optional(),
  provisionCodes: textList.optional(),
  provisionIds: textList.optional(),
  assessmentIds: textList.optional(),
  periodFrom: day.optional(),
  periodTo: day.optional(),
};

const statsQuery = z
  .object({
    ...filterShape,
    groupBy: enumList(GROUP_KEYS).optional(),
    measures: enumList(MEASURES),
    includeSynthetic: bool.optional(),
    mixedUnits: z.enum(['REFUSE', 'GROUP_BY_UNIT']).optional(),
    changeBasis: z.enum(CHANGE_BASES).optional(),
  })
  .strict();

const seriesQuery = z
  .object({
    ...filterShape,
    indicator: text,
    interval: z.enum(TIME_INTERVALS),
    measure: z.enum(CHANGE_BASES).optional(),
    includeSynthetic: bool.optional(),
  })
  .strict();

type FilterQuery = { [K in keyof typeof filterShape]?: z.output<(typeof filterShape)[K]> };

function filterOf(query: FilterQuery): ClientFilterInput {
  return {
    jurisdictions: query.jurisdictions ?? null,
    dimensions: query.dimensions ?? null,
    indicators: query.indicators ?? null,
    sectors: query.sectors ?? null,
    regions: query.regions ?? null,
    units: query.units ?? null,
    periodTypes: query.periodTypes ?? null,
    provisionCodes: query.provisionCodes ?? null,
    provisionIds: query.provisionIds ?? null,
    assessmentIds: query.assessmentIds ?? null,
    periodFrom: query.periodFrom ?? null,
    periodTo: query.periodTo ?? null,
  };
}

class BadParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  if (!issue) throw new BadParameterError('query', 'The query parameters are invalid.');
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys?: string[] }).keys ?? [];
    throw new BadParameterError(
      keys[0] ?? 'query',
      `Unknown query parameter${keys.length > 1 ? 's' : ''} ${keys.map((key) => `"${key}"`).join(', ')}.`,
    );
  }
  const parameter = String(issue.path[0] ?? 'query');
  const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
  throw new BadParameterError(
    parameter,
    missing
      ? `Query parameter "${parameter}" is required.`
      : `Query parameter "${parameter}" is invalid: ${issue.message}.`,
  );
}

/** Letters, digits, dot and hyphen only; long names are cut and keep a hash of the whole. */
export function exportFileName(
  kind: string,
  parts: ReadonlyArray<readonly [string, readonly string[] | string | null | undefined]>,
  extension: 'csv' | 'json',
): string {
  const words = [kind];
  for (const [name, value] of parts) {
    if (value === null || value === undefined) continue;
    const values = typeof value === 'string' ? [value] : value;
    if (values.length === 0) continue;
    words.push(`${name}-${values.join('+')}`);
  }
  let base = words
    .join('_')
    .replace(/[^A-Za-z0-9.+_-]+/g, '-')
    .replace(/\+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/(^[-.]+)|([-.]+$)/g, '');
  // Nothing left (a kind made only of punctuation): never a bare ".csv" (a hidden file).
  if (base === '') base = 'export';
  if (base.length > 150)
    base = `${base.slice(0, 140).replace(/[-_.]+$/, '')}-${createHash('sha256').update(base).digest('hex').slice(0, 8)}`;
  return `${base}.${extension}`;
}

function filterParts(filter: ClientFilterInput): Array<[string, readonly string[] | string | null | undefined]> {
  return [
    ['jurisdictions', filter.jurisdictions?.map((code) => code.toUpperCase())],
    ['dimensions', filter.dimensions],
    ['indicators', filter.indicators],
    ['sectors', filter.sectors],
    ['regions', filter.regions],
    ['units', filter.units],
    ['periodTypes', filter.periodTypes],
    ['provisionCodes', filter.provisionCodes],
    ['provisionIds', filter.provisionIds],
    ['assessmentIds', filter.assessmentIds],
    ['from', filter.periodFrom],
    ['to', filter.periodTo],
  ];
}

function sourcesText(sources: readonly ImpactSource[]): string {
  return sources.map((source) => [source.publisher ?? source.title, source.url].filter(Boolean).join(' ')).join(' | ');
}

/** Writes and waits when the socket's buffer is full, so a large export never piles up in memory. */
async function writeWithBackpressure(target: Writable, chunk: string | Record<string, unknown>): Promise<void> {
  if (!target.write(chunk)) {
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        target.off('drain', done);
        target.off('close', done);
        target.off('error', reject);
        resolve();
      };
      target.once('drain', done);
      target.once('close', done);
      target.once('error', reject);
    });
  }
}

function startDownload(
  response: Response,
  fileName: string,
  contentType: string,
  headers: Record<string, string>,
): void {
  response.status(200);
  response.setHeader('content-type', contentType);
  response.setHeader('content-disposition', `attachment; filename="${fileName}"`);
  response.setHeader('cache-control', 'no-store');
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
}

async function streamCsv(
  response: Response,
  columns: string[],
  rows: Iterable<Record<string, unknown>>,
): Promise<void> {
  const stringifier = stringify({ header: true, columns, cast: { boolean: (value) => (value ? 'true' : 'false') } });
  stringifier.pipe(response);
  for (const row of rows) {
    if (response.destroyed) break;
    await writeWithBackpressure(stringifier, row);
  }
  stringifier.end();
  await new Promise<void>((resolve) => response.once('finish', resolve).once('close', resolve));
}

async function streamJsonArray(response: Response, rows: Iterable<unknown>): Promise<void> {
  await writeWithBackpressure(response, '[');
  let first = true;
  for (const row of rows) {
    if (response.destroyed) break;
    await writeWithBackpressure(response, `${first ? '\n' : ',\n'}${JSON.stringify(row)}`);
    first = false;
  }
  response.end(first ? ']\n' : '\n]\n');
}

function bucketJson(bucket: ImpactBucket) {
  return {
    ...bucket,
    provisionId: globalProvisionId(bucket.provisionId),
    assessmentId: globalAssessmentId(bucket.assessmentId),
  };
}

const KEY_COLUMNS: Record<string, Array<keyof ImpactBucket>> = {
  JURISDICTION: ['jurisdiction'],
  DIMENSION: ['dimension'],
  INDICATOR: ['indicator'],
  SECTOR: ['sector'],
  REGION: ['region'],
  UNIT: [],
  PROVISION: ['provisionId', 'provisionCode'],
  ASSESSMENT: ['assessmentId', 'assessmentTitle'],
  PERIOD_TYPE: ['periodType'],
  YEAR: ['periodLabel', 'periodStart', 'periodEnd'],
  QUARTER: ['periodLabel', 'periodStart', 'periodEnd'],
  MONTH: ['periodLabel', 'periodStart', 'periodEnd'],
};

function* statsCsvRows(stats: ImpactStatsResult): Generator<Record<string, unknown>> {
  for (const raw of stats.buckets) {
    const bucket = bucketJson(raw);
    const row: Record<string, unknown> = {};
    for (const key of stats.groupBy) for (const column of KEY_COLUMNS[key] ?? []) row[column] = bucket[column];
    row.unit = bucket.unit;
    row.rowCount = bucket.rowCount;
    row.numericCount = bucket.numericCount;
    row.textOnlyCount = bucket.textOnlyCount;
    for (const value of bucket.values) {
      row[value.measure] = value.decimal;
      row[`${value.measure}_unavailableReason`] = value.unavailableReason;
    }
    row.sources = sourcesText(bucket.sources);
    yield row;
  }
}

function statsCsvColumns(stats: ImpactStatsResult): string[] {
  const keys = [...new Set(stats.groupBy.flatMap((key) => KEY_COLUMNS[key] ?? []))];
  return [
    ...keys,
    'unit',
    'rowCount',
    'numericCount',
    'textOnlyCount',
    ...stats.measures.flatMap((measure) => [measure, `${measure}_unavailableReason`]),
    'sources',
  ];
}

function* seriesCsvRows(series: ImpactSeriesResult): Generator<Record<string, unknown>> {
  for (const point of series.points) {
    yield {
      periodLabel: point.periodLabel,
      periodStart: point.periodStart,
      periodEnd: point.periodEnd,
      missing: point.missing,
      value: point.decimal,
      unavailableReason: point.unavailableReason,
      unit: series.unit,
      rowCount: point.rowCount,
      numericCount: point.numericCount,
      sources: sourcesText(point.sources),
    };
  }
}

const SERIES_COLUMNS = [
  'periodLabel',
  'periodStart',
  'periodEnd',
  'missing',
  'value',
  'unavailableReason',
  'unit',
  'rowCount',
  'numericCount',
  'sources',
];

function sendError(request: Request, response: Response, error: unknown): void {
  if (error instanceof BadParameterError) {
    response
      .status(400)
      .json({
        errors: [
          {
            message: error.message,
            extensions: { code: 'BAD_USER_INPUT', parameter: error.parameter, requestId: String(request.id ?? '') },
          },
        ],
      });
    return;
  }
  if (error instanceof DomainError) {
    response
      .status(error.code === 'NOT_FOUND' ? 404 : 400)
      .json({
        errors: [{ message: error.message, extensions: { ...error.extensions, requestId: String(request.id ?? '') } }],
      });
    return;
  }
  request.log?.error({ err: error }, 'export failed');
  if (response.headersSent) {
    response.destroy(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  response
    .status(500)
    .json({
      errors: [
        {
          message: 'Internal server error',
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: String(request.id ?? '') },
        },
      ],
    });
}

export interface ExportRouterOptions {
  isReady: () => boolean;
}

export function exportRouter(options: ExportRouterOptions): Router {
  const router = Router();
  router.use((_request, response, next) => {
    if (options.isReady()) {
      next();
      return;
    }
    response
      .status(503)
      .set('retry-after', '2')
      .json({
        errors: [{ message: 'The service is starting; retry shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      });
  });

  router.get(/^\/impact-stats\.(csv|json)$/, async (request, response) => {
    const format = request.path.endsWith('.csv') ? 'csv' : 'json';
    try {
      const query = parseQuery(statsQuery, request.query);
      const filter = filterOf(query);
      const stats = await impactStats(getPrisma(), {
        filter,
        groupBy: query.groupBy ?? [],
        measures: query.measures,
        includeSynthetic: query.includeSynthetic ?? false,
        mixedUnits: query.mixedUnits ?? 'REFUSE',
        changeBasis: query.changeBasis ?? 'SUM',
      });
      const fileName = exportFileName(
        'impact-stats',
        [
          ...filterParts(filter),
          ['by', stats.groupBy],
          ['measures', stats.measures],
          ['synthetic', stats.includeSynthetic ? 'included' : null],
        ],
        format,
      );
      const headers = {
        'x-row-count': String(stats.rowCount),
        'x-rows-outside-buckets': String(stats.rowsOutsideBuckets),
        'x-data-version': stats.dataVersion,
      };
      if (format === 'csv') {
        startDownload(response, fileName, 'text/csv; charset=utf-8', headers);
        await streamCsv(response, statsCsvColumns(stats), statsCsvRows(stats));
      } else {
        startDownload(response, fileName, 'application/json; charset=utf-8', headers);
        await streamJsonArray(
          response,
          (function* () {
            for (const bucket of stats.buckets) yield bucketJson(bucket);
          })(),
        );
      }
    } catch (error) {
      sendError(request, response, error);
    }
  });

  router.get(/^\/impact-series\.(csv|json)$/, async (request, response) => {
    const format = request.path.endsWith('.csv') ? 'csv' : 'json';
    try {
      const query = parseQuery(seriesQuery, request.query);
      const filter = filterOf(query);
      const series = await impactSeries(getPrisma(), {
        indicator: query.indicator,
        filter,
        interval: query.interval,
        measure: query.measure ?? 'SUM',
        includeSynthetic: query.includeSynthetic ?? false,
      });
      const fileName = exportFileName(
        'impact-series',
        [
          ['indicator', series.indicator],
          ...filterParts(filter),
          ['by', series.interval],
          ['measure', series.measure],
          ['synthetic', series.includeSynthetic ? 'included' : null],
        ],
        format,
      );
      const headers = {
        'x-row-count': String(series.rowCount),
        'x-rows-outside-buckets': String(series.rowsOutsideBuckets),
        'x-data-version': series.dataVersion,
        ...(series.unit === null ? {} : { 'x-unit': encodeURIComponent(series.unit) }),
      };
      if (format === 'csv') {
        startDownload(response, fileName, 'text/csv; charset=utf-8', headers);
        await streamCsv(response, SERIES_COLUMNS, seriesCsvRows(series));
      } else {
        startDownload(response, fileName, 'application/json; charset=utf-8', headers);
        await streamJsonArray(
          response,
          (function* () {
            for (const point of series.points) yield { ...point, unit: series.unit };
          })(),
        );
      }
    } catch (error) {
      sendError(request, response, error);
    }
  });

  return router;
}
