// Bad input gets a GraphQL error a client can act on, never a 500: paging bounds and
// combinations on root and nested connections (BAD_USER_INPUT naming the rule), malformed
// cursors, and documents that do not validate against the schema (400,
// GRAPHQL_VALIDATION_FAILED, as Apollo Server reports them).
import type { VariablesOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import {
  describeWithDatabase,
  startTestService,
  type GraphQLResponse,
  type TestService,
} from '../support/test-service.js';
import { onlyError } from './support-narrow.js';

const ProvisionsPage = graphql(`
  query ErrorsProvisionsPage($first: Int, $last: Int, $after: String, $before: String) {
    provisions(first: $first, last: $last, after: $after, before: $before, filter: { regime: EU }) {
      totalCount
      edges {
        cursor
        node {
          code
        }
      }
    }
  }
`);

const SubmissionsPage = graphql(`
  query ErrorsSubmissionsPage($first: Int, $last: Int, $after: String, $before: String) {
    consultations(first: 1, filter: { text: "Deemed Export Advisory Committee" }) {
      edges {
        node {
          submissions(first: $first, last: $last, after: $after, before: $before) {
            totalCount
          }
        }
      }
    }
  }
`);

const MetricsPage = graphql(`
  query ErrorsMetricsPage($first: Int, $last: Int) {
    impactAssessments(first: 1) {
      edges {
        node {
          metrics(first: $first, last: $last) {
            totalCount
          }
        }
      }
    }
  }
`);

const ExemptionProvisionsPage = graphql(`
  query ErrorsExemptionProvisionsPage($first: Int, $last: Int, $after: String) {
    exemptions(first: 1, filter: { kind: DECONTROL_NOTE, appliesToProvisionCode: "6A003" }) {
      edges {
        node {
          provisions(first: $first, last: $last, after: $after) {
            totalCount
            edges {
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

const ExemptionProvisionCursor = graphql(`
  query ErrorsExemptionProvisionCursor {
    exemptions(first: 1, filter: { kind: DECONTROL_NOTE, appliesToProvisionCode: "6A003" }) {
      edges {
        node {
          provisions(first: 1) {
            edges {
              cursor
            }
          }
        }
      }
    }
  }
`);

const StakeholderSubmissionsPage = graphql(`
  query ErrorsStakeholderSubmissionsPage($first: Int) {
    consultations(first: 1, filter: { text: "Deemed Export Advisory Committee" }) {
      edges {
        node {
          stakeholders {
            submissions(first: $first) {
              totalCount
            }
          }
        }
      }
    }
  }
`);

interface RawError {
  message: string;
  extensions?: { code?: string };
}

/** A BAD_USER_INPUT error, with the HTTP status not 500 and the field's data null. */
function expectBadUserInput(response: GraphQLResponse<unknown>, field: string, message?: RegExp) {
  expect(response.status).not.toBe(500);
  expect(response.status).toBeLessThan(500);
  const error = onlyError(response);
  expect(error.extensions?.code, error.message).toBe('BAD_USER_INPUT');
  if (message) expect(error.message).toMatch(message);
  // The connection is non-null, so its null propagates to `data`.
  const data = response.data as Record<string, unknown> | null | undefined;
  expect(data?.[field] ?? null).toBeNull();
  return error;
}

async function postRaw(service: TestService, query: string, variables: Record<string, unknown> = {}) {
  const response = await service.post(JSON.stringify({ query, variables }));
  const body = (await response.json()) as { data?: unknown; errors?: RawError[] };
  return { status: response.status, body };
}

describeWithDatabase('errors', () => {
  let service: TestService;
  let euCursor: string;
  beforeAll(async () => {
    service = await startTestService();
    const page = await service.query(ProvisionsPage, { first: 2 });
    const cursor = page.data?.provisions.edges[0]?.cursor;
    if (!cursor) throw new Error('no cursor');
    euCursor = cursor;
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('first: 0, 101 and 1000 and last: 0 and 101 are rejected with a message naming the bound', async () => {
    for (const [name, value] of [
      ['first', 0],
      ['first', 101],
      ['first', 1000],
      ['first', -1],
      ['last', 0],
      ['last', 101],
    ] as const) {
      const response = await service.query(ProvisionsPage, { [name]: value });
      const error = expectBadUserInput(response, 'provisions', /between 1 and 100/);
      expect(error.message).toContain(`"${name}"`);
      expect(error.message).toContain(String(value));
      expect(error.extensions).toMatchObject({ field: name, rule: 'page-size-range' });
      expect(error.path).toEqual(['provisions']);
    }
  });

  it('the bounds themselves are accepted: first 1 and 100, last 1 and 100', async () => {
    const bounds: Array<VariablesOf<typeof ProvisionsPage>> = [
      { first: 1 },
      { first: 100 },
      { last: 1 },
      { last: 100 },
    ];
    for (const args of bounds) {
      const response = await service.query(ProvisionsPage, args);
      expect(response.errors, JSON.stringify(args)).toBeUndefined();
      // The 384 entries of EU Annex I.
      expect(response.data?.provisions.totalCount).toBe(384);
    }
  });

  it('first with last, after with before, and mixed directions are rejected', async () => {
    const firstAndLast = expectBadUserInput(
      await service.query(ProvisionsPage, { first: 2, last: 2 }),
      'provisions',
      /cannot be used together/,
    );
    expect(firstAndLast.extensions).toMatchObject({ rule: 'exclusive-arguments' });
    const afterAndBefore = expectBadUserInput(
      await service.query(ProvisionsPage, { after: euCursor, before: euCursor }),
      'provisions',
      /cannot be used together/,
    );
    expect(afterAndBefore.extensions).toMatchObject({ field: 'before', rule: 'exclusive-arguments' });
    const firstBefore = expectBadUserInput(
      await service.query(ProvisionsPage, { first: 2, before: euCursor }),
      'provisions',
      /"before" pages backward/,
    );
    expect(firstBefore.extensions).toMatchObject({ rule: 'paging-direction' });
    const lastAfter = expectBadUserInput(
      await service.query(ProvisionsPage, { last: 2, after: euCursor }),
      'provisions',
      /"after" pages forward/,
    );
    expect(lastAfter.extensions).toMatchObject({ rule: 'paging-direction' });
  });

  it('a malformed after or before cursor is rejected, naming the argument', async () => {
    const notCursors = [
      'garbage',
      '',
      'R1BDOg==' /* "GPC:" */,
      Buffer.from('XYZ:S:abc').toString('base64'),
      '%%%',
      `x${euCursor}`,
    ];
    for (const cursor of notCursors) {
      const after = expectBadUserInput(
        await service.query(ProvisionsPage, { first: 2, after: cursor }),
        'provisions',
        /"after" must be a cursor/,
      );
      expect(after.extensions, cursor).toMatchObject({ field: 'after', rule: 'cursor-format' });
      const before = expectBadUserInput(
        await service.query(ProvisionsPage, { last: 2, before: cursor }),
        'provisions',
        /"before" must be a cursor/,
      );
      expect(before.extensions, cursor).toMatchObject({ field: 'before', rule: 'cursor-format' });
    }
  });

  it('nested connections follow the same rules', async () => {
    expectBadUserInput(await service.query(SubmissionsPage, { first: 0 }), 'consultations', /between 1 and 100/);
    expectBadUserInput(await service.query(SubmissionsPage, { first: 101 }), 'consultations', /between 1 and 100/);
    expectBadUserInput(await service.query(SubmissionsPage, { last: 101 }), 'consultations', /between 1 and 100/);
    expectBadUserInput(
      await service.query(SubmissionsPage, { first: 1, last: 1 }),
      'consultations',
      /cannot be used together/,
    );
    expectBadUserInput(
      await service.query(SubmissionsPage, { first: 1, after: 'garbage' }),
      'consultations',
      /"after" must be a cursor/,
    );
    expectBadUserInput(await service.query(MetricsPage, { first: 1000 }), 'impactAssessments', /between 1 and 100/);
    expectBadUserInput(await service.query(MetricsPage, { last: 0 }), 'impactAssessments', /between 1 and 100/);
    expectBadUserInput(await service.query(ExemptionProvisionsPage, { first: 101 }), 'exemptions', /between 1 and 100/);
    expectBadUserInput(
      await service.query(ExemptionProvisionsPage, { first: 1, after: 'garbage' }),
      'exemptions',
      /"after" must be a cursor/,
    );
    expectBadUserInput(
      await service.query(StakeholderSubmissionsPage, { first: 0 }),
      'consultations',
      /between 1 and 100/,
    );
  });

  it('every root connection rejects out-of-range page sizes', async () => {
    for (const field of ['provisions', 'exemptions', 'consultations', 'impactAssessments', 'guidanceDocuments']) {
      const { status, body } = await postRaw(service, `{ ${field}(first: 101) { totalCount } }`);
      expect(status, field).toBeLessThan(500);
      expect(body.errors?.[0]?.extensions?.code, field).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message, field).toContain('between 1 and 100');
      expect(body.data ?? null, field).toBeNull();
    }
  });

  it('an unknown enum value, a wrong argument type or an unknown field is 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const documents = [
      '{ provisions(filter: { regime: MARS }) { totalCount } }',
      '{ provision(code: "6A003", regime: EAR) { code } }',
      '{ exemptions(filter: { kind: LOOPHOLE }) { totalCount } }',
      '{ consultations(filter: { status: DONE }) { totalCount } }',
      '{ provisions(first: "two") { totalCount } }',
      '{ provisions(first: 1.5) { totalCount } }',
      '{ provision(code: 6003) { code } }',
      '{ provisions(filter: { kind: "ANY" }) { totalCount } }',
      '{ provisions(first: 2) { totalCount bogus } }',
      '{ provisions(first: 2, bogus: 1) { totalCount } }',
      '{ provisions(filter: { bogus: "x" }) { totalCount } }',
      '{ provision { code } }',
      '{ node { id } }',
      '{ nothing }',
    ];
    for (const query of documents) {
      const { status, body } = await postRaw(service, query);
      expect(status, query).toBe(400);
      expect(body.errors?.[0]?.extensions?.code, query).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(body.data, query).toBeUndefined();
    }
    const { body } = await postRaw(service, '{ provisions(filter: { regime: MARS }) { totalCount } }');
    expect(body.errors?.[0]?.message).toContain('MARS');
    expect(body.errors?.[0]?.message).toContain('Regime');
  });

  it('bad variable values are 400 BAD_USER_INPUT naming the variable', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['query ($regime: Regime) { provisions(filter: { regime: $regime }) { totalCount } }', { regime: 'MARS' }],
      ['query ($first: Int) { provisions(first: $first) { totalCount } }', { first: 'two' }],
      ['query ($first: Int) { provisions(first: $first) { totalCount } }', { first: 2 ** 40 }],
      ['query ($code: String!) { provision(code: $code) { code } }', {}],
      ['query ($asOf: Date) { provisions(asOf: $asOf) { totalCount } }', { asOf: 20240101 }],
    ];
    for (const [query, variables] of cases) {
      const { status, body } = await postRaw(service, query, variables);
      expect(status, query).toBe(400);
      expect(body.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message, query).toMatch(/Variable "\$\w+"/);
    }
  });

  // A well-formed cursor of another type ("GPC:N:5", a number where ids are strings) once
  // reached Prisma, whose validation error was masked as INTERNAL_SERVER_ERROR (HTTP 200).
  it('a numeric cursor for a string-keyed connection is BAD_USER_INPUT', async () => {
    const response = await service.query(ProvisionsPage, {
      first: 2,
      after: Buffer.from('GPC:N:5').toString('base64'),
    });
    expectBadUserInput(response, 'provisions', /"after"/);
  });

  it('a well-formed cursor of the wrong shape is BAD_USER_INPUT on every kind of connection', async () => {
    const encode = (text: string) => Buffer.from(text).toString('base64');
    // A compound cursor, a date, null, a JSON object and a string holding NUL, where ids are strings.
    const wrongForIdKey = ['GPC:T:["S:a","S:b"]', 'GPC:D:1000', 'GPC:Z:', 'GPC:O:{"id":"a"}', 'GPC:S:a\u0000b'].map(
      encode,
    );
    for (const cursor of wrongForIdKey) {
      const root = expectBadUserInput(
        await service.query(ProvisionsPage, { first: 2, after: cursor }),
        'provisions',
        /"after" must be a cursor/,
      );
      expect(root.extensions, cursor).toMatchObject({ field: 'after', rule: 'cursor-format' });
      expectBadUserInput(
        await service.query(ProvisionsPage, { last: 2, before: cursor }),
        'provisions',
        /"before" must be a cursor/,
      );
      expectBadUserInput(
        await service.query(SubmissionsPage, { first: 1, after: cursor }),
        'consultations',
        /"after" must be a cursor/,
      );
    }
    // Exemption.provisions pages by the join row's key: two ids, so one id or two numbers are wrong.
    const wrongForCompoundKey = ['GPC:S:abc', 'GPC:T:["N:1","N:2"]', 'GPC:T:["S:a"]', 'GPC:T:["S:a","S:b","S:c"]'].map(
      encode,
    );
    for (const cursor of wrongForCompoundKey) {
      const nested = expectBadUserInput(
        await service.query(ExemptionProvisionsPage, { first: 1, after: cursor }),
        'exemptions',
        /"after" must be a cursor/,
      );
      expect(nested.extensions, cursor).toMatchObject({ field: 'after', rule: 'cursor-format' });
    }
    // The cursors the compound connection hands out still page.
    const first = await service.query(ExemptionProvisionsPage, { first: 1 });
    expect(first.errors).toBeUndefined();
    const issued = await service.query(ExemptionProvisionCursor);
    const cursor = issued.data?.exemptions.edges[0]?.node.provisions.edges[0]?.cursor;
    expect(cursor).toBeDefined();
    const next = await service.query(ExemptionProvisionsPage, { first: 1, after: cursor });
    expect(next.errors).toBeUndefined();
    expect(next.data?.exemptions.edges[0]?.node.provisions.edges).toHaveLength(1);
  });

  it('a NUL character in any string argument is BAD_USER_INPUT naming the argument', async () => {
    const cases: Array<[string, string, Record<string, unknown>, string]> = [
      ['provision', 'query ($v: String!) { provision(code: $v) { code } }', { v: '6A\u0000003' }, 'code'],
      [
        'provisions',
        'query ($v: String) { provisions(filter: { codePrefix: $v }) { totalCount } }',
        { v: '6\u0000' },
        'filter.codePrefix',
      ],
      [
        'provisions',
        'query ($v: String) { provisions(filter: { jurisdiction: $v }) { totalCount } }',
        { v: 'U\u0000S' },
        'filter.jurisdiction',
      ],
      [
        'exemptions',
        'query ($v: String) { exemptions(filter: { appliesToProvisionCode: $v }) { totalCount } }',
        { v: '\u0000' },
        'filter.appliesToProvisionCode',
      ],
      [
        'consultations',
        'query ($v: String) { consultations(filter: { text: $v }) { totalCount } }',
        { v: 'a\u0000' },
        'filter.text',
      ],
      [
        'impactAssessments',
        'query ($v: String) { impactAssessments(filter: { text: $v }) { totalCount } }',
        { v: 'a\u0000' },
        'filter.text',
      ],
      [
        'guidanceDocuments',
        'query ($v: String) { guidanceDocuments(filter: { topic: $v }) { totalCount } }',
        { v: 'a\u0000' },
        'filter.topic',
      ],
    ];
    for (const [field, query, variables, argument] of cases) {
      const { status, body } = await postRaw(service, query, variables);
      expect(status, query).toBeLessThan(500);
      const error = body.errors?.[0] as (RawError & { extensions?: { field?: string; rule?: string } }) | undefined;
      expect(error?.extensions, query).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: argument,
        rule: 'no-nul-character',
      });
      expect(error?.message, query).toContain(`"${argument}"`);
      expect((body.data as Record<string, unknown> | null | undefined)?.[field] ?? null, query).toBeNull();
    }
  });

  it('a numeric cursor is at least never an HTTP 500', async () => {
    const response = await service.query(ProvisionsPage, {
      first: 2,
      after: Buffer.from('GPC:N:5').toString('base64'),
    });
    expect(response.status).toBeLessThan(500);
    expect(response.errors?.length).toBe(1);
  });

  // A NUL character in a text filter (or code) once reached PostgreSQL, which rejects it
  // (22021 "invalid byte sequence for encoding UTF8: 0x00"): an internal error.
  it('a NUL character in a filter string matches nothing or is BAD_USER_INPUT', async () => {
    const { body } = await postRaw(
      service,
      'query ($text: String) { provisions(filter: { text: $text }) { totalCount } }',
      { text: 'a\u0000b' },
    );
    expect(body.errors?.[0]?.extensions?.code ?? 'none').not.toBe('INTERNAL_SERVER_ERROR');
  });
});

describeWithDatabase('errors when the database goes away', () => {
  it('internal errors are masked (no stack, no SQL, only a request id), and /readyz says 503', async () => {
    const service = await startTestService();
    try {
      // Closing the database under a running server is the one failure a client cannot cause.
      await service.db.close();
      const { status, body } = await postRaw(
        service,
        '{ provisions(first: 1) { totalCount edges { node { code } } } }',
      );
      expect(status).toBeLessThan(500);
      const error = body.errors?.[0] as
        (RawError & { extensions?: { code?: string; requestId?: unknown; stacktrace?: unknown } }) | undefined;
      expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error?.message).toBe('Internal server error');
      expect(typeof error?.extensions?.requestId).toBe('string');
      expect(error?.extensions?.stacktrace).toBeUndefined();
      expect(JSON.stringify(body)).not.toMatch(/prisma|SELECT|invocation|pool|closed/i);
      const ready = await fetch(`${service.url}/readyz`);
      expect(ready.status).toBe(503);
    } finally {
      await service.stop().catch(() => undefined);
    }
  });
});
