// Dataset "uk-licences": the UK strategic export licensing decisions of 2008-01 to 2015-03 as
// the Campaign Against Arms Trade compiled them from the government's database (CAAT's
// values.csv, joined with its ratings.csv and refusal-criteria.csv by the collection's build
// script): one LicensingDecision per row, 96,311 rows, values as written. The file has no
// licence-type column (SIEL / OIEL), so none is stored; licence_group is CAAT's grouping id,
// not an official licence number; the value is empty exactly on the refused rows and is stored
// as null there, never 0. One citation for the whole file (the CAAT file at its commit): a
// decision's row number is its sourceKey and extra.source_row. Loaded with the set-based
// bulk sync (a row-by-row sync of this many rows takes longer than the start-up budget).
import { z } from 'zod';
import { parseCalendarDate } from '../../domain/calendar-date.js';
import { syncTableInBulk, type BulkTableSpec } from '../bulk-sync.js';
import { citationRow, CITATION_TABLE, githubPermalink } from '../citations.js';
import type { ImportContext, Importer } from '../importer.js';
import { jsonColumn, type SeedRow } from '../model-rows.js';
import { jurisdictionIdsByCode } from '../reference-lookups.js';
import { readSeedCsv } from '../seed-csv-files.js';
import { SeedFileError, seedFile } from '../seed-files.js';
import { stableId } from '../stable-id.js';
import { syncTable } from '../sync.js';
import { destinationIso, isKnownDestination } from './uk-licence-destinations.js';

const digits = z.string().regex(/^\d+$/);

export const ukLicenceRowSchema = z.strictObject({
  source_row: digits,
  licence_group: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  year: z.string().regex(/^\d{4}$/),
  country: z.string().min(1),
  rating: z.string().min(1),
  rating_type: z.string().min(1),
  rating_normalised: z.string(),
  dual_use_category: z.string(),
  rating_description: z.string(),
  ratings_csv_military: z.string(),
  count: digits,
  // Empty on refused rows.
  value_gbp: z.string().regex(/^(\d+(\.\d{1,2})?)?$/),
  refused: z.enum(['0', '1']),
  refusal_criteria: z.string().regex(/^([^;]+(;[^;]+)*)?$/),
});
export type UkLicenceRow = z.infer<typeof ukLicenceRowSchema>;

const summarySchema = z.looseObject({
  dataset: z.string().min(1),
  source: z.looseObject({
    repository: z.string().min(1),
    commit: z.string().regex(/^[0-9a-f]{40}$/),
    upstream: z.string().min(1),
    files: z.looseObject({ 'values.csv': z.looseObject({}) }),
  }),
  licence: z.string().min(1),
  rows: z.number().int().positive(),
});

export const UK_LICENCES_FILE = seedFile('ukLicences', 'data/uk_licences_2008_2015.csv.gz', ukLicenceRowSchema);
export const UK_LICENCES_SUMMARY_FILE = seedFile(
  'ukLicencesSummary',
  'data/uk_licences_2008_2015_summary.json',
  summarySchema,
);

type DecisionRow = SeedRow<'LicensingDecision'>;

const DECISION_TABLE: BulkTableSpec<'LicensingDecision', DecisionRow> = {
  model: 'LicensingDecision',
  references: ['jurisdictionId', 'citationId'],
};

/** The path of the compiler's file the rows come from, in its repository. */
const VALUES_PATH = 'values.csv';
/** CAAT's `refusal_criteria` separator ("2;3;4": criteria 2, 3 and 4 of the Consolidated Criteria). */
const CRITERIA_SEPARATOR = ';';

export function ukLicenceSourceKey(sourceRow: string): string {
  return `UK-CAAT-values-row-${sourceRow}`;
}

export const ukLicencesImporter: Importer = {
  name: 'uk-licences',
  files: [UK_LICENCES_FILE, UK_LICENCES_SUMMARY_FILE],
  dependsOn: ['reference'],
  load: loadUkLicences,
};

const orNull = (text: string) => (text === '' ? null : text);

async function loadUkLicences(ctx: ImportContext): Promise<void> {
  const [records, summary] = await Promise.all([
    readSeedCsv(ctx.files, UK_LICENCES_FILE),
    ctx.files.get(UK_LICENCES_SUMMARY_FILE),
  ]);
  if (records.length !== summary.rows) {
    throw new SeedFileError(
      `${UK_LICENCES_FILE.path} holds ${records.length} rows; ${UK_LICENCES_SUMMARY_FILE.path} says ${summary.rows}`,
    );
  }
  const { repository, commit, upstream } = summary.source;
  const citation = citationRow({
    sourceType: 'GITHUB_FILE',
    url: githubPermalink(repository, commit, VALUES_PATH),
    repository,
    path: VALUES_PATH,
    commit,
    section: `rows 1-${summary.rows}; each decision's row number is its sourceKey and extra.source_row`,
    title: summary.dataset,
    publisher: 'Campaign Against Arms Trade',
    upstream,
    licence: summary.licence,
    note:
      'rating_type, rating_normalised, dual_use_category, rating_description and ratings_csv_military come from ' +
      "CAAT's ratings.csv, refusal_criteria from its refusal-criteria.csv (same commit), joined by the data " +
      'collection that copied the file. CAAT: refusal criteria may contain false-positive matches; low values may be ' +
      'off by one or two pounds. No licence type (SIEL / OIEL) is given.',
  });
  const jurisdictionId = (await jurisdictionIdsByCode(ctx.tx))('UK');

  const unmapped = new Map<string, number>();
  const unknown = new Set<string>();
  const rows: DecisionRow[] = records.map((record) => {
    const decidedOn = parseCalendarDate(record.date);
    if (!decidedOn) throw new SeedFileError(`${UK_LICENCES_FILE.path} row ${record.source_row}: date ${record.date}`);
    const iso = destinationIso(record.country);
    if (iso === null) unmapped.set(record.country, (unmapped.get(record.country) ?? 0) + 1);
    if (!isKnownDestination(record.country)) unknown.add(record.country);
    const sourceKey = ukLicenceSourceKey(record.source_row);
    return {
      id: stableId('LicensingDecision', sourceKey),
      sourceKey,
      jurisdictionId,
      licenceGroup: record.licence_group,
      decidedOn,
      destination: record.country,
      destinationIso: iso,
      rating: record.rating,
      ratingNormalised: orNull(record.rating_normalised),
      ratingType: record.rating_type,
      category: orNull(record.dual_use_category),
      ratingDescription: orNull(record.rating_description),
      itemCount: Number(record.count),
      valueGbp: orNull(record.value_gbp),
      refused: record.refused === '1',
      refusalCriteria: record.refusal_criteria === '' ? [] : record.refusal_criteria.split(CRITERIA_SEPARATOR),
      extra: jsonColumn({
        source_row: record.source_row,
        year: record.year,
        ratings_csv_military: record.ratings_csv_military,
      }),
      citationId: citation.id,
    };
  });
  if (unmapped.size > 0) {
    ctx.log('uk-licences: destinations without an ISO code (stored as written, destinationIso null)', {
      names: unmapped.size,
      rows: [...unmapped.values()].reduce((sum, count) => sum + count, 0),
      notInTheMapping: [...unknown].sort(),
    });
  }

  await syncTable(ctx, CITATION_TABLE, [citation]);
  await syncTableInBulk(ctx, DECISION_TABLE, rows);
}
