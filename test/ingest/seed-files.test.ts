import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_DATASETS } from '../../src/ingest/index.js';
import { CONTROL_ENTRIES_FILE, exponentNoteApplies } from '../../src/ingest/importers/control-entry-records.js';
import { CONSULTATIONS_FILE } from '../../src/ingest/importers/consultations.js';
import { EXEMPTIONS_EDITORIAL_FILE, EXEMPTIONS_FILE } from '../../src/ingest/importers/exemptions.js';
import { GUIDANCE_EDITORIAL_FILE, GUIDANCE_FILE } from '../../src/ingest/importers/guidance.js';
import { IMPACT_METRICS_FILE, IMPACT_SOURCES_FILE } from '../../src/ingest/importers/impact.js';
import { CCL_FILE } from '../../src/ingest/importers/us-ccl.js';
import { SeedFiles } from '../../src/ingest/seed-files.js';
import { readSeedCsv } from '../../src/ingest/seed-csv-files.js';
import { canonicalJson, stableId } from '../../src/ingest/stable-id.js';
import { parseStatedDay } from '../../src/ingest/stated-dates.js';

const files = new SeedFiles(resolve(import.meta.dirname, '../../seed'));

describe('seed files', () => {
  it('all have the shape the loader expects', async () => {
    const inputs = new Map(SEED_DATASETS.flatMap((dataset) => dataset.files).map((file) => [file.path, file]));
    // 14 public data files (every list, the CCL history and its rules, the UK licences) and 9 editorial files.
    expect([...inputs.keys()].filter((path) => path.startsWith('data/'))).toHaveLength(14);
    expect(inputs.size).toBe(23);
    for (const file of inputs.values()) {
      const read = file.path.endsWith('.csv.gz') ? readSeedCsv(files, file) : files.get(file);
      await expect(read, file.path).resolves.toBeDefined();
    }
  });

  it('are named once each in the dataset checksums', () => {
    const pathsByName = new Map<string, Set<string>>();
    for (const file of SEED_DATASETS.flatMap((dataset) => dataset.files)) {
      pathsByName.set(file.name, (pathsByName.get(file.name) ?? new Set()).add(file.path));
    }
    for (const [name, paths] of pathsByName) expect([...paths], name).toHaveLength(1);
  });

  it('hold the record counts the data README states', async () => {
    expect(
      (await files.get(CCL_FILE)).flatMap((category) => category.product_groups.flatMap((group) => group.eccn)),
    ).toHaveLength(606);
    expect(await files.get(CONTROL_ENTRIES_FILE)).toHaveLength(70);
    expect(await files.get(EXEMPTIONS_FILE)).toHaveLength(30);
    expect(await files.get(CONSULTATIONS_FILE)).toHaveLength(12);
    expect(await files.get(IMPACT_METRICS_FILE)).toHaveLength(96);
    expect(await files.get(GUIDANCE_FILE)).toHaveLength(10);
  });

  it('have editorial metadata for every record that needs it', async () => {
    const kinds = (await files.get(EXEMPTIONS_EDITORIAL_FILE)).kinds;
    for (const record of await files.get(EXEMPTIONS_FILE)) expect(kinds[record.id], record.id).toBeDefined();
    const guidance = (await files.get(GUIDANCE_EDITORIAL_FILE)).documents;
    for (const record of await files.get(GUIDANCE_FILE)) expect(guidance[record.id], record.id).toBeDefined();
    const methods = new Set((await files.get(IMPACT_SOURCES_FILE)).sources.map((source) => source.url));
    for (const record of await files.get(IMPACT_METRICS_FILE))
      expect(methods.has(record.source), record.source).toBe(true);
  });
});

describe('seed helpers', () => {
  it('derives the same id from the same key, and different ids per model', () => {
    expect(stableId('ControlProvision', 'US-EAR-CCL-6A003')).toBe(stableId('ControlProvision', 'US-EAR-CCL-6A003'));
    expect(stableId('ControlProvision', 'US-EAR-CCL-6A003')).toMatch(/^k[0-9a-f]{24}$/);
    expect(stableId('Threshold', 'US-EAR-CCL-6A003')).not.toBe(stableId('ControlProvision', 'US-EAR-CCL-6A003'));
  });

  it('hashes content independent of key order and of null versus absent', () => {
    expect(canonicalJson({ b: 1, a: [null, new Date(Date.UTC(2025, 6, 11))], c: null })).toBe(
      '{"a":[null,"2025-07-11"],"b":1}',
    );
  });

  it('reads the date formats of the consultation records', () => {
    expect(parseStatedDay('June 21, 2008')?.toISOString()).toBe('2008-06-21T00:00:00.000Z');
    expect(parseStatedDay('12 December 2024')?.toISOString()).toBe('2024-12-12T00:00:00.000Z');
    expect(parseStatedDay('2019-01-10')?.toISOString()).toBe('2019-01-10T00:00:00.000Z');
    expect(parseStatedDay('June 31, 2008')).toBeNull();
    expect(parseStatedDay('Edited on 30/11/2021')).toBeNull();
  });

  it('attaches a record-level exponent note to the paragraphs it names', () => {
    const note = "In 6A003.b.1.a the source text reads '4 x 106' and '12 x 106'";
    expect(exponentNoteApplies(note, '6A003.b.1.a.1', 'More than 4 x 106')).toBe(true);
    expect(exponentNoteApplies(note, '6A003.b.1.a', 'More than 4 x 106')).toBe(true);
    expect(exponentNoteApplies(note, '6A003.b.2.a', 'A peak response')).toBe(false);
    expect(exponentNoteApplies("'5 × 104 Gy' = 5 × 10^4 Gy", 'x', 'dose greater than 5 × 104 Gy')).toBe(true);
  });
});
