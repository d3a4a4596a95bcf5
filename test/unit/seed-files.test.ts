import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exponentNoteApplies } from '../../src/db/seed/control-entry-notes.js';
import { SEED_FILES, SeedFiles, type SeedFileName } from '../../src/db/seed/read-seed-files.js';
import { canonicalJson, parseStatedDay, stableId } from '../../src/db/seed/stable-id.js';

const files = new SeedFiles(resolve(import.meta.dirname, '../../seed'));

describe('seed files', () => {
  it('all have the shape the loader expects', async () => {
    for (const name of Object.keys(SEED_FILES) as SeedFileName[]) await expect(files.get(name)).resolves.toBeDefined();
  });

  it('hold the record counts the data README states', async () => {
    expect(
      (await files.get('ccl')).flatMap((category) => category.product_groups.flatMap((group) => group.eccn)),
    ).toHaveLength(606);
    expect(await files.get('controlEntries')).toHaveLength(70);
    expect(await files.get('exemptions')).toHaveLength(30);
    expect(await files.get('consultations')).toHaveLength(12);
    expect(await files.get('impactMetrics')).toHaveLength(96);
    expect(await files.get('guidance')).toHaveLength(10);
  });

  it('have editorial metadata for every record that needs it', async () => {
    const kinds = (await files.get('exemptionsEditorial')).kinds;
    for (const record of await files.get('exemptions')) expect(kinds[record.id], record.id).toBeDefined();
    const guidance = (await files.get('guidanceEditorial')).documents;
    for (const record of await files.get('guidance')) expect(guidance[record.id], record.id).toBeDefined();
    const methods = new Set((await files.get('impactSources')).sources.map((source) => source.url));
    for (const record of await files.get('impactMetrics')) expect(methods.has(record.source), record.source).toBe(true);
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
