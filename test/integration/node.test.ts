// Relay global ids: `node` and `nodes` fetch every Node type back from an id a listing handed
// out; malformed ids, ids of missing rows and ids of types that are not nodes answer null,
// never an error or a 500; `nodes` keeps positions.
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stableId } from '../../src/ingest/stable-id.js';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';
import { narrow } from './support-narrow.js';

const NodeById = graphql(`
  query NodeById($id: ID!) {
    node(id: $id) {
      __typename
      id
      ...NodeSummary
    }
  }
`);

const NodesByIds = graphql(`
  query NodesByIds($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ...NodeSummary
    }
  }
`);

// Fields each Node type is compared on after a round trip.
graphql(`
  fragment NodeSummary on Node {
    ... on ControlProvision {
      code
      regime
      kind
    }
    ... on Citation {
      url
      repository
      commit
      sourceType
    }
    ... on ControlList {
      name
      version
    }
    ... on Jurisdiction {
      code
      name
    }
    ... on Threshold {
      paragraph
      textVerbatim
    }
    ... on ThresholdGroup {
      role
      operator
      paragraph
      label
    }
    ... on Exemption {
      name
      legalBasis
    }
    ... on AmendingAct {
      documentNumber
      publishedOn
    }
    ... on ListText {
      listTextKind: kind
      listTextLabel: label
    }
    ... on GuidanceDocument {
      title
      publishedOn
    }
    ... on StakeholderConsultation {
      title
      reference
    }
    ... on Submission {
      receivedOn
      pages
    }
    ... on Stakeholder {
      name
    }
    ... on ImpactAssessment {
      title
      publishedOn
    }
    ... on ImpactMetric {
      indicator
      period
      value
      unit
    }
    ... on Correlation {
      correlationKind: kind
      note
      from {
        code
        regime
      }
      to {
        code
        regime
      }
    }
  }
`);

const IdSources = graphql(`
  query NodeIdSources {
    provision(code: "6A003", regime: US_EAR) {
      id
      code
      regime
      kind
      citation {
        id
        url
        repository
        commit
        sourceType
      }
      controlList {
        id
        name
        version
      }
      jurisdiction {
        id
        code
        name
      }
      thresholds {
        id
        paragraph
        textVerbatim
      }
      thresholdGroups(role: CONTROL_REASON) {
        id
        role
        operator
        paragraph
        label
      }
    }
    exemptions(first: 1, filter: { kind: DECONTROL_NOTE, appliesToProvisionCode: "6A003" }) {
      edges {
        node {
          id
          name
          legalBasis
        }
      }
    }
    guidanceDocuments(first: 1) {
      edges {
        node {
          id
          title
          publishedOn
        }
      }
    }
    consultations(first: 1, filter: { text: "Deemed Export Advisory Committee" }) {
      edges {
        node {
          id
          title
          reference
          submissions(first: 1) {
            edges {
              node {
                id
                receivedOn
                pages
                stakeholder {
                  id
                  name
                }
              }
            }
          }
        }
      }
    }
    amendingActs(first: 1) {
      edges {
        node {
          id
          documentNumber
          publishedOn
        }
      }
    }
    listTexts(first: 1) {
      edges {
        node {
          id
          listTextKind: kind
          listTextLabel: label
        }
      }
    }
    impactAssessments(first: 1) {
      edges {
        node {
          id
          title
          publishedOn
          metrics(first: 1) {
            edges {
              node {
                id
                indicator
                period
                value
                unit
              }
            }
          }
        }
      }
    }
  }
`);

type Sources = ResultOf<typeof IdSources>;
type FetchedNode = NonNullable<ResultOf<typeof NodeById>['node']>;

interface Expected {
  id: string;
  node: FetchedNode;
}

