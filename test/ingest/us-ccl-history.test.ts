// The CCL history and the Federal Register rules, loaded with the datasets they build on
// (reference, us-ccl) into an in-memory database and checked against the source files, read
// here directly: counts per supplement, every version's text and dates, the reading of a date
// ("the version holding the latest snapshot on or before D") for every snapshot date, notes,
// rule links, the supplementary lists, and the reconciliation with the current list.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionVersionWhere } from '../../src/domain/point-in-time.js';
import type { Importer } from '../../src/ingest/importer.js';
import { referenceImporter } from '../../src/ingest/importers/reference.js';
import { usCclHistoryImporter } from '../../src/ingest/importers/us-ccl-history.js';
import { usCclImporter } from '../../src/ingest/importers/us-ccl.js';
import { usFrRulesImporter } from '../../src/ingest/importers/us-fr-rules.js';
import { SeedFiles } from '../../src/ingest/seed-files.js';
import { stableId } from '../../src/ingest/stable-id.js';
import { IdMap } from '../../src/ingest/sync-context.js';
import { openLoggedDatabase, type LoggedDatabase } from './logged-database.js';

const SEED_DIR = resolve(import.meta.dirname, '../../seed');

interface FileVersion {
  text: string;
  heading: string | null;
  notes: string[];
  first_seen: string;
  last_seen: string;
  dates: string[];
  ended: 'changed' | 'absent' | 'latest_snapshot';
  next_snapshot: string | null;
  [field: string]: unknown;
}
interface FileRecord {
  code: string;
  supplement: '1' | '5' | '6' | '7';
  occurrence: number;
  versions: FileVersion[];
}
interface HistoryJson {
  snapshots: Array<{ date: string }>;
  counts: { paragraph_records: number; versions: number; by_supplement: Record<string, number> };
  paragraphs: FileRecord[];
}
interface RulesJson {
  count: number;
  rules: Array<{
    document_number: string;
    citation: string | null;
    publication_date: string;
    effective_date: string | null;
    part774_supplements: string[];
  }>;
}

const history = JSON.parse(
  gunzipSync(readFileSync(resolve(SEED_DIR, 'data/us_ccl_history.json.gz'))).toString('utf8'),
) as HistoryJson;
const rules = JSON.parse(readFileSync(resolve(SEED_DIR, 'data/us_fr_rules_part774.json'), 'utf8')) as RulesJson;
const snapshots = history.snapshots.map((snapshot) => snapshot.date);
const day = (text: string) => new Date(`${text}T00:00:00Z`);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (text: string, days: number) => isoDay(new Date(day(text).getTime() + days * 86_400_000));
const versionIdentity = (supplement: string, code: string, occurrence: number, firstSeen: string) =>
  `${supplement}|${code}|${occurrence}|${firstSeen}`;

const CANDIDATE_FIELDS = {
  CHANGED_BY_CANDIDATE: 'changed_by_candidates',
  CHANGED_BY_RETROACTIVE_CANDIDATE: 'changed_by_retroactive_candidates',
  REMOVED_BY_CANDIDATE: 'removed_by_candidates',
  REMOVED_BY_RETROACTIVE_CANDIDATE: 'removed_by_retroactive_candidates',
} as const;

