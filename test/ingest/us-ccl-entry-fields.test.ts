import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  categoryNumber,
  parseCclEntry,
  parseReasonsForControl,
  productGroupLetter,
} from '../../src/ingest/importers/us-ccl-entry-fields.js';
import { controlEntriesFileSchema } from '../../src/ingest/importers/control-entry-records.js';
import { cclFileSchema } from '../../src/ingest/importers/us-ccl.js';

const dataDir = resolve(import.meta.dirname, '../../seed/data');
const ccl = cclFileSchema.parse(JSON.parse(readFileSync(resolve(dataDir, 'us_ccl_full.json'), 'utf8')));
const records = controlEntriesFileSchema.parse(
  JSON.parse(readFileSync(resolve(dataDir, 'control_entries.json'), 'utf8')),
);
const detailsByCode = new Map(
  ccl
    .flatMap((category) => category.product_groups.flatMap((group) => group.eccn))
    .map((entry) => [entry.code, entry.details]),
);
const usRecords = records.filter((record) => record.id === `US-EAR-CCL-${record.code}`);

describe('CCL entry fields', () => {
  it('reads category numbers and product-group letters', () => {
    expect(categoryNumber('Category 6-Sensors and Lasers')).toBe('6');
    expect(categoryNumber('Category 6 - Sensors and lasers')).toBe('6');
    expect(productGroupLetter('A. "End Items", "Equipment"')).toBe('A');
    expect(productGroupLetter('Part 2-"Information Security" D. "Software"')).toBe('D');
    expect(productGroupLetter('C. <p>"Materials"</p>')).toBe('C');
  });

  it('parses 6A003 as the worked-out record has it', () => {
    const parsed = parseCclEntry(detailsByCode.get('6A003') ?? '');
    expect(parsed.reasonsForControl).toEqual(['NS', 'NP', 'RS', 'AT', 'UN']);
    expect(parsed.controlTable).toHaveLength(6);
    expect(parsed.controlTable?.[3]).toEqual({
      control:
        'RS applies to items controlled in 6A003.b.4.b that have a frame rate of 60 Hz or less and that incorporate a focal plane array with not more than 111,000 elements if not being exported or reexported to be embedded in a civil product',
      countryChart: 'RS Column 2',
    });
    expect(parsed.licenceExceptions).toMatchObject({
      LVS: '$1500, except N/A for 6A003.a.3 through a.6, b.1, b.3 and b.4.',
      GBS: 'N/A',
    });
    expect(parsed.relatedControls).toMatch(/^\(1\) See ECCNs 6E001/);
  });

  it('agrees with every US record of control_entries.json', () => {
    expect(usRecords.length).toBe(64);
    for (const record of usRecords) {
      const parsed = parseCclEntry(detailsByCode.get(record.code) ?? '');
      const table = (record.control_table ?? []).map((row) => ({
        control: row.control,
        countryChart: row.country_chart,
      }));
      expect(parsed.controlTable ?? [], record.code).toEqual(table);
      expect(parsed.relatedControls ?? null, record.code).toBe(record.related_controls ?? null);
      // Our values are complete; the research record sometimes kept only the first line.
      for (const [key, value] of Object.entries(record.license_exceptions ?? {})) {
        expect(parsed.licenceExceptions?.[key]?.startsWith(value), `${record.code} ${key}`).toBe(true);
      }
      if (record.reasons_for_control && record.code !== '6A991') {
        // 6A991: the record normalised "foreign policy" to "FP"; we keep the source's words.
        expect(parsed.reasonsForControl, record.code).toEqual(record.reasons_for_control);
      }
    }
  });

  it('splits reason codes the source forgot to separate', () => {
    expect(parseReasonsForControl('*Reason for Control:* RS AT')).toEqual(['RS', 'AT']);
    expect(parseReasonsForControl('*Reason for Control:* NS, MT and AT')).toEqual(['NS', 'MT', 'AT']);
    expect(parseReasonsForControl('*Reason for Control:* AT, foreign policy')).toEqual(['AT', 'foreign policy']);
    expect(parseReasonsForControl('*Reason for Control:*\n\n*Control(s):* text')).toEqual([]);
  });
});