/** One id of every Node type, and what fetching it back must return. */
function expectedNodes(sources: Sources, correlationId: string): Expected[] {
  const provision = sources.provision;
  const exemption = sources.exemptions.edges[0]?.node;
  const guidance = sources.guidanceDocuments.edges[0]?.node;
  const consultation = sources.consultations.edges[0]?.node;
  const submission = consultation?.submissions.edges[0]?.node;
  const assessment = sources.impactAssessments.edges[0]?.node;
  const metric = assessment?.metrics.edges[0]?.node;
  const threshold = provision?.thresholds[0];
  const group = provision?.thresholdGroups[0];
  const act = sources.amendingActs.edges[0]?.node;
  const listText = sources.listTexts.edges[0]?.node;
  if (
    !act ||
    !listText ||
    !provision ||
    !exemption ||
    !guidance ||
    !consultation ||
    !submission ||
    !assessment ||
    !metric ||
    !threshold ||
    !group
  ) {
    throw new Error(`a source of ids is missing: ${JSON.stringify(sources).slice(0, 500)}`);
  }
  return [
    {
      id: provision.id,
      node: {
        __typename: 'ControlProvision',
        id: provision.id,
        code: provision.code,
        regime: provision.regime,
        kind: provision.kind,
      },
    },
    { id: provision.citation.id, node: { __typename: 'Citation', ...provision.citation } },
    { id: provision.controlList.id, node: { __typename: 'ControlList', ...provision.controlList } },
    { id: provision.jurisdiction.id, node: { __typename: 'Jurisdiction', ...provision.jurisdiction } },
    { id: threshold.id, node: { __typename: 'Threshold', ...threshold } },
    { id: group.id, node: { __typename: 'ThresholdGroup', ...group } },
    { id: exemption.id, node: { __typename: 'Exemption', ...exemption } },
    { id: guidance.id, node: { __typename: 'GuidanceDocument', ...guidance } },
    {
      id: consultation.id,
      node: {
        __typename: 'StakeholderConsultation',
        id: consultation.id,
        title: consultation.title,
        reference: consultation.reference,
      },
    },
    {
      id: submission.id,
      node: { __typename: 'Submission', id: submission.id, receivedOn: submission.receivedOn, pages: submission.pages },
    },
    { id: submission.stakeholder.id, node: { __typename: 'Stakeholder', ...submission.stakeholder } },
    {
      id: assessment.id,
      node: {
        __typename: 'ImpactAssessment',
        id: assessment.id,
        title: assessment.title,
        publishedOn: assessment.publishedOn,
      },
    },
    { id: metric.id, node: { __typename: 'ImpactMetric', ...metric } },
    { id: act.id, node: { __typename: 'AmendingAct', ...act } },
    { id: listText.id, node: { __typename: 'ListText', ...listText } },
    {
      id: correlationId,
      node: {
        __typename: 'Correlation',
        id: correlationId,
        correlationKind: 'UNASSESSED',
        note: 'Same Wassenaar-derived entry number in both lists; threshold differences not yet assessed.',
        from: { code: '6A003', regime: 'US_EAR' },
        to: { code: '6A003', regime: 'EU' },
      },
    },
  ];
}

