// The EAR licence engine, case by case from the texts: the control tables and License
// Exceptions sections of the ECCNs (15 CFR 774 Supp. 1, as seed/data holds them), the Commerce
// Country Chart rows and footnotes (15 CFR 738 Supp. 1, eCFR 2026-07-23) and the Country Groups
// (15 CFR 740 Supp. 1). Where a fact decides, both sides are tested.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeFacts, type FactInput } from '../../src/classification/item-facts-input.js';
import type { RegimeLicenceAnswer } from '../../src/classification/licence-answer.js';
import { paragraphRefs } from '../../src/classification/paragraph-refs.js';
import { loadRulebook } from '../../src/classification/rulebook.js';
import { loadUsCountryTables } from '../../src/classification/us-country-chart.js';
import { listBasedExceptions } from '../../src/classification/us-licence-exceptions.js';
import { usLicenceRequirement, type UsEntryInput } from '../../src/classification/us-licence-requirement.js';
import { parseCclEntry } from '../../src/ingest/importers/us-ccl-entry-fields.js';

const SEED = join(import.meta.dirname, '../../seed/data');
const rulebook = loadRulebook();
const tables = loadUsCountryTables();

interface ControlEntryRecord {
  id: string;
  reasons_for_control: string[] | null;
  control_table?: { control: string; country_chart: string }[];
  license_exceptions?: Record<string, string>;
}
const records = JSON.parse(readFileSync(join(SEED, 'control_entries.json'), 'utf8')) as ControlEntryRecord[];

/** The current CCL text of an entry (us_ccl_full.json), parsed as the importer parses it. */
function cclDetails(eccn: string): string {
  const categories = JSON.parse(readFileSync(join(SEED, 'us_ccl_full.json'), 'utf8')) as {
    product_groups: { eccn: { code: string; details: string }[] }[];
  }[];
  for (const category of categories)
    for (const group of category.product_groups)
      for (const entry of group.eccn) if (entry.code === eccn) return entry.details;
  throw new Error(`${eccn} not in us_ccl_full.json`);
}

/** An entry as the CCL prints it (control_entries.json, or the full CCL when it is not there). */
function entry(code: string): UsEntryInput {
  const eccn = code.split('.')[0] ?? code;
  const record = records.find((candidate) => candidate.id === `US-EAR-CCL-${eccn}`);
  if (record?.control_table) {
    return {
      code,
      basis: 'GIVEN',
      classification: 'MET',
      reasonsForControl: record.reasons_for_control ?? [],
      controlTable: record.control_table.map((line) => ({ control: line.control, countryChart: line.country_chart })),
      licenceExceptions: record.license_exceptions ?? null,
    };
  }
  const parsed = parseCclEntry(cclDetails(eccn));
  return {
    code,
    basis: 'GIVEN',
    classification: 'MET',
    reasonsForControl: parsed.reasonsForControl,
    controlTable: parsed.controlTable ?? [],
    licenceExceptions: parsed.licenceExceptions,
  };
}

interface Ask {
  code: string;
  destination: string;
  name?: string;
  facts?: FactInput[];
  value?: number | null;
  crimea?: boolean | null;
}

function ask({ code, destination, name, facts = [], value = null, crimea = null }: Ask): RegimeLicenceAnswer {
  return usLicenceRequirement({
    tables,
    rulebook,
    destination,
    destinationName: name ?? tables.row(destination)?.name ?? destination,
    entries: [entry(code)],
    facts: normalizeFacts(rulebook, facts),
    shipmentValueUsd: value,
    inCrimeaRegions: crimea,
    noEntries: null,
  });
}

/** 640 x 512 = 327,680 elements: more than the 111,000 of the 6A003 RS lines. */
const LARGE = (hz: number, civil?: boolean): FactInput[] => [
  { name: 'frame_rate', value: hz, unit: 'Hz' },
  { name: 'focal_plane_array_elements', value: 640 * 512 },
  ...(civil === undefined ? [] : [{ name: 'embedded_in_civil_product', value: civil }]),
];
/** 320 x 240 = 76,800 elements: not more than 111,000. */
const SMALL = (hz: number, civil?: boolean): FactInput[] => [
  { name: 'frame_rate', value: hz, unit: 'Hz' },
  { name: 'focal_plane_array_elements', value: 320 * 240 },
  ...(civil === undefined ? [] : [{ name: 'embedded_in_civil_product', value: civil }]),
];

