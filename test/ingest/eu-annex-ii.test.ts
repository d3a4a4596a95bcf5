// Dataset "eu-annex-ii" over seed/data/eu_annex_ii_gea.json: the reading of the file (counts,
// destinations, items, verbatim texts), the exemption encodings against it (destinations and
// item scopes exactly as Annex II states them), the rows a load writes next to the datasets it
// needs, and the takeover of the five records exemptions.json held (same ids, audited updates,
// no condition left behind, nothing changed by a second run).
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Criterion } from '../../src/classification/encoding-schema.js';
import type { ConditionTest, ExemptionEncoding } from '../../src/classification/exemption-encoding-schema.js';
import { checkExemptions, type ExemptionRecordInfo } from '../../src/classification/exemption-evaluation.js';
import { forEachConditionTest, loadExemptionRules } from '../../src/classification/exemption-rules.js';
import { forEachCriterion, loadRulebook } from '../../src/classification/rulebook.js';
import { DEFAULT_SEED_DIR, SEED_DATASETS, TRANSACTION_OPTIONS } from '../../src/ingest/index.js';
import { EU_ANNEX_II_EDITORIAL_FILE, readAnnexIi } from '../../src/ingest/importers/eu-annex-ii-records.js';
import { annexIiFileSchema } from '../../src/ingest/importers/eu-annex-ii-source.js';
import type { ImportContext } from '../../src/ingest/importer.js';
import { SeedFiles } from '../../src/ingest/seed-files.js';
import { stableId } from '../../src/ingest/stable-id.js';
import { IdMap, type AuditRecord, type TableCounts } from '../../src/ingest/sync-context.js';
import { openLoggedDatabase, type LoggedDatabase } from './logged-database.js';

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(DEFAULT_SEED_DIR, path), 'utf8'));

interface RawDestination {
  as_written: string;
  iso_3166_1_alpha2: string | null;
  iso_note?: string;
}
interface RawGea {
  code: string;
  heading_in_text: string;
  text: Record<string, string>;
  destinations: {
    scope: string;
    listed: RawDestination[];
    iso_codes?: string[];
    excluded?: RawDestination[];
    excluded_iso_codes?: string[];
  };
  exclusions: { section_i_common_list_excluded: boolean; text?: string };
  items: { annex_i_codes_referenced: string[]; chemicals?: Array<{ entry: string; number: string }> };
  conditions: Array<{ number: string; text: string; source_defects?: Array<{ kind: string }> }>;
  source_defects: Array<{ kind: string }>;
  source: { json_pointer: string };
}
const raw = readJson('data/eu_annex_ii_gea.json') as {
  counts: { geas: number; common_exclusion_items: number };
  geas: RawGea[];
  common_exclusion_list: { items: Array<{ text: string }>; source: { json_pointer: string } };
};
const rawGea = (code: string): RawGea => {
  const found = raw.geas.find((gea) => gea.code === code);
  if (!found) throw new Error(`${code} is not in the file`);
  return found;
};
const exemptionRecords = readJson('data/exemptions.json') as Array<{ id: string }>;
const readings = readAnnexIi(
  annexIiFileSchema.parse(raw),
  EU_ANNEX_II_EDITORIAL_FILE.schema.parse(readJson('editorial/eu-annex-ii.json')),
);
const readingOf = (code: string) => {
  const found = readings.find((reading) => reading.record.id === `EU-UGEA-${code}`);
  if (!found) throw new Error(`${code} not read`);
  return found;
};
const rulebook = loadRulebook();
const rules = loadExemptionRules(rulebook);
const encodingOf = (code: string): ExemptionEncoding => {
  const found = rules.encodings.get(`EU-UGEA-${code}`);
  if (!found) throw new Error(`EU-UGEA-${code} has no encoding`);
  return found;
};
const lower = (codes: readonly string[] | undefined) => (codes ?? []).map((code) => code.toLowerCase());

/** Every criterion of an encoding's conditions, by id. */
function criteriaOf(encoding: ExemptionEncoding): Map<string, Criterion> {
  const found = new Map<string, Criterion>();
  for (const test of [...encoding.requirements, ...encoding.disqualifiers])
    forEachConditionTest(test, (node) => {
      if ('when' in node) forEachCriterion(node.when, (criterion) => found.set(criterion.id, criterion));
    });
  return found;
}

/** Every string value of a JSON document. */
function stringsOf(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsOf(item, into);
  return into;
}

