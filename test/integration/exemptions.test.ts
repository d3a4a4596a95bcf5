// `exemptions` over seed/data/exemptions.json and the Annex II general export authorisations
// (eu_annex_ii_gea.json supplies the five GEAs exemptions.json held and three more: 33 records,
// 32 in force, one revoked OGEL) with the editorial classification of
// seed/editorial/exemptions.json: every filter, asOf and revoked handling, and the relations of
// an exemption (conditions, provisions, guidance).
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stableId } from '../../src/ingest/stable-id.js';
import { graphql } from '../generated/gql.js';
import type { ExemptionKind } from '../generated/graphql.js';
import {
  describeWithDatabase,
  startTestService,
  type GraphQLResponse,
  type TestService,
} from '../support/test-service.js';
import { narrow } from './support-narrow.js';

const ExemptionListing = graphql(`
  query ExemptionListing($filter: ExemptionFilter, $asOf: Date, $first: Int, $after: String) {
    exemptions(filter: $filter, asOf: $asOf, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          kind
          regime
          legalBasis
          itemTypes
          revoked
          validFrom
          validTo
          jurisdiction {
            code
          }
        }
      }
    }
  }
`);

type ExemptionFilterInput = NonNullable<VariablesOf<typeof ExemptionListing>['filter']>;
type ListedExemption = ResultOf<typeof ExemptionListing>['exemptions']['edges'][number]['node'];

const SEEDED_EXEMPTIONS = 33;
const IN_FORCE = 32;
const REVOKED_OGEL_KEY = 'UK-OGEL-Technology-for-Dual-Use-Items';
const NOTE_3 = 'Decontrol of low-frame-rate / fixed-lens / automotive thermal cameras from 6A003.b.4.b';
const ALL_KINDS: ExemptionKind[] = [
  'DECONTROL_NOTE',
  'DEFINITION',
  'EDUCATIONAL_INFORMATION',
  'FUNDAMENTAL_RESEARCH',
  'GENERAL_AUTHORISATION',
  'HUMANITARIAN',
  'INTERPRETIVE_GUIDANCE',
  'LICENCE_EXCEPTION',
  'OPEN_GENERAL_LICENCE',
  'OPEN_SOURCE',
  'PATENT_INFORMATION',
  'PUBLISHED_INFORMATION',
  'SOFTWARE_NOTE',
  'TECHNOLOGY_NOTE',
];

const byId = (rows: readonly ListedExemption[]) => rows.map((row) => row.id).sort();