const line = (answer: RegimeLicenceAnswer, column: string) => {
  const found = answer.entries[0]?.reasons.find((check) => (check.column ?? check.countryChart) === column);
  if (!found) throw new Error(`no ${column} line`);
  return found;
};
const exception = (answer: RegimeLicenceAnswer, code: string) => {
  const found = answer.exceptions.find((candidate) => candidate.code === code);
  if (!found) throw new Error(`no ${code}: ${answer.exceptions.map((candidate) => candidate.code).join(', ')}`);
  return found;
};

describe('Country Chart rows against the 6A003 control table (6A003.b.4.b cameras)', () => {
  it('Canada (row: CB1, FC1 only): 640x512 at 30 Hz needs no licence for NS2 or RS1', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'CA', facts: LARGE(30) });
    expect(answer.chartRow?.xColumns).toEqual(['CB1', 'FC1']);
    expect(line(answer, 'NS2')).toMatchObject({
      lineApplies: 'MET',
      destinationMarked: false,
      outcome: 'NO_LICENCE_REQUIRED',
    });
    expect(line(answer, 'RS1')).toMatchObject({ lineApplies: 'MET', destinationMarked: false });
    expect(line(answer, 'RS2')).toMatchObject({ lineApplies: 'NOT_MET', outcome: 'NOT_APPLICABLE' });
    expect(answer.verdict).toBe('NO_LICENCE_REQUIRED');
    expect(answer.exceptions).toEqual([]);
    expect(answer.trace).toContain(
      'No licence is required for the reasons assessed, so the licence exceptions of the entry (LVS, GBS, STA) are not needed.',
    );
  });

  it('Canada: with no frame rate or array size, neither RS column is marked, so the open RS line does not matter', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'CA' });
    expect(line(answer, 'RS1').lineApplies).toBe('UNKNOWN');
    expect(line(answer, 'RS2').lineApplies).toBe('UNKNOWN');
    expect(answer.verdict).toBe('NO_LICENCE_REQUIRED');
    expect(answer.questions).toEqual([]);
  });

  it('China (row: NS2, RS1, RS2 ... marked): 640x512 at 30 Hz needs a licence for NS2 and RS1; LVS and GBS are N/A for b.4', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'CN', facts: LARGE(30) });
    expect(line(answer, 'NS2')).toMatchObject({ destinationMarked: true, outcome: 'LICENCE_REQUIRED' });
    expect(line(answer, 'RS1')).toMatchObject({
      lineApplies: 'MET',
      destinationMarked: true,
      outcome: 'LICENCE_REQUIRED',
    });
    expect(exception(answer, 'LVS').status).toBe('NOT_AVAILABLE');
    expect(exception(answer, 'GBS').status).toBe('NOT_AVAILABLE');
    expect(answer.verdict).toBe('LICENCE_REQUIRED');
    expect(answer.reason).toMatch(/^A licence is required to China for NS \(NS2\), RS \(RS1\)/);
  });

  it('China: 320x240 at 30 Hz, not embedded in a civil product, falls under RS Column 2, which China also marks', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'CN', facts: SMALL(30, false) });
    expect(line(answer, 'RS1').lineApplies).toBe('NOT_MET');
    expect(line(answer, 'RS2')).toMatchObject({
      lineApplies: 'MET',
      destinationMarked: true,
      outcome: 'LICENCE_REQUIRED',
    });
  });

  it('Japan (row: NS1, RS1, no NS2): 640x512 (> 111,000 elements) falls under RS Column 1, marked: licence required', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'JP', facts: LARGE(30) });
    expect(line(answer, 'NS2')).toMatchObject({ destinationMarked: false, outcome: 'NO_LICENCE_REQUIRED' });
    expect(line(answer, 'RS1').outcome).toBe('LICENCE_REQUIRED');
    expect(answer.verdict).toBe('LICENCE_REQUIRED');
  });

  it('Japan: 320x240 at 30 Hz not embedded in a civil product falls under RS Column 2, not marked: no licence', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'JP', facts: SMALL(30, false) });
    expect(line(answer, 'RS2')).toMatchObject({ lineApplies: 'MET', destinationMarked: false });
    expect(answer.verdict).toBe('NO_LICENCE_REQUIRED');
  });

  it('Japan: 320x240 at 30 Hz embedded in a civil product falls under RS Column 1 ("when being exported ... to be embedded in a civil product")', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'JP', facts: SMALL(30, true) });
    expect(line(answer, 'RS1')).toMatchObject({ lineApplies: 'MET', outcome: 'LICENCE_REQUIRED' });
    expect(answer.verdict).toBe('LICENCE_REQUIRED');
  });

  it('Japan: 320x240 at 30 Hz without the civil-product fact: RS1 or RS2 undecided, so INDETERMINATE asking embedded_in_civil_product', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'JP', facts: SMALL(30) });
    expect(answer.verdict).toBe('INDETERMINATE');
    expect(answer.questions).toEqual([
      expect.objectContaining({ fact: 'embedded_in_civil_product', givenAs: 'activity' }),
    ]);
  });

  it('Japan: the frame-rate boundary of the RS lines ("greater than 60 Hz" vs "60 Hz or less")', () => {
    expect(ask({ code: '6A003.b.4.b', destination: 'JP', facts: SMALL(61, false) }).verdict).toBe('LICENCE_REQUIRED');
    expect(ask({ code: '6A003.b.4.b', destination: 'JP', facts: SMALL(60, false) }).verdict).toBe(
      'NO_LICENCE_REQUIRED',
    );
  });

  it('the RS Column 1 line points to § 742.6(a)(2)(iii) and (v) "for certain exemptions": listed as undecided, not dropped', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'JP', facts: LARGE(30) });
    expect(exception(answer, '§ 742.6(a)(2)(iii) and (v)')).toMatchObject({ status: 'UNDECIDED', entry: '6A003' });
  });

  it('the NP line names only 6A003.a.3, a.4 and a.6: it does not reach b.4.b', () => {
    expect(line(ask({ code: '6A003.b.4.b', destination: 'CN' }), 'NP1')).toMatchObject({
      lineApplies: 'NOT_MET',
      outcome: 'NOT_APPLICABLE',
    });
    expect(line(ask({ code: '6A003.a.3', destination: 'CN' }), 'NP1')).toMatchObject({
      lineApplies: 'MET',
      outcome: 'LICENCE_REQUIRED',
    });
  });

  it('only the entry 6A003 given: the RS lines name narrower paragraphs, so the paragraph is asked for', () => {
    const answer = ask({ code: '6A003', destination: 'JP' });
    expect(line(answer, 'RS1').lineApplies).toBe('UNKNOWN');
    expect(answer.questions.some((question) => question.givenAs === 'provisions')).toBe(true);
    expect(answer.verdict).toBe('INDETERMINATE');
  });
});

