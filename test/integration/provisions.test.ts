// `provisions` over the seeded lists: every filter (matching rows come back, the others do
// not, totalCount equals what paging yields) and the relations of a provision (paragraph tree,
// thresholds, exemptions, correlations, citation, list, supersedes). Expected values are taken
// from seed/data (us_ccl_full.json, eu_annex_i.json, control_entries.json) and seed/editorial.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import {
  describeWithDatabase,
  startTestService,
  type GraphQLResponse,
  type TestService,
} from '../support/test-service.js';

const ProvisionFilterPage = graphql(`
  query ProvisionFilterPage($filter: ProvisionFilter, $asOf: Date, $first: Int, $after: String) {
    provisions(filter: $filter, asOf: $asOf, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          code
          entryCode
          kind
          regime
          category
          categoryName
          itemType
          productGroup
          status
          jurisdiction {
            code
          }
          parent {
            code
          }
        }
      }
    }
  }
`);

const ProvisionTextFilterPage = graphql(`
  query ProvisionTextFilterPage($filter: ProvisionFilter, $first: Int, $after: String) {
    provisions(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          code
          title
          text
        }
      }
    }
  }
`);

type ProvisionFilterInput = NonNullable<VariablesOf<typeof ProvisionFilterPage>['filter']>;
type ListedProvision = ResultOf<typeof ProvisionFilterPage>['provisions']['edges'][number]['node'];
type ListedProvisionWithText = ResultOf<typeof ProvisionTextFilterPage>['provisions']['edges'][number]['node'];

// seed/data/control_entries.json: "all 58 US Category 6 ECCNs" (ids US-EAR-CCL-6*), and the
// history's Category 6 ECCNs us_ccl_full.json lacks (6A103, 6A611).
const US_CATEGORY_6_OF_CONTROL_ENTRIES = [
  '6A001',
  '6A002',
  '6A003',
  '6A004',
  '6A005',
  '6A006',
  '6A007',
  '6A008',
  '6A102',
  '6A107',
  '6A108',
  '6A202',
  '6A203',
  '6A205',
  '6A225',
  '6A226',
  '6A293',
  '6A991',
  '6A992',
  '6A993',
  '6A994',
  '6A995',
  '6A996',
  '6A997',
  '6A998',
  '6A999',
  '6B002',
  '6B004',
  '6B007',
  '6B008',
  '6B108',
  '6B619',
  '6B995',
  '6C002',
  '6C004',
  '6C005',
  '6C992',
  '6C994',
  '6D001',
  '6D002',
  '6D003',
  '6D102',
  '6D103',
  '6D201',
  '6D619',
  '6D991',
  '6D992',
  '6D993',
  '6E001',
  '6E002',
  '6E003',
  '6E101',
  '6E201',
  '6E202',
  '6E619',
  '6E991',
  '6E992',
  '6E993',
];
// eu_annex_i.json: EU Annex I in full (consolidated 15.11.2025), 384 entries with their paragraphs.
const euAnnex = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../seed/data/eu_annex_i.json'), 'utf8')) as {
  entries: Array<{ code: string; category: number; group: string; paragraphs: unknown[] }>;
};
const EU_ENTRIES = euAnnex.entries.map((entry) => entry.code).sort();
const EU_PARAGRAPH_COUNT = euAnnex.entries.reduce((sum, entry) => sum + entry.paragraphs.length - 1, 0);
const euEntriesWhere = (keep: (entry: (typeof euAnnex.entries)[number]) => boolean) =>
  euAnnex.entries.filter(keep).map((entry) => entry.code);
const EU_ANNEX_REPOSITORY = 'rikiosso/exports-watch';
const EU_ANNEX_COMMIT = '0fb5427ea885af2f284f7ad6b025376ac4ffdc11';
// us_ccl_full.json: 606 ECCN rows; product groups D (110 rows) and E (111 rows). The eCFR history
// (us_ccl_history.json) adds the ECCNs its last snapshot holds as whole-entry leaves of
// Supplement No. 1 that us_ccl_full.json lacks (0A002, 6A103, 9A005, ...): current entries too.
const usCclCodes = new Set(
  (
    JSON.parse(readFileSync(resolve(import.meta.dirname, '../../seed/data/us_ccl_full.json'), 'utf8')) as Array<{
      product_groups: Array<{ eccn: Array<{ code: string }> }>;
    }>
  ).flatMap((category) => category.product_groups.flatMap((group) => group.eccn.map((eccn) => eccn.code))),
);
const US_HISTORY_ONLY_ENTRIES = (
  JSON.parse(
    gunzipSync(readFileSync(resolve(import.meta.dirname, '../../seed/data/us_ccl_history.json.gz'))).toString('utf8'),
  ) as { paragraphs: Array<{ code: string; supplement: string; versions: Array<{ ended: string }> }> }
).paragraphs
  .filter(
    (record) =>
      record.supplement === '1' &&
      /^\d[A-E]\d{3}$/.test(record.code) &&
      record.versions.at(-1)?.ended === 'latest_snapshot' &&
      !usCclCodes.has(record.code),
  )
  .map((record) => record.code);