describeWithDatabase('exemptions', () => {
  let service: TestService;
  let everything: ListedExemption[];

  /** A filter value that matches nothing known: refused naming the field, not answered with an empty list. */
  async function expectRefused(filter: ExemptionFilterInput, field: string): Promise<void> {
    const response = await service.query(ExemptionListing, { filter, first: 1, after: null });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule: 'known-value' });
  }

  async function list(filter: ExemptionFilterInput, asOf?: string): Promise<ListedExemption[]> {
    const rows: ListedExemption[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const response: GraphQLResponse<ResultOf<typeof ExemptionListing>> = await service.query(ExemptionListing, {
        filter,
        asOf,
        first: 10,
        after,
      });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      const connection: ResultOf<typeof ExemptionListing>['exemptions'] | undefined = response.data?.exemptions;
      if (!connection) throw new Error('no exemptions connection');
      rows.push(...connection.edges.map((edge) => edge.node));
      if (!connection.pageInfo.hasNextPage) {
        expect(connection.totalCount, JSON.stringify(filter)).toBe(rows.length);
        expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
        return rows;
      }
      after = connection.pageInfo.endCursor ?? null;
    }
    throw new Error('paging did not end');
  }

  beforeAll(async () => {
    service = await startTestService();
    everything = await list({});
  });
  afterAll(async () => {
    await service?.stop();
  });

  it(`without asOf lists the ${IN_FORCE} exemptions in force, by name; the revoked OGEL is left out`, () => {
    expect(everything).toHaveLength(IN_FORCE);
    expect(everything.every((row) => !row.revoked)).toBe(true);
    const names = everything.map((row) => row.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(names).toContain('License Exception TSU (Technology and software—unrestricted)');
    expect(names).toContain('OGEL registration model');
    expect(names).not.toContain('OGEL (Technology for Dual-Use Items)');
  });

  it(`the revoked OGEL is stored (${SEEDED_EXEMPTIONS} records in all), revoked, with its end date unknown`, async () => {
    const Query = graphql(`
      query ExemptionRevokedOgel($id: ID!) {
        node(id: $id) {
          __typename
          ... on Exemption {
            id
            name
            kind
            revoked
            validFrom
            validTo
            typeLabel
            regime
            textVerbatim
            jurisdiction {
              code
            }
          }
        }
      }
    `);
    const response = await service.query(Query, {
      id: encodeGlobalID('Exemption', stableId('Exemption', REVOKED_OGEL_KEY)),
    });
    expect(response.errors).toBeUndefined();
    const ogel = narrow(response.data?.node, 'Exemption');
    expect(ogel).toMatchObject({
      name: 'OGEL (Technology for Dual-Use Items)',
      kind: 'OPEN_GENERAL_LICENCE',
      revoked: true,
      typeLabel: 'open general licence (revoked)',
      regime: 'UK',
      jurisdiction: { code: 'UK' },
      // The record says "Revoked from 31/12/2020" in prose only; the seed keeps the date unknown.
      validFrom: null,
      validTo: null,
    });
    expect(ogel.textVerbatim).toContain('Revoked from 31/12/2020');
    expect(everything.map((row) => row.id)).not.toContain(ogel.id);
    expect(everything.length + 1).toBe(SEEDED_EXEMPTIONS);

    // With its end date unknown, the revoked OGEL applies on no date; the others (all undated) on every date.
    for (const asOf of ['2015-01-01', '2020-06-01', '2024-06-30']) {
      const dated = await list({}, asOf);
      expect(byId(dated), asOf).toEqual(byId(everything));
      const uk = await list({ jurisdiction: 'UK', kind: 'OPEN_GENERAL_LICENCE' }, asOf);
      expect(
        uk.map((row) => row.name),
        asOf,
      ).toEqual(['OGEL registration model']);
    }
  });

  it('jurisdiction matches the code case-insensitively, and the jurisdictions partition the listing', async () => {
    const expectedCounts = { US: 15, EU: 10, UK: 4, WA: 3, HK: 0 };
    let sum = 0;
    for (const [code, count] of Object.entries(expectedCounts)) {
      for (const given of [code, code.toLowerCase()]) {
        const rows = await list({ jurisdiction: given });
        expect(rows, given).toHaveLength(count);
        expect(byId(rows), given).toEqual(byId(everything.filter((row) => row.jurisdiction.code === code)));
      }
      sum += count;
    }
    expect(sum).toBe(IN_FORCE);
    await expectRefused({ jurisdiction: 'XX' }, 'filter.jurisdiction');
    // editorial/exemptions.json jurisdictionOverrides: the university reading is filed under the UK.
    expect((await list({ jurisdiction: 'uk' })).map((row) => row.name)).toContain(
      'Public-domain carve-out: intention to publish is not enough',
    );
  });

  it('regime keeps that control-list family only; exemptions tied to no list have none', async () => {
    const expectedCounts = { US_EAR: 15, EU: 10, UK: 3, WASSENAAR: 2, HK: 0 } as const;
    for (const [regime, count] of Object.entries(expectedCounts) as Array<[keyof typeof expectedCounts, number]>) {
      const rows = await list({ regime });
      expect(rows, regime).toHaveLength(count);
      expect(byId(rows), regime).toEqual(byId(everything.filter((row) => row.regime === regime)));
    }
    const withoutRegime = everything.filter((row) => row.regime === null);
    expect(withoutRegime.map((row) => row.name).sort()).toEqual([
      "Definition of 'in the public domain'",
      'Public-domain carve-out: intention to publish is not enough',
    ]);
  });

  it('kind keeps one sort of relief; the kinds partition the listing', async () => {
    let sum = 0;
    for (const kind of ALL_KINDS) {
      const rows = await list({ kind });
      expect(byId(rows), kind).toEqual(byId(everything.filter((row) => row.kind === kind)));
      sum += rows.length;
    }
    expect(sum).toBe(IN_FORCE);
    expect((await list({ kind: 'DECONTROL_NOTE' })).map((row) => row.legalBasis).sort()).toEqual([
      '6A002.f Note',
      '6A003.b.4 Note 3',
      '6A008 Note',
      '6A008.j Note 2',
    ]);
    expect((await list({ kind: 'GENERAL_AUTHORISATION' })).every((row) => row.jurisdiction.code === 'EU')).toBe(true);
    // EU001-EU008 (Annex II) and the overview record EU-UGEA-general.
    expect((await list({ kind: 'GENERAL_AUTHORISATION' })).length).toBe(9);
    expect((await list({ kind: 'HUMANITARIAN' })).map((row) => row.legalBasis)).toEqual(['15 CFR 740.12']);
  });

  it('itemType keeps exemptions concerning that kind of item, and only those', async () => {
    const expectedCounts = { TECHNOLOGY: 20, SOFTWARE: 18, COMMODITY: 14 } as const;
    for (const [itemType, count] of Object.entries(expectedCounts) as Array<[keyof typeof expectedCounts, number]>) {
      const rows = await list({ itemType });
      expect(rows, itemType).toHaveLength(count);
      expect(byId(rows), itemType).toEqual(byId(everything.filter((row) => row.itemTypes.includes(itemType))));
    }
    const softwareOnly = everything.filter((row) => row.itemTypes.length === 1 && row.itemTypes[0] === 'SOFTWARE');
    expect(softwareOnly.map((row) => row.legalBasis).sort()).toEqual([
      '15 CFR 742.15(b)',
      '15 CFR part 774, Supplement No. 2, para. 2',
      'General Software Note',
    ]);
  });

  it('appliesToProvisionCode matches links to the code or to paragraphs of that entry, not prefixes', async () => {
    const names = async (code: string) => (await list({ appliesToProvisionCode: code })).map((row) => row.name);
    // Note 3 is linked to 6A003, 6A003.b.4 and 6A003.b.4.b; no scope link reaches a commodity.
    expect(await names('6A003')).toEqual([NOTE_3]);
    expect(await names('6A003.b.4.b')).toEqual([NOTE_3]);
    expect((await list({ appliesToProvisionCode: '6A008' })).map((row) => row.legalBasis).sort()).toEqual([
      '6A008 Note',
      '6A008.j Note 2',
    ]);
    expect((await list({ appliesToProvisionCode: '6A008.j' })).map((row) => row.legalBasis)).toEqual([
      '6A008.j Note 2',
    ]);

    const technology = await list({ appliesToProvisionCode: '6E001' });
    expect(technology.map((row) => row.legalBasis).sort()).toEqual([
      '15 CFR 734.10',
      '15 CFR 734.3(b)(3)',
      '15 CFR 734.7',
      '15 CFR 734.8',
      '15 CFR 734.9 (pre-2016 numbering/text)',
      '15 CFR 740.13',
      '15 CFR part 774, Supplement No. 2, para. 1',
      '6E001 / 6E002 License Exception TSR paragraph (3)',
    ]);
    const encryption = await list({ appliesToProvisionCode: '5D002' });
    expect(encryption.map((row) => row.legalBasis)).toContain('15 CFR 742.15(b)');
    // EU008 (Annex II Section H) names 5D002.a.1, 5D002.b and 5D002.c.1 as its items.
    expect(encryption.filter((row) => row.regime !== 'US_EAR').map((row) => row.legalBasis)).toEqual([
      'Annex II Section H (UGEA EU008)',
    ]);

    // Not a code: refused (with the codes it resembles) rather than matching nothing.
    await expectRefused({ appliesToProvisionCode: '6A00' }, 'filter.appliesToProvisionCode');
    await expectRefused({ appliesToProvisionCode: 'NO-SUCH-CODE' }, 'filter.appliesToProvisionCode');
    // A code in another case is read as the stored code (and the response says so).
    expect(await names('6a003')).toEqual([NOTE_3]);
  });

  it('filters combine: all conditions must hold', async () => {
    const rows = await list({
      regime: 'US_EAR',
      kind: 'DECONTROL_NOTE',
      itemType: 'COMMODITY',
      appliesToProvisionCode: '6A002',
    });
    expect(rows.map((row) => row.legalBasis)).toEqual(['6A002.f Note']);
    expect(await list({ jurisdiction: 'EU', kind: 'DECONTROL_NOTE' })).toEqual([]);
    const usTechnology = await list({ jurisdiction: 'us', itemType: 'TECHNOLOGY' });
    expect(byId(usTechnology)).toEqual(
      byId(everything.filter((row) => row.jurisdiction.code === 'US' && row.itemTypes.includes('TECHNOLOGY'))),
    );
  });

  it('an exemption carries its conditions, guidance and citation (EAR 734.8)', async () => {
    const Query = graphql(`
      query ExemptionFundamentalResearch {
        exemptions(first: 5, filter: { kind: FUNDAMENTAL_RESEARCH, jurisdiction: "US" }) {
          totalCount
          edges {
            node {
              name
              legalBasis
              typeLabel
              regimeLabel
              appliesTo
              doesNotApplyTo
              history
              conditions {
                role
                ordinal
                textVerbatim
                secondary
                predicate
                citation {
                  url
                }
              }
              guidance {
                title
                issuer
              }
              citation {
                sourceType
                url
                title
              }
            }
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    expect(response.data?.exemptions.totalCount).toBe(1);
    const exemption = response.data?.exemptions.edges[0]?.node;
    expect(exemption).toMatchObject({
      name: 'Technology or software that arises during, or results from, fundamental research',
      legalBasis: '15 CFR 734.8',
      typeLabel: 'exclusion (not subject to the EAR)',
      regimeLabel: 'US EAR',
      appliesTo: ['technology', 'software'],
      doesNotApplyTo: ['physical commodities (hardware, samples)'],
      citation: {
        sourceType: 'WEB_PAGE',
        url: 'https://www.lexfed.com/cfr/15/b/vii/c/734/734-8',
        title: '15 C.F.R. § 734.8 (lexfed.com mirror of the CFR)',
      },
    });
    expect(exemption?.history).toContain('81 FR 35586');
    expect(exemption?.conditions.map((condition) => condition.textVerbatim)).toEqual([
      'results intended to be published',
      'researchers free to publish without restriction (prepublication review only for patent rights / sponsor proprietary information / FFRDC release systems)',
      'researchers have not accepted restrictions for proprietary or national security reasons',
    ]);
    for (const condition of exemption?.conditions ?? []) {
      expect(condition).toMatchObject({ role: 'REQUIREMENT', secondary: false, predicate: null });
    }
    expect(exemption?.conditions.map((condition) => condition.ordinal)).toEqual([0, 1, 2]);
    // editorial/guidance.json: the BIS FAQ and the Caltech FAQ discuss 734.8; ordered by title.
    expect(exemption?.guidance.map((document) => document.title)).toEqual([
      "BIS FAQ: What technologies are considered 'fundamental research'?",
      'Caltech Export Compliance FAQ - deemed exports and fundamental research (biological research)',
    ]);
  });

  it('exemption provisions: EXPLICIT links for a decontrol note; ITEM_TYPE_SCOPE for all 226 US D and E entries, paged', async () => {
    const Query = graphql(`
      query ExemptionProvisionsPage($filter: ExemptionFilter, $first: Int, $after: String) {
        exemptions(first: 1, filter: $filter) {
          edges {
            node {
              legalBasis
              provisions(first: $first, after: $after) {
                totalCount
                pageInfo {
                  hasNextPage
                  hasPreviousPage
                  endCursor
                }
                edges {
                  cursor
                  basis
                  note
                  node {
                    id
                    code
                    kind
                    regime
                    productGroup
                    itemType
                  }
                }
              }
            }
          }
        }
      }
    `);
    const note3 = await service.query(Query, {
      filter: { kind: 'DECONTROL_NOTE', appliesToProvisionCode: '6A003' },
      first: 10,
    });
    expect(note3.errors).toBeUndefined();
    const links = note3.data?.exemptions.edges[0]?.node.provisions;
    expect(links?.totalCount).toBe(3);
    expect(links?.edges.map((edge) => [edge.node.code, edge.node.kind, edge.basis])).toEqual([
      ['6A003', 'ENTRY', 'EXPLICIT'],
      ['6A003.b.4', 'PARAGRAPH', 'EXPLICIT'],
      ['6A003.b.4.b', 'PARAGRAPH', 'EXPLICIT'],
    ]);

    const seen: string[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (let page = 0; page < 10; page += 1) {
      const response: GraphQLResponse<ResultOf<typeof Query>> = await service.query(Query, {
        filter: { kind: 'FUNDAMENTAL_RESEARCH', jurisdiction: 'US' },
        first: 100,
        after,
      });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      const connection: ResultOf<typeof Query>['exemptions']['edges'][number]['node']['provisions'] | undefined =
        response.data?.exemptions.edges[0]?.node.provisions;
      if (!connection) throw new Error('no provisions connection');
      totalCount = connection.totalCount;
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      for (const edge of connection.edges) {
        expect(edge).toMatchObject({
          basis: 'ITEM_TYPE_SCOPE',
          note: 'In scope by item type; the conditions decide whether it applies.',
        });
        expect(edge.node).toMatchObject({ kind: 'ENTRY', regime: 'US_EAR' });
        expect(['D', 'E']).toContain(edge.node.productGroup);
        seen.push(edge.node.code);
      }
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor ?? null;
    }
    // us_ccl_full.json: 110 D (software) + 111 E (technology) rows; and the D and E ECCNs of the
    // eCFR history's last snapshot that file lacks: 7D103, 7E104, 9D005, 9D103, 9D105.
    expect(totalCount).toBe(226);
    expect(seen).toHaveLength(226);
    expect(new Set(seen).size).toBe(226);
    expect(seen).toEqual(expect.arrayContaining(['6E001', '6D001', '4E091', '4D090', '7E104', '9D105']));
    expect(seen).not.toContain('6A003');
  });

  // The connection helper's select once planned an empty Prisma select for the provision when
  // no node field was asked for, which Prisma rejects (an internal error).
  it('Exemption.provisions without node fields: totalCount alone is answered', async () => {
    const Query = graphql(`
      query ExemptionProvisionsCountOnly {
        exemptions(first: 1, filter: { kind: DECONTROL_NOTE, appliesToProvisionCode: "6A003" }) {
          edges {
            node {
              provisions(first: 5) {
                totalCount
                edges {
                  basis
                }
              }
            }
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    expect(response.data?.exemptions.edges[0]?.node.provisions.totalCount).toBe(3);
  });

  // As in provisions.test.ts: a case-insensitive `equals` becomes ILIKE, where `%` is a wildcard.
  it('LIKE wildcards in jurisdiction are not live: jurisdiction "%" is no jurisdiction and is refused', async () => {
    await expectRefused({ jurisdiction: '%' }, 'filter.jurisdiction');
  });
});