describe('embargo pointer rows (Cuba, Iran, North Korea, Syria): "see Part 746", never "no X, no licence"', () => {
  it('Iran: INDETERMINATE with the row text, footnote 1 verbatim and Country Group E:1', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'IR', facts: LARGE(30) });
    expect(answer.chartRow).toMatchObject({ rowType: 'EMBARGO_POINTER', xColumns: [] });
    expect(answer.verdict).toBe('INDETERMINATE');
    expect(answer.entries[0]?.reasons.some((check) => check.outcome === 'NO_LICENCE_REQUIRED')).toBe(false);
    expect(answer.footnotes[0]).toMatchObject({ marker: '1', text: tables.footnote('1') });
    expect(answer.countryGroups).toContain('E:1');
    expect(exception(answer, 'STA').openConditions.join(' ')).toMatch(
      /which licence exceptions may be used there is set out in that part of the EAR/,
    );
  });

  it('Syria: its pointer row names § 746.9; Cuba: Part 746; both INDETERMINATE', () => {
    const syria = ask({ code: '6A003.b.4.b', destination: 'SY', facts: LARGE(30) });
    expect(syria.chartRow?.pointerText).toMatch(/§ 746\.9/);
    expect(syria.verdict).toBe('INDETERMINATE');
    expect(ask({ code: '6A003.b.4.b', destination: 'CU', facts: LARGE(30) }).verdict).toBe('INDETERMINATE');
  });

  it('North Korea: the 6A999 AT line says "A license is required ... to North Korea", which decides it; Canada is not named there', () => {
    const northKorea = ask({ code: '6A999.c', destination: 'KP' });
    expect(northKorea.chartRow?.pointerText).toMatch(/742\.19 and 746\.4/);
    expect(line(northKorea, northKorea.entries[0]?.reasons[1]?.countryChart ?? '').outcome).toBe('LICENCE_REQUIRED');
    expect(northKorea.verdict).toBe('LICENCE_REQUIRED');
    const canada = ask({ code: '6A999.c', destination: 'CA' });
    expect(canada.verdict).toBe('NO_LICENCE_REQUIRED');
  });
});

