// The UK licence data file read the plain way (gunzip, csv-parse with the header as keys), so
// the tests compare the database and the API with the file itself, not with the importer's
// reading of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { DEFAULT_SEED_DIR } from '../../src/ingest/index.js';

export type UkLicenceCsvRow = Record<
  | 'source_row'
  | 'licence_group'
  | 'date'
  | 'year'
  | 'country'
  | 'rating'
  | 'rating_type'
  | 'rating_normalised'
  | 'dual_use_category'
  | 'rating_description'
  | 'ratings_csv_military'
  | 'count'
  | 'value_gbp'
  | 'refused'
  | 'refusal_criteria',
  string
>;

export interface UkLicenceSummary {
  rows: number;
  rows_with_empty_value: number;
  value_gbp_sum_all_rows: number;
  source: { repository: string; commit: string };
  per_year: Record<string, { rows: number; approved_rows: number; refused_rows: number; value_gbp_sum: number }>;
  per_rating_type: Record<string, number>;
  category_6_rows: number;
  category_6_per_rating: Record<string, { rows: number; refused_rows: number; value_gbp_sum: number }>;
}

export function readUkLicenceCsv(): UkLicenceCsvRow[] {
  const bytes = readFileSync(join(DEFAULT_SEED_DIR, 'data/uk_licences_2008_2015.csv.gz'));
  return parse(gunzipSync(bytes), { columns: true, bom: true }) as UkLicenceCsvRow[];
}

export function readUkLicenceSummary(): UkLicenceSummary {
  const text = readFileSync(join(DEFAULT_SEED_DIR, 'data/uk_licences_2008_2015_summary.json'), 'utf8');
  return JSON.parse(text) as UkLicenceSummary;
}
