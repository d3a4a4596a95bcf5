import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachCriterion, loadRulebook, type Rulebook } from '../../src/classification/rulebook.js';
import {
  DEFAULT_SEED_DIR,
  seedDatabase as seedDatabaseUnlogged,
  tableCounts,
  type SeedOptions,
  type SeedReport,
} from '../../src/ingest/index.js';
import { openLoggedDatabase, REMOVING_STATEMENT, type LoggedDatabase } from './logged-database.js';

class InjectedFailure extends Error {}

let db: LoggedDatabase;
let first: SeedReport;
let failedFirstAttempt: unknown;
let countsAfterFailure: Record<string, number>;
let datasetsAfterFailure: string[];
let scratchSeedDir: string;
let editorStakeholderId: string;

/** seedDatabase, keeping the statements it sends (db.statements). */
function seedDatabase(prisma: LoggedDatabase['prisma'], options?: SeedOptions): Promise<SeedReport> {
  return db.logStatements(() => seedDatabaseUnlogged(prisma, options));
}

async function latestUpdates(database: LoggedDatabase) {
  const [provisions, exemptions, consultations, guidance] = await Promise.all([
    database.prisma.controlProvision.aggregate({ _max: { updatedAt: true } }),
    database.prisma.exemption.aggregate({ _max: { updatedAt: true } }),
    database.prisma.stakeholderConsultation.aggregate({ _max: { updatedAt: true } }),
    database.prisma.guidanceDocument.aggregate({ _max: { updatedAt: true } }),
  ]);
  return [
    provisions._max.updatedAt,
    exemptions._max.updatedAt,
    consultations._max.updatedAt,
    guidance._max.updatedAt,
  ].map((date) => date?.toISOString());
}

beforeAll(async () => {
  db = await openLoggedDatabase();
  // A row an editor created before the seed ran (its id is a cuid, not a seeded id): the seed
  // must reuse it rather than collide with it.
  editorStakeholderId = (await db.prisma.stakeholder.create({ data: { name: 'Google Inc.', type: 'UNKNOWN' } })).id;

  // A first attempt that fails inside the consultations dataset, after its consultations
  // were inserted: that dataset must leave nothing behind, the ones before it stay loaded.
  failedFirstAttempt = await seedDatabase(db.prisma, {
    hooks: {
      afterTable(dataset, table) {
        if (dataset === 'consultations' && table === 'StakeholderConsultation') throw new InjectedFailure('injected');
      },
    },
  }).catch((error: unknown) => error);
  countsAfterFailure = await tableCounts(db.prisma);
  datasetsAfterFailure = (await db.prisma.seedDataset.findMany({ select: { name: true } }))
    .map((row) => row.name)
    .sort();

  first = await seedDatabase(db.prisma, {});
  scratchSeedDir = await mkdtemp(join(tmpdir(), 'kb-seed-test-'));
  await cp(DEFAULT_SEED_DIR, scratchSeedDir, { recursive: true });
}, 180_000);

afterAll(async () => {
  await db?.close();
  if (scratchSeedDir) await rm(scratchSeedDir, { recursive: true, force: true });
});

