// Dataset "uk-licences" on a fresh in-memory database (only the reference dataset before it):
// every row of seed/data/uk_licences_2008_2015.csv.gz as a LicensingDecision, checked against
// the file itself and against the figures its summary file states.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportContext, Importer } from '../../src/ingest/importer.js';
import { referenceImporter } from '../../src/ingest/importers/reference.js';
import { UNMAPPED_DESTINATIONS, isKnownDestination } from '../../src/ingest/importers/uk-licence-destinations.js';
import { ukLicenceSourceKey, ukLicencesImporter } from '../../src/ingest/importers/uk-licences.js';
import { DEFAULT_SEED_DIR, TRANSACTION_OPTIONS } from '../../src/ingest/index.js';
import { SeedFiles } from '../../src/ingest/seed-files.js';
import { stableId } from '../../src/ingest/stable-id.js';
import { IdMap } from '../../src/ingest/sync-context.js';
import {
  readUkLicenceCsv,
  readUkLicenceSummary,
  type UkLicenceCsvRow,
  type UkLicenceSummary,
} from '../support/uk-licence-rows.js';
import { openLoggedDatabase, REMOVING_STATEMENT, type LoggedDatabase } from './logged-database.js';

let db: LoggedDatabase;
let csv: UkLicenceCsvRow[];
let summary: UkLicenceSummary;
let first: ImportContext;
const logged: Array<{ msg: string; data?: object }> = [];

/** One dataset in its own transaction, as seedDatabase runs it. */
function load(importer: Importer): Promise<ImportContext> {
  const files = new SeedFiles(DEFAULT_SEED_DIR);
  return db.logStatements(() =>
    db.prisma.$transaction(async (tx) => {
      const ctx: ImportContext = {
        tx,
        files,
        dataset: importer.name,
        ids: new IdMap(),
        audits: [],
        counts: {},
        log: (msg, data) => logged.push({ msg, data }),
        written: [],
      };
      await importer.load(ctx);
      return ctx;
    }, TRANSACTION_OPTIONS),
  );
}

const count = <T>(rows: readonly T[], test: (row: T) => boolean) => rows.filter(test).length;
/** Sum of the CSV's value_gbp text as exact integers (the source's values are whole pounds). */
const sumValues = (rows: readonly UkLicenceCsvRow[]) =>
  rows.reduce((sum, row) => sum + (row.value_gbp === '' ? 0n : BigInt(row.value_gbp)), 0n);

beforeAll(async () => {
  csv = readUkLicenceCsv();
  summary = readUkLicenceSummary();
  db = await openLoggedDatabase();
  await load(referenceImporter);
  first = await load(ukLicencesImporter);
}, 180_000);

afterAll(async () => {
  await db?.close();
});