function documentNumbers(version: FileVersion, field: string): string[] {
  const value = version[field];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The version a record holds on `date` by the source's rule: the one holding the latest snapshot on or before it. */
function versionOn(record: FileRecord, date: string): FileVersion | undefined {
  const latest = snapshots.filter((snapshot) => snapshot <= date).at(-1);
  if (!latest) return undefined;
  return record.versions.find((version) => version.dates.includes(latest));
}

let db: LoggedDatabase;
const logged: Array<{ msg: string; data?: object }> = [];

/** Loads datasets as the seed does (one transaction each), without the bookkeeping of the checksums. */
async function load(importers: readonly Importer[]): Promise<void> {
  const files = new SeedFiles(SEED_DIR);
  for (const importer of importers) {
    await db.prisma.$transaction(
      (tx) =>
        importer.load({
          tx,
          files,
          dataset: importer.name,
          ids: new IdMap(),
          audits: [],
          counts: {},
          written: [],
          log: (msg, data) => logged.push({ msg, data }),
        }),
      { timeout: 300_000 },
    );
  }
}

interface VersionRow {
  id: string;
  sourceKey: string;
  code: string;
  kind: string;
  text: string;
  title: string;
  status: string;
  validFrom: Date | null;
  validTo: Date | null;
  inMainList: boolean;
  supersedesId: string | null;
  controlList: { sourceKey: string; isMain: boolean };
  extra: { history?: { supplement: string; code: string; occurrence: number; first_seen: string } } | null;
}
/** Version rows by the source's identity of a version (supplement, code, occurrence, first snapshot). */
let versionRows: Map<string, VersionRow>;

beforeAll(async () => {
  db = await openLoggedDatabase();
  await load([referenceImporter, usCclImporter, usFrRulesImporter, usCclHistoryImporter]);
  const rows = (await db.prisma.controlProvision.findMany({
    where: { regime: 'US_EAR' },
    select: {
      id: true,
      sourceKey: true,
      code: true,
      kind: true,
      text: true,
      title: true,
      status: true,
      validFrom: true,
      validTo: true,
      inMainList: true,
      supersedesId: true,
      controlList: { select: { sourceKey: true, isMain: true } },
      extra: true,
    },
  })) as VersionRow[];
  versionRows = new Map();
  for (const row of rows) {
    const source = row.extra?.history;
    if (!source) continue;
    versionRows.set(versionIdentity(source.supplement, source.code, source.occurrence, source.first_seen), row);
  }
}, 600_000);

afterAll(async () => {
  await db?.close();
});

describe('us-fr-rules', () => {
  it('stores every rule of the file as an amending act of the US EAR with its citation', async () => {
    expect(rules.rules).toHaveLength(rules.count);
    expect(rules.count).toBe(284);
    const acts = await db.prisma.amendingAct.findMany({
      include: { jurisdiction: { select: { code: true } }, citation: true },
    });
    expect(acts).toHaveLength(284);
    const byNumber = new Map(acts.map((act) => [act.documentNumber, act]));
    for (const rule of rules.rules) {
      const act = byNumber.get(rule.document_number);
      expect(act, rule.document_number).toBeDefined();
      expect(act?.regime).toBe('US_EAR');
      expect(act?.jurisdiction.code).toBe('US');
      expect(act?.reference).toBe(rule.citation);
      expect(act && isoDay(act.publishedOn as Date)).toBe(rule.publication_date);
      expect(act?.effectiveOn ? isoDay(act.effectiveOn) : null).toBe(rule.effective_date);
      expect(act?.listParts).toEqual(rule.part774_supplements);
      expect(act?.citation).toMatchObject({
        repository: 'jacobfeldgoise/ccl-trade',
        path: 'data/federal-register-documents.json',
        section: `document_number '${rule.document_number}'`,
      });
    }
    expect(byNumber.get('2020-16286')?.reference).toBe('85 FR 56294');
  });
});

describe('us-ccl-history: records and versions', () => {
  it('holds the counts the file states, per supplement', () => {
    expect(history.paragraphs).toHaveLength(3787);
    expect(history.counts.paragraph_records).toBe(3787);
    expect(history.paragraphs.reduce((sum, record) => sum + record.versions.length, 0)).toBe(6617);
    expect(versionRows.size).toBe(6617);
    for (const supplement of ['1', '5', '6', '7']) {
      const records = history.paragraphs.filter((record) => record.supplement === supplement);
      expect(records.length).toBe(history.counts.by_supplement[supplement]);
      const rows = [...versionRows.values()].filter((row) => row.extra?.history?.supplement === supplement);
      expect(rows.length, `supplement ${supplement}`).toBe(
        records.reduce((sum, record) => sum + record.versions.length, 0),
      );
      const recordKeys = new Set(
        rows.map((row) => `${row.extra?.history?.code ?? ''}|${row.extra?.history?.occurrence ?? ''}`),
      );
      expect(recordKeys.size, `supplement ${supplement} records`).toBe(records.length);
    }
  });

  it('stores every version verbatim, valid from its first snapshot to the next snapshot after its last', () => {
    for (const record of history.paragraphs) {
      for (const version of record.versions) {
        const row = versionRows.get(
          versionIdentity(record.supplement, record.code, record.occurrence, version.first_seen),
        );
        const what = `${record.supplement} ${record.code} ${version.first_seen}`;
        expect(row, what).toBeDefined();
        if (!row) continue;
        expect(row.text, what).toBe(version.text);
        expect(row.code, what).toBe(record.code);
        expect(isoDay(row.validFrom as Date), what).toBe(version.first_seen);
        if (version.ended === 'latest_snapshot') {
          expect([row.status, row.validTo], what).toEqual(['CURRENT', null]);
        } else {
          expect(row.status, what).toBe('SUPERSEDED');
          expect(row.validTo && isoDay(row.validTo), what).toBe(version.next_snapshot);
        }
        expect(row.inMainList, what).toBe(record.supplement === '1');
        if (version.heading) expect(row.title, what).toBe(version.heading);
      }
    }
  });

  it('chains the versions of a record: each but the first supersedes the one before it', () => {
    for (const record of history.paragraphs) {
      const ids = record.versions.map(
        (version) =>
          versionRows.get(versionIdentity(record.supplement, record.code, record.occurrence, version.first_seen))?.id,
      );
      record.versions.forEach((version, index) => {
        const row = versionRows.get(
          versionIdentity(record.supplement, record.code, record.occurrence, version.first_seen),
        );
        expect(row?.supersedesId, `${record.code} ${version.first_seen}`).toBe(index === 0 ? null : ids[index - 1]);
      });
    }
  });

  it('stores the notes of every version on that version, labelled as their text starts', async () => {
    // Only the datasets of the history are loaded here: every note is one of its versions'.
    const notes = await db.prisma.provisionNote.findMany({
      select: { provisionId: true, kind: true, label: true, text: true, ordinal: true },
    });
    const byProvision = new Map<string, typeof notes>();
    for (const note of notes) byProvision.set(note.provisionId, [...(byProvision.get(note.provisionId) ?? []), note]);
    let expected = 0;
    for (const record of history.paragraphs) {
      for (const version of record.versions) {
        expected += version.notes.length;
        const row = versionRows.get(
          versionIdentity(record.supplement, record.code, record.occurrence, version.first_seen),
        );
        const stored = (byProvision.get(row?.id ?? '') ?? []).sort((a, b) => a.ordinal - b.ordinal);
        expect(
          stored.map((note) => note.text),
          `${record.code} ${version.first_seen}`,
        ).toEqual(version.notes);
        for (const note of stored) {
          expect(note.text.startsWith(note.label)).toBe(true);
          if (note.kind === 'TECHNICAL_NOTE') expect(note.label.toLowerCase()).toMatch(/^technical note/);
          if (note.kind === 'NB') expect(note.label).toMatch(/^N\.\s?B\./);
        }
      }
    }
    expect(expected).toBe(2618);
    const total = [...byProvision.values()].reduce((sum, list) => sum + list.length, 0);
    expect(total).toBe(expected);
    const note3 = await db.prisma.provisionNote.findMany({
      where: { label: 'Note 3', provision: { code: '6A003.b.4.c', inMainList: true } },
      select: { text: true, provision: { select: { validFrom: true } } },
    });
    const byStart = new Map(note3.map((note) => [isoDay(note.provision.validFrom as Date), note.text]));
    expect(byStart.get('2017-01-15')).toContain('at least 10 mrad/pixel (milliradians/pixel)');
    expect(byStart.get('2017-08-15')).toContain('at least 10 mrad (milliradians)');
    expect(byStart.get('2020-09-11')).toContain('at least 2 mrad (milliradians)');
  });

  it('links each version to the rules the file names as its candidates, inferred by date', async () => {
    const links = await db.prisma.provisionAmendment.findMany({
      select: {
        provisionId: true,
        kind: true,
        basis: true,
        sameListPart: true,
        act: { select: { documentNumber: true } },
      },
    });
    const stored = new Set(
      links.map((link) => `${link.provisionId}|${link.act.documentNumber}|${link.kind}|${link.sameListPart}`),
    );
    const known = new Set(rules.rules.map((rule) => rule.document_number));
    const expected = new Set<string>();
    let unknown = 0;
    for (const record of history.paragraphs) {
      for (const version of record.versions) {
        const row = versionRows.get(
          versionIdentity(record.supplement, record.code, record.occurrence, version.first_seen),
        );
        for (const [kind, field] of Object.entries(CANDIDATE_FIELDS)) {
          const same = new Set(documentNumbers(version, `${field}_same_supplement`));
          for (const number of documentNumbers(version, field)) {
            if (!known.has(number)) unknown += 1;
            else expected.add(`${row?.id ?? ''}|${number}|${kind}|${same.has(number)}`);
          }
        }
      }
    }
    expect(unknown).toBe(0);
    expect(links.every((link) => link.basis === 'inferred-by-date')).toBe(true);
    expect(links).toHaveLength(expected.size);
    expect([...expected].filter((link) => !stored.has(link))).toEqual([]);
    const rule = links.filter(
      (link) =>
        link.act.documentNumber === '2020-16286' &&
        link.provisionId === versionRows.get(versionIdentity('1', '6A003.b.4.c', 0, '2020-09-11'))?.id,
    );
    expect(rule.map((link) => [link.kind, link.sameListPart])).toEqual([['CHANGED_BY_CANDIDATE', true]]);
  });
});

describe('us-ccl-history: reading a date', () => {
  /** Snapshot dates, the day before each, and two dates the data README names. */
  const dates = [...new Set([...snapshots, ...snapshots.slice(1).map((date) => addDays(date, -1)), '2018-06-01'])]
    .filter((date) => date >= snapshots[0]! && date <= snapshots.at(-1)!)
    .sort();

  it('returns, on every such date, exactly the version the history holds, and one row per code at most', async () => {
    const list = await db.prisma.controlList.findUniqueOrThrow({ where: { sourceKey: 'US-EAR-CCL' } });
    const rowIdentity = new Map([...versionRows].map(([identity, row]) => [row.id, identity] as const));
    const mainRecords = history.paragraphs.filter((record) => record.supplement === '1');
    for (const date of dates) {
      const valid = await db.prisma.controlProvision.findMany({
        where: { AND: [{ regime: 'US_EAR' }, provisionVersionWhere(day(date))] },
        select: { id: true, code: true, inMainList: true },
      });
      expect(valid.every((row) => row.inMainList)).toBe(true);
      const byCode = new Map<string, string[]>();
      for (const row of valid) byCode.set(row.code, [...(byCode.get(row.code) ?? []), row.id]);
      expect(
        [...byCode].filter(([, ids]) => ids.length > 1),
        date,
      ).toEqual([]);
      for (const record of mainRecords) {
        const version = versionOn(record, date);
        const [found] = byCode.get(record.code) ?? [];
        if (version) {
          expect(found && rowIdentity.get(found), `${record.code} on ${date}`).toBe(
            versionIdentity('1', record.code, 0, version.first_seen),
          );
        } else if (found) {
          // Not in the history on that date: only the current list's own row, from its text date on.
          expect(rowIdentity.has(found), `${record.code} on ${date}`).toBe(false);
          expect(date >= isoDay(list.textDate as Date)).toBe(true);
        }
      }
    }
  });

  it('reads 6A005.a.6.a as "200 W" before 2017-08-15 and "500 W" from it; 3A090 only from 2023-01-17', async () => {
    const textOn = async (code: string, date: string) =>
      (
        await db.prisma.controlProvision.findMany({
          where: { AND: [{ code, regime: 'US_EAR' }, provisionVersionWhere(day(date))] },
          select: { text: true },
        })
      ).map((row) => row.text);
    const [before] = await textOn('6A005.a.6.a', '2017-08-14');
    const [from] = await textOn('6A005.a.6.a', '2017-08-15');
    expect(before).toContain('200 W');
    expect(from).toContain('500 W');
    expect(await textOn('3A090.a.1', '2022-12-01')).toEqual([]);
    expect(await textOn('3A090.a.1', '2023-01-16')).toEqual([]);
    expect(await textOn('3A090.a.1', '2023-01-17')).toHaveLength(1);
  });

  it('returns no history version before the first snapshot, 2017-01-15', async () => {
    const before = await db.prisma.controlProvision.count({
      where: { AND: [{ regime: 'US_EAR' }, provisionVersionWhere(day('2017-01-14'))] },
    });
    expect(before).toBe(0);
    const earliest = await db.prisma.controlProvision.aggregate({
      where: { regime: 'US_EAR', validFrom: { not: null } },
      _min: { validFrom: true },
    });
    expect(earliest._min.validFrom && isoDay(earliest._min.validFrom)).toBe('2017-01-15');
  });
});

describe('us-ccl-history: supplements and the current list', () => {
  it('gives Supplements No. 5, 6 and 7 lists of their own, kept out of the main list', async () => {
    const lists = await db.prisma.controlList.findMany({
      where: { regime: 'US_EAR', sourceKey: { startsWith: 'US-EAR-CCL-SUPP' } },
      select: { sourceKey: true, isMain: true, name: true, _count: { select: { provisions: true } } },
      orderBy: { sourceKey: 'asc' },
    });
    expect(lists.map((list) => [list.sourceKey, list.isMain])).toEqual([
      ['US-EAR-CCL-SUPP5', false],
      ['US-EAR-CCL-SUPP6', false],
      ['US-EAR-CCL-SUPP7', false],
    ]);
    expect(lists.find((list) => list.sourceKey === 'US-EAR-CCL-SUPP6')?.name).toBe(
      'Supplement No. 6 to Part 774—Sensitive List',
    );
    for (const list of lists) {
      const supplement = list.sourceKey.slice(-1);
      const versions = history.paragraphs
        .filter((record) => record.supplement === supplement)
        .reduce((sum, record) => sum + record.versions.length, 0);
      expect(list._count.provisions, list.sourceKey).toBe(versions);
    }
    const supp6 = [...versionRows.values()].filter(
      (row) => row.code === '6A003.b.4.b' && row.controlList.sourceKey === 'US-EAR-CCL-SUPP6',
    );
    expect(supp6.length).toBeGreaterThan(0);
    expect(supp6.every((row) => !row.inMainList && !row.controlList.isMain)).toBe(true);
    const current6 = supp6.find((row) => row.status === 'CURRENT');
    expect(current6?.text).toContain('10 mrad/pixel');
  });

  it('lets the latest version take over the current list row of its code, keeping its key and id', async () => {
    const usCodes = new Set(
      (
        await db.prisma.controlProvision.findMany({
          where: { sourceKey: { startsWith: 'US-EAR-CCL-' }, NOT: { sourceKey: { contains: '@' } }, inMainList: true },
          select: { code: true, sourceKey: true },
        })
      )
        .filter((row) => row.sourceKey === `US-EAR-CCL-${row.code}`)
        .map((row) => row.code),
    );
    let takenOver = 0;
    for (const record of history.paragraphs) {
      if (record.supplement !== '1') continue;
      const last = record.versions.at(-1);
      if (!last) continue;
      const row = versionRows.get(versionIdentity('1', record.code, 0, last.first_seen));
      if (last.ended === 'latest_snapshot' && usCodes.has(record.code)) {
        takenOver += 1;
        expect(row?.sourceKey).toBe(`US-EAR-CCL-${record.code}`);
        expect(row?.id).toBe(stableId('ControlProvision', `US-EAR-CCL-${record.code}`));
      } else {
        expect(row?.sourceKey).toBe(`US-EAR-CCL-${record.code}@${last.first_seen}`);
      }
    }
    expect(takenOver).toBe(3239);
    const comparison = await db.prisma.$queryRawUnsafe<Array<{ compared: string; n: number }>>(
      `SELECT extra->'currentList'->>'comparedWithHistory' AS compared, count(*)::int AS n FROM "ControlProvision" ` +
        `WHERE extra ? 'currentList' GROUP BY 1 ORDER BY 1`,
    );
    const counts = Object.fromEntries(comparison.map((row) => [row.compared, row.n]));
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(takenOver);
    const logged6 = logged.find((entry) => entry.msg.startsWith('seed: CCL rows holding the history'))?.data;
    expect(logged6).toMatchObject({
      identical: counts.identical ?? 0,
      sameAfterNormalising: counts['same-after-normalising'] ?? 0,
      differs: counts.differs ?? 0,
    });
    expect(counts.differs).toBeGreaterThan(0);
  });

  it('keeps every current code to one CURRENT main-list row; entries the history lacks start at the current text date', async () => {
    const duplicates = await db.prisma.$queryRawUnsafe<Array<{ code: string }>>(
      `SELECT code FROM "ControlProvision" WHERE regime = 'US_EAR' AND "inMainList" AND status = 'CURRENT' ` +
        `GROUP BY code HAVING count(*) > 1`,
    );
    expect(duplicates).toEqual([]);
    const entry = await db.prisma.controlProvision.findUniqueOrThrow({ where: { sourceKey: 'US-EAR-CCL-6A003' } });
    expect([entry.status, entry.validFrom, entry.extra]).toEqual(['CURRENT', null, null]);
    const on2018 = await db.prisma.controlProvision.findMany({
      where: { AND: [{ code: '6A003', regime: 'US_EAR' }, provisionVersionWhere(day('2018-06-01'))] },
    });
    expect(on2018).toEqual([]);
  });

  it('supersedes no history version from the editorial correlations (the links dataset owns those)', () => {
    const editorial = JSON.parse(readFileSync(resolve(SEED_DIR, 'editorial/correlations.json'), 'utf8')) as {
      supersedes: Array<{ current: string; older: string }>;
    };
    const historyKeys = new Set([...versionRows.values()].map((row) => row.sourceKey));
    for (const item of editorial.supersedes) {
      expect(historyKeys.has(item.current), item.current).toBe(false);
      expect(historyKeys.has(item.older), item.older).toBe(false);
    }
  });
});