describe('first seed', () => {
  it('rolled the failing dataset back and kept the ones before it', () => {
    expect(failedFirstAttempt).toBeInstanceOf(InjectedFailure);
    expect(datasetsAfterFailure).toEqual([
      'control-entries',
      'eu-annex-i',
      'eu-annex-ii',
      'exemptions',
      'reference',
      'threshold-encodings',
      'us-ccl',
      'us-ccl-history',
      'us-fr-rules',
    ]);
    expect(countsAfterFailure.StakeholderConsultation).toBe(0);
    expect(countsAfterFailure.Stakeholder).toBe(1); // only the editor's row
    // exemptions.json (30, of which the five GEAs are left to eu-annex-ii) and Annex II's 8 GEAs.
    expect(countsAfterFailure.Exemption).toBe(33);
  });

  it('then loaded the remaining datasets and skipped the loaded ones', () => {
    const status = Object.fromEntries(first.datasets.map((dataset) => [dataset.name, dataset.status]));
    expect(status).toEqual({
      reference: 'skipped',
      'us-ccl': 'skipped',
      'us-fr-rules': 'skipped',
      'us-ccl-history': 'skipped',
      'eu-annex-i': 'skipped',
      'control-entries': 'skipped',
      'threshold-encodings': 'skipped',
      exemptions: 'skipped',
      'eu-annex-ii': 'skipped',
      consultations: 'loaded',
      impact: 'loaded',
      guidance: 'loaded',
      links: 'loaded',
      'wassenaar-list': 'loaded',
      'uk-strategic-list': 'loaded',
      'uk-licences': 'loaded',
    });
  });

  it('loads every record', async () => {
    const { prisma } = db;
    // The 606 rows of us_ccl_full.json, and 33 ECCNs the eCFR history's last snapshot holds that
    // the file lacks (0A002, 9A005, ...; us-ccl-history writes them).
    expect(
      await prisma.controlProvision.count({
        where: { regime: 'US_EAR', kind: 'ENTRY', status: 'CURRENT', inMainList: true, sourceKey: { contains: '@' } },
      }),
    ).toBe(33);
    expect(
      await prisma.controlProvision.count({
        where: { regime: 'US_EAR', kind: 'ENTRY', status: 'CURRENT', NOT: { sourceKey: { contains: '@' } } },
      }),
    ).toBe(606);
    // EU Annex I in full (eu_annex_i.json), which supersedes the 4 EU records of control_entries.json.
    expect(await prisma.controlProvision.count({ where: { regime: 'EU', kind: 'ENTRY' } })).toBe(384);
    expect(
      await prisma.controlProvision.count({
        where: { regime: 'HK', status: 'SUPERSEDED', validFrom: null, validTo: null },
      }),
    ).toBe(1);
    expect(first.counts.Exemption).toBe(33);
    expect(first.counts.StakeholderConsultation).toBe(12);
    expect(first.counts.ImpactMetric).toBe(96);
    expect(first.counts.GuidanceDocument).toBe(10);
    expect(first.counts.Jurisdiction).toBe(5);
    expect(first.counts.Correlation).toBe(6);
  });

  it('builds the paragraph tree of 6A003 and links the older 6A003.b.4 as the superseded version', async () => {
    const { prisma } = db;
    const paragraph = await prisma.controlProvision.findFirstOrThrow({
      where: { regime: 'US_EAR', code: '6A003.a.5.a', status: 'CURRENT' },
      include: { parent: { include: { parent: { include: { parent: true } } } } },
    });
    expect(paragraph.entryCode).toBe('6A003');
    expect(paragraph.parent?.code).toBe('6A003.a.5');
    expect(paragraph.parent?.parent?.code).toBe('6A003.a');
    expect(paragraph.parent?.parent?.parent?.code).toBe('6A003');
    expect(paragraph.parent?.parent?.parent?.kind).toBe('ENTRY');
    // The main list's 6A003.b.4 (the Sensitive List restates the code in a list of its own).
    const current = await prisma.controlProvision.findFirstOrThrow({
      where: { regime: 'US_EAR', code: '6A003.b.4', status: 'CURRENT', inMainList: true },
      include: { supersedes: true },
    });
    expect(current.supersedes?.status).toBe('SUPERSEDED');
    expect(current.supersedes?.text).toContain('10 mrad/pixel');
  });

  it('gives every provision, exemption and metric a citation that names its source', async () => {
    const { prisma } = db;
    const unsourced = { AND: [{ url: null }, { repository: null }] };
    expect(await prisma.controlProvision.count({ where: { citation: unsourced } })).toBe(0);
    expect(await prisma.impactMetric.count({ where: { citation: unsourced } })).toBe(0);
    // 742.15(b): the record itself names no URL or repository, only a licence and a note.
    const exemptions = await prisma.exemption.findMany({ where: { citation: unsourced }, select: { sourceKey: true } });
    expect(exemptions.map((row) => row.sourceKey)).toEqual(['US-EAR-742.15(b)']);
    const provisions = await prisma.controlProvision.findMany({
      where: { code: '6A003', regime: 'US_EAR' },
      select: { citation: { select: { repository: true, commit: true, section: true } } },
    });
    expect(provisions[0]?.citation.section).toContain("eccn code '6A003'");
  });

  it("keeps 6A003's key thresholds verbatim, with the exponent notes the data has", async () => {
    const { prisma } = db;
    const us = await prisma.threshold.findMany({
      where: { provision: { regime: 'US_EAR', code: '6A003', kind: 'ENTRY' }, criterionKey: null },
      orderBy: { ordinal: 'asc' },
    });
    expect(us).toHaveLength(18);
    expect(us.every((threshold) => threshold.parameter === null && threshold.value === null)).toBe(true);
    const withExponent = us
      .filter((threshold) => threshold.exponentNote !== null)
      .map((threshold) => threshold.paragraph);
    expect(withExponent).toEqual(['6A003.b.1.a.1', '6A003.b.1.a.2', '6A003.b.1.a.3']);
    expect(us.find((threshold) => threshold.paragraph === '6A003.b.1.a.1')?.exponentNote).toContain('4 x 10^6');
    const eu = await prisma.threshold.findMany({
      where: { provision: { regime: 'EU', code: '6A003' }, criterionKey: null },
    });
    expect(eu.find((threshold) => threshold.paragraph === '6A003.b.1.a')?.exponentNote).toContain('10^6');
    const euEntry = await prisma.controlProvision.findFirstOrThrow({ where: { regime: 'EU', code: '6A003' } });
    expect(euEntry.text).not.toBe('None');
    expect(euEntry.textDate?.toISOString().slice(0, 10)).toBe('2025-11-15');
  });

  it('links exemptions explicitly or by item type, never EU/UK/Wassenaar ones by scope', async () => {
    const { prisma } = db;
    const note3 = await prisma.exemptionProvision.findMany({
      where: { exemption: { sourceKey: 'US-CCL-6A003-Note3' } },
      select: { basis: true, provision: { select: { code: true } } },
    });
    expect(note3.map((link) => link.provision.code).sort()).toEqual(['6A003', '6A003.b.4', '6A003.b.4.b']);
    expect(note3.every((link) => link.basis === 'EXPLICIT')).toBe(true);
    const fundamental = await prisma.exemptionProvision.findMany({
      where: { exemption: { sourceKey: 'US-EAR-734.8' } },
      select: { basis: true, provision: { select: { itemType: true, kind: true } } },
    });
    expect(fundamental.length).toBeGreaterThan(100);
    expect(
      fundamental.every(
        (link) =>
          link.basis === 'ITEM_TYPE_SCOPE' &&
          link.provision.kind === 'ENTRY' &&
          link.provision.itemType !== 'COMMODITY',
      ),
    ).toBe(true);
    expect(
      await prisma.exemptionProvision.count({
        where: { exemption: { regime: { not: 'US_EAR' } }, basis: 'ITEM_TYPE_SCOPE' },
      }),
    ).toBe(0);
    // The EU general export authorisations name their Annex I items (eu-annex-ii): explicit links only.
    const gea = await prisma.exemptionProvision.findMany({
      where: { exemption: { regime: { not: 'US_EAR' } } },
      select: { basis: true, exemption: { select: { sourceKey: true } } },
    });
    expect(gea.length).toBeGreaterThan(0);
    expect(gea.every((link) => link.basis === 'EXPLICIT' && link.exemption.sourceKey.startsWith('EU-UGEA-EU'))).toBe(
      true,
    );
    expect(await prisma.exemptionProvision.count({ where: { exemption: { sourceKey: 'US-EAR-740.12-GFT' } } })).toBe(0);
  });

  it('maps consultations, submissions and metrics as the data states them', async () => {
    const { prisma } = db;
    const deac = await prisma.stakeholderConsultation.findUniqueOrThrow({
      where: { sourceKey: 'US-BIS-2008-DEAC-NOI' },
      include: { submissions: { orderBy: { ordinal: 'asc' }, include: { stakeholder: true } } },
    });
    expect(deac.submissions).toHaveLength(16);
    expect(deac.submissions[0]?.receivedOn?.toISOString().slice(0, 10)).toBe('2008-06-21');
    expect(deac.submissions[0]?.stakeholder.type).toBe('INDIVIDUAL');
    expect(deac.submissions[9]?.stakeholder.type).toBe('RESEARCH_ORGANISATION');
    // Row 4 of the record of comments: a university, labelled by the collector, not by BIS.
    expect(deac.submissions[3]?.stakeholder).toMatchObject({
      name: 'University of Iowa',
      type: 'UNIVERSITY',
      typeLabel: 'university',
      typeLabelOrigin: 'COLLECTOR',
    });
    expect(deac.responseCount).toBeNull();
    const fy = await prisma.impactMetric.findUniqueOrThrow({ where: { sourceKey: 'US-FY2006-9m-night-vision-apps' } });
    expect([fy.periodType, fy.periodStart.toISOString().slice(0, 10), fy.periodEnd.toISOString().slice(0, 10)]).toEqual(
      ['PARTIAL_FISCAL_YEAR', '2005-10-01', '2006-06-30'],
    );
    // The stakeholder that existed before seeding keeps its id; the seed filled in the type the data gives.
    const google = deac.submissions.find((submission) => submission.stakeholder.name === 'Google Inc.');
    expect(google?.stakeholderId).toBe(editorStakeholderId);
    expect(google?.stakeholder.type).toBe('COMPANY');
    expect(
      await prisma.auditEvent.count({
        where: { entityType: 'Stakeholder', entityId: editorStakeholderId, action: 'seed.update' },
      }),
    ).toBe(1);
    const qualitative = await prisma.impactMetric.findUniqueOrThrow({ where: { sourceKey: 'FR-UGEA-processing' } });
    expect([qualitative.value, qualitative.valueText]).toEqual([null, 'a few days']);
  });
});

