// `consultations` over seed/data/consultations.json (12 records): filters, ordering, dates, the
// BIS-2018-0024 docket and its outcomes, and the 2008 deemed-export inquiry's partial commenter
// list (16 rows, in the order of BIS's record of comments) paged through `submissions`.
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import {
  describeWithDatabase,
  startTestService,
  type GraphQLResponse,
  type TestService,
} from '../support/test-service.js';

const ConsultationListing = graphql(`
  query ConsultationListing($filter: ConsultationFilter, $first: Int, $after: String) {
    consultations(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          status
          reference
          publishedOn
          jurisdiction {
            code
          }
        }
      }
    }
  }
`);

type ConsultationFilterInput = NonNullable<VariablesOf<typeof ConsultationListing>['filter']>;
type ListedConsultation = ResultOf<typeof ConsultationListing>['consultations']['edges'][number]['node'];

const DEAC_TITLE_START =
  'Notice of Inquiry: Request for public comments on Deemed Export Advisory Committee recommendations';
// consultations.json US-BIS-2008-DEAC-NOI commenters.list_partial, rows 1-16 in order.
const DEAC_COMMENTERS: Array<[name: string, receivedOn: string, pages: number]> = [
  ['Alan J. Hurd', '2008-06-21', 1],
  ['AeA', '2008-08-14', 5],
  ['Association of American Universities and Council on Governmental Relations', '2008-08-17', 6],
  ['University of Iowa', '2008-08-18', 2],
  ['General Electric Company', '2008-08-18', 6],
  ['Arizona State University', '2008-08-18', 6],
  ['Semiconductor Industry Association', '2008-08-18', 6],
  ['Intel Corporation', '2008-08-18', 4],
  ['Electronic Design Automation Consortium', '2008-08-18', 2],
  ['Howard Hughes Medical Institute', '2008-08-21', 3],
  ['College of Charleston', '2008-09-02', 2],
  ['HRL Laboratories, LLC', '2008-09-09', 4],
  ['University of North Carolina at Chapel Hill', '2008-09-11', 3],
  ['Google Inc.', '2008-09-17', 4],
  ['Virginia Polytechnic Institute and State University', '2008-09-19', 125],
  ['Columbia University', '2008-09-22', 3],
];

const byId = (rows: readonly ListedConsultation[]) => rows.map((row) => row.id).sort();

