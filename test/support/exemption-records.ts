// The exemption records as the seed loader stores them (exemptions.json, with the Annex II
// authorisations from eu_annex_ii_gea.json under their own keys), for the pure checkExemptions
// tests: no validity dates, "revoked" from the record's own type label.
import { readFileSync } from 'node:fs';
import type { ExemptionRecordInfo } from '../../src/classification/exemption-evaluation.js';
import { EU_ANNEX_II_EDITORIAL_FILE, readAnnexIi } from '../../src/ingest/importers/eu-annex-ii-records.js';
import { annexIiFileSchema } from '../../src/ingest/importers/eu-annex-ii-source.js';

export type SeedExemptionRecord = Record<string, unknown> & {
  id: string;
  name: string;
  provision: string;
  type: string;
  applies_to: string[];
};

export interface TestExemptionRecord extends ExemptionRecordInfo {
  citation: string;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));

export function seedExemptionRecords(): SeedExemptionRecord[] {
  const annexIi = readAnnexIi(
    annexIiFileSchema.parse(readJson('../../seed/data/eu_annex_ii_gea.json')),
    EU_ANNEX_II_EDITORIAL_FILE.schema.parse(readJson('../../seed/editorial/eu-annex-ii.json')),
  ).map((reading) => reading.record as SeedExemptionRecord);
  const annexIiKeys = new Set(annexIi.map((record) => record.id));
  return [
    ...(readJson('../../seed/data/exemptions.json') as SeedExemptionRecord[]).filter(
      (record) => !annexIiKeys.has(record.id),
    ),
    ...annexIi,
  ];
}

export function testExemptionRecords(seed = seedExemptionRecords()): Map<string, TestExemptionRecord> {
  return new Map(
    seed.map((record) => [
      record.id,
      {
        key: record.id,
        name: record.name,
        legalBasis: record.provision,
        revoked: /\brevoked\b/i.test(record.type),
        validFrom: null,
        validTo: null,
        citation: `citation of ${record.id}`,
      },
    ]),
  );
}