/** Criteria of every paragraph condition, exclusion note and control-table line of the encodings. */
function criteriaIn(rulebook: Rulebook): string[] {
  const keys: string[] = [];
  for (const paragraph of rulebook.allParagraphs()) {
    const add = (criterion: { id: string }) => keys.push(`encoding:${paragraph.file}:${criterion.id}`);
    if (paragraph.node.conditions) forEachCriterion(paragraph.node.conditions, add);
    for (const exclusion of paragraph.node.exclusions ?? []) forEachCriterion(exclusion.when, add);
  }
  for (const { file, encoding } of rulebook.entries) {
    for (const reason of encoding.controlReasons ?? []) {
      if (reason.when) forEachCriterion(reason.when, (criterion) => keys.push(`encoding:${file}:${criterion.id}`));
    }
  }
  return keys.sort();
}

const NOTE_3A_KEY = 'encoding:US_EAR-6A003.json:n3a_frame_rate';

describe('threshold encodings in the database', () => {
  it('holds one encoded threshold per criterion of the encoding files, and leaves the 107 verbatim rows unencoded', async () => {
    const { prisma } = db;
    const expected = criteriaIn(loadRulebook());
    // 803 since the EU files encode the whole EU Annex I text of 6A002, 6A003, 6A008 and 6A203.
    expect(expected).toHaveLength(803);
    const stored = await prisma.threshold.findMany({
      where: { criterionKey: { not: null } },
      select: { sourceKey: true },
      orderBy: { sourceKey: 'asc' },
    });
    expect(stored.map((row) => row.sourceKey)).toEqual(expected);
    expect(first.counts.Threshold).toBe(107 + expected.length);
    const verbatim = await prisma.threshold.findMany({ where: { criterionKey: null } });
    expect(verbatim).toHaveLength(107);
    expect(
      verbatim.every(
        (row) => row.comparator === null && row.parameter === null && row.groupId === null && row.values.length === 0,
      ),
    ).toBe(true);
  });

  it('round-trips Note 3.a to 6A003.b.4 exactly: LTE 9 Hz in an EXCLUSION group of 6A003.b.4.b', async () => {
    const row = await db.prisma.threshold.findUniqueOrThrow({
      where: { sourceKey: NOTE_3A_KEY },
      include: { provision: { select: { code: true, regime: true, citationId: true } }, group: true },
    });
    expect(row).toMatchObject({
      paragraph: '6A003.b.4.b',
      parameter: 'frame_rate',
      comparator: 'LTE',
      unit: 'Hz',
      dimension: 'frequency',
      criterionKey: 'n3a_frame_rate',
      textVerbatim: 'a. A maximum frame rate equal to or less than 9 Hz;',
      valueMax: null,
      booleanValue: null,
      retiredAt: null,
      position: 0,
    });
    expect(row.value?.toString()).toBe('9');
    expect(row.provision).toMatchObject({ code: '6A003.b.4.b', regime: 'US_EAR' });
    expect(row.citationId).toBe(row.provision.citationId);
    expect(row.group).toMatchObject({
      role: 'EXCLUSION',
      operator: 'ANY_OF',
      parentGroupId: null,
      paragraph: '6A003.b.4.b',
      label: 'Note 3 to 6A003.b.4',
      exclusionKey: 'note3_6a003_b4b',
      provisionId: row.provisionId,
      citationId: row.citationId,
    });
    expect(row.group?.textVerbatim).toMatch(/^6A003\.b\.4\.b does not control imaging cameras/);
  });

  it('stores every comparator the encodings use, with its own fields', async () => {
    const { prisma } = db;
    const between = await prisma.threshold.findFirstOrThrow({ where: { comparator: 'BETWEEN' } });
    expect(
      [between.value, between.valueMax, between.minInclusive, between.maxInclusive].every((field) => field !== null),
    ).toBe(true);
    const isFalse = await prisma.threshold.findUniqueOrThrow({
      where: { sourceKey: 'encoding:US_EAR-6A003.json:n3b3_no_direct_view' },
    });
    expect(isFalse).toMatchObject({
      comparator: 'BOOLEAN',
      parameter: 'incorporates_direct_view_display',
      booleanValue: false,
      value: null,
    });
    const ref = await prisma.threshold.findUniqueOrThrow({
      where: { sourceKey: 'encoding:US_EAR-6A003.json:b4b_ref_6a002_a3f' },
    });
    expect(ref).toMatchObject({
      comparator: 'REFERENCE',
      parameter: null,
      ref: '6A002.a.3.f',
      refRegime: 'US_EAR',
      refSubject: 'COMPONENT',
    });
    const choice = await prisma.threshold.findUniqueOrThrow({
      where: { sourceKey: 'encoding:US_EAR-6A003.json:b4_camera' },
    });
    expect(choice).toMatchObject({
      comparator: 'IN',
      parameter: 'item_kind',
      values: ['camera', 'streak_camera', 'framing_camera', 'tv_camera'],
    });
    // Three in US_EAR-6A002.json, and two in EU-6A002.json (the third US one is in the US control table).
    expect(await prisma.thresholdGroup.count({ where: { operator: 'NOT' } })).toBe(5);
    expect(await prisma.threshold.count({ where: { comparator: { in: ['RANGE_EXCLUSIVE_MIN'] } } })).toBe(0);
  });

  it('stores paragraphs without a row of their own under the nearest stored ancestor, citing it', async () => {
    const { prisma } = db;
    const eu = await prisma.threshold.findMany({
      where: { sourceKey: { startsWith: 'encoding:EU-' } },
      select: {
        paragraph: true,
        citationId: true,
        provision: { select: { regime: true, kind: true, code: true, citationId: true } },
      },
    });
    expect(eu.length).toBeGreaterThan(0);
    // EU Annex I is stored by paragraph: every EU criterion sits on its own paragraph's row.
    expect(
      eu.every(
        (row) =>
          row.provision.regime === 'EU' &&
          row.provision.code === row.paragraph &&
          (row.provision.kind === 'PARAGRAPH') === row.paragraph.includes('.'),
      ),
    ).toBe(true);
    expect(eu.every((row) => row.citationId === row.provision.citationId)).toBe(true);
    const a090b = await prisma.threshold.findMany({
      where: { paragraph: '3A090.b' },
      select: { provision: { select: { code: true } } },
    });
    expect(a090b.length).toBeGreaterThan(0);
    expect(a090b.every((row) => row.provision.code === '3A090')).toBe(true);
    const ungrouped = await prisma.threshold.count({ where: { criterionKey: { not: null }, groupId: null } });
    expect(ungrouped).toBe(0);
  });

  it('keeps control-table lines with conditions as CONTROL_REASON groups of the entry', async () => {
    const groups = await db.prisma.thresholdGroup.findMany({
      where: { role: 'CONTROL_REASON', parentGroupId: null, provision: { regime: 'US_EAR', code: '6A003' } },
      orderBy: { ordinal: 'asc' },
    });
    expect(groups.map((group) => [group.reason, group.label, group.appliesTo, group.operator])).toEqual([
      ['NP', 'NP Column 1', ['6A003.a.6'], 'ANY_OF'],
      ['RS', 'RS Column 1', ['6A003.b.4.b'], 'ANY_OF'],
      ['RS', 'RS Column 2', ['6A003.b.4.b'], 'ALL_OF'],
    ]);
  });
});