describe('Country Chart footnotes', () => {
  it("footnote 5: Liechtenstein is read through Switzerland's row, with its footnotes 3 and 4", () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'LI', facts: LARGE(30) });
    expect(answer.chartRow).toMatchObject({ name: 'Switzerland', referredFrom: 'Liechtenstein (LI)' });
    expect(answer.footnotes.map((footnote) => footnote.marker)).toEqual(['5', '3', '4']);
    expect(answer.footnotes[0]?.text).toBe(
      'Refer to Switzerland for licensing requirements for Liechtenstein under the EAR.',
    );
  });

  it('footnote 7: India has no X in RS2, yet 6A003.b.4.b still needs a licence for RS Column 2 reasons', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'IN', facts: SMALL(30, false) });
    expect(line(answer, 'RS2')).toMatchObject({ destinationMarked: false, outcome: 'LICENCE_REQUIRED' });
    expect(answer.verdict).toBe('LICENCE_REQUIRED');
    expect(answer.footnotes[0]?.text).toMatch(
      /^Note that a license is still required for items controlled under ECCNs 6A003\.b\.4\.b/,
    );
  });

  it('footnote 7 names 6A003.b.4.b and 9A515.e only: 6A998.c (RS Column 2) to India needs no licence', () => {
    const answer = ask({ code: '6A998.c', destination: 'IN' });
    expect(line(answer, 'RS2')).toMatchObject({
      lineApplies: 'MET',
      destinationMarked: false,
      outcome: 'NO_LICENCE_REQUIRED',
    });
    expect(answer.verdict).toBe('NO_LICENCE_REQUIRED');
  });

  it('footnotes 2 and 4 (thermal imaging cameras, § 742.4(a), § 742.6(a)(2) and (4)(ii)) are open points for a 6A003 camera to South Africa', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'ZA', facts: LARGE(30) });
    expect(answer.footnotes.map((footnote) => footnote.marker)).toEqual(['2', '3', '4']);
    expect(exception(answer, '§ 742.4(a)').status).toBe('UNDECIDED');
    expect(answer.exceptions.some((candidate) => candidate.code.startsWith('§ 742.6(a)(2) and (4)(ii)'))).toBe(true);
    expect(answer.verdict).toBe('LICENCE_REQUIRED');
  });

  it('footnotes 2 and 4 do not concern an item outside 6A003 (6A998.c to South Africa)', () => {
    const answer = ask({ code: '6A998.c', destination: 'ZA' });
    expect(answer.footnotes.find((footnote) => footnote.marker === '2')?.bearing).toMatch(/not controlled by 6A003/);
    expect(answer.exceptions.some((candidate) => candidate.code.startsWith('§ 742'))).toBe(false);
  });

  it('footnote 9 (Ukraine): Crimea/DNR/LNR decides; 6A993 (AT only) needs a licence there, not elsewhere, and is asked when unknown', () => {
    expect(ask({ code: '6A993', destination: 'UA', crimea: true }).verdict).toBe('LICENCE_REQUIRED');
    expect(ask({ code: '6A993', destination: 'UA', crimea: false }).verdict).toBe('NO_LICENCE_REQUIRED');
    const unknown = ask({ code: '6A993', destination: 'UA' });
    expect(unknown.verdict).toBe('INDETERMINATE');
    expect(unknown.questions[0]).toMatchObject({ fact: 'destination_in_crimea_dnr_lnr_regions', givenAs: 'activity' });
  });

  it('footnote 6 (Russia): additional requirements "for items listed in any ECCN on the CCL" reach 6A993, which needs none to Canada', () => {
    expect(ask({ code: '6A993', destination: 'RU' }).verdict).toBe('LICENCE_REQUIRED');
    expect(ask({ code: '6A993', destination: 'CA' }).verdict).toBe('NO_LICENCE_REQUIRED');
  });

  it('footnote 10 (Australia, United Kingdom): lists firearms ECCNs; a 6A003 camera is not among them', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'AU', facts: LARGE(30) });
    expect(answer.footnotes[0]?.bearing).toMatch(/not among them/);
    expect(answer.verdict).toBe('NO_LICENCE_REQUIRED');
  });

  it('footnote 1 on a graded row (Iraq): the UN line (§ 746.1(b)) is open; without footnote 1 (Canada) the chart shows no UN requirement', () => {
    expect(
      line(ask({ code: '6A003.b.4.b', destination: 'IQ', facts: LARGE(30) }), 'See § 746.1(b) for UN controls').outcome,
    ).toBe('INDETERMINATE');
    expect(
      line(ask({ code: '6A003.b.4.b', destination: 'CA', facts: LARGE(30) }), 'See § 746.1(b) for UN controls').outcome,
    ).toBe('NO_LICENCE_REQUIRED');
  });

  it("Hong Kong has no row: the chart's notes send it to the China row", () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'HK', name: 'Hong Kong', facts: LARGE(30) });
    expect(answer.chartRow).toMatchObject({ name: 'China', referredFrom: 'Hong Kong (HK)' });
    expect(answer.verdict).toBe('LICENCE_REQUIRED');
  });

  it('a destination with no row and no note (Antarctica, AQ): the chart cannot be read, INDETERMINATE', () => {
    const answer = ask({ code: '6A003.b.4.b', destination: 'AQ', name: 'Antarctica', facts: LARGE(30) });
    expect(answer.chartRow).toBeNull();
    expect(answer.verdict).toBe('INDETERMINATE');
  });

  it('AT columns carry no X for any destination in this edition: the 6A003 AT line never requires a licence by the chart', () => {
    expect(line(ask({ code: '6A003.b.4.b', destination: 'CN', facts: LARGE(30) }), 'AT1')).toMatchObject({
      destinationMarked: false,
      outcome: 'NO_LICENCE_REQUIRED',
    });
  });
});