interface DatasetRun {
  counts: Record<string, TableCounts>;
  audits: AuditRecord[];
  logs: Array<{ msg: string; data?: object }>;
  ms: number;
  /** CPU time of this process (PGlite runs in it), less sensitive than wall time to a busy machine. */
  cpuMs: number;
}

/** Loads the named datasets in order, each in its own transaction as seedDatabase does. */
async function loadDatasets(
  db: LoggedDatabase,
  names: readonly string[],
  seedDir = DEFAULT_SEED_DIR,
): Promise<Map<string, DatasetRun>> {
  const files = new SeedFiles(seedDir);
  const runs = new Map<string, DatasetRun>();
  for (const name of names) {
    const dataset = SEED_DATASETS.find((candidate) => candidate.name === name);
    if (!dataset) throw new Error(`no dataset ${name}`);
    const logs: DatasetRun['logs'] = [];
    const started = performance.now();
    const cpu = process.cpuUsage();
    const ctx = await db.prisma.$transaction(async (tx) => {
      const context: ImportContext = {
        tx,
        files,
        dataset: name,
        ids: new IdMap(),
        audits: [],
        counts: {},
        log: (msg, data) => logs.push({ msg, data }),
        written: [],
      };
      await dataset.load(context);
      return context;
    }, TRANSACTION_OPTIONS);
    const used = process.cpuUsage(cpu);
    runs.set(name, {
      counts: ctx.counts,
      audits: ctx.audits,
      logs,
      ms: Math.round(performance.now() - started),
      cpuMs: Math.round((used.user + used.system) / 1000),
    });
  }
  return runs;
}

const annexIKnown = SEED_DATASETS.some((dataset) => dataset.name === 'eu-annex-i');

describe('reading eu_annex_ii_gea.json', () => {
  it('reads the eight GEAs with the destination codes the file maps', () => {
    expect(readings).toHaveLength(raw.geas.length);
    expect(raw.geas).toHaveLength(raw.counts.geas);
    expect(readings.map((reading) => reading.record.id)).toEqual(raw.geas.map((gea) => `EU-UGEA-${gea.code}`));
    for (const gea of raw.geas) {
      const reading = readingOf(gea.code);
      expect(reading.destinations, gea.code).toEqual(gea.destinations.iso_codes ?? []);
      expect(reading.record.destinations, gea.code).toEqual(gea.destinations.listed.map((item) => item.as_written));
    }
    expect(readingOf('EU001').destinations).toHaveLength(10);
    expect(readingOf('EU001').destinations).toContain('JP');
    expect(readingOf('EU001').destinations).not.toContain('IN');
  });

  it('EU008: all destinations except 41 named countries and the destinations of EU001', () => {
    const eu008 = rawGea('EU008');
    expect(eu008.destinations.scope).toBe('all destinations except those excluded');
    expect(eu008.destinations.excluded).toHaveLength(41);
    const reading = readingOf('EU008');
    expect(reading.destinations).toEqual([]);
    expect(reading.excludedDestinations).toEqual([
      ...(rawGea('EU001').destinations.iso_codes ?? []),
      ...(eu008.destinations.excluded_iso_codes ?? []),
    ]);
    for (const country of eu008.destinations.excluded ?? [])
      expect(reading.record.exclusions_verbatim).toContain(country.as_written);
  });

  it('every text of a record is a text of the file, unchanged', () => {
    const texts = stringsOf(raw);
    for (const { record } of readings) {
      for (const text of [
        ...record.text_verbatim,
        ...record.conditions,
        ...record.exclusions_verbatim,
        ...record.destinations,
      ])
        expect(texts.has(text), `${record.id}: ${text.slice(0, 60)}`).toBe(true);
    }
  });

  it('names the items Part 1 lists, not the codes it refers back to', () => {
    expect(readingOf('EU002').itemCodes).toEqual(rawGea('EU002').items.annex_i_codes_referenced);
    expect(readingOf('EU005').itemCodes).toEqual(rawGea('EU005').items.annex_i_codes_referenced);
    // "an item specified in 5A002.a. as above": a reference, not an item EU008 covers.
    expect(readingOf('EU008').backReferences).toEqual(['5A002.a']);
    expect(readingOf('EU008').itemCodes).not.toContain('5A002.a');
    // EU006 lists numbered chemicals: the paragraphs 1C350.1, 1C450.a.4 ... of Annex I.
    const chemicals = rawGea('EU006').items.chemicals ?? [];
    expect(chemicals).toHaveLength(73);
    expect(readingOf('EU006').itemCodes).toEqual(chemicals.map((item) => `${item.entry}.${item.number}`));
    for (const code of ['EU001', 'EU003', 'EU004', 'EU007']) expect(readingOf(code).itemCodes).toEqual([]);
  });
});

