// The read API against a small hand-made dataset on in-memory PGlite: filters, point-in-time
// versions, paging bounds, global ids, and the number of SQL statements nested reads cost.
import { graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { MIGRATIONS_DIR } from '../../src/db/migrations-dir.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { schema } from '../../src/graphql/index.js';
import { loadExemptionRules } from '../../src/classification/exemption-rules.js';
import { loadRulebook } from '../../src/classification/rulebook.js';
import { EmbeddedSearchEngine } from '../../src/search/embedded-search-engine.js';
import { createServices, type AppServices } from '../../src/services/app-services.js';
import { createRequestLoaders } from '../../src/graphql/request-loaders.js';

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');

async function insertFixture(p: PrismaClient) {
  const cit = await p.citation.create({
    data: { key: 'c1', sourceType: 'URL', url: 'https://www.ecfr.gov/x', section: 'Supp. 1' },
  });
  const us = await p.jurisdiction.create({ data: { code: 'US', name: 'United States', kind: 'STATE' } });
  const eu = await p.jurisdiction.create({ data: { code: 'EU', name: 'European Union', kind: 'UNION' } });
  const ccl = await p.controlList.create({
    data: {
      sourceKey: 'ccl',
      regime: 'US_EAR',
      jurisdictionId: us.id,
      name: 'CCL',
      version: '2025',
      citationId: cit.id,
    },
  });
  const annex = await p.controlList.create({
    data: {
      sourceKey: 'annex',
      regime: 'EU',
      jurisdictionId: eu.id,
      name: 'Annex I',
      version: '2025',
      citationId: cit.id,
    },
  });
  const base = {
    contentHash: 'h',
    category: '6',
    categoryName: 'Sensors and Lasers',
    reasonsForControl: ['NS'],
    citationId: cit.id,
  };
  const us1 = { ...base, controlListId: ccl.id, regime: 'US_EAR' as const, jurisdictionId: us.id };
  const old = await p.controlProvision.create({
    data: {
      ...us1,
      sourceKey: 'old',
      kind: 'ENTRY',
      code: '6A003',
      entryCode: '6A003',
      title: 'Cameras (2010 text)',
      text: 'old',
      status: 'SUPERSEDED',
      validFrom: day('2010-01-01'),
      validTo: day('2020-01-01'),
    },
  });
  const entry = await p.controlProvision.create({
    data: {
      ...us1,
      sourceKey: 'us',
      kind: 'ENTRY',
      code: '6A003',
      entryCode: '6A003',
      title: 'Cameras',
      text: 'thermal imaging cameras',
      itemType: 'COMMODITY',
      validFrom: day('2020-01-01'),
      supersedesId: old.id,
    },
  });
  const euEntry = await p.controlProvision.create({
    data: {
      ...base,
      sourceKey: 'eu',
      controlListId: annex.id,
      regime: 'EU',
      jurisdictionId: eu.id,
      kind: 'ENTRY',
      code: '6A003',
      entryCode: '6A003',
      title: 'Cameras',
      text: 'EU text',
      textDate: day('2025-11-15'),
    },
  });
  const b = await p.controlProvision.create({
    data: {
      ...us1,
      sourceKey: 'b',
      kind: 'PARAGRAPH',
      code: '6A003.b',
      entryCode: '6A003',
      title: 'b.',
      text: 'b',
      parentId: entry.id,
      ordinal: 2,
      validFrom: day('2020-01-01'),
    },
  });
  await p.controlProvision.create({
    data: {
      ...us1,
      sourceKey: 'a',
      kind: 'PARAGRAPH',
      code: '6A003.a',
      entryCode: '6A003',
      title: 'a.',
      text: 'a',
      parentId: entry.id,
      ordinal: 1,
      validFrom: day('2020-01-01'),
    },
  });
  await p.threshold.create({
    data: {
      sourceKey: 't2',
      contentHash: 'h',
      provisionId: b.id,
      paragraph: '6A003.b.4.b',
      textVerbatim: 'frame rate exceeding 60 Hz',
      ordinal: 2,
      citationId: cit.id,
    },
  });
  await p.threshold.create({
    data: {
      sourceKey: 't1',
      contentHash: 'h',
      provisionId: b.id,
      paragraph: '6A003.b.4.a',
      parameter: 'pixels',
      comparator: 'GT',
      value: '4000000',
      unit: 'px',
      textVerbatim: 'more than 4 x 106',
      ordinal: 1,
      citationId: cit.id,
    },
  });
  await p.correlation.create({
    data: { sourceKey: 'corr', contentHash: 'h', fromId: euEntry.id, toId: entry.id, kind: 'NARROWER' },
  });
  const exemptionBase = {
    contentHash: 'h',
    typeLabel: 'x',
    regimeLabel: 'x',
    legalBasis: 'x',
    textVerbatim: [],
    appliesTo: [],
    doesNotApplyTo: [],
    citationId: cit.id,
  };
  const tsu = await p.exemption.create({
    data: {
      ...exemptionBase,
      sourceKey: 'tsu',
      kind: 'LICENCE_EXCEPTION',
      regime: 'US_EAR',
      jurisdictionId: us.id,
      name: 'TSU',
      itemTypes: ['SOFTWARE', 'TECHNOLOGY'],
    },
  });
  await p.exemption.create({
    data: {
      ...exemptionBase,
      sourceKey: 'ogel',
      kind: 'OPEN_GENERAL_LICENCE',
      jurisdictionId: eu.id,
      name: 'Old OGEL',
      itemTypes: [],
      revoked: true,
      validFrom: day('2010-01-01'),
      validTo: day('2015-01-01'),
    },
  });
  await p.exemptionProvision.create({ data: { exemptionId: tsu.id, provisionId: entry.id, basis: 'EXPLICIT' } });
  await p.exemptionProvision.create({ data: { exemptionId: tsu.id, provisionId: b.id, basis: 'ITEM_TYPE_SCOPE' } });
  const consultation = await p.stakeholderConsultation.create({
    data: {
      sourceKey: 'anprm',
      contentHash: 'h',
      jurisdictionId: us.id,
      body: 'BIS',
      title: 'ANPRM',
      status: 'CONCLUDED',
      publishedOn: day('2018-11-19'),
      citationId: cit.id,
    },
  });
  const uni = await p.stakeholder.create({ data: { name: 'Zeta University', type: 'UNIVERSITY' } });
  const sme = await p.stakeholder.create({ data: { name: 'Acme Sensors', type: 'SME' } });
  for (const [ordinal, stakeholder] of [uni, sme, uni].entries()) {
    await p.submission.create({
      data: {
        sourceKey: `s${ordinal}`,
        contentHash: 'h',
        consultationId: consultation.id,
        stakeholderId: stakeholder.id,
        ordinal,
        themes: [],
      },
    });
  }
  const assessment = await p.impactAssessment.create({
    data: {
      sourceKey: 'ia',
      contentHash: 'h',
      title: 'BIS statistics',
      method: 'statistics',
      publisher: 'BIS',
      jurisdictionId: us.id,
      citationId: cit.id,
    },
  });
  const metric = {
    contentHash: 'h',
    assessmentId: assessment.id,
    jurisdictionId: us.id,
    dimension: 'LICENSING_VOLUME' as const,
    indicator: 'applications',
    unit: 'applications',
    periodType: 'US_FISCAL_YEAR' as const,
    sector: 'all',
    region: 'all',
    quote: 'q',
    citationId: cit.id,
  };
  await p.impactMetric.create({
    data: {
      ...metric,
      sourceKey: 'm2',
      value: '1234.5',
      period: 'FY2007',
      periodStart: day('2006-10-01'),
      periodEnd: day('2007-09-30'),
    },
  });
  await p.impactMetric.create({
    data: {
      ...metric,
      sourceKey: 'm1',
      valueText: 'about 1000',
      period: 'FY2006',
      periodStart: day('2005-10-01'),
      periodEnd: day('2006-09-30'),
    },
  });
  const synthetic = await p.impactMetric.create({
    data: {
      ...metric,
      sourceKey: 'm3',
      value: '9',
      period: 'FY2008',
      periodStart: day('2007-10-01'),
      periodEnd: day('2008-09-30'),
      synthetic: true,
    },
  });
  return { entry, synthetic };
}

let db: Database;
let services: AppServices;
let fixture: Awaited<ReturnType<typeof insertFixture>>;

interface Result {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
  statements: number;
}

async function run(source: string, variableValues?: Record<string, unknown>): Promise<Result> {
  const before = db.statementCount();
  const result = await graphql({
    schema,
    source,
    variableValues,
    contextValue: { requestId: 'test', services, loaders: createRequestLoaders(services), filterNotes: [] },
  });
  return {
    data: result.data as Record<string, unknown> | null | undefined,
    errors: result.errors,
    statements: db.statementCount() - before,
  };
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

describe('provisions', () => {
  it('lists current entries by regime then code, with nested data in a bounded number of statements', async () => {
    const result = await run(`{
      provisions(first: 10) {
        totalCount
        edges { node { code regime title children { code thresholds { paragraph encoded value } } correlations { kind direction provision { code regime } } exemptions { basis exemption { name } } supersedes { title } } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      provisions: {
        totalCount: 2,
        edges: [
          {
            node: {
              code: '6A003',
              regime: 'EU',
              correlations: [{ kind: 'NARROWER', direction: 'OUTGOING', provision: { regime: 'US_EAR' } }],
            },
          },
          {
            node: {
              code: '6A003',
              regime: 'US_EAR',
              children: [
                { code: '6A003.a', thresholds: [] },
                {
                  code: '6A003.b',
                  thresholds: [
                    { paragraph: '6A003.b.4.a', encoded: true, value: 4000000 },
                    { paragraph: '6A003.b.4.b', encoded: false, value: null },
                  ],
                },
              ],
              correlations: [{ kind: 'BROADER', direction: 'INCOMING', provision: { regime: 'EU' } }],
              exemptions: [{ basis: 'EXPLICIT', exemption: { name: 'TSU' } }],
              supersedes: { title: 'Cameras (2010 text)' },
            },
          },
        ],
      },
    });
    // One query for the page (relations joined), one count.
    expect(result.statements).toBeLessThanOrEqual(2);
  });

  it('filters by kind, prefix, text and jurisdiction', async () => {
    const result = await run(`{
      paragraphs: provisions(filter: { kind: PARAGRAPH, codePrefix: "6A003" }) { totalCount edges { node { code } } }
      thermal: provisions(filter: { text: "THERMAL", jurisdiction: "us" }) { totalCount }
      commodities: provisions(filter: { itemType: COMMODITY }) { totalCount }
    }`);
    expect(result.data).toEqual({
      paragraphs: { totalCount: 2, edges: [{ node: { code: '6A003.a' } }, { node: { code: '6A003.b' } }] },
      thermal: { totalCount: 1 },
      commodities: { totalCount: 1 },
    });
  });

  it('returns the version valid on a date, and leaves out versions whose validity is unknown', async () => {
    const result = await run(`{
      y2015: provisions(asOf: "2015-06-01") { edges { node { title status } } }
      y2025: provisions(asOf: "2025-01-01") { edges { node { regime title } } }
      y2026: provisions(asOf: "2026-01-01") { edges { node { regime } } }
    }`);
    expect(result.data).toEqual({
      y2015: { edges: [{ node: { title: 'Cameras (2010 text)', status: 'SUPERSEDED' } }] },
      // The EU text is dated 2025-11-15 with no start date: unknown before that.
      y2025: { edges: [{ node: { regime: 'US_EAR', title: 'Cameras' } }] },
      y2026: { edges: [{ node: { regime: 'EU' } }, { node: { regime: 'US_EAR' } }] },
    });
  });

  it('pages forward and backward with opaque cursors', async () => {
    const first = await run(
      `{ provisions(first: 2, filter: { kind: ANY }) { totalCount pageInfo { hasNextPage endCursor } edges { node { code regime } } } }`,
    );
    const page = first.data?.provisions as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(page.totalCount).toBe(4);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await run(
      `query($after: String) { provisions(first: 2, after: $after, filter: { kind: ANY }) { pageInfo { hasNextPage hasPreviousPage } edges { node { code } } } }`,
      {
        after: page.pageInfo.endCursor,
      },
    );
    expect(second.data).toEqual({
      provisions: {
        pageInfo: { hasNextPage: false, hasPreviousPage: true },
        edges: [{ node: { code: '6A003.a' } }, { node: { code: '6A003.b' } }],
      },
    });
  });
});

describe('paging bounds', () => {
  it.each([
    ['{ provisions(first: 1000) { totalCount } }', 'first', '"first" must be between 1 and 100 (got 1000)'],
    ['{ provisions(last: 0) { totalCount } }', 'last', '"last" must be between 1 and 100 (got 0)'],
    ['{ provisions(first: 1, last: 1) { totalCount } }', 'last', '"first" and "last" cannot be used together'],
    [
      '{ provisions(first: 1, after: "garbage") { totalCount } }',
      'after',
      '"after" must be a cursor this connection returned',
    ],
    [
      '{ consultations { edges { node { submissions(first: 101) { totalCount } } } } }',
      'first',
      '"first" must be between 1 and 100 (got 101)',
    ],
    [
      '{ exemptions { edges { node { provisions(first: 500) { totalCount } } } } }',
      'first',
      '"first" must be between 1 and 100 (got 500)',
    ],
  ])('%s', async (source, field, message) => {
    const result = await run(source);
    expect(result.errors?.[0]?.message).toContain(message);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.statements).toBe(0);
  });

  it('defaults to 20 items', async () => {
    const result = await run(`{ provisions(filter: { kind: ANY }) { edges { cursor } } }`);
    expect((result.data?.provisions as { edges: unknown[] }).edges).toHaveLength(4);
  });
});

describe('provision(code:)', () => {
  it('refuses to pick a regime when the code exists in several', async () => {
    const result = await run(`{ provision(code: "6A003") { code } }`);
    expect(result.data).toEqual({ provision: null });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'regime',
      regimes: ['EU', 'US_EAR'],
    });
  });

  it('finds the code in the given regime and date, and answers null for an unknown code', async () => {
    const result = await run(`{
      current: provision(code: "6A003", regime: US_EAR) { title }
      old: provision(code: "6A003", regime: US_EAR, asOf: "2012-01-01") { title supersededBy { title } }
      paragraph: provision(code: "6A003.b") { parent { code } }
      unknown: provision(code: "9Z999") { title }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      current: { title: 'Cameras' },
      old: { title: 'Cameras (2010 text)', supersededBy: { title: 'Cameras' } },
      paragraph: { parent: { code: '6A003' } },
      unknown: null,
    });
  });
});

describe('node(id:)', () => {
  it('fetches a record by its global id', async () => {
    const id = globalId('ControlProvision', fixture.entry.id);
    const result = await run(`query($id: ID!) { node(id: $id) { id __typename ... on ControlProvision { title } } }`, {
      id,
    });
    expect(result.data).toEqual({ node: { id, __typename: 'ControlProvision', title: 'Cameras' } });
  });

  it.each([
    ['malformed', 'garbage'],
    ['empty', ''],
    ['of a type that is not a node', globalId('ProvisionCorrelation', 'x')],
    ['of no type', globalId('Nope', 'x')],
    ['of a missing row', globalId('ControlProvision', 'missing')],
  ])('answers null for an id %s', async (_name, id) => {
    const result = await run(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(result).toMatchObject({ data: { node: null } });
    expect(result.errors).toBeUndefined();
  });

  it('does not expose synthetic metric rows', async () => {
    const result = await run(`query($id: ID!) { node(id: $id) { id } }`, {
      id: globalId('ImpactMetric', fixture.synthetic.id),
    });
    expect(result.data).toEqual({ node: null });
  });

  it('nodes answers each position', async () => {
    const id = globalId('ControlProvision', fixture.entry.id);
    const result = await run(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [id, 'garbage', id] });
    expect(result.data).toEqual({ nodes: [{ id }, null, { id }] });
  });
});

describe('exemptions, consultations, assessments', () => {
  it('filters exemptions and applies revocation by date', async () => {
    const result = await run(`{
      now: exemptions { edges { node { name } } }
      y2012: exemptions(asOf: "2012-01-01") { edges { node { name revoked } } }
      technology: exemptions(filter: { itemType: TECHNOLOGY, appliesToProvisionCode: "6A003" }) { totalCount }
      tsu: exemptions(filter: { regime: US_EAR }) { edges { node { provisions(first: 1) { totalCount pageInfo { hasNextPage } edges { basis node { code } } } } } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      now: { edges: [{ node: { name: 'TSU' } }] },
      y2012: { edges: [{ node: { name: 'Old OGEL', revoked: true } }, { node: { name: 'TSU', revoked: false } }] },
      technology: { totalCount: 1 },
      tsu: {
        edges: [
          {
            node: {
              provisions: {
                totalCount: 2,
                pageInfo: { hasNextPage: true },
                edges: [{ basis: 'EXPLICIT', node: { code: '6A003' } }],
              },
            },
          },
        ],
      },
    });
  });

  it('lists each stakeholder once and submissions in order', async () => {
    const result = await run(
      `{ consultations { edges { node { stakeholders { name } submissions(first: 2) { totalCount edges { node { stakeholder { name } } } } } } } }`,
    );
    expect(result.data).toEqual({
      consultations: {
        edges: [
          {
            node: {
              stakeholders: [{ name: 'Acme Sensors' }, { name: 'Zeta University' }],
              submissions: {
                totalCount: 3,
                edges: [
                  { node: { stakeholder: { name: 'Zeta University' } } },
                  { node: { stakeholder: { name: 'Acme Sensors' } } },
                ],
              },
            },
          },
        ],
      },
    });
  });

  it('leaves synthetic rows out of assessment metrics', async () => {
    const result = await run(
      `{ impactAssessments { edges { node { metrics { totalCount edges { node { period value valueText } } } } } } }`,
    );
    expect(result.data).toEqual({
      impactAssessments: {
        edges: [
          {
            node: {
              metrics: {
                totalCount: 2,
                edges: [
                  { node: { period: 'FY2006', value: null, valueText: 'about 1000' } },
                  { node: { period: 'FY2007', value: 1234.5, valueText: null } },
                ],
              },
            },
          },
        ],
      },
    });
  });
});
