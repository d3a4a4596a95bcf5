// Versions of a provision through the API on a small hand-made dataset: history in order, the
// acts that may have made a version (never presented as facts), the notes printed with each
// version, word-level diffs between dates or versions, supplementary lists kept out of lookups,
// and the list texts outside the entries.
import { graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExemptionRules } from '../../src/classification/exemption-rules.js';
import { loadRulebook } from '../../src/classification/rulebook.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { MIGRATIONS_DIR } from '../../src/db/migrations-dir.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { schema } from '../../src/graphql/index.js';
import { createRequestLoaders } from '../../src/graphql/request-loaders.js';
import { EmbeddedSearchEngine } from '../../src/search/embedded-search-engine.js';
import { createServices, type AppServices } from '../../src/services/app-services.js';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');

async function insertFixture(p: PrismaClient) {
  const cit = await p.citation.create({ data: { key: 'c1', sourceType: 'URL', url: 'https://www.ecfr.gov/x' } });
  const us = await p.jurisdiction.create({ data: { code: 'US', name: 'United States', kind: 'STATE' } });
  const ccl = await p.controlList.create({
    data: { sourceKey: 'ccl', regime: 'US_EAR', jurisdictionId: us.id, name: 'CCL', version: 'x', citationId: cit.id },
  });
  const sensitive = await p.controlList.create({
    data: {
      sourceKey: 'supp6',
      regime: 'US_EAR',
      jurisdictionId: us.id,
      name: 'Sensitive List',
      version: 'x',
      isMain: false,
      citationId: cit.id,
    },
  });
  const base = {
    contentHash: 'h',
    regime: 'US_EAR' as const,
    jurisdictionId: us.id,
    kind: 'PARAGRAPH' as const,
    code: '6A003.b.4.c',
    entryCode: '6A003',
    title: 'c.',
    category: '6',
    categoryName: 'Sensors and Lasers',
    reasonsForControl: [],
    citationId: cit.id,
    controlListId: ccl.id,
  };
  const v1 = await p.controlProvision.create({
    data: {
      ...base,
      sourceKey: 'v1',
      text: 'c. Incorporating a fast-readout. Note 3: at least 10 mrad/pixel (milliradians/pixel)',
      status: 'SUPERSEDED',
      validFrom: day('2017-01-15'),
      validTo: day('2017-08-15'),
    },
  });
  const v2 = await p.controlProvision.create({
    data: {
      ...base,
      sourceKey: 'v2',
      text: 'c. Incorporating a fast-readout. Note 3: at least 10 mrad (milliradians)',
      status: 'SUPERSEDED',
      validFrom: day('2017-08-15'),
      validTo: day('2020-09-11'),
    },
  });
  const v3 = await p.controlProvision.create({
    data: {
      ...base,
      sourceKey: 'v3',
      text: 'c. Incorporating a fast-readout. Note 3: at least 2 mrad (milliradians)',
      status: 'CURRENT',
      validFrom: day('2020-09-11'),
    },
  });
  await p.controlProvision.create({
    data: {
      ...base,
      sourceKey: 's6',
      text: '(xvii) 6A003.b.4.c - restated on the Sensitive List',
      controlListId: sensitive.id,
      inMainList: false,
      status: 'CURRENT',
      validFrom: day('2017-01-15'),
    },
  });
  const note = (provisionId: string, sourceKey: string, text: string) =>
    p.provisionNote.create({
      data: { sourceKey, contentHash: 'h', provisionId, kind: 'NOTE', label: 'Note 3', text, citationId: cit.id },
    });
  await note(v1.id, 'n1', 'at least 10 mrad/pixel (milliradians/pixel)');
  await note(v2.id, 'n2', 'at least 10 mrad (milliradians)');
  await note(v3.id, 'n3', 'at least 2 mrad (milliradians)');
  await p.provisionNote.create({
    data: {
      sourceKey: 'tn',
      contentHash: 'h',
      provisionId: v3.id,
      kind: 'TECHNICAL_NOTE',
      label: 'Technical Note',
      text: 'mrad is measured as stated.',
      citationId: cit.id,
    },
  });
  const rule = await p.amendingAct.create({
    data: {
      sourceKey: 'FR:2020-16286',
      contentHash: 'h',
      jurisdictionId: us.id,
      regime: 'US_EAR',
      documentNumber: '2020-16286',
      reference: '85 FR 56294',
      title: 'Wassenaar Arrangement 2019 Plenary Decisions',
      effectiveOn: day('2020-09-11'),
      citationId: cit.id,
    },
  });
  await p.provisionAmendment.create({
    data: {
      provisionId: v3.id,
      actId: rule.id,
      kind: 'CHANGED_BY_CANDIDATE',
      basis: 'inferred-by-date',
      sameListPart: true,
    },
  });
  await p.listText.create({
    data: {
      sourceKey: 'gtn',
      contentHash: 'h',
      controlListId: ccl.id,
      kind: 'TECHNOLOGY_NOTE',
      label: 'GTN',
      text: 'General Technology Note text.',
      citationId: cit.id,
    },
  });
  await p.listText.create({
    data: {
      sourceKey: 'acc',
      contentHash: 'h',
      controlListId: ccl.id,
      kind: 'DEFINITION',
      label: 'Accuracy',
      text: '"Accuracy" means ...',
      categories: ['2', '6'],
      citationId: cit.id,
    },
  });
  return { v1, v2, v3, rule };
}