describe('seeding again', () => {
  it('skips every dataset and changes nothing', async () => {
    const before = await latestUpdates(db);
    const again = await seedDatabase(db.prisma, {});
    expect(again.datasets.every((dataset) => dataset.status === 'skipped')).toBe(true);
    expect(again.counts).toEqual(first.counts);
    expect(await latestUpdates(db)).toEqual(before);
  });

  it('re-compares every row when the checksums are gone, and still changes nothing', async () => {
    const before = await latestUpdates(db);
    await db.prisma.seedDataset.deleteMany();
    const compared = await seedDatabase(db.prisma, {});
    expect(compared.datasets.every((dataset) => dataset.status === 'loaded')).toBe(true);
    for (const dataset of compared.datasets) {
      for (const [table, counts] of Object.entries(dataset.tables)) {
        expect({ table, created: counts.created, updated: counts.updated }).toEqual({ table, created: 0, updated: 0 });
      }
    }
    expect(compared.counts).toEqual(first.counts);
    expect(await latestUpdates(db)).toEqual(before);
  });
});

describe('a row lost after its dataset was loaded', () => {
  const KEY = 'US-BIS-FAQ-fundamental-research';

  it('is restored, with its id and links, by the next seed run although every checksum matches', async () => {
    const { prisma } = db;
    const lost = await prisma.guidanceDocument.findUniqueOrThrow({ where: { sourceKey: KEY } });
    const links = await prisma.guidanceExemption.count({ where: { guidanceId: lost.id } });
    expect(links).toBeGreaterThan(0);
    const checksums = await prisma.seedDataset.findMany({ orderBy: { name: 'asc' } });
    // Behind the loader's back, as a lost write leaves it: the row is gone (its links go with
    // it, ON DELETE CASCADE) and the stored checksum still says the dataset is loaded.
    await prisma.guidanceDocument.delete({ where: { id: lost.id } });
    expect(await prisma.guidanceDocument.count()).toBe(9);
    const outboxBefore = (await prisma.searchOutbox.aggregate({ _max: { id: true } }))._max.id ?? 0n;

    const report = await seedDatabase(prisma, {});
    expect(report.datasets.filter((dataset) => dataset.status === 'loaded').map((dataset) => dataset.name)).toEqual([
      'guidance',
      'links',
    ]);
    expect(report.datasets.find((dataset) => dataset.name === 'guidance')?.tables.GuidanceDocument).toMatchObject({
      created: 1,
      updated: 0,
    });
    const restored = await prisma.guidanceDocument.findUniqueOrThrow({ where: { sourceKey: KEY } });
    expect(restored.id).toBe(lost.id);
    expect(restored.contentHash).toBe(lost.contentHash);
    expect(await prisma.guidanceExemption.count({ where: { guidanceId: lost.id } })).toBe(links);
    expect(report.counts.GuidanceDocument).toBe(10);
    const { SearchOutbox: _outbox, ...counts } = report.counts;
    const { SearchOutbox: _firstOutbox, ...firstCounts } = first.counts;
    expect(counts).toEqual(firstCounts);
    // The search index hears of the restored document like of any other write.
    expect(
      await prisma.searchOutbox.count({ where: { entityId: lost.id, id: { gt: outboxBefore } } }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      (await prisma.seedDataset.findMany({ orderBy: { name: 'asc' } })).map((row) => [row.name, row.checksum]),
    ).toEqual(checksums.map((row) => [row.name, row.checksum]));

    const next = await seedDatabase(prisma, {});
    expect(next.datasets.every((dataset) => dataset.status === 'skipped')).toBe(true);
  });
});

describe('a changed seed file', () => {
  it('updates the changed row, audits it, and leaves the other datasets alone', async () => {
    const path = join(scratchSeedDir, 'data/consultations.json');
    const records = JSON.parse(await readFile(path, 'utf8')) as Array<{ id: string; title: string }>;
    const target = records.find((record) => record.id === 'EU-2017-EP-INTA-recast');
    if (!target) throw new Error('fixture record missing');
    target.title = `${target.title} (edited)`;
    await writeFile(path, JSON.stringify(records, null, 1));

    const report = await seedDatabase(db.prisma, { seedDir: scratchSeedDir });
    const consultations = report.datasets.find((dataset) => dataset.name === 'consultations');
    expect(consultations?.status).toBe('loaded');
    expect(consultations?.tables.StakeholderConsultation).toMatchObject({ created: 0, updated: 1 });
    // links depends on consultations, so it is re-compared (and finds nothing to do).
    expect(report.datasets.filter((dataset) => dataset.status === 'loaded').map((dataset) => dataset.name)).toEqual([
      'consultations',
      'links',
    ]);
    const row = await db.prisma.stakeholderConsultation.findUniqueOrThrow({
      where: { sourceKey: 'EU-2017-EP-INTA-recast' },
    });
    expect(row.title.endsWith('(edited)')).toBe(true);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: row.id } });
    expect(audit).toMatchObject({ actor: 'seed', action: 'seed.update', entityType: 'StakeholderConsultation' });
    expect(audit.detail).toMatchObject({ key: 'EU-2017-EP-INTA-recast', newHash: row.contentHash });
    expect(report.counts.StakeholderConsultation).toBe(12);
  });

  it('rolls the whole dataset back when it fails midway through an update', async () => {
    const path = join(scratchSeedDir, 'data/guidance_documents.json');
    const records = JSON.parse(await readFile(path, 'utf8')) as Array<{ id: string; title: string }>;
    const target = records.find((record) => record.id === 'US-BIS-FAQ-fundamental-research');
    if (!target) throw new Error('fixture record missing');
    const originalTitle = target.title;
    target.title = `${target.title} (edited)`;
    await writeFile(path, JSON.stringify(records, null, 1));
    const auditsBefore = await db.prisma.auditEvent.count();
    const checksumBefore = (await db.prisma.seedDataset.findUniqueOrThrow({ where: { name: 'guidance' } })).checksum;

    await expect(
      seedDatabase(db.prisma, {
        seedDir: scratchSeedDir,
        hooks: {
          afterTable(dataset, table) {
            if (dataset === 'guidance' && table === 'GuidanceDocument') throw new InjectedFailure('injected');
          },
        },
      }),
    ).rejects.toBeInstanceOf(InjectedFailure);

    const row = await db.prisma.guidanceDocument.findUniqueOrThrow({
      where: { sourceKey: 'US-BIS-FAQ-fundamental-research' },
    });
    expect(row.title).toBe(originalTitle);
    expect(await db.prisma.auditEvent.count()).toBe(auditsBefore);
    expect((await db.prisma.seedDataset.findUniqueOrThrow({ where: { name: 'guidance' } })).checksum).toBe(
      checksumBefore,
    );
  });
});