describe('uk-licences', () => {
  it('loads one decision per row of the file (96,311), every one citing the CAAT file at its commit', async () => {
    expect(csv).toHaveLength(96_311);
    expect(summary.rows).toBe(96_311);
    expect(first.counts.LicensingDecision).toEqual({ rows: 96_311, created: 96_311, updated: 0, unchanged: 0 });
    expect(await db.prisma.licensingDecision.count()).toBe(csv.length);
    const citations = await db.prisma.licensingDecision.groupBy({ by: ['citationId'], _count: true });
    expect(citations).toHaveLength(1);
    const citation = await db.prisma.citation.findUniqueOrThrow({ where: { id: citations[0]?.citationId ?? '' } });
    expect(citation).toMatchObject({
      sourceType: 'GITHUB_FILE',
      repository: summary.source.repository,
      commit: summary.source.commit,
      path: 'values.csv',
      url: `https://github.com/caatdata/uk-arms-export-data/blob/${summary.source.commit}/values.csv`,
      publisher: 'Campaign Against Arms Trade',
    });
    expect(citation.licence).toContain('Open Government Licence');
    const uk = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { code: 'UK' } });
    expect(await db.prisma.licensingDecision.count({ where: { jurisdictionId: uk.id } })).toBe(csv.length);
  });

  it('stores every row as the file gives it: ids from source_row, values verbatim, criteria split at ";"', async () => {
    const stored = await db.prisma.licensingDecision.findMany({ orderBy: { sourceKey: 'asc' } });
    const bySourceKey = new Map(stored.map((row) => [row.sourceKey, row]));
    const mismatches: string[] = [];
    for (const row of csv) {
      const decision = bySourceKey.get(ukLicenceSourceKey(row.source_row));
      const expected = {
        id: stableId('LicensingDecision', ukLicenceSourceKey(row.source_row)),
        licenceGroup: row.licence_group,
        decidedOn: row.date,
        destination: row.country,
        rating: row.rating,
        ratingNormalised: row.rating_normalised || null,
        ratingType: row.rating_type,
        category: row.dual_use_category || null,
        ratingDescription: row.rating_description || null,
        itemCount: Number(row.count),
        valueGbp: row.value_gbp || null,
        refused: row.refused === '1',
        refusalCriteria: row.refusal_criteria === '' ? [] : row.refusal_criteria.split(';'),
        extra: { source_row: row.source_row, year: row.year, ratings_csv_military: row.ratings_csv_military },
      };
      const actual = decision && {
        id: decision.id,
        licenceGroup: decision.licenceGroup,
        decidedOn: decision.decidedOn.toISOString().slice(0, 10),
        destination: decision.destination,
        rating: decision.rating,
        ratingNormalised: decision.ratingNormalised,
        ratingType: decision.ratingType,
        category: decision.category,
        ratingDescription: decision.ratingDescription,
        itemCount: decision.itemCount,
        valueGbp: decision.valueGbp?.toFixed(0) ?? null,
        refused: decision.refused,
        refusalCriteria: decision.refusalCriteria,
        extra: decision.extra,
      };
      // Keys in one order for both (jsonb keeps object keys in its own order).
      const keys = [...Object.keys(expected), ...Object.keys(expected.extra)];
      if (JSON.stringify(actual, keys) !== JSON.stringify(expected, keys)) mismatches.push(row.source_row);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(stored.every((row) => row.decidedOn.getUTCHours() === 0 && row.decidedOn.getUTCMinutes() === 0)).toBe(true);
    // The one rating written in lower case keeps its spelling; the source's normalised form is beside it.
    const lower = stored.filter((row) => row.rating !== row.rating.toUpperCase() && row.ratingType !== 'other');
    expect(lower.map((row) => [row.rating, row.ratingNormalised])).toEqual([['ml16', 'ML16']]);
    const multi = stored.find((row) => row.refusalCriteria.length === 3 && row.refusalCriteria.join(';') === '2;3;4');
    expect(multi?.refused).toBe(true);
  });

  it('holds Category 6 (5,549 decisions, 6A003 2,874) with the rows, refusals and values the summary states per rating', async () => {
    const category6 = csv.filter((row) => row.dual_use_category === '6');
    expect(category6).toHaveLength(5_549);
    expect(summary.category_6_rows).toBe(5_549);
    expect(await db.prisma.licensingDecision.count({ where: { category: '6' } })).toBe(5_549);
    expect(count(csv, (row) => row.rating_normalised === '6A003')).toBe(2_874);
    expect(await db.prisma.licensingDecision.count({ where: { ratingNormalised: '6A003' } })).toBe(2_874);

    const perRating = await db.prisma.$queryRaw<
      Array<{ rating: string; rows: number; refused: number; value: string | null }>
    >`SELECT "ratingNormalised" AS rating, count(*)::int AS rows, (count(*) FILTER (WHERE "refused"))::int AS refused,
        sum("valueGbp")::text AS value
      FROM "LicensingDecision" WHERE "category" = '6' GROUP BY 1 ORDER BY 1`;
    expect(perRating).toHaveLength(20);
    expect(
      Object.fromEntries(perRating.map((row) => [row.rating, [row.rows, row.refused, Number(row.value ?? 0)]])),
    ).toEqual(
      Object.fromEntries(
        Object.entries(summary.category_6_per_rating).map(([rating, figures]) => [
          rating,
          [figures.rows, figures.refused_rows, figures.value_gbp_sum],
        ]),
      ),
    );
  });

  it('gives the rows, refusals and value sums per year and the rows per rating type the summary states', async () => {
    const perYear = await db.prisma.$queryRaw<Array<{ year: string; rows: number; refused: number; value: string }>>`
      SELECT to_char("decidedOn", 'YYYY') AS year, count(*)::int AS rows,
        (count(*) FILTER (WHERE "refused"))::int AS refused, sum("valueGbp")::text AS value
      FROM "LicensingDecision" GROUP BY 1 ORDER BY 1`;
    expect(perYear.map((row) => row.year)).toEqual(Object.keys(summary.per_year).sort());
    for (const row of perYear) {
      const stated = summary.per_year[row.year];
      expect({ year: row.year, rows: row.rows, refused: row.refused, approved: row.rows - row.refused }).toEqual({
        year: row.year,
        rows: stated?.rows,
        refused: stated?.refused_rows,
        approved: stated?.approved_rows,
      });
      expect(BigInt(row.value.replace(/\.00$/, '')), row.year).toBe(BigInt(stated?.value_gbp_sum ?? -1));
    }
    const total = await db.prisma.licensingDecision.aggregate({ _sum: { valueGbp: true } });
    expect(total._sum.valueGbp?.toFixed(0)).toBe(String(summary.value_gbp_sum_all_rows));
    expect(sumValues(csv)).toBe(BigInt(summary.value_gbp_sum_all_rows));

    const perType = await db.prisma.licensingDecision.groupBy({ by: ['ratingType'], _count: true });
    expect(Object.fromEntries(perType.map((row) => [row.ratingType, row._count]))).toEqual(summary.per_rating_type);
  });

  it('leaves the value of every refused decision null (1,411), never 0, and gives every other decision one', async () => {
    const refused = count(csv, (row) => row.refused === '1');
    expect(refused).toBe(1_411);
    expect(summary.rows_with_empty_value).toBe(1_411);
    expect(await db.prisma.licensingDecision.count({ where: { refused: true } })).toBe(refused);
    expect(await db.prisma.licensingDecision.count({ where: { refused: true, valueGbp: { not: null } } })).toBe(0);
    expect(await db.prisma.licensingDecision.count({ where: { refused: false, valueGbp: null } })).toBe(0);
    // Refused rows state their criteria, except one the compiler's criteria file has none for.
    const withoutCriteria = await db.prisma.licensingDecision.findMany({
      where: { refused: true, refusalCriteria: { isEmpty: true } },
      select: { sourceKey: true },
    });
    expect(withoutCriteria.map((row) => row.sourceKey)).toEqual(
      csv
        .filter((row) => row.refused === '1' && row.refusal_criteria === '')
        .map((row) => ukLicenceSourceKey(row.source_row)),
    );
    expect(
      await db.prisma.licensingDecision.count({
        where: { refused: false, NOT: { refusalCriteria: { isEmpty: true } } },
      }),
    ).toBe(0);
  });

  it('maps destinations to ISO codes only where the name is one country, and counts the others', async () => {
    expect(csv.filter((row) => !isKnownDestination(row.country))).toEqual([]);
    const unmappedNames = new Set(Object.keys(UNMAPPED_DESTINATIONS));
    const unmappedRows = count(csv, (row) => unmappedNames.has(row.country));
    expect(unmappedRows).toBe(760);
    expect(await db.prisma.licensingDecision.count({ where: { destinationIso: null } })).toBe(unmappedRows);
    const report = logged.find((entry) => entry.msg.startsWith('uk-licences: destinations without an ISO code'));
    expect(report?.data).toEqual({ names: unmappedNames.size, rows: unmappedRows, notInTheMapping: [] });
    const isoOf = async (destination: string) =>
      (await db.prisma.licensingDecision.findFirstOrThrow({ where: { destination } })).destinationIso;
    expect(await isoOf('Hong Kong Special Administrative Region')).toBe('HK');
    expect(await isoOf('United States of America')).toBe('US');
    expect(await isoOf('Channel Islands')).toBeNull();
    expect(await isoOf('Kosovo')).toBeNull();
    const china = await db.prisma.licensingDecision.count({ where: { destinationIso: 'CN' } });
    expect(china).toBe(count(csv, (row) => row.country === 'China'));
  });

  it('loading the same file again writes nothing and keeps every id; no statement removed a row', async () => {
    const again = await load(ukLicencesImporter);
    expect(again.counts.LicensingDecision).toEqual({ rows: 96_311, created: 0, updated: 0, unchanged: 96_311 });
    expect(again.audits).toEqual([]);
    expect(await db.prisma.licensingDecision.count()).toBe(96_311);
    expect(db.statements.filter((sql) => REMOVING_STATEMENT.test(sql))).toEqual([]);
  });
});