let db: Database;
let services: AppServices;
let fixture: Awaited<ReturnType<typeof insertFixture>>;

async function run(source: string, variableValues?: Record<string, unknown>) {
  const result = await graphql({
    schema,
    source,
    variableValues,
    contextValue: { requestId: 'test', services, loaders: createRequestLoaders(services), filterNotes: [] },
  });
  return { data: result.data as Record<string, unknown> | null | undefined, errors: result.errors };
}

beforeAll(async () => {
  db = await openDatabase({
    DATA_DIR: 'unused',
    inMemory: true,
    DB_POOL_SIZE: 1,
    DB_CONNECT_TIMEOUT_MS: 5000,
    DB_STATEMENT_TIMEOUT_MS: 60_000,
  });
  await applyMigrations(db.sql, MIGRATIONS_DIR);
  const rulebook = loadRulebook();
  services = createServices({
    db,
    rulebook,
    exemptionRules: loadExemptionRules(rulebook),
    searchEngine: new EmbeddedSearchEngine(),
  });
  fixture = await insertFixture(db.prisma);
});

afterAll(async () => {
  await db?.close();
});

describe('provision versions', () => {
  it('answers each date with the version in force then, and nothing before the first', async () => {
    const at = async (asOf: string) =>
      (
        await run(
          `{ provision(code: "6A003.b.4.c", regime: US_EAR, asOf: "${asOf}") { text listNotes { label text } } }`,
        )
      ).data?.provision as { text: string; listNotes: Array<{ text: string }> } | null;
    expect((await at('2017-03-01'))?.listNotes[0]?.text).toBe('at least 10 mrad/pixel (milliradians/pixel)');
    expect((await at('2017-08-15'))?.listNotes[0]?.text).toBe('at least 10 mrad (milliradians)');
    expect((await at('2021-01-01'))?.listNotes.map((n) => n.text)).toEqual([
      'at least 2 mrad (milliradians)',
      'mrad is measured as stated.',
    ]);
    expect(await at('2016-12-31')).toBeNull();
  });

  it('keeps a supplementary list out of code lookups, and lists every version oldest first', async () => {
    const result = await run(`{ provision(code: "6A003.b.4.c", regime: US_EAR) {
      validFrom controlList { isMain }
      history { validFrom validTo status amendingActs { kind inferred basis act { documentNumber reference } } }
    } }`);
    expect(result.errors).toBeUndefined();
    const provision = result.data?.provision as unknown as {
      validFrom: string;
      controlList: { isMain: boolean };
      history: Array<{
        validFrom: string;
        validTo: string | null;
        status: string;
        amendingActs: Array<{ kind: string; inferred: boolean; act: { documentNumber: string } }>;
      }>;
    };
    expect(provision.controlList.isMain).toBe(true);
    expect(provision.history.map((v) => [v.validFrom, v.validTo, v.status])).toEqual([
      ['2017-01-15', '2017-08-15', 'SUPERSEDED'],
      ['2017-08-15', '2020-09-11', 'SUPERSEDED'],
      ['2020-09-11', null, 'CURRENT'],
    ]);
    expect(provision.history[2]?.amendingActs).toEqual([
      {
        kind: 'CHANGED_BY_CANDIDATE',
        inferred: true,
        basis: 'inferred-by-date',
        act: { documentNumber: '2020-16286', reference: '85 FR 56294' },
      },
    ]);
  });

  it('diffs two dates word by word, text and notes, and rebuilds both texts from the segments', async () => {
    const result =
      await run(`{ provisionDiff(code: "6A003.b.4.c", regime: US_EAR, from: "2017-03-01", to: "2021-01-01") {
      changed text { op text } notes { kind label change segments { op text } }
    } }`);
    expect(result.errors).toBeUndefined();
    const diff = result.data?.provisionDiff as unknown as {
      changed: boolean;
      text: Array<{ op: string; text: string }>;
      notes: Array<{ kind: string; label: string; change: string; segments: Array<{ op: string; text: string }> }>;
    };
    expect(diff.changed).toBe(true);
    const rebuild = (segments: Array<{ op: string; text: string }>, keep: string) =>
      segments
        .filter((s) => s.op === 'EQUAL' || s.op === keep)
        .map((s) => s.text)
        .join('');
    expect(rebuild(diff.text, 'DELETE')).toBe(fixture.v1.text);
    expect(rebuild(diff.text, 'INSERT')).toBe(fixture.v3.text);
    expect(
      diff.text
        .filter((s) => s.op === 'DELETE')
        .map((s) => s.text)
        .join(''),
    ).toContain('10');
    expect(diff.notes.map((n) => [n.kind, n.label, n.change])).toEqual([
      ['NOTE', 'Note 3', 'CHANGED'],
      ['TECHNICAL_NOTE', 'Technical Note', 'ADDED'],
    ]);
  });

  it('diffs by version id, and says "unknown" (null) when a date has no version', async () => {
    const v2 = globalId('ControlProvision', fixture.v2.id);
    const same = await run(
      `{ provisionDiff(code: "6A003.b.4.c", regime: US_EAR, fromVersion: "${v2}", to: "2019-01-01") { changed } }`,
    );
    expect(same.data?.provisionDiff).toEqual({ changed: false });
    const unknown = await run(
      `{ provisionDiff(code: "6A003.b.4.c", regime: US_EAR, from: "2010-01-01", to: "2019-01-01") { changed from { id } } }`,
    );
    expect(unknown.data?.provisionDiff).toEqual({ changed: null, from: null });
    const both = await run(
      `{ provisionDiff(code: "6A003.b.4.c", regime: US_EAR, from: "2017-03-01", fromVersion: "${v2}", to: "2019-01-01") { changed } }`,
    );
    expect(both.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'from',
      rule: 'date-or-version',
    });
  });

  it('lists amending acts and list texts', async () => {
    const acts = await run(
      `{ amendingActs(filter: { regime: US_EAR, effectiveFrom: "2020-01-01" }) { totalCount edges { node { documentNumber provisions { kind provision { code } } } } } }`,
    );
    expect(acts.data?.amendingActs).toEqual({
      totalCount: 1,
      edges: [
        {
          node: {
            documentNumber: '2020-16286',
            provisions: [{ kind: 'CHANGED_BY_CANDIDATE', provision: { code: '6A003.b.4.c' } }],
          },
        },
      ],
    });
    const texts = await run(
      `{ listTexts(filter: { category: "6" }) { totalCount edges { node { kind label categories } } } }`,
    );
    expect(texts.data?.listTexts).toEqual({
      totalCount: 1,
      edges: [{ node: { kind: 'DEFINITION', label: 'Accuracy', categories: ['2', '6'] } }],
    });
  });
});
