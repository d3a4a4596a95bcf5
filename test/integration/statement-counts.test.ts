// N+1 guard: nested reads cost a fixed number of SQL statements whatever the page size. Each
// operation is counted with the statement counter of the service's Prisma client (requests in
// this file run one at a time, so the difference before/after a request is that request's).
// A page of 5 and a page of 50 (or every row there is) must cost the same, and the absolute
// count is capped at what it is now, so a regression adding a query per row or per relation fails.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

// The nested read of the issue, with `correlations { kind provision { code } }`; the issue's
// own `correlations { kind }` is counted by the last test.
const NestedProvisions = graphql(`
  query CountNestedProvisions($first: Int) {
    provisions(first: $first, filter: { regime: US_EAR, category: "6" }) {
      edges {
        node {
          code
          title
          thresholds {
            textVerbatim
          }
          exemptions {
            basis
            exemption {
              name
            }
          }
          correlations {
            kind
            provision {
              code
            }
          }
          children {
            code
          }
          parent {
            code
          }
          citation {
            url
            repository
          }
        }
      }
    }
  }
`);

const NestedProvisionsAsInIssue = graphql(`
  query CountNestedProvisionsAsInIssue($first: Int) {
    provisions(first: $first, filter: { regime: US_EAR, category: "6" }) {
      edges {
        node {
          code
          title
          thresholds {
            textVerbatim
          }
          exemptions {
            basis
            exemption {
              name
            }
          }
          correlations {
            kind
          }
          children {
            code
          }
          parent {
            code
          }
          citation {
            url
            repository
          }
        }
      }
    }
  }
`);

const NestedProvisionsWithCount = graphql(`
  query CountNestedProvisionsWithTotal($first: Int) {
    provisions(first: $first, filter: { regime: US_EAR, category: "6", kind: ANY }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          code
          jurisdiction {
            code
          }
          controlList {
            name
          }
          thresholds {
            paragraph
            citation {
              url
            }
          }
          exemptions(includeRevoked: true) {
            basis
            note
            exemption {
              name
              jurisdiction {
                code
              }
            }
          }
          correlations {
            kind
            direction
            provision {
              code
              regime
            }
            citation {
              url
            }
            correlation {
              id
              from {
                code
              }
              citation {
                section
              }
            }
          }
          children {
            code
            children {
              code
            }
          }
          parent {
            code
            parent {
              code
            }
          }
          supersedes {
            code
          }
          supersededBy {
            code
          }
        }
      }
    }
  }
`);

// The encoded logic of paragraphs: groups three levels deep with their thresholds.
const NestedThresholdGroups = graphql(`
  query CountNestedThresholdGroups($first: Int) {
    provisions(first: $first, filter: { regime: US_EAR, codePrefix: "6A002", kind: PARAGRAPH }) {
      edges {
        node {
          code
          thresholds(encoded: true) {
            parameter
            comparator
            value
            group {
              role
              label
            }
            citation {
              url
            }
          }
          thresholdGroups {
            role
            operator
            label
            thresholds {
              criterionKey
              value
            }
            groups {
              operator
              thresholds {
                criterionKey
              }
              groups {
                operator
                thresholds {
                  criterionKey
                }
                parentGroup {
                  role
                }
              }
            }
          }
        }
      }
    }
  }
`);

const NestedConsultations = graphql(`
  query CountNestedConsultations($first: Int) {
    consultations(first: $first) {
      totalCount
      edges {
        node {
          title
          jurisdiction {
            code
          }
          citation {
            url
          }
          outcomes {
            date
            description
            citation {
              url
            }
          }
          submissions(first: 20) {
            totalCount
            edges {
              node {
                receivedOn
                pages
                stakeholder {
                  name
                  type
                }
              }
            }
          }
          stakeholders {
            name
            type
            typeLabel
          }
          provisions {
            code
          }
        }
      }
    }
  }
`);

const NestedAssessments = graphql(`
  query CountNestedAssessments($first: Int) {
    impactAssessments(first: $first) {
      totalCount
      edges {
        node {
          title
          jurisdiction {
            code
          }
          citation {
            url
          }
          metrics(first: 20) {
            totalCount
            edges {
              node {
                indicator
                value
                unit
                period
                periodStart
                citation {
                  url
                }
                jurisdiction {
                  code
                }
              }
            }
          }
        }
      }
    }
  }
`);

const NestedGuidance = graphql(`
  query CountNestedGuidance($first: Int) {
    guidanceDocuments(first: $first) {
      totalCount
      edges {
        node {
          title
          jurisdiction {
            code
          }
          citation {
            url
          }
          provisions {
            code
            title
          }
          exemptions {
            name
            legalBasis
            jurisdiction {
              code
            }
          }
        }
      }
    }
  }
`);