describe('exemption encodings of the GEAs', () => {
  it('check exactly the Annex II destinations', () => {
    for (const gea of raw.geas) {
      const criteria = criteriaOf(encodingOf(gea.code));
      if (gea.destinations.scope === 'listed destinations') {
        expect(criteria.get('destination'), gea.code).toMatchObject({
          fact: 'destination_country',
          comparator: 'IN',
          values: lower(gea.destinations.iso_codes),
        });
      } else {
        expect(criteria.get('destination.eu001')).toMatchObject({
          values: lower(rawGea('EU001').destinations.iso_codes),
        });
        expect(criteria.get('destination.excluded')).toMatchObject({
          values: lower(gea.destinations.excluded_iso_codes),
        });
      }
      // A destination with no ISO code is never taken as covered: it waits on the exporter's answer.
      const uncoded = gea.destinations.listed.filter((item) => item.iso_3166_1_alpha2 === null);
      expect(criteria.has('destination.french-overseas'), gea.code).toBe(uncoded.length > 0);
    }
  });

  it('scope the listed-item GEAs to the items Part 1 names, none of them a paragraph with threshold encodings', () => {
    for (const reading of readings) {
      const encoding = rules.encodings.get(reading.record.id);
      const scoped = (encoding?.provisions ?? []).map((provision) => provision.paragraph);
      expect(scoped, reading.record.id).toEqual(reading.itemCodes);
      // In item mode a MET paragraph with threshold encodings reads as "the note did not take the
      // item out" (list-note semantics): a GEA scoped to such a paragraph would be ruled out.
      for (const paragraph of scoped) expect(rulebook.paragraph('EU', paragraph), paragraph).toBeUndefined();
    }
  });

  it('keep the common exclusion list as text and undecided where Section I applies', () => {
    for (const gea of raw.geas) {
      const reading = readingOf(gea.code);
      const fromCommonList = reading.exclusionOrigins.filter((origin) => origin === 'common-list');
      expect(fromCommonList.length, gea.code).toBe(
        gea.exclusions.section_i_common_list_excluded ? raw.common_exclusion_list.items.length : 0,
      );
      if (!gea.exclusions.section_i_common_list_excluded) continue;
      const undecided = encodingOf(gea.code).requirements.filter(
        (test): test is Extract<ConditionTest, { undecidable: string }> =>
          'undecidable' in test && /Section I/.test(test.undecidable),
      );
      expect(undecided, gea.code).toHaveLength(1);
    }
  });
});