describeWithDatabase('node and nodes', () => {
  let service: TestService;
  let expected: Expected[];

  beforeAll(async () => {
    // Development mode: the first test reads the Node interface's members by introspection.
    service = await startTestService({ NODE_ENV: 'development' });
    const sources = await service.query(IdSources);
    if (!sources.data || sources.errors) throw new Error(`id sources failed: ${JSON.stringify(sources.errors)}`);
    // Built the way the seed builds it, from the editorial link's key, so that the id the API
    // hands out (ProvisionCorrelation.correlation, tested below) is checked against it.
    const correlationId = encodeGlobalID(
      'Correlation',
      stableId('Correlation', 'US-EAR-CCL-6A003 -> EU-2021/821-AnnexI-6A003'),
    );
    expected = expectedNodes(sources.data, correlationId);
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('covers every type implementing Node in the schema', async () => {
    const Types = graphql(`
      query NodeImplementations {
        __type(name: "Node") {
          possibleTypes {
            name
          }
        }
      }
    `);
    const response = await service.query(Types);
    const names = response.data?.__type?.possibleTypes?.map((type) => type.name).sort();
    expect(names).toEqual(expected.map((entry) => entry.node.__typename).sort());
  });

  it('node(id) fetches each Node type back as the listing returned it', async () => {
    for (const { id, node } of expected) {
      const response = await service.query(NodeById, { id });
      expect(response.errors, node.__typename).toBeUndefined();
      expect(response.data?.node, node.__typename).toEqual(node);
    }
    const provision = expected[0];
    if (!provision) throw new Error('no provision id');
    const fetched = await service.query(NodeById, { id: provision.id });
    expect(narrow(fetched.data?.node, 'ControlProvision').code).toBe('6A003');
  });

  it('nodes(ids) fetches all types at once, in the order given', async () => {
    const ids = expected.map((entry) => entry.id);
    const response = await service.query(NodesByIds, { ids });
    expect(response.errors).toBeUndefined();
    expect(response.data?.nodes).toEqual(expected.map((entry) => entry.node));

    const reversed = await service.query(NodesByIds, { ids: [...ids].reverse() });
    expect(reversed.data?.nodes).toEqual(expected.map((entry) => entry.node).reverse());
  });

  it('ids are opaque and stable: the same record has the same id wherever it appears', async () => {
    const Query = graphql(`
      query NodeIdStability {
        provisions(first: 5, filter: { codePrefix: "6A003", regime: US_EAR }) {
          edges {
            node {
              id
              code
            }
          }
        }
        exemptions(first: 5, filter: { appliesToProvisionCode: "6A003" }) {
          edges {
            node {
              provisions(first: 1) {
                edges {
                  node {
                    id
                    code
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
    const fromListing = response.data?.provisions.edges.find((edge) => edge.node.code === '6A003')?.node.id;
    const fromExemption = response.data?.exemptions.edges[0]?.node.provisions.edges[0]?.node;
    expect(fromExemption?.code).toBe('6A003');
    expect(fromExemption?.id).toBe(fromListing);
    expect(fromListing).toBe(expected[0]?.id);
    // Opaque: the raw database key is not shown.
    expect(fromListing).not.toMatch(/^k[0-9a-f]{24}$/);
  });

  it('malformed ids, ids of missing rows and ids of types that are not nodes answer null without error', async () => {
    const provision = expected.find((entry) => entry.node.__typename === 'ControlProvision');
    if (!provision) throw new Error('no provision id');
    const rawProvisionKey = Buffer.from(provision.id, 'base64').toString().split(':')[1] ?? '';
    const bad = [
      'garbage',
      '',
      '💥',
      'x'.repeat(5000),
      // Well formed, but no such row.
      encodeGlobalID('ControlProvision', 'k000000000000000000000000'),
      encodeGlobalID('Exemption', 'not-a-seeded-id'),
      // A real row's key under another Node type.
      encodeGlobalID('Exemption', rawProvisionKey),
      encodeGlobalID('Jurisdiction', rawProvisionKey),
      // Types that exist but are not nodes, and names that are not types.
      encodeGlobalID('PageInfo', '1'),
      encodeGlobalID('Query', '1'),
      encodeGlobalID('ProvisionExemption', rawProvisionKey),
      encodeGlobalID('NoSuchType', '1'),
      // Missing parts.
      encodeGlobalID('ControlProvision', ''),
      Buffer.from(':').toString('base64'),
      rawProvisionKey,
    ];
    for (const id of bad) {
      const response = await service.query(NodeById, { id });
      expect(response.status, id.slice(0, 80)).toBe(200);
      expect(response.errors, id.slice(0, 80)).toBeUndefined();
      expect(response.data?.node, id.slice(0, 80)).toBeNull();
    }
  });

  it('a Correlation id is handed out by ProvisionCorrelation.correlation and fetches the correlation back', async () => {
    const Query = graphql(`
      query NodeCorrelationIds {
        us: provision(code: "6A003", regime: US_EAR) {
          correlations {
            direction
            provision {
              regime
            }
            correlation {
              id
            }
          }
        }
        eu: provision(code: "6A003", regime: EU) {
          correlations {
            direction
            provision {
              regime
            }
            correlation {
              id
              kind
            }
          }
        }
      }
    `);
    const response = await service.query(Query);
    expect(response.errors).toBeUndefined();
    const correlation = expected.find((entry) => entry.node.__typename === 'Correlation');
    if (!correlation) throw new Error('no correlation id');
    // Seen from both ends, the same stored correlation (and so the same id).
    const fromUs = response.data?.us?.correlations.find((link) => link.provision.regime === 'EU');
    const fromEu = response.data?.eu?.correlations.find((link) => link.provision.regime === 'US_EAR');
    expect(fromUs).toMatchObject({ direction: 'OUTGOING', correlation: { id: correlation.id } });
    expect(fromEu).toMatchObject({ direction: 'INCOMING', correlation: { id: correlation.id, kind: 'UNASSESSED' } });
    const fetched = await service.query(NodeById, { id: correlation.id });
    expect(fetched.errors).toBeUndefined();
    expect(fetched.data?.node).toEqual(correlation.node);
  });

  it('nodes(ids) takes at most 100 ids: more is BAD_USER_INPUT naming the bound', async () => {
    const provision = expected[0];
    if (!provision) throw new Error('no provision id');
    const hundred = await service.query(NodesByIds, { ids: Array.from({ length: 100 }, () => provision.id) });
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data?.nodes).toHaveLength(100);
    const tooMany = await service.query(NodesByIds, { ids: Array.from({ length: 101 }, () => provision.id) });
    expect(tooMany.status).toBeLessThan(500);
    expect(tooMany.errors).toHaveLength(1);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ids',
      rule: 'list-size-range',
    });
    expect(tooMany.errors?.[0]?.message).toMatch(/at most 100 ids \(got 101\)/);
    expect(tooMany.data ?? null).toBeNull();
  });

  it('an id given as a number is coerced to a string and answers null', async () => {
    const response = await service.post(
      JSON.stringify({ query: 'query ($id: ID!) { node(id: $id) { id } }', variables: { id: 42 } }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { node: null } });
  });

  it('nodes with good and bad ids keeps positions: null where an id fetches nothing', async () => {
    const provision = expected[0];
    const exemption = expected.find((entry) => entry.node.__typename === 'Exemption');
    const metric = expected.find((entry) => entry.node.__typename === 'ImpactMetric');
    if (!provision || !exemption || !metric) throw new Error('missing ids');
    const ids = [
      provision.id,
      'garbage',
      exemption.id,
      encodeGlobalID('ControlProvision', 'k000000000000000000000000'),
      '',
      metric.id,
      provision.id,
      encodeGlobalID('PageInfo', '1'),
    ];
    const response = await service.query(NodesByIds, { ids });
    expect(response.errors).toBeUndefined();
    expect(response.data?.nodes).toEqual([
      provision.node,
      null,
      exemption.node,
      null,
      null,
      metric.node,
      provision.node,
      null,
    ]);

    const empty = await service.query(NodesByIds, { ids: [] });
    expect(empty.data?.nodes).toEqual([]);
    const allBad = await service.query(NodesByIds, { ids: ['a', 'b', encodeGlobalID('Threshold', 'nope')] });
    expect(allBad.errors).toBeUndefined();
    expect(allBad.data?.nodes).toEqual([null, null, null]);
  });

  it('a fetched node resolves its relations like a listed one', async () => {
    const Query = graphql(`
      query NodeProvisionRelations($id: ID!) {
        node(id: $id) {
          __typename
          ... on ControlProvision {
            code
            children {
              code
            }
            exemptions {
              basis
              exemption {
                legalBasis
              }
            }
            correlations {
              provision {
                regime
                code
              }
            }
            controlList {
              regime
            }
          }
        }
      }
    `);
    const provision = expected[0];
    if (!provision) throw new Error('no provision id');
    const response = await service.query(Query, { id: provision.id });
    expect(response.errors).toBeUndefined();
    const node = narrow(response.data?.node, 'ControlProvision');
    expect(node).toEqual({
      __typename: 'ControlProvision',
      code: '6A003',
      children: [{ code: '6A003.a' }, { code: '6A003.b' }],
      exemptions: [{ basis: 'EXPLICIT', exemption: { legalBasis: '6A003.b.4 Note 3' } }],
      correlations: [{ provision: { regime: 'EU', code: '6A003' } }, { provision: { regime: 'HK', code: '6A003' } }],
      controlList: { regime: 'US_EAR' },
    });
  });

  // A NUL character in an id once reached PostgreSQL, which rejects it (22021 "invalid byte
  // sequence for encoding UTF8: 0x00"): an internal error instead of null.
  it('an id holding a NUL character answers null', async () => {
    const response = await service.query(NodeById, { id: encodeGlobalID('ControlProvision', 'a\u0000b') });
    expect(response.errors).toBeUndefined();
    expect(response.data?.node).toBeNull();
  });

  it('a NUL character in the id itself, or in one of several ids, answers null there', async () => {
    const provision = expected[0];
    if (!provision) throw new Error('no provision id');
    // Base64 decoding would skip the NUL and find the row: the id is malformed all the same.
    const single = await service.query(NodeById, { id: `${provision.id}\u0000` });
    expect(single.errors).toBeUndefined();
    expect(single.data?.node).toBeNull();
    const several = await service.query(NodesByIds, {
      ids: [provision.id, `${provision.id}\u0000`, encodeGlobalID('Exemption', '\u0000')],
    });
    expect(several.errors).toBeUndefined();
    expect(several.data?.nodes).toEqual([provision.node, null, null]);
  });
});