const NestedExemptions = graphql(`
  query CountNestedExemptions($first: Int) {
    exemptions(first: $first) {
      totalCount
      edges {
        node {
          name
          jurisdiction {
            code
          }
          citation {
            url
          }
          conditions {
            role
            textVerbatim
          }
          guidance {
            title
          }
          provisions(first: 10) {
            totalCount
            edges {
              basis
              node {
                code
              }
            }
          }
        }
      }
    }
  }
`);

const ProvisionIds = graphql(`
  query CountProvisionIds($first: Int) {
    provisions(first: $first, filter: { regime: US_EAR, category: "6" }) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const NodesOfProvisions = graphql(`
  query CountNodesOfProvisions($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
      ... on ControlProvision {
        code
        children {
          code
        }
        exemptions {
          basis
        }
        citation {
          url
        }
      }
    }
  }
`);

// Upper bounds: what each operation costs now, on PGlite and PostgreSQL alike (Prisma loads
// the nested relations of a page with joins in the same statement; totalCount is one more).
const MAX_STATEMENTS = {
  provisions: 1,
  provisionsWithCount: 2,
  thresholdGroups: 1,
  consultations: 3,
  assessments: 2,
  guidance: 2,
  exemptions: 2,
  nodes: 1,
};

describeWithDatabase('SQL statements per operation (N+1 guard)', () => {
  let service: TestService;
  beforeAll(async () => {
    // The statements of the resolvers themselves: the response cache would add its two
    // generation reads to each first request and answer a repeated one without any.
    service = await startTestService({ RESPONSE_CACHE_ENABLED: 'false' });
    // Warm up: the first request may read metadata once.
    await service.query(NestedProvisions, { first: 1 });
  });
  afterAll(async () => {
    await service?.stop();
  });

  /** Runs one request and returns how many statements it cost and its data. */
  async function counted<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<{ statements: number; data: TData }> {
    const before = service.db.requestStatementCount();
    const response = await service.query(
      document as TypedDocumentNode<TData, Record<string, unknown>>,
      variables as Record<string, unknown>,
    );
    const statements = service.db.requestStatementCount() - before;
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    if (!response.data) throw new Error('no data');
    return { statements, data: response.data };
  }

  it('provisions with thresholds, exemptions, correlations, children, parent and citation: 5 rows cost as much as 50', async () => {
    const small = await counted(NestedProvisions, { first: 5 });
    const large = await counted(NestedProvisions, { first: 50 });
    expect(small.data.provisions.edges).toHaveLength(5);
    expect(large.data.provisions.edges).toHaveLength(50);
    // The large page really has nested rows to load.
    expect(large.data.provisions.edges.reduce((sum, edge) => sum + edge.node.thresholds.length, 0)).toBeGreaterThan(50);
    expect(large.data.provisions.edges.some((edge) => edge.node.correlations.length > 0)).toBe(true);
    expect(
      large.data.provisions.edges.every((edge) => edge.node.exemptions.length > 0 || edge.node.code[1] !== 'E'),
    ).toBe(true);
    console.info(`[statements] provisions nested: first 5 -> ${small.statements}, first 50 -> ${large.statements}`);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(MAX_STATEMENTS.provisions);
  });

  it('provisions with totalCount and two-level relations: 5 rows cost as much as 100', async () => {
    const small = await counted(NestedProvisionsWithCount, { first: 5 });
    const large = await counted(NestedProvisionsWithCount, { first: 100 });
    expect(large.data.provisions.edges).toHaveLength(100);
    expect(large.data.provisions.totalCount).toBe(small.data.provisions.totalCount);
    console.info(
      `[statements] provisions nested with totalCount: first 5 -> ${small.statements}, first 100 -> ${large.statements}`,
    );
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(MAX_STATEMENTS.provisionsWithCount);

    // A later page costs the same as the first.
    const cursor = large.data.provisions.pageInfo.endCursor;
    const next = await counted(NestedProvisionsWithCount, { first: 100, after: cursor });
    expect(next.statements).toBe(large.statements);
  });

  it('paragraphs with encoded thresholds and threshold groups three levels deep: 5 rows cost as much as 50', async () => {
    const small = await counted(NestedThresholdGroups, { first: 5 });
    const large = await counted(NestedThresholdGroups, { first: 50 });
    expect(large.data.provisions.edges).toHaveLength(50);
    // The large page really has nested groups to load.
    const nested = large.data.provisions.edges.flatMap((edge) =>
      edge.node.thresholdGroups.flatMap((group) => group.groups),
    );
    expect(nested.length).toBeGreaterThan(5);
    expect(large.data.provisions.edges.reduce((sum, edge) => sum + edge.node.thresholds.length, 0)).toBeGreaterThan(50);
    console.info(
      `[statements] provisions with threshold groups: first 5 -> ${small.statements}, first 50 -> ${large.statements}`,
    );
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(MAX_STATEMENTS.thresholdGroups);
  });

  it('consultations with outcomes, submissions, stakeholders and provisions: 5 rows cost as much as all 12', async () => {
    const small = await counted(NestedConsultations, { first: 5 });
    const large = await counted(NestedConsultations, { first: 50 });
    expect(large.data.consultations.edges).toHaveLength(12);
    expect(
      large.data.consultations.edges.reduce((sum, edge) => sum + edge.node.submissions.edges.length, 0),
    ).toBeGreaterThanOrEqual(16);
    console.info(
      `[statements] consultations nested: first 5 -> ${small.statements}, first 50 (12 rows) -> ${large.statements}`,
    );
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(MAX_STATEMENTS.consultations);
  });

  it('impact assessments with metrics: 5 rows cost as much as all 15', async () => {
    const small = await counted(NestedAssessments, { first: 5 });
    const large = await counted(NestedAssessments, { first: 50 });
    expect(large.data.impactAssessments.edges).toHaveLength(15);
    expect(large.data.impactAssessments.edges.reduce((sum, edge) => sum + edge.node.metrics.edges.length, 0)).toBe(96);
    console.info(
      `[statements] impactAssessments nested: first 5 -> ${small.statements}, first 50 (15 rows) -> ${large.statements}`,
    );
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(MAX_STATEMENTS.assessments);
  });

  it('guidance documents with provisions and exemptions: 5 rows cost as much as all 10', async () => {
    const small = await counted(NestedGuidance, { first: 5 });
    const large = await counted(NestedGuidance, { first: 50 });
    expect(large.data.guidanceDocuments.edges).toHaveLength(10);
    expect(
      large.data.guidanceDocuments.edges.reduce((sum, edge) => sum + edge.node.exemptions.length, 0),
    ).toBeGreaterThan(5);
    console.info(
      `[statements] guidanceDocuments nested: first 5 -> ${small.statements}, first 50 (10 rows) -> ${large.statements}`,
    );
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(MAX_STATEMENTS.guidance);
  });

  it('exemptions with conditions, guidance and a provisions connection: 5 rows cost as much as all 32 in force', async () => {
    const small = await counted(NestedExemptions, { first: 5 });
    const large = await counted(NestedExemptions, { first: 50 });
    expect(large.data.exemptions.edges).toHaveLength(32);
    console.info(
      `[statements] exemptions nested: first 5 -> ${small.statements}, first 50 (32 rows) -> ${large.statements}`,
    );
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(MAX_STATEMENTS.exemptions);
  });

  it('nodes(ids) batches: 5 provision ids cost as much as 50', async () => {
    const ids = (await counted(ProvisionIds, { first: 50 })).data.provisions.edges.map((edge) => edge.node.id);
    const small = await counted(NodesOfProvisions, { ids: ids.slice(0, 5) });
    const large = await counted(NodesOfProvisions, { ids });
    expect(large.data.nodes.filter((node) => node !== null)).toHaveLength(50);
    console.info(`[statements] nodes of provisions: 5 ids -> ${small.statements}, 50 ids -> ${large.statements}`);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(MAX_STATEMENTS.nodes);
  });

  it('a totalCount-only request is a single count statement', async () => {
    const Count = graphql(`
      query CountOnlyTotal {
        provisions(filter: { regime: US_EAR }) {
          totalCount
        }
      }
    `);
    const { statements, data } = await counted(Count, {});
    // The 606 ECCNs of us_ccl_full.json and the 33 the eCFR history's last snapshot adds.
    expect(data.provisions.totalCount).toBe(639);
    console.info(`[statements] provisions totalCount only -> ${statements}`);
    expect(statements).toBe(1);
  });

  // `correlations { kind }` without `provision` once produced an empty Prisma select for the
  // other provision, which Prisma rejects (an internal error).
  it('the nested read exactly as the issue writes it', async () => {
    const small = await counted(NestedProvisionsAsInIssue, { first: 5 });
    const large = await counted(NestedProvisionsAsInIssue, { first: 50 });
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(MAX_STATEMENTS.provisions);
  });
});