describe('loaded', () => {
  let db: LoggedDatabase;
  let runs: Map<string, DatasetRun>;

  beforeAll(async () => {
    db = await openLoggedDatabase();
    runs = await loadDatasets(db, ['reference', ...(annexIKnown ? ['eu-annex-i'] : []), 'exemptions', 'eu-annex-ii']);
  }, 180_000);
  afterAll(async () => {
    await db?.close();
  });

  const stored = () =>
    db.prisma.exemption.findMany({
      where: { sourceKey: { startsWith: 'EU-UGEA-EU' } },
      include: { conditions: { include: { citation: true } }, citation: true, jurisdiction: true },
      orderBy: { sourceKey: 'asc' },
    });

  it('stores the eight GEAs under stable ids, EU general authorisations with their destinations and verbatim text', async () => {
    const rows = await stored();
    expect(rows.map((row) => row.sourceKey)).toEqual(raw.geas.map((gea) => `EU-UGEA-${gea.code}`));
    for (const row of rows) {
      const gea = rawGea(row.sourceKey.slice('EU-UGEA-'.length));
      expect(row.id).toBe(stableId('Exemption', row.sourceKey));
      expect(row).toMatchObject({ kind: 'GENERAL_AUTHORISATION', regime: 'EU', revoked: false, validFrom: null });
      expect(row.jurisdiction.code).toBe('EU');
      expect(row.destinations).toEqual(gea.destinations.iso_codes ?? []);
      expect(row.textVerbatim).toEqual([
        gea.text.preamble,
        gea.text.part_1_items,
        gea.text.part_2_destinations,
        gea.text.part_3_conditions_and_requirements,
      ]);
      expect(row.name).toBe(`${gea.code} - ${gea.heading_in_text}`);
      expect(row.citation).toMatchObject({ repository: 'rikiosso/exports-watch', section: gea.source.json_pointer });
    }
    const eu008 = rows.find((row) => row.sourceKey === 'EU-UGEA-EU008');
    expect(eu008?.excludedDestinations).toHaveLength(10 + 43);
    expect(eu008?.destinations).toEqual([]);
  });

  it('leaves the five records of exemptions.json to this dataset: every record is stored once', async () => {
    const overlap = exemptionRecords.filter((record) => readings.some((reading) => reading.record.id === record.id));
    expect(overlap.map((record) => record.id)).toEqual([
      'EU-UGEA-EU001',
      'EU-UGEA-EU002',
      'EU-UGEA-EU003',
      'EU-UGEA-EU004',
      'EU-UGEA-EU007',
    ]);
    expect(runs.get('exemptions')?.counts.Exemption?.rows).toBe(exemptionRecords.length - overlap.length);
    expect(runs.get('eu-annex-ii')?.counts.Exemption?.rows).toBe(raw.geas.length);
    expect(await db.prisma.exemption.count()).toBe(exemptionRecords.length - overlap.length + raw.geas.length);
  });

  it('stores Part 1 and Part 3, the exclusions and the destinations as conditions, cited to their JSON pointer', async () => {
    for (const row of await stored()) {
      const gea = rawGea(row.sourceKey.slice('EU-UGEA-'.length));
      const role = (name: string) =>
        row.conditions.filter((condition) => condition.role === name).sort((a, b) => a.ordinal - b.ordinal);
      expect(role('REQUIREMENT').map((condition) => condition.textVerbatim)).toEqual([
        gea.text.part_1_items,
        ...gea.conditions.map((condition) => condition.text),
      ]);
      expect(role('DESTINATION').map((condition) => condition.textVerbatim)).toEqual([
        gea.text.part_2_destinations,
        ...gea.destinations.listed.map((destination) => destination.as_written),
      ]);
      const exclusions = role('EXCLUSION');
      const common = gea.exclusions.section_i_common_list_excluded ? raw.common_exclusion_list.items : [];
      expect(
        exclusions.filter((condition) => condition.citation?.section === '/gea_common_list').map((c) => c.textVerbatim),
      ).toEqual(common.map((item) => item.text));
      if (gea.exclusions.text) expect(exclusions[0]?.textVerbatim).toBe(gea.exclusions.text);
      for (const condition of row.conditions) {
        expect(condition.secondary).toBe(false);
        expect([gea.source.json_pointer, raw.common_exclusion_list.source.json_pointer]).toContain(
          condition.citation?.section,
        );
      }
    }
  });

  it('keeps the Annex II data without a column in extra: destinations as written, source defects', async () => {
    const rows = new Map((await stored()).map((row) => [row.sourceKey, row]));
    const extraOf = (code: string) => rows.get(`EU-UGEA-${code}`)?.extra as Record<string, unknown>;
    const fot = (extraOf('EU003').destinations as { listed: RawDestination[] }).listed.find(
      (destination) => destination.as_written === 'French overseas territories',
    );
    expect(fot?.iso_3166_1_alpha2).toBeNull();
    expect(fot?.iso_note).toMatch(/does not list which territories/);
    expect(rows.get('EU-UGEA-EU003')?.destinations).toHaveLength(rawGea('EU003').destinations.iso_codes?.length ?? -1);
    const kinds = (code: string) => (extraOf(code).source_defects as Array<{ kind: string }>).map((d) => d.kind);
    expect(kinds('EU001')).toEqual(['link_text_duplicated']);
    expect(kinds('EU005')).toEqual(['letter_for_digit']);
    expect(kinds('EU006')).toEqual(['list_layout']);
    const split = (extraOf('EU004').conditions as RawGea['conditions']).filter((condition) =>
      condition.source_defects?.some((defect) => defect.kind === 'paragraph_split'),
    );
    expect(split.map((condition) => condition.number)).toEqual(['2', '1']);
    const commonList = extraOf('EU001').common_exclusion_list as { items: Array<{ source_defects?: unknown[] }> };
    expect(commonList.items.filter((item) => item.source_defects).length).toBe(3);
    expect(extraOf('EU002').common_exclusion_list).toBeUndefined();
    // The record exemptions.json held is kept whole beside the Annex II text.
    expect((extraOf('EU007').guidance_record as { id: string }).id).toBe('EU-UGEA-EU007');
    expect(extraOf('EU005').guidance_record).toBeUndefined();
  });

  it('links each GEA to the current Annex I provisions its items name, and logs the codes not found', async () => {
    const links = await db.prisma.exemptionProvision.findMany({
      where: { exemption: { sourceKey: { startsWith: 'EU-UGEA-EU' } } },
      include: { exemption: true, provision: true },
    });
    expect(links.every((link) => link.basis === 'EXPLICIT')).toBe(true);
    let notFound = 0;
    for (const reading of readings) {
      const present = await db.prisma.controlProvision.findMany({
        where: { regime: 'EU', status: 'CURRENT', inMainList: true, code: { in: reading.itemCodes } },
        select: { code: true },
      });
      const linked = links.filter((link) => link.exemption.sourceKey === reading.record.id);
      expect(new Set(linked.map((link) => link.provision.code)), reading.record.id).toEqual(
        new Set(present.map((row) => row.code)),
      );
      notFound += reading.itemCodes.filter((code) => !present.some((row) => row.code === code)).length;
    }
    const logged = runs.get('eu-annex-ii')?.logs.find((entry) => entry.msg.includes('no current Annex I provision'));
    expect((logged?.data as { count?: number } | undefined)?.count ?? 0).toBe(notFound);
    if (annexIKnown) {
      // With the whole Annex I loaded, every item named is found (EU006's chemicals by their CAS numbers).
      expect(notFound).toBe(0);
      expect(links).toHaveLength(readings.reduce((sum, reading) => sum + reading.itemCodes.length, 0));
    }
  });

  it('holds every passage the GEA encodings quote, in the field they name', async () => {
    for (const row of await stored()) {
      const byRole = (role: string) =>
        row.conditions.filter((condition) => condition.role === role).map((condition) => condition.textVerbatim);
      const fields: Record<string, string[]> = {
        name: [row.name],
        text_verbatim: row.textVerbatim,
        applies_to: row.appliesTo,
        conditions: byRole('REQUIREMENT'),
        exclusions_verbatim: byRole('EXCLUSION'),
        destinations: byRole('DESTINATION'),
      };
      const all = Object.values(fields).flat();
      const encoding = rules.encodings.get(row.sourceKey);
      for (const test of [...(encoding?.requirements ?? []), ...(encoding?.disqualifiers ?? [])]) {
        forEachConditionTest(test, (node) => {
          if (node.record) return;
          expect(
            fields[node.from]?.some((text) => text.includes(node.text)),
            `${row.sourceKey} ${node.id}`,
          ).toBe(true);
          if ('when' in node)
            forEachCriterion(node.when, (criterion) =>
              expect(
                all.some((text) => text.includes(criterion.text)),
                `${row.sourceKey} ${criterion.id}`,
              ).toBe(true),
            );
        });
      }
    }
  });

  it('checkExemptions on the stored records: EU001 covers Japan and not India; EU008 excludes China', async () => {
    const records = new Map<string, ExemptionRecordInfo>(
      (await db.prisma.exemption.findMany()).map((row) => [
        row.sourceKey,
        {
          key: row.sourceKey,
          name: row.name,
          legalBasis: row.legalBasis,
          revoked: row.revoked,
          validFrom: row.validFrom,
          validTo: row.validTo,
        },
      ]),
    );
    const check = (code: string, destination: string, key: string) => {
      const result = checkExemptions({
        rules,
        records,
        facts: new Map([
          [
            'destination_country',
            { name: 'destination_country', type: 'enum', value: destination, given: destination },
          ],
        ]),
        control: [
          { regime: 'EU', controlled: 'MET', basis: 'test', paragraphs: [{ code, outcome: 'MET' }], missingFacts: [] },
        ],
        mode: 'provisions',
        asOf: new Date('2026-01-01T00:00:00Z'),
      });
      return result.exemptions.find((candidate) => candidate.key === key);
    };
    const destinationOf = (found: ReturnType<typeof check>) =>
      found?.conditions.find((condition) => condition.id === 'destination')?.outcome;
    expect(destinationOf(check('6A003', 'jp', 'EU-UGEA-EU001'))).toBe('SATISFIED');
    expect(check('6A003', 'jp', 'EU-UGEA-EU001')?.outcome).toBe('INDETERMINATE');
    expect(destinationOf(check('6A003', 'in', 'EU-UGEA-EU001'))).toBe('UNSATISFIED');
    expect(check('6A003', 'in', 'EU-UGEA-EU001')?.outcome).toBe('DOES_NOT_APPLY');
    expect(check('5A002.a.2', 'cn', 'EU-UGEA-EU008')?.outcome).toBe('DOES_NOT_APPLY');
    expect(destinationOf(check('5A002.a.2', 'br', 'EU-UGEA-EU008'))).toBe('SATISFIED');
    // An item EU002 does not list is out of its scope: EU002 is not checked at all.
    expect(check('6A003', 'tr', 'EU-UGEA-EU002')).toBeUndefined();
    expect(check('3A001.a.3', 'tr', 'EU-UGEA-EU002')).toBeDefined();
  });

  it('loads within its budget of a second, cold', () => {
    expect(runs.get('eu-annex-ii')?.cpuMs).toBeLessThan(1000);
  });
});

