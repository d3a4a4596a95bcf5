// GET /export/impact-stats.csv|.json, /export/impact-series.csv|.json and
// /export/licensing-stats.csv|.json: the answers of impactStats / impactSeries / licensingStats
// as downloads. The aggregate itself is one SQL statement (or a cache hit), bounded by the
// bucket limit, computed before the first byte so an error is still a clean 4xx.
import { Router, type Request, type Response } from 'express';
import type { ImpactSeriesResult } from '../analytics/impact-series.js';
import type { ImpactBucket, ImpactSource, ImpactStatsResult } from '../analytics/impact-stats.js';
import { translateConnectionError } from '../db/connection-errors.js';
import { DomainError } from '../errors.js';
import { globalIdOrNull } from '../graphql/global-id.js';
import type { AppServices } from '../services/app-services.js';
import type { FilterNote } from '../services/filter-vocabulary.js';
import {
  IMPACT_FILTER_VOCABULARIES,
  LICENSING_FILTER_VOCABULARIES,
  resolveFilterFields,
} from '../services/filter-vocabulary-arguments.js';
import { startDownload, streamCsv, streamJsonArray } from './download-stream.js';
import {
  BadParameterError,
  exportFileName,
  filterParts,
  impactFilterOf,
  licensingFilterOf,
  licensingFilterParts,
  licensingStatsQuery,
  parseQuery,
  seriesQuery,
  statsQuery,
} from './export-query.js';
import { domainErrorBody, httpStatusOf, retryAfterOf } from './http-status.js';
import { licensingCsvColumns, licensingCsvRows } from './licensing-stats-export.js';

function sourcesText(sources: readonly ImpactSource[]): string {
  return sources.map((source) => [source.publisher ?? source.title, source.url].filter(Boolean).join(' ')).join(' | ');
}

function bucketJson(bucket: ImpactBucket) {
  return {
    ...bucket,
    provisionId: globalIdOrNull('ControlProvision', bucket.provisionId),
    assessmentId: globalIdOrNull('ImpactAssessment', bucket.assessmentId),
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

/**
 * Values read as others (GB as UK), as the header `x-filter-notes`: the notes as JSON, percent-encoded
 * (header values are ASCII), each `{ field, given, readAs, message }`.
 */
function filterNoteHeaders(notes: readonly FilterNote[]): Record<string, string> {
  return notes.length === 0 ? {} : { 'x-filter-notes': encodeURIComponent(JSON.stringify(notes)) };
}

function sendError(request: Request, response: Response, error: unknown): void {
  const requestId = String(request.id ?? '');
  if (error instanceof BadParameterError) {
    response.status(400).json({
      errors: [
        {
          message: error.message,
          extensions: { code: 'BAD_USER_INPUT', parameter: error.parameter, requestId },
        },
      ],
    });
    return;
  }
  // A database that cannot be reached is "retry later" (503), not an internal error.
  const domain = error instanceof DomainError ? error : translateConnectionError(error);
  if (domain && !response.headersSent) {
    const retryAfter = retryAfterOf(domain);
    if (retryAfter !== undefined) response.set('retry-after', retryAfter);
    response.status(httpStatusOf(domain)).json(domainErrorBody(domain, requestId));
    return;
  }
  request.log?.error({ err: error }, 'export failed');
  if (response.headersSent) {
    response.destroy(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  response.status(500).json({
    errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }],
  });
}

export interface ExportRouterOptions {
  isReady: () => boolean;
  /** The services, once start-up has built them (requests wait behind `isReady`). */
  services: Promise<AppServices>;
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
      const { analytics, filterVocabulary } = await options.services;
      const checked = await resolveFilterFields(
        filterVocabulary,
        IMPACT_FILTER_VOCABULARIES,
        parseQuery(statsQuery, request.query),
      );
      const query = checked.values;
      const stats = await analytics.impactStats({
        filter: impactFilterOf(query),
        groupBy: query.groupBy ?? [],
        measures: query.measures,
        includeSynthetic: query.includeSynthetic ?? false,
        mixedUnits: query.mixedUnits ?? 'REFUSE',
        changeBasis: query.changeBasis ?? 'SUM',
      });
      const fileName = exportFileName(
        'impact-stats',
        [
          ...filterParts(query),
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
        ...filterNoteHeaders(checked.notes),
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
      const { analytics, filterVocabulary } = await options.services;
      const checked = await resolveFilterFields(
        filterVocabulary,
        { ...IMPACT_FILTER_VOCABULARIES, indicator: 'indicator' } as const,
        parseQuery(seriesQuery, request.query),
      );
      const query = checked.values;
      const series = await analytics.impactSeries({
        indicator: query.indicator,
        filter: impactFilterOf(query),
        interval: query.interval,
        measure: query.measure ?? 'SUM',
        includeSynthetic: query.includeSynthetic ?? false,
      });
      const fileName = exportFileName(
        'impact-series',
        [
          ['indicator', series.indicator],
          ...filterParts(query),
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
        ...filterNoteHeaders(checked.notes),
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

  router.get(/^\/licensing-stats\.(csv|json)$/, async (request, response) => {
    const format = request.path.endsWith('.csv') ? 'csv' : 'json';
    try {
      const { analytics, filterVocabulary } = await options.services;
      const checked = await resolveFilterFields(
        filterVocabulary,
        LICENSING_FILTER_VOCABULARIES,
        parseQuery(licensingStatsQuery, request.query),
      );
      const query = checked.values;
      const stats = await analytics.licensingStats({
        filter: licensingFilterOf(query),
        groupBy: query.groupBy ?? [],
        measures: query.measures,
      });
      const fileName = exportFileName(
        'licensing-stats',
        [...licensingFilterParts(query), ['by', stats.groupBy], ['measures', stats.measures]],
        format,
      );
      const headers = {
        'x-decisions': String(stats.decisions),
        'x-decisions-without-value': String(stats.decisionsWithoutValue),
        'x-data-version': stats.dataVersion,
        ...filterNoteHeaders(checked.notes),
      };
      if (format === 'csv') {
        startDownload(response, fileName, 'text/csv; charset=utf-8', headers);
        await streamCsv(response, licensingCsvColumns(stats), licensingCsvRows(stats));
      } else {
        startDownload(response, fileName, 'application/json; charset=utf-8', headers);
        await streamJsonArray(response, stats.buckets.values());
      }
    } catch (error) {
      sendError(request, response, error);
    }
  });

  return router;
}