describeWithDatabase('consultations', () => {
  let service: TestService;
  let everything: ListedConsultation[];

  async function list(filter: ConsultationFilterInput): Promise<ListedConsultation[]> {
    const rows: ListedConsultation[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const response: GraphQLResponse<ResultOf<typeof ConsultationListing>> = await service.query(ConsultationListing, {
        filter,
        first: 5,
        after,
      });
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      const connection: ResultOf<typeof ConsultationListing>['consultations'] | undefined =
        response.data?.consultations;
      if (!connection) throw new Error('no consultations connection');
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

  it('lists all 12 consultations, newest first, undated ones last', () => {
    expect(everything).toHaveLength(12);
    const dated = everything.filter((row) => row.publishedOn !== null);
    expect(dated.map((row) => row.publishedOn)).toEqual(['2020-08-27', '2018-11-19', '2015-06-03', '2008-05-19']);
    expect(everything.slice(0, dated.length)).toEqual(dated);
    expect(everything[1]?.title).toBe('Review of Controls for Certain Emerging Technologies');
  });

  it('jurisdiction matches case-insensitively and partitions the listing', async () => {
    const expected = { US: 5, EU: 6, UK: 1 };
    for (const [code, count] of Object.entries(expected)) {
      for (const given of [code, code.toLowerCase()]) {
        const rows = await list({ jurisdiction: given });
        expect(rows, given).toHaveLength(count);
        expect(byId(rows), given).toEqual(byId(everything.filter((row) => row.jurisdiction.code === code)));
      }
    }
    expect(await list({ jurisdiction: 'WA' })).toEqual([]);
  });

  it('status keeps that status only; the statuses partition the listing', async () => {
    const expected = { CONCLUDED: 6, CLOSED: 2, UNKNOWN: 4, OPEN: 0, PLANNED: 0 } as const;
    let sum = 0;
    for (const [status, count] of Object.entries(expected) as Array<[keyof typeof expected, number]>) {
      const rows = await list({ status });
      expect(rows, status).toHaveLength(count);
      expect(byId(rows), status).toEqual(byId(everything.filter((row) => row.status === status)));
      sum += count;
    }
    expect(sum).toBe(everything.length);
  });

  it('text searches title, reference, instrument and outcome summary case-insensitively', async () => {
    const docket = await list({ text: 'bis-2018-0024' });
    expect(docket.map((row) => row.title)).toEqual(['Review of Controls for Certain Emerging Technologies']);
    expect(docket[0]?.reference).toContain('docket BIS-2018-0024');

    expect((await list({ text: 'GREEN PAPER' })).map((row) => row.title)).toEqual([
      "Green Paper 'The dual-use export control system of the European Union: ensuring security and competitiveness in a changing world' (COM(2011) 393) - public consultation",
    ]);
    // Only in the outcome summary of the 2008 deemed-export inquiry.
    const etrac = await list({ text: 'etrac' });
    expect(etrac).toHaveLength(1);
    expect(etrac[0]?.title.startsWith(DEAC_TITLE_START)).toBe(true);

    expect(await list({ text: 'no consultation mentions qzxv' })).toEqual([]);
    const combined = await list({ text: 'emerging', jurisdiction: 'EU' });
    expect(combined).toEqual([]);
    const usConcluded = await list({ jurisdiction: 'us', status: 'CONCLUDED' });
    expect(byId(usConcluded)).toEqual(
      byId(everything.filter((row) => row.jurisdiction.code === 'US' && row.status === 'CONCLUDED')),
    );
    expect(usConcluded).toHaveLength(3);
  });

  it('the BIS-2018-0024 ANPRM: dates, extended deadline, unknown response count, outcomes in order, linked provision', async () => {
    const Query = graphql(`
      query ConsultationEmergingTech {
        consultations(first: 2, filter: { text: "BIS-2018-0024" }) {
          totalCount
          edges {
            node {
              title
              body
              instrument
              reference
              status
              publishedOn
              deadline
              extendedDeadline
              closedOn
              responseCount
              responseCountQuote
              scopeQuote
              jurisdiction {
                code
              }
              citation {
                url
              }
              outcomes {
                date
                description
                quote
                citation {
                  url
                }
              }
              provisions {
                code
                regime
              }
              assessments {
                title
              }
              submissions(first: 10) {
                totalCount
                edges {
                  node {
                    receivedOn
                    stakeholder {
                      name
                      type
                      typeLabel
                    }
                  }
                }
              }
              stakeholders {
                name
              }
            }
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    expect(response.data?.consultations.totalCount).toBe(1);
    const anprm = response.data?.consultations.edges[0]?.node;
    expect(anprm).toMatchObject({
      title: 'Review of Controls for Certain Emerging Technologies',
      body: 'Bureau of Industry and Security (BIS), US Department of Commerce',
      instrument: 'Advance notice of proposed rulemaking (ANPRM)',
      status: 'CONCLUDED',
      publishedOn: '2018-11-19',
      deadline: '2018-12-19',
      extendedDeadline: '2019-01-10',
      closedOn: null,
      // "several hundred entities": no exact count in the sources, so unknown, not zero.
      responseCount: null,
      jurisdiction: { code: 'US' },
      citation: {
        url: 'https://www.federalregister.gov/documents/2018/11/19/2018-25221/review-of-controls-for-certain-emerging-technologies',
      },
      // editorial/consultation-provisions.json: the first outcome names ECCN 0D521.
      provisions: [{ code: '0D521', regime: 'US_EAR' }],
      assessments: [],
      stakeholders: [{ name: 'Semiconductor Industry Association (SIA)' }],
    });
    expect(anprm?.responseCountQuote).toContain('several hundred entities');
    expect(anprm?.scopeQuote).toContain('emerging technologies that are essential to U.S. national security');
    expect(anprm?.outcomes.map((outcome) => outcome.date)).toEqual(['2020-01-06', '2020-08-27']);
    expect(anprm?.outcomes[0]?.description).toContain('ECCN 0D521');
    expect(anprm?.outcomes[0]?.quote).toContain('Geospatial imagery software');
    expect(anprm?.outcomes[1]?.quote).toBeNull();
    expect(anprm?.outcomes[1]?.citation?.url).toBe(
      'https://regulations.justia.com/regulations/fedreg/2020/08/27/2020-18910.html',
    );
    expect(anprm?.submissions).toEqual({
      totalCount: 1,
      edges: [
        {
          node: {
            receivedOn: '2019-01-10',
            stakeholder: {
              name: 'Semiconductor Industry Association (SIA)',
              type: 'INDUSTRY_ASSOCIATION',
              typeLabel: 'industry association',
            },
          },
        },
      ],
    });
  });

  it('the 2008 deemed-export inquiry: 16 submissions in record order, paged forward and backward', async () => {
    const Page = graphql(`
      query ConsultationDeacSubmissions($first: Int, $after: String, $last: Int, $before: String) {
        consultations(first: 1, filter: { text: "Deemed Export Advisory Committee" }) {
          edges {
            node {
              title
              publishedOn
              deadline
              extendedDeadline
              responseCount
              responseCountNote
              outcomeSummary
              submissions(first: $first, after: $after, last: $last, before: $before) {
                totalCount
                pageInfo {
                  hasNextPage
                  hasPreviousPage
                  startCursor
                  endCursor
                }
                edges {
                  cursor
                  node {
                    id
                    receivedOn
                    pages
                    position
                    themes
                    documentRef
                    stakeholder {
                      name
                      type
                      typeLabel
                    }
                    consultation {
                      publishedOn
                    }
                  }
                }
              }
            }
          }
        }
      }
    `);
    type Submissions = ResultOf<typeof Page>['consultations']['edges'][number]['node']['submissions'];
    const fetchPage = async (variables: VariablesOf<typeof Page>): Promise<Submissions> => {
      const response = await service.query(Page, variables);
      expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
      const node = response.data?.consultations.edges[0]?.node;
      if (!node) throw new Error('deemed-export inquiry not found');
      expect(node.title.startsWith(DEAC_TITLE_START)).toBe(true);
      expect(node).toMatchObject({
        publishedOn: '2008-05-19',
        deadline: '2008-08-18',
        extendedDeadline: '2008-09-22',
        responseCount: null,
      });
      expect(node.responseCountNote).toContain('Only the first 16 rows');
      expect(node.outcomeSummary).toContain('Emerging Technology and Research Advisory Committee (ETRAC)');
      return node.submissions;
    };

    const forward: Submissions['edges'] = [];
    let after: string | null = null;
    const forwardFlags: Array<[boolean, boolean]> = [];
    for (let page = 0; page < 10; page += 1) {
      const submissions: Submissions = await fetchPage({ first: 5, after });
      expect(submissions.totalCount).toBe(16);
      forwardFlags.push([submissions.pageInfo.hasPreviousPage, submissions.pageInfo.hasNextPage]);
      forward.push(...submissions.edges);
      if (!submissions.pageInfo.hasNextPage) break;
      after = submissions.pageInfo.endCursor ?? null;
    }
    expect(forwardFlags).toEqual([
      [false, true],
      [true, true],
      [true, true],
      [true, false],
    ]);
    expect(forward.map((edge) => [edge.node.stakeholder.name, edge.node.receivedOn, edge.node.pages])).toEqual(
      DEAC_COMMENTERS,
    );
    for (const { node } of forward) {
      // Positions were not recorded; types are the collector's labels, kept verbatim.
      expect(node).toMatchObject({ position: 'UNKNOWN', themes: [], consultation: { publishedOn: '2008-05-19' } });
      expect(node.stakeholder.typeLabel).not.toBeNull();
    }
    expect(forward[0]?.node.stakeholder).toEqual({ name: 'Alan J. Hurd', type: 'INDIVIDUAL', typeLabel: 'individual' });
    expect(forward[9]?.node.stakeholder).toEqual({
      name: 'Howard Hughes Medical Institute',
      type: 'RESEARCH_ORGANISATION',
      typeLabel: 'non-profit research organisation',
    });

    const backward: Submissions['edges'] = [];
    let before: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const submissions: Submissions = await fetchPage({ last: 5, before });
      expect(submissions.totalCount).toBe(16);
      backward.unshift(...submissions.edges);
      if (!submissions.pageInfo.hasPreviousPage) break;
      before = submissions.pageInfo.startCursor ?? null;
    }
    expect(backward.map((edge) => edge.node.id)).toEqual(forward.map((edge) => edge.node.id));
    expect(backward.map((edge) => edge.cursor)).toEqual(forward.map((edge) => edge.cursor));
  });

  it('stakeholders of a consultation: each submitter once, by name, with its own submissions connection', async () => {
    const Query = graphql(`
      query ConsultationDeacStakeholders {
        consultations(first: 1, filter: { text: "Deemed Export Advisory Committee" }) {
          edges {
            node {
              stakeholders {
                name
                type
                submissions(first: 5) {
                  totalCount
                  edges {
                    node {
                      receivedOn
                      pages
                      consultation {
                        reference
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    const stakeholders = response.data?.consultations.edges[0]?.node.stakeholders ?? [];
    expect(stakeholders.map((stakeholder) => stakeholder.name)).toEqual([
      'AeA',
      'Alan J. Hurd',
      'Arizona State University',
      'Association of American Universities and Council on Governmental Relations',
      'College of Charleston',
      'Columbia University',
      'Electronic Design Automation Consortium',
      'General Electric Company',
      'Google Inc.',
      'Howard Hughes Medical Institute',
      'HRL Laboratories, LLC',
      'Intel Corporation',
      'Semiconductor Industry Association',
      'University of Iowa',
      'University of North Carolina at Chapel Hill',
      'Virginia Polytechnic Institute and State University',
    ]);
    const virginiaTech = stakeholders.find((stakeholder) => stakeholder.name.startsWith('Virginia Polytechnic'));
    expect(virginiaTech).toMatchObject({
      type: 'UNIVERSITY',
      submissions: {
        totalCount: 1,
        edges: [
          {
            node: {
              receivedOn: '2008-09-19',
              pages: 125,
              consultation: { reference: '73 FR 28795 (May 19, 2008); reopened 73 FR 49645 (Aug. 22, 2008)' },
            },
          },
        ],
      },
    });
  });

  it('consultations without a recorded list have no submissions, and unknown dates stay null', async () => {
    const Query = graphql(`
      query ConsultationsWithoutSubmissions {
        consultations(first: 20, filter: { jurisdiction: "EU" }) {
          edges {
            node {
              title
              publishedOn
              closedOn
              responseCount
              responseCountQuote
              submissions(first: 5) {
                totalCount
                edges {
                  cursor
                }
                pageInfo {
                  hasNextPage
                  hasPreviousPage
                  startCursor
                  endCursor
                }
              }
              stakeholders {
                name
              }
            }
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    const nodes = response.data?.consultations.edges.map((edge) => edge.node) ?? [];
    expect(nodes).toHaveLength(6);
    for (const node of nodes) {
      expect(node.publishedOn, node.title).toBeNull();
      expect(node.submissions).toEqual({
        totalCount: 0,
        edges: [],
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      });
      expect(node.stakeholders).toEqual([]);
    }
    const greenPaper = nodes.find((node) => node.title.startsWith('Green Paper'));
    // "over 100 responses": not an exact count.
    expect(greenPaper?.responseCount).toBeNull();
    expect(greenPaper?.responseCountQuote).toContain('over 100 responses');
    const cyber = nodes.find((node) =>
      node.title.startsWith('Consultation on draft guidelines on the export of cyber-surveillance'),
    );
    expect(cyber?.closedOn).toBe('2023-06-09');
  });
});