describe('taking over the records exemptions.json held', () => {
  let db: LoggedDatabase;
  let scratch: string;
  let before: Map<string, { id: string; citationId: string }>;
  let takeover: Map<string, DatasetRun>;
  let again: Map<string, DatasetRun>;

  beforeAll(async () => {
    db = await openLoggedDatabase();
    // The state before this dataset existed: exemptions.json written whole by "exemptions" (an
    // Annex II file holding only EU005, which exemptions.json never had).
    scratch = await mkdtemp(join(tmpdir(), 'kb-annex-ii-'));
    await mkdir(join(scratch, 'data'));
    await mkdir(join(scratch, 'editorial'));
    await cp(join(DEFAULT_SEED_DIR, 'data/exemptions.json'), join(scratch, 'data/exemptions.json'));
    await cp(join(DEFAULT_SEED_DIR, 'editorial/exemptions.json'), join(scratch, 'editorial/exemptions.json'));
    await writeFile(join(scratch, 'data/eu_annex_ii_gea.json'), JSON.stringify({ ...raw, geas: [rawGea('EU005')] }));
    await loadDatasets(db, ['reference']);
    await loadDatasets(db, ['exemptions'], scratch);
    before = new Map(
      (await db.prisma.exemption.findMany({ where: { sourceKey: { startsWith: 'EU-UGEA-EU' } } })).map((row) => [
        row.sourceKey,
        row,
      ]),
    );
    takeover = await loadDatasets(db, ['exemptions', 'eu-annex-ii']);
    again = await loadDatasets(db, ['exemptions', 'eu-annex-ii']);
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('keeps the ids of the five, updates them with an audit of their previous values, and adds the other three', async () => {
    expect([...before.keys()].sort()).toEqual([
      'EU-UGEA-EU001',
      'EU-UGEA-EU002',
      'EU-UGEA-EU003',
      'EU-UGEA-EU004',
      'EU-UGEA-EU007',
    ]);
    const after = await db.prisma.exemption.findMany({ where: { sourceKey: { startsWith: 'EU-UGEA-EU' } } });
    expect(after).toHaveLength(8);
    for (const [key, row] of before) {
      const now = after.find((candidate) => candidate.sourceKey === key);
      expect(now?.id, key).toBe(row.id);
      expect(now?.citationId, key).not.toBe(row.citationId);
    }
    const run = takeover.get('eu-annex-ii');
    expect(run?.counts.Exemption).toMatchObject({ rows: 8, created: 3, updated: 5 });
    const audited = run?.audits.filter((audit) => audit.entityType === 'Exemption') ?? [];
    expect(audited.map((audit) => audit.detail.key).sort()).toEqual([...before.keys()].sort());
    expect(audited.every((audit) => audit.detail.previous !== undefined)).toBe(true);
    // "exemptions" kept its other records as they were.
    expect(takeover.get('exemptions')?.counts.Exemption).toMatchObject({ updated: 0, created: 0 });
  });

  it('overwrites the conditions the five had and leaves none behind', async () => {
    expect(takeover.get('eu-annex-ii')?.logs.some((entry) => entry.msg.includes('conditions no dataset writes'))).toBe(
      false,
    );
    const conditions = await db.prisma.exemptionCondition.findMany({
      where: { exemption: { sourceKey: { startsWith: 'EU-UGEA-EU' } } },
    });
    expect(conditions).toHaveLength(takeover.get('eu-annex-ii')?.counts.ExemptionCondition?.rows ?? -1);
    expect(conditions.every((condition) => !condition.secondary)).toBe(true);
  });

  it('changes nothing when run again', () => {
    for (const [table, counts] of Object.entries(again.get('eu-annex-ii')?.counts ?? {}))
      expect(counts, table).toMatchObject({ created: 0, updated: 0 });
    expect(again.get('eu-annex-ii')?.audits).toEqual([]);
  });
});