describe('a changed encoding file', () => {
  const path = () => join(scratchSeedDir, 'encodings/US_EAR-6A003.json');
  interface Criterion {
    id?: string;
    value?: number | boolean;
  }
  interface Node {
    paragraph: string;
    children?: Node[];
    exclusions?: Array<{ id: string; when: { any: Criterion[] } }>;
  }
  interface File {
    root: Node;
    controlReasons: Array<{ column: string; when?: { all: Criterion[] } }>;
  }

  it('updates a changed criterion with its old reading in the audit, and retires a removed one instead of deleting it', async () => {
    const original = await readFile(path(), 'utf8');
    const file = JSON.parse(original) as File;
    const find = (node: Node): Node | undefined =>
      node.paragraph === '6A003.b.4.b' ? node : node.children?.map(find).find(Boolean);
    const frameRate = find(file.root)?.exclusions?.[0]?.when.any[0];
    // The last criterion of the file (so no other criterion changes position): RS Column 2's "if not ... civil product".
    const rs2 = file.controlReasons.find((reason) => reason.column === 'RS Column 2')?.when?.all;
    if (frameRate?.id !== 'n3a_frame_rate' || rs2?.at(-1)?.id !== 'rs2_not_civil_product')
      throw new Error('fixture criteria missing');
    frameRate.value = 10;
    rs2.pop();
    await writeFile(path(), JSON.stringify(file, null, 1));

    const report = await seedDatabase(db.prisma, { seedDir: scratchSeedDir });
    const encodings = report.datasets.find((dataset) => dataset.name === 'threshold-encodings');
    expect(encodings?.status).toBe('loaded');
    // (guidance and links load too: the previous test left guidance_documents.json edited.)
    expect(
      report.datasets
        .filter((dataset) => ['reference', 'us-ccl', 'control-entries'].includes(dataset.name))
        .map((dataset) => dataset.status),
    ).toEqual(['skipped', 'skipped', 'skipped']);
    expect(encodings?.tables.Threshold).toMatchObject({ created: 0, updated: 1, retired: 1 });
    expect(encodings?.tables.ThresholdGroup).toMatchObject({ created: 0, updated: 0 });
    expect(report.counts.Threshold).toBe(first.counts.Threshold);

    const changed = await db.prisma.threshold.findUniqueOrThrow({ where: { sourceKey: NOTE_3A_KEY } });
    expect(changed.value?.toString()).toBe('10');
    const update = await db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: changed.id, action: 'seed.update' },
    });
    expect(update.detail).toMatchObject({
      dataset: 'threshold-encodings',
      key: NOTE_3A_KEY,
      previous: { value: '9', unit: 'Hz', comparator: 'LTE' },
    });
    const retired = await db.prisma.threshold.findUniqueOrThrow({
      where: { sourceKey: 'encoding:US_EAR-6A003.json:rs2_not_civil_product' },
    });
    expect(retired.retiredAt).not.toBeNull();
    expect(await db.prisma.auditEvent.count({ where: { entityId: retired.id, action: 'seed.retire' } })).toBe(1);

    // The original file again: the criterion comes back (un-retired, audited) and the value is 9 again.
    await writeFile(path(), original);
    const restored = await seedDatabase(db.prisma, { seedDir: scratchSeedDir });
    expect(restored.datasets.find((dataset) => dataset.name === 'threshold-encodings')?.tables.Threshold).toMatchObject(
      { created: 0, updated: 2 },
    );
    expect((await db.prisma.threshold.findUniqueOrThrow({ where: { sourceKey: NOTE_3A_KEY } })).value?.toString()).toBe(
      '9',
    );
    expect(await db.prisma.threshold.count({ where: { retiredAt: { not: null } } })).toBe(0);
    expect(await db.prisma.auditEvent.count({ where: { entityId: retired.id, action: 'seed.update' } })).toBe(1);
  });
});

describe('every seed run above', () => {
  it('sent no statement that removes rows', () => {
    expect(db.statements.length).toBeGreaterThan(0);
    expect(db.statements.filter((sql) => REMOVING_STATEMENT.test(sql))).toEqual([]);
  });
});