const historyOnly = (group: string) => US_HISTORY_ONLY_ENTRIES.filter((code) => code[1] === group).length;
const US_ENTRY_COUNT = 606 + US_HISTORY_ONLY_ENTRIES.length;
const US_SOFTWARE_COUNT = 110 + historyOnly('D');
const US_TECHNOLOGY_COUNT = 111 + historyOnly('E');
const US_CATEGORY_6 = [
  ...US_CATEGORY_6_OF_CONTROL_ENTRIES,
  ...US_HISTORY_ONLY_ENTRIES.filter((code) => code.startsWith('6')),
];
// wassenaar_2025_cat6.json: 31 entries, the 30 of Category 6 (6.D: 3, 6.E: 3) and 3.A.1;
// uk_strategic_list_2025-12-16_cat6.json: the 36 entries of UK Category 6 (6D: 6, 6E: 6). Both
// lists hold 6A001-6A008.
const WASSENAAR_ENTRY_COUNT = 31;
const WASSENAAR_CATEGORY_6_COUNT = 30;
const WASSENAAR_SOFTWARE_COUNT = 3;
const WASSENAAR_TECHNOLOGY_COUNT = 3;
const UK_ENTRY_COUNT = 36;
const UK_SOFTWARE_COUNT = 6;
const UK_TECHNOLOGY_COUNT = 6;
const PRINTED_LISTS_6A00 = ['6A001', '6A002', '6A003', '6A004', '6A005', '6A006', '6A007', '6A008'];

const sorted = (values: readonly string[]) => [...values].sort();