describe('control-table lines that do not use a chart column', () => {
  it('3A090.b: "Country Groups D:1, D:4, and D:5 ..., excluding any destination also specified in Country Groups A:5 or A:6" - China yes, Japan no', () => {
    expect(
      line(
        ask({ code: '3A090.b', destination: 'CN' }),
        'To or within destinations specified in Country Groups D:1, D:4, and D:5 of supplement no. 1 to part 740 of the EAR, excluding any destination also specified in Country Groups A:5 or A:6. *See* § 742.6(a)(6)(iii)(B) of the EAR.',
      ).outcome,
    ).toBe('LICENCE_REQUIRED');
    expect(
      ask({ code: '3A090.b', destination: 'JP' }).entries[0]?.reasons.filter(
        (check) => check.outcome === 'LICENCE_REQUIRED',
      ),
    ).toEqual([]);
  });

  it('0A501: "NS applies to entire entry except 0A501.y": 0A501.y is outside the NS line, 0A501.c inside', () => {
    expect(line(ask({ code: '0A501.y', destination: 'CN' }), 'NS1').lineApplies).toBe('NOT_MET');
    expect(line(ask({ code: '0A501.c', destination: 'CN' }), 'NS1').lineApplies).toBe('MET');
  });
});

describe('list-based licence exceptions written in the ECCN', () => {
  const lvs = (code: string, destination: string, value: number | null) =>
    exception(ask({ code, destination, value }), 'LVS');

  it('6A002: "LVS: $500 for 6A002.f." - within the value for .f (undecided only by § 740.3), above it not available, and not for .a.3', () => {
    expect(lvs('6A002.f', 'CN', 400).status).toBe('UNDECIDED');
    expect(lvs('6A002.f', 'CN', 400).openConditions.join(' ')).toMatch(/15 CFR 740\.3 .* not held here/);
    expect(lvs('6A002.f', 'CN', 600).status).toBe('NOT_AVAILABLE');
    expect(lvs('6A002.a.3.f', 'CN', 400).status).toBe('NOT_AVAILABLE');
  });

  it('6A002.f without the shipment value: LVS undecided and the value asked for', () => {
    const answer = ask({ code: '6A002.f', destination: 'CN' });
    expect(exception(answer, 'LVS').status).toBe('UNDECIDED');
    expect(answer.questions).toEqual(
      expect.arrayContaining([expect.objectContaining({ fact: 'shipment_value_usd', givenAs: 'activity' })]),
    );
  });

  it('2B350: "LVS: $2,000 for all Country Group B destinations, except those also listed under Country Group D:3" decides the destination itself', () => {
    const texts = parseCclEntry(cclDetails('2B350')).licenceExceptions ?? {};
    const read = (destination: string) =>
      listBasedExceptions({
        entry: '2B350',
        code: '2B350',
        texts: { LVS: texts.LVS ?? '' },
        destination,
        tables,
        shipmentValueUsd: 1500,
        reasonReaches: () => 'MET',
      }).exceptions[0];
    expect(read('CA')?.status).toBe('MAY_APPLY');
    expect(read('IL')?.status).toBe('NOT_AVAILABLE');
    expect(read('CN')?.status).toBe('NOT_AVAILABLE');
  });

  it('6A003 STA: "may not be used ... 6A003.b.3 or b.4 to ... Country Group A:6": Israel and Taiwan (A:6) excluded; Japan left to § 740.20', () => {
    expect(exception(ask({ code: '6A003.b.4.b', destination: 'IL', facts: LARGE(30) }), 'STA').status).toBe(
      'NOT_AVAILABLE',
    );
    expect(exception(ask({ code: '6A003.b.4.b', destination: 'TW', facts: LARGE(30) }), 'STA').status).toBe(
      'NOT_AVAILABLE',
    );
    const japan = exception(ask({ code: '6A003.b.4.b', destination: 'JP', facts: LARGE(30) }), 'STA');
    expect(japan.status).toBe('UNDECIDED');
    expect(japan.openConditions[0]).toMatch(/15 CFR 740\.20 .*JP is in Country Groups A:1, A:2, A:3, A:4, A:5, B/);
  });

  it('STA to the UAE carries Country Group A:5 footnote 5 ("only available to approved entities in the UAE") verbatim', () => {
    const sta = exception(ask({ code: '6A003.b.4.b', destination: 'AE', facts: LARGE(30) }), 'STA');
    expect(sta.openConditions.join(' ')).toMatch(
      /STA \(see § 740\.20\) is only available to approved entities in the UAE/,
    );
  });

  it('TSR: "N/A" (6D991) not available; "Yes, except ..." (6D003) undecided with the exclusions quoted', () => {
    expect(exception(ask({ code: '6D991', destination: 'JP' }), 'TSR').status).toBe('NOT_AVAILABLE');
    const tsr = exception(ask({ code: '6D003.a', destination: 'CN' }), 'TSR');
    expect(tsr.status).toBe('UNDECIDED');
    expect(tsr.openConditions[0]).toMatch(/Country Group A:5/);
  });

  it('GBS "Yes for 6A004.a.1, a.2, a.4, .b, d.2, and .f": 6A004.b inside, 6A004.c outside', () => {
    expect(exception(ask({ code: '6A004.b', destination: 'CN' }), 'GBS').status).toBe('UNDECIDED');
    expect(exception(ask({ code: '6A004.c', destination: 'CN' }), 'GBS').status).toBe('NOT_AVAILABLE');
  });
});

describe('paragraph references as the CCL writes them', () => {
  it('expands "a.3 through a.6" and reads relative codes against the entry', () => {
    expect(paragraphRefs('$1500, except N/A for 6A003.a.3 through a.6, b.1, b.3 and b.4.', '6A003').own).toEqual([
      '6A003.a.3',
      '6A003.a.4',
      '6A003.a.5',
      '6A003.a.6',
      '6A003.b.1',
      '6A003.b.3',
      '6A003.b.4',
    ]);
  });
});