describeWithDatabase('provisions: filters and relations', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  /** Pages forward through a filtered listing; returns the rows and the totalCount of every page. */
  async function listAll(
    filter: ProvisionFilterInput,
    asOf?: string,
  ): Promise<{ rows: ListedProvision[]; totalCounts: number[] }> {
    const rows: ListedProvision[] = [];
    const totalCounts: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 60; page += 1) {
      const response: GraphQLResponse<ResultOf<typeof ProvisionFilterPage>> = await service.query(ProvisionFilterPage, {
        filter,
        asOf,
        first: 100,
        after,
      });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      const connection: ResultOf<typeof ProvisionFilterPage>['provisions'] | undefined = response.data?.provisions;
      if (!connection) throw new Error('no provisions connection');
      totalCounts.push(connection.totalCount);
      rows.push(...connection.edges.map((edge) => edge.node));
      if (!connection.pageInfo.hasNextPage) return { rows, totalCounts };
      after = connection.pageInfo.endCursor ?? null;
    }
    throw new Error('paging did not end');
  }

  async function listAllWithText(
    filter: ProvisionFilterInput,
  ): Promise<{ rows: ListedProvisionWithText[]; totalCount: number }> {
    const rows: ListedProvisionWithText[] = [];
    let totalCount = -1;
    let after: string | null = null;
    for (let page = 0; page < 60; page += 1) {
      const response: GraphQLResponse<ResultOf<typeof ProvisionTextFilterPage>> = await service.query(
        ProvisionTextFilterPage,
        { filter, first: 100, after },
      );
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      const connection: ResultOf<typeof ProvisionTextFilterPage>['provisions'] | undefined = response.data?.provisions;
      if (!connection) throw new Error('no provisions connection');
      totalCount = connection.totalCount;
      rows.push(...connection.edges.map((edge) => edge.node));
      if (!connection.pageInfo.hasNextPage) return { rows, totalCount };
      after = connection.pageInfo.endCursor ?? null;
    }
    throw new Error('paging did not end');
  }

  /** A filter value that matches nothing known: refused naming the field, not answered with an empty list. */
  async function expectRefused(filter: ProvisionFilterInput, field: string): Promise<void> {
    const response = await service.query(ProvisionFilterPage, { filter, first: 1, after: null });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule: 'known-value' });
  }

  /** Lists with a filter and checks the invariants every listing has: exact totalCount, no duplicates. */
  async function listChecked(filter: ProvisionFilterInput, asOf?: string): Promise<ListedProvision[]> {
    const { rows, totalCounts } = await listAll(filter, asOf);
    for (const totalCount of totalCounts) expect(totalCount).toBe(rows.length);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    return rows;
  }

  it(`regime US_EAR lists all ${US_ENTRY_COUNT} current ECCNs of the Commerce Control List, nothing else`, async () => {
    const rows = await listChecked({ regime: 'US_EAR' });
    expect(rows).toHaveLength(US_ENTRY_COUNT);
    for (const row of rows) {
      expect(row).toMatchObject({
        regime: 'US_EAR',
        kind: 'ENTRY',
        status: 'CURRENT',
        jurisdiction: { code: 'US' },
        parent: null,
      });
      expect(row.entryCode).toBe(row.code);
    }
    const codes = rows.map((row) => row.code);
    // Two rows of us_ccl_full.json have no ECCN in `code`; seed/editorial/ccl-entry-fixes.json names them.
    expect(codes).toEqual(
      expect.arrayContaining(['0A919', '3A001', '3A069', '3A090', '4-TN-APP', '4E091', '6A003', '9E003']),
    );
    expect(codes).not.toContain('ECCN');
    expect(new Set(codes).size).toBe(US_ENTRY_COUNT);
  });

  it('regime EU lists the 384 Annex I entries, each citing the rikiosso/exports-watch repository at its commit', async () => {
    const Query = graphql(`
      query ProvisionsEuEntries {
        provisions(first: 10, filter: { regime: EU }) {
          totalCount
          edges {
            node {
              code
              regime
              status
              textDate
              jurisdiction {
                code
                name
                kind
              }
              controlList {
                regime
                version
                textDate
              }
              citation {
                sourceType
                repository
                path
                commit
                url
              }
            }
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    const connection = response.data?.provisions;
    expect(connection?.totalCount).toBe(EU_ENTRIES.length);
    expect(connection?.totalCount).toBe(384);
    expect(connection?.edges.map((edge) => edge.node.code)).toEqual(EU_ENTRIES.slice(0, 10));
    for (const { node } of connection?.edges ?? []) {
      // A repository file may also carry a web address; if so, it must be that file at that commit.
      expect(
        node.citation.url === null || node.citation.url.includes(`${EU_ANNEX_REPOSITORY}/blob/${EU_ANNEX_COMMIT}/`),
        node.citation.url ?? '',
      ).toBe(true);
      expect(node).toEqual({
        code: node.code,
        regime: 'EU',
        status: 'CURRENT',
        textDate: '2025-11-15',
        jurisdiction: { code: 'EU', name: 'European Union', kind: 'UNION' },
        controlList: { regime: 'EU', version: 'consolidated 15.11.2025', textDate: '2025-11-15' },
        citation: {
          sourceType: 'GITHUB_FILE',
          repository: EU_ANNEX_REPOSITORY,
          path: 'data/annex.json',
          commit: EU_ANNEX_COMMIT,
          url: node.citation.url,
        },
      });
    }
  });

  it('a regime with no current text (HK, historical only) lists nothing', async () => {
    for (const regime of ['HK'] as const) {
      const rows = await listChecked({ regime, kind: 'ANY' });
      expect(rows, regime).toEqual([]);
    }
  });

  it('without a filter only current whole entries are listed (kind defaults to ENTRY)', async () => {
    const rows = await listChecked({});
    expect(rows).toHaveLength(US_ENTRY_COUNT + EU_ENTRIES.length + WASSENAAR_ENTRY_COUNT + UK_ENTRY_COUNT);
    expect(new Set(rows.map((row) => row.kind))).toEqual(new Set(['ENTRY']));
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['CURRENT']));
    expect(new Set(rows.map((row) => row.regime))).toEqual(new Set(['US_EAR', 'EU', 'WASSENAAR', 'UK']));
  });

  it('jurisdiction matches the code case-insensitively and leaves other jurisdictions out', async () => {
    const eu = await listChecked({ jurisdiction: 'eu' });
    expect(eu.map((row) => row.code)).toEqual(EU_ENTRIES);
    expect(new Set(eu.map((row) => row.jurisdiction.code))).toEqual(new Set(['EU']));

    const Count = graphql(`
      query ProvisionsJurisdictionCounts {
        upper: provisions(first: 1, filter: { jurisdiction: "US" }) {
          totalCount
          edges {
            node {
              jurisdiction {
                code
              }
            }
          }
        }
        lower: provisions(first: 1, filter: { jurisdiction: "us" }) {
          totalCount
        }
        mixed: provisions(first: 1, filter: { jurisdiction: "Us" }) {
          totalCount
        }
        euMixed: provisions(first: 1, filter: { jurisdiction: "Eu" }) {
          totalCount
        }
        hongKong: provisions(first: 1, filter: { jurisdiction: "hk", kind: ANY }) {
          totalCount
        }
      }
    `);
    const response = await service.query(Count);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      upper: { totalCount: US_ENTRY_COUNT, edges: [{ node: { jurisdiction: { code: 'US' } } }] },
      lower: { totalCount: US_ENTRY_COUNT },
      mixed: { totalCount: US_ENTRY_COUNT },
      euMixed: { totalCount: EU_ENTRIES.length },
      hongKong: { totalCount: 0 },
    });
  });

  it('category "6" of US_EAR is exactly the 58 Category 6 ECCNs and the 2 the history adds', async () => {
    const rows = await listChecked({ regime: 'US_EAR', category: '6' });
    expect(US_CATEGORY_6_OF_CONTROL_ENTRIES).toHaveLength(58);
    expect(US_CATEGORY_6).toHaveLength(60);
    expect(sorted(rows.map((row) => row.code))).toEqual(sorted(US_CATEGORY_6));
    expect(new Set(rows.map((row) => row.categoryName))).toEqual(new Set(['Category 6-Sensors and Lasers']));

    const allRegimes = await listChecked({ category: '6' });
    expect(allRegimes).toHaveLength(
      US_CATEGORY_6.length +
        euEntriesWhere((entry) => entry.category === 6).length +
        WASSENAAR_CATEGORY_6_COUNT +
        UK_ENTRY_COUNT,
    );
    expect(new Set(allRegimes.map((row) => row.category))).toEqual(new Set(['6']));

    const otherCategory = await listChecked({ regime: 'US_EAR', category: '3' });
    expect(otherCategory.length).toBeGreaterThan(0);
    expect(otherCategory.some((row) => US_CATEGORY_6.includes(row.code))).toBe(false);
    expect(new Set(otherCategory.map((row) => row.category))).toEqual(new Set(['3']));

    await expectRefused({ category: '99' }, 'filter.category');
  });

  it('codePrefix keeps only codes starting with the prefix, case-sensitively', async () => {
    const rows = await listChecked({ codePrefix: '6A00' });
    const expected = [
      ...US_CATEGORY_6.filter((code) => code.startsWith('6A00')),
      ...EU_ENTRIES.filter((code) => code.startsWith('6A00')),
      ...PRINTED_LISTS_6A00,
      ...PRINTED_LISTS_6A00,
    ];
    expect(sorted(rows.map((row) => row.code))).toEqual(sorted(expected));
    expect(rows).toHaveLength(16 + 2 * PRINTED_LISTS_6A00.length);
    expect(rows.filter((row) => row.regime === 'EU').map((row) => row.code)).toEqual([
      '6A001',
      '6A002',
      '6A003',
      '6A004',
      '6A005',
      '6A006',
      '6A007',
      '6A008',
    ]);

    // Case-sensitive: no code starts with "6a00", which is refused with the codes it resembles.
    await expectRefused({ codePrefix: '6a00' }, 'filter.codePrefix');

    // With paragraphs: the current 6A003.b.4 subtrees of the four lists, in regime order,
    // not the older celutek 6A003.b.4, which is superseded.
    const paragraphs = await listChecked({ codePrefix: '6A003.b.4', kind: 'ANY' });
    const subtree = ['6A003.b.4', '6A003.b.4.a', '6A003.b.4.b', '6A003.b.4.c'];
    expect(paragraphs.map((row) => `${row.regime} ${row.code}`)).toEqual([
      ...subtree.map((code) => `WASSENAAR ${code}`),
      ...subtree.map((code) => `EU ${code}`),
      ...subtree.map((code) => `US_EAR ${code}`),
      ...subtree.map((code) => `UK ${code}`),
    ]);
    expect(new Set(paragraphs.map((row) => row.status))).toEqual(new Set(['CURRENT']));
  });

  it('text matches code, title or text case-insensitively and nothing else', async () => {
    const lower = await listAllWithText({ text: 'focal plane', kind: 'ANY' });
    const upper = await listAllWithText({ text: 'FOCAL PLANE', kind: 'ANY' });
    expect(lower.rows.length).toBe(lower.totalCount);
    expect(lower.totalCount).toBeGreaterThan(0);
    expect(upper.rows.map((row) => row.code)).toEqual(lower.rows.map((row) => row.code));
    for (const row of lower.rows) {
      expect(`${row.code}\n${row.title}\n${row.text}`.toLowerCase(), row.code).toContain('focal plane');
    }
    expect(lower.rows.map((row) => row.code)).toEqual(expect.arrayContaining(['6A003.b.4', '6A003.b.4.a']));

    // Entries only (the default): every US entry whose text mentions thermal cameras, nothing else.
    const thermal = await listAllWithText({ text: 'thermal', regime: 'US_EAR' });
    expect(thermal.rows.length).toBe(thermal.totalCount);
    expect(thermal.rows.map((row) => row.code)).toContain('6A003');
    for (const row of thermal.rows) expect(`${row.code} ${row.title} ${row.text}`.toLowerCase()).toContain('thermal');
    const notThermal = (await listAllWithText({ regime: 'US_EAR', category: '6' })).rows.filter(
      (row) => !`${row.code} ${row.title} ${row.text}`.toLowerCase().includes('thermal'),
    );
    expect(notThermal.length).toBeGreaterThan(0);
    const thermalCodes = new Set(thermal.rows.map((row) => row.code));
    for (const row of notThermal) expect(thermalCodes.has(row.code), row.code).toBe(false);

    // Matches the code too.
    const byCode = await listAllWithText({ text: '6a203' });
    expect(byCode.rows.map((row) => row.code)).toEqual(expect.arrayContaining(['6A203']));

    expect((await listAllWithText({ text: 'no provision says zqxj', kind: 'ANY' })).rows).toEqual([]);
  });

  it('kind ENTRY, PARAGRAPH and ANY split the current provisions without overlap', async () => {
    const Counts = graphql(`
      query ProvisionsKindCounts {
        entries: provisions(first: 1, filter: { kind: ENTRY }) {
          totalCount
        }
        defaultKind: provisions(first: 1) {
          totalCount
        }
        paragraphs: provisions(first: 1, filter: { kind: PARAGRAPH }) {
          totalCount
        }
        any: provisions(first: 1, filter: { kind: ANY }) {
          totalCount
        }
        euParagraphs: provisions(first: 1, filter: { kind: PARAGRAPH, regime: EU }) {
          totalCount
        }
      }
    `);
    const response = await service.query(Counts);
    expect(response.errors).toBeUndefined();
    const counts = response.data;
    if (!counts) throw new Error('no data');
    expect(counts.entries.totalCount).toBe(US_ENTRY_COUNT + EU_ENTRIES.length + WASSENAAR_ENTRY_COUNT + UK_ENTRY_COUNT);
    expect(counts.defaultKind.totalCount).toBe(counts.entries.totalCount);
    expect(counts.paragraphs.totalCount).toBeGreaterThan(counts.entries.totalCount);
    expect(counts.any.totalCount).toBe(counts.entries.totalCount + counts.paragraphs.totalCount);
    // Annex I is stored by paragraph: every paragraph of eu_annex_i.json but the entry headings.
    expect(counts.euParagraphs.totalCount).toBe(EU_PARAGRAPH_COUNT);
    expect(counts.euParagraphs.totalCount).toBe(3059);

    const paragraphs = await listChecked({ kind: 'PARAGRAPH', regime: 'US_EAR', category: '6' });
    expect(paragraphs.length).toBeGreaterThan(US_CATEGORY_6.length);
    for (const row of paragraphs) {
      expect(row.kind).toBe('PARAGRAPH');
      expect(row.parent, row.code).not.toBeNull();
      expect(US_CATEGORY_6).toContain(row.entryCode);
      expect(row.code.startsWith(`${row.entryCode}.`), row.code).toBe(true);
    }
    const both = await listChecked({ kind: 'ANY', regime: 'US_EAR', category: '6' });
    expect(both).toHaveLength(paragraphs.length + US_CATEGORY_6.length);
    expect(sorted(both.filter((row) => row.kind === 'ENTRY').map((row) => row.code))).toEqual(sorted(US_CATEGORY_6));
  });

  it('itemType follows the EAR and Annex I product groups (D software, E technology) and leaves unclassified entries out', async () => {
    const technology = await listChecked({ itemType: 'TECHNOLOGY' });
    const software = await listChecked({ itemType: 'SOFTWARE' });
    const commodity = await listChecked({ itemType: 'COMMODITY' });
    const inRegime = (rows: readonly ListedProvision[], regime: 'US_EAR' | 'EU') =>
      rows.filter((row) => row.regime === regime);
    expect(inRegime(technology, 'US_EAR')).toHaveLength(US_TECHNOLOGY_COUNT);
    expect(inRegime(software, 'US_EAR')).toHaveLength(US_SOFTWARE_COUNT);
    // Annex I product groups D and E (eu_annex_i.json: 57 and 50 entries).
    expect(sorted(inRegime(technology, 'EU').map((row) => row.code))).toEqual(
      sorted(euEntriesWhere((entry) => entry.group === 'E')),
    );
    expect(sorted(inRegime(software, 'EU').map((row) => row.code))).toEqual(
      sorted(euEntriesWhere((entry) => entry.group === 'D')),
    );
    expect(technology).toHaveLength(US_TECHNOLOGY_COUNT + 50 + WASSENAAR_TECHNOLOGY_COUNT + UK_TECHNOLOGY_COUNT);
    expect(software).toHaveLength(US_SOFTWARE_COUNT + 57 + WASSENAAR_SOFTWARE_COUNT + UK_SOFTWARE_COUNT);
    for (const row of technology) expect(row).toMatchObject({ itemType: 'TECHNOLOGY', productGroup: 'E' });
    for (const row of software) expect(row).toMatchObject({ itemType: 'SOFTWARE', productGroup: 'D' });
    for (const row of commodity) expect(row.itemType).toBe('COMMODITY');
    expect(commodity.map((row) => `${row.regime}:${row.code}`)).toEqual(
      expect.arrayContaining(euEntriesWhere((entry) => 'ABC'.includes(entry.group)).map((code) => `EU:${code}`)),
    );

    // The three sets are disjoint and cover every entry except the Category 4 Technical Note,
    // which controls no item and so has no item type.
    const all = await listChecked({});
    const classified = new Set([...technology, ...software, ...commodity].map((row) => row.id));
    expect(classified.size).toBe(technology.length + software.length + commodity.length);
    const unclassified = all.filter((row) => !classified.has(row.id));
    expect(unclassified.map((row) => row.code)).toEqual(['4-TN-APP']);
    expect(unclassified[0]?.itemType).toBeNull();

    const combined = await listChecked({ regime: 'US_EAR', category: '6', itemType: 'TECHNOLOGY' });
    expect(sorted(combined.map((row) => row.code))).toEqual(sorted(US_CATEGORY_6.filter((code) => code[1] === 'E')));
  });

  it('US 6A003: heading, classification, list, jurisdiction and citation from the CCL source', async () => {
    const Query = graphql(`
      query ProvisionUs6A003Facts {
        provision(code: "6A003", regime: US_EAR) {
          code
          entryCode
          kind
          title
          category
          categoryName
          productGroup
          itemType
          reasonsForControl
          status
          validFrom
          validTo
          textDate
          relatedControls
          controlTable
          jurisdiction {
            code
            name
            kind
          }
          controlList {
            regime
            name
            textDate
            jurisdiction {
              code
            }
            citation {
              repository
              commit
            }
          }
          citation {
            sourceType
            repository
            path
            commit
            url
            upstream
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    const provision = response.data?.provision;
    expect(provision).toMatchObject({
      code: '6A003',
      entryCode: '6A003',
      kind: 'ENTRY',
      title: 'Cameras, systems or equipment, and "components" therefor, as follows (see List of Items Controlled).',
      category: '6',
      categoryName: 'Category 6-Sensors and Lasers',
      productGroup: 'A',
      itemType: 'COMMODITY',
      reasonsForControl: ['NS', 'NP', 'RS', 'AT', 'UN'],
      status: 'CURRENT',
      validFrom: null,
      validTo: null,
      // The repository commit date stands in for the unstated eCFR snapshot date (editorial/control-lists.json).
      textDate: '2025-07-11',
      jurisdiction: { code: 'US', name: 'United States', kind: 'STATE' },
      controlList: {
        regime: 'US_EAR',
        name: 'Commerce Control List (15 CFR part 774, Supplement No. 1)',
        textDate: '2025-07-11',
        jurisdiction: { code: 'US' },
        citation: { repository: 'waynehacking8/eccn-agent', commit: '0bd163a857413d23a15918d42d9812adae9b4a35' },
      },
      citation: {
        sourceType: 'GITHUB_FILE',
        repository: 'waynehacking8/eccn-agent',
        path: 'src/lambdas/ccl_ingestion/ccl_parsed_checked.json',
        commit: '0bd163a857413d23a15918d42d9812adae9b4a35',
      },
    });
    const url = provision?.citation.url ?? null;
    expect(
      url === null || url.includes('waynehacking8/eccn-agent/blob/0bd163a857413d23a15918d42d9812adae9b4a35/'),
      url ?? '',
    ).toBe(true);
    expect(provision?.relatedControls).toContain('Also see ECCN 6A203');
    expect(provision?.citation.upstream).toContain('15 CFR part 774, Supplement No. 1');
    expect(JSON.stringify(provision?.controlTable)).toContain('NS Column 2');
  });

  it('6A003 paragraph tree: children in text order, and every paragraph chains back to the entry', async () => {
    const Tree = graphql(`
      query ProvisionUs6A003Tree {
        provision(code: "6A003", regime: US_EAR) {
          code
          kind
          parent {
            code
          }
          children {
            code
            kind
            entryCode
            parent {
              code
            }
            children {
              code
              entryCode
              parent {
                code
              }
              children {
                code
                entryCode
                parent {
                  code
                }
                children {
                  code
                }
              }
            }
          }
        }
      }
    `);
    const response = await service.query(Tree);
    expect(response.errors).toBeUndefined();
    const entry = response.data?.provision;
    if (!entry) throw new Error('6A003 not found');
    expect(entry.parent).toBeNull();
    expect(entry.children.map((child) => child.code)).toEqual(['6A003.a', '6A003.b']);
    for (const child of entry.children) {
      expect(child).toMatchObject({ kind: 'PARAGRAPH', entryCode: '6A003', parent: { code: '6A003' } });
      for (const grandchild of child.children) {
        expect(grandchild.parent?.code).toBe(child.code);
        expect(grandchild.code.startsWith(`${child.code}.`)).toBe(true);
        for (const greatGrandchild of grandchild.children) {
          expect(greatGrandchild.parent?.code).toBe(grandchild.code);
          expect(greatGrandchild.entryCode).toBe('6A003');
        }
      }
    }
    const b = entry.children.find((child) => child.code === '6A003.b');
    const b4 = b?.children.find((child) => child.code === '6A003.b.4');
    expect(b4?.children.map((child) => child.code)).toEqual(['6A003.b.4.a', '6A003.b.4.b', '6A003.b.4.c']);

    const Chain = graphql(`
      query ProvisionUs6A003b4bChain {
        provision(code: "6A003.b.4.b", regime: US_EAR) {
          code
          kind
          entryCode
          itemType
          children {
            code
          }
          parent {
            code
            kind
            parent {
              code
              kind
              parent {
                code
                kind
                parent {
                  code
                }
              }
            }
          }
        }
      }
    `);
    const chain = await service.query(Chain);
    expect(chain.errors).toBeUndefined();
    expect(chain.data?.provision).toEqual({
      code: '6A003.b.4.b',
      kind: 'PARAGRAPH',
      entryCode: '6A003',
      itemType: 'COMMODITY',
      children: [],
      parent: {
        code: '6A003.b.4',
        kind: 'PARAGRAPH',
        parent: { code: '6A003.b', kind: 'PARAGRAPH', parent: { code: '6A003', kind: 'ENTRY', parent: null } },
      },
    });
  });

  it('6A003 thresholds: verbatim, in text order, with the exponent note where superscripts were lost', async () => {
    const Query = graphql(`
      query ProvisionUs6A003Thresholds {
        provision(code: "6A003", regime: US_EAR) {
          thresholds(encoded: false) {
            id
            paragraph
            textVerbatim
            exponentNote
            encoded
            parameter
            comparator
            value
            unit
            provision {
              code
              regime
            }
            citation {
              repository
              commit
            }
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    const thresholds = response.data?.provision?.thresholds ?? [];
    // control_entries.json US-EAR-CCL-6A003 key_thresholds_verbatim: 15 paragraphs and 3 notes.
    expect(thresholds).toHaveLength(18);
    expect(thresholds.slice(0, 4).map((threshold) => threshold.paragraph)).toEqual([
      '6A003.a.3',
      '6A003.a.4',
      '6A003.a.5.a',
      '6A003.a.5.b',
    ]);
    expect(thresholds[1]?.textVerbatim).toBe(
      'a.4. Electronic framing cameras having a speed exceeding 1,000,000 frames/s;',
    );
    const b4b = thresholds.find((threshold) => threshold.paragraph === '6A003.b.4.b');
    expect(b4b?.textVerbatim).toBe('b.4.b. Incorporating "focal plane arrays" controlled by 6A002.a.3.f; *or*');
    expect(thresholds.filter((threshold) => threshold.textVerbatim.startsWith('*Note 3:*'))).toHaveLength(1);

    const withNote = thresholds.filter((threshold) => threshold.exponentNote !== null);
    expect(withNote.map((threshold) => threshold.paragraph)).toEqual([
      '6A003.b.1.a.1',
      '6A003.b.1.a.2',
      '6A003.b.1.a.3',
    ]);
    expect(withNote[0]?.textVerbatim).toContain('More than 4 x 106 "active pixels"');
    expect(withNote[0]?.exponentNote).toContain('4 x 10^6');
    for (const threshold of thresholds) {
      expect(threshold.provision).toEqual({ code: '6A003', regime: 'US_EAR' });
      expect(threshold.citation).toEqual({
        repository: 'waynehacking8/eccn-agent',
        commit: '0bd163a857413d23a15918d42d9812adae9b4a35',
      });
      // Verbatim rows stay unencoded (the encoded criteria are rows of their own): the
      // machine-readable parts stay null rather than guessed.
      expect(threshold).toMatchObject({ encoded: false, parameter: null, comparator: null, value: null, unit: null });
    }
  });

  it('exemptions of a provision: the 6A003 Note 3 decontrol is EXPLICIT; EAR technology rules reach 6E001 by ITEM_TYPE_SCOPE', async () => {
    const Query = graphql(`
      query ProvisionExemptionLinks {
        camera: provision(code: "6A003", regime: US_EAR) {
          exemptions {
            basis
            note
            exemption {
              name
              kind
              legalBasis
            }
          }
        }
        paragraph: provision(code: "6A003.b.4.b", regime: US_EAR) {
          exemptions {
            basis
            exemption {
              legalBasis
            }
          }
        }
        technology: provision(code: "6E001", regime: US_EAR) {
          exemptions {
            basis
            note
            exemption {
              legalBasis
              kind
              itemTypes
            }
          }
          withRevoked: exemptions(includeRevoked: true) {
            exemption {
              legalBasis
              revoked
            }
          }
        }
        software: provision(code: "6D001", regime: US_EAR) {
          exemptions {
            basis
            exemption {
              legalBasis
              kind
            }
          }
        }
        euCamera: provision(code: "6A003", regime: EU) {
          exemptions {
            basis
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    const data = response.data;
    if (!data) throw new Error('no data');

    expect(data.camera?.exemptions).toEqual([
      {
        basis: 'EXPLICIT',
        note: null,
        exemption: {
          name: 'Decontrol of low-frame-rate / fixed-lens / automotive thermal cameras from 6A003.b.4.b',
          kind: 'DECONTROL_NOTE',
          legalBasis: '6A003.b.4 Note 3',
        },
      },
    ]);
    expect(data.paragraph?.exemptions).toEqual([{ basis: 'EXPLICIT', exemption: { legalBasis: '6A003.b.4 Note 3' } }]);

    const technology = data.technology?.exemptions ?? [];
    const fundamentalResearch = technology.find((link) => link.exemption.legalBasis === '15 CFR 734.8');
    expect(fundamentalResearch).toEqual({
      basis: 'ITEM_TYPE_SCOPE',
      note: 'In scope by item type; the conditions decide whether it applies.',
      exemption: { legalBasis: '15 CFR 734.8', kind: 'FUNDAMENTAL_RESEARCH', itemTypes: ['SOFTWARE', 'TECHNOLOGY'] },
    });
    expect(technology.find((link) => link.exemption.legalBasis.startsWith('6E001 / 6E002'))?.basis).toBe('EXPLICIT');
    // Scope links need the item type: the software-only General Software Note is not linked to technology.
    for (const link of technology) {
      if (link.basis === 'ITEM_TYPE_SCOPE') expect(link.exemption.itemTypes).toContain('TECHNOLOGY');
    }
    expect(technology.some((link) => link.exemption.kind === 'SOFTWARE_NOTE')).toBe(false);
    expect(technology.map((link) => link.exemption.legalBasis)).toEqual(
      expect.arrayContaining([
        '15 CFR 734.7',
        '15 CFR 734.8',
        '15 CFR 740.13',
        '15 CFR 734.10',
        '15 CFR part 774, Supplement No. 2, para. 1',
      ]),
    );
    // No revoked exemption is linked to 6E001, so asking for revoked ones adds nothing.
    expect(data.technology?.withRevoked.map((link) => link.exemption.legalBasis)).toEqual(
      technology.map((link) => link.exemption.legalBasis),
    );
    expect(data.technology?.withRevoked.every((link) => !link.exemption.revoked)).toBe(true);

    const software = data.software?.exemptions ?? [];
    expect(software.find((link) => link.exemption.kind === 'SOFTWARE_NOTE')?.basis).toBe('ITEM_TYPE_SCOPE');
    expect(
      software.some(
        (link) => link.exemption.kind === 'TECHNOLOGY_NOTE' || link.exemption.legalBasis === '15 CFR 734.10',
      ),
    ).toBe(false);

    // EU/UK/Wassenaar exemptions are not linked by scope (their records do not name entries).
    expect(data.euCamera?.exemptions).toEqual([]);
  });

  it('correlations: US 6A003 <-> EU 6A003 seen from both sides, plus the historical Hong Kong text', async () => {
    const Query = graphql(`
      query ProvisionCorrelations6A003 {
        us: provision(code: "6A003", regime: US_EAR) {
          correlations {
            kind
            direction
            note
            citation {
              url
              sourceType
            }
            provision {
              code
              regime
              status
            }
          }
        }
        eu: provision(code: "6A003", regime: EU) {
          correlations {
            kind
            direction
            note
            citation {
              url
            }
            provision {
              code
              regime
              title
            }
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    const note = 'Same Wassenaar-derived entry number in both lists; threshold differences not yet assessed.';
    expect(response.data?.eu?.correlations).toEqual([
      {
        kind: 'UNASSESSED',
        direction: 'INCOMING',
        note,
        citation: null,
        provision: {
          code: '6A003',
          regime: 'US_EAR',
          title: 'Cameras, systems or equipment, and "components" therefor, as follows (see List of Items Controlled).',
        },
      },
    ]);
    const us = response.data?.us?.correlations ?? [];
    expect(us.map((link) => [link.provision.regime, link.provision.code, link.direction])).toEqual([
      ['EU', '6A003', 'OUTGOING'],
      ['HK', '6A003', 'INCOMING'],
    ]);
    expect(us[0]).toMatchObject({ kind: 'UNASSESSED', note, citation: null, provision: { status: 'CURRENT' } });
    // The Hong Kong note is the record's own comparison_note, so it cites that record.
    expect(us[1]?.provision.status).toBe('SUPERSEDED');
    expect(us[1]?.note).toContain('Older Wassenaar-era text');
    expect(us[1]?.citation).not.toBeNull();
  });

  it('supersedes/supersededBy link the current 6A003.b.4 to the older celutek text, which no listing returns', async () => {
    const Query = graphql(`
      query ProvisionSupersededB4 {
        provision(code: "6A003.b.4", regime: US_EAR) {
          id
          status
          supersededBy {
            code
          }
          supersedes {
            id
            code
            regime
            status
            title
            validFrom
            validTo
            textDate
            controlList {
              version
              textDate
            }
            citation {
              sourceType
              url
              publisher
            }
            supersedes {
              code
            }
            supersededBy {
              id
              code
              status
            }
            thresholds {
              paragraph
            }
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    const current = response.data?.provision;
    if (!current) throw new Error('6A003.b.4 not found');
    expect(current.status).toBe('CURRENT');
    expect(current.supersededBy).toBeNull();
    expect(current.supersedes).toMatchObject({
      code: '6A003.b.4',
      regime: 'US_EAR',
      status: 'SUPERSEDED',
      title: 'Imaging cameras incorporating "focal plane arrays" (older text)',
      // Its edition date is not stated: unknown, not guessed.
      validFrom: null,
      validTo: null,
      textDate: null,
      controlList: { version: 'older edition, date not stated', textDate: null },
      citation: {
        sourceType: 'WEB_PAGE',
        url: 'http://celutek.com/holographics/PINS/EAR/sensors/cameras/FPAcams.html',
      },
      supersedes: null,
      supersededBy: { id: current.id, code: '6A003.b.4', status: 'CURRENT' },
    });
    expect(current.supersedes?.thresholds.map((threshold) => threshold.paragraph)).toEqual([
      '6A003.b.4 (old)',
      'Note 3 (old)',
    ]);

    const olderId = current.supersedes?.id;
    const everything = await listChecked({ kind: 'ANY', codePrefix: '6A003.b.4' });
    expect(everything.map((row) => row.id)).not.toContain(olderId);
    for (const asOf of ['2000-01-01', '2025-12-01']) {
      const dated = await listChecked({ kind: 'ANY', codePrefix: '6A003.b.4' }, asOf);
      expect(
        dated.map((row) => row.id),
        asOf,
      ).not.toContain(olderId);
    }
  });

  // String filters reach SQL LIKE/ILIKE (Prisma's `contains`, `startsWith` and case-insensitive
  // `equals` do not escape wildcards, prisma/orm#19506), so `%` and `_` must be escaped.
  it('LIKE wildcards in codePrefix are not live: codePrefix "6_003" starts no code and is refused', async () => {
    await expectRefused({ codePrefix: '6_003' }, 'filter.codePrefix');
  });

  it('LIKE wildcards in jurisdiction are not live: jurisdiction "U_" or "%" is no jurisdiction and is refused', async () => {
    await expectRefused({ jurisdiction: 'U_' }, 'filter.jurisdiction');
    await expectRefused({ jurisdiction: '%' }, 'filter.jurisdiction');
  });

  it('LIKE wildcards in text are not live: text "%%%%%" matches only texts containing it', async () => {
    const rows = await listAllWithText({ text: '%%%%%' });
    for (const row of rows.rows) expect(`${row.code} ${row.title} ${row.text}`).toContain('%%%%%');
  });

  it('a wildcard character in text matches itself: "%" finds the provisions that contain one, and only them', async () => {
    const all = await listAllWithText({});
    const percent = await listAllWithText({ text: '%' });
    const expected = all.rows.filter((row) => `${row.code} ${row.title} ${row.text}`.includes('%'));
    expect(percent.totalCount).toBeGreaterThan(0);
    expect(percent.totalCount).toBeLessThan(all.totalCount);
    // Both listings share one order (regime, code, id), so the matches come in the same order.
    const key = (row: ListedProvisionWithText) => `${row.code} ${row.title}`;
    expect(percent.rows.map(key)).toEqual(expected.map(key));
  });

  it('the other listings escape wildcards too: "%%%%%" as text matches nothing, "%" as jurisdiction is refused', async () => {
    for (const [field, value] of [
      ['exemptions', '%'],
      ['consultations', '%'],
      ['impactAssessments', '_S'],
      ['guidanceDocuments', '%'],
    ]) {
      const response = await service.post(
        JSON.stringify({ query: `{ ${field}(filter: { jurisdiction: "${value}" }) { totalCount } }` }),
      );
      const body = (await response.json()) as { errors?: Array<{ extensions?: Record<string, unknown> }> };
      expect(body.errors?.[0]?.extensions, field).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'filter.jurisdiction',
      });
    }
    const Query = graphql(`
      query WildcardsInOtherListings {
        consultationsByText: consultations(filter: { text: "%%%%%" }) {
          totalCount
        }
        assessmentsByText: impactAssessments(filter: { text: "%%%%%" }) {
          totalCount
        }
        guidanceByText: guidanceDocuments(filter: { text: "%%%%%" }) {
          totalCount
        }
        guidanceLower: guidanceDocuments(filter: { jurisdiction: "us" }) {
          totalCount
        }
        guidanceUpper: guidanceDocuments(filter: { jurisdiction: "US" }) {
          totalCount
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    const data = response.data;
    if (!data) throw new Error('no data');
    const { guidanceLower, guidanceUpper, ...wildcards } = data;
    for (const [name, connection] of Object.entries(wildcards)) expect(connection.totalCount, name).toBe(0);
    // Codes still compare case-insensitively.
    expect(guidanceUpper.totalCount).toBeGreaterThan(0);
    expect(guidanceLower.totalCount).toBe(guidanceUpper.totalCount);
  });
});
