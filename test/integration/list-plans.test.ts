// Every root list reads a page in its listing order from an index and stops at the page size:
// each case sends a list query over HTTP, takes the statement the service sent for the page (from
// Prisma's query events, or the one compiled statement of a plain nested selection,
// src/db/compiled-read.ts), and asks the database for its plan. A Sort of every matching row
// above the table scan fails, with the plan in the message. Every case runs with compiled reads
// on (the default) and off (Prisma's statements).
//
// The plans are read with `enable_sort = off`: the seed's tables are small (ten guidance
// documents, thirty-odd exemptions), and on so few rows sorting everything is the planner's
// right choice. Forbidding the Sort asks whether an index *can* give the order, which is what
// keeps a page cheap once the table grows. The provisions table is large enough to be planned
// as it is, so its listings are also checked with the planner's own choice after ANALYZE.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { pagePlanVerdict, type PlanNode } from '../support/query-plan.js';
import { describeWithDatabase, startTestService, testDatabase, type TestService } from '../support/test-service.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';

const Provisions = graphql(`
  query PlanProvisions($filter: ProvisionFilter, $asOf: Date, $first: Int, $after: String, $last: Int) {
    provisions(filter: $filter, asOf: $asOf, first: $first, after: $after, last: $last) {
      edges {
        cursor
        node {
          code
          title
          thresholds {
            paragraph
            textVerbatim
            unit
            value
          }
          exemptions {
            basis
            exemption {
              name
              kind
            }
          }
          citation {
            url
            section
          }
        }
      }
    }
  }
`);

const Exemptions = graphql(`
  query PlanExemptions($filter: ExemptionFilter, $first: Int, $last: Int) {
    exemptions(filter: $filter, first: $first, last: $last) {
      edges {
        node {
          name
        }
      }
    }
  }
`);

const Consultations = graphql(`
  query PlanConsultations($filter: ConsultationFilter, $first: Int, $last: Int) {
    consultations(filter: $filter, first: $first, last: $last) {
      edges {
        node {
          title
        }
      }
    }
  }
`);

const Assessments = graphql(`
  query PlanAssessments($filter: ImpactAssessmentFilter, $first: Int) {
    impactAssessments(filter: $filter, first: $first) {
      edges {
        node {
          title
        }
      }
    }
  }
`);

const Guidance = graphql(`
  query PlanGuidance($filter: GuidanceFilter, $first: Int) {
    guidanceDocuments(filter: $filter, first: $first) {
      edges {
        node {
          title
        }
      }
    }
  }
`);

const ListTexts = graphql(`
  query PlanListTexts($filter: ListTextFilter, $first: Int) {
    listTexts(filter: $filter, first: $first) {
      edges {
        node {
          label
        }
      }
    }
  }
`);

const AmendingActs = graphql(`
  query PlanAmendingActs($filter: AmendingActFilter, $first: Int, $last: Int) {
    amendingActs(filter: $filter, first: $first, last: $last) {
      edges {
        node {
          title
        }
      }
    }
  }
`);

interface Statement {
  query: string;
  params: unknown[];
}

let service: TestService;
const statements: Statement[] = [];

/** Sends the list query and returns the statement that read its page of `table`. */
async function pageStatement<TData, TVariables extends Record<string, unknown>>(
  table: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<Statement> {
  statements.length = 0;
  const response = await service.query(document, ...([variables] as never));
  expect(response.errors).toBeUndefined();
  // The first FROM of a statement names the table it lists (nested relations come later in
  // the text, or in statements of their own).
  const reads = statements.filter(
    (statement) =>
      (/FROM "public"\."(\w+)"/.exec(statement.query)?.[1] === table &&
        /ORDER BY[^)]*LIMIT \$\d+/.test(statement.query)) ||
      // A compiled read (rows as objects, or rendered as the answer's text): its nested lists come
      // first in the text, the page's own FROM after them.
      (/ AS "(?:row|text)" FROM "(\w+)" /.exec(statement.query)?.[1] === table &&
        /ORDER BY [^()]*LIMIT \d+( OFFSET \d+)?$/.test(statement.query)),
  );
  expect(reads, `one page read of ${table}`).toHaveLength(1);
  return reads[0]!;
}

async function planOf(statement: Statement, options: { sortAllowed: boolean }): Promise<PlanNode> {
  return service.db.sql.transaction(async (tx) => {
    if (!options.sortAllowed) await tx.exec('SET LOCAL enable_sort = off');
    const rows = await tx.query<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (FORMAT JSON) ${statement.query}`,
      statement.params,
    );
    const raw = rows[0]?.['QUERY PLAN'];
    // node-postgres parses the json column; PGlite may hand back its text.
    const document = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
    return document[0]!.Plan;
  });
}

/** A value written as an SQL literal of unknown type, which PostgreSQL reads as its parameter's type. */
function literalOf(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;
  if (Array.isArray(value)) {
    return quoted(
      `{${value.map((each) => `"${String(each).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`,
    );
  }
  if (value instanceof Date) return quoted(value.toISOString());
  return quoted(String(value));
}

/**
 * The plan PostgreSQL keeps for a prepared statement once it plans it for every value at once
 * (the generic plan), which the service's prepared reads on PostgreSQL may run
 * (src/db/pg-prepared-statements.ts).
 */
let genericPlanChecks = 0;

async function genericPlanOf(statement: Statement): Promise<PlanNode> {
  // A name of its own each time: a statement prepared in a transaction that then fails stays
  // prepared on its connection.
  const name = `kb_generic_plan_check_${++genericPlanChecks}`;
  return service.db.sql.transaction(async (tx) => {
    await tx.exec(`PREPARE ${name} AS ${statement.query}`);
    await tx.exec('SET LOCAL plan_cache_mode = force_generic_plan');
    // A statement without parameters is executed without parentheses.
    const values = statement.params.length > 0 ? `(${statement.params.map(literalOf).join(', ')})` : '';
    const rows = await tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) EXECUTE ${name}${values}`, []);
    await tx.exec(`DEALLOCATE ${name}`);
    const raw = rows[0]?.['QUERY PLAN'];
    const document = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
    return document[0]!.Plan;
  });
}

async function expectPageReadInOrder(statement: Statement, table: string, options = { sortAllowed: false }) {
  const plan = await planOf(statement, options);
  const verdict = pagePlanVerdict(plan, table);
  expect(verdict.ok, `${'reason' in verdict ? verdict.reason : ''}\n${JSON.stringify(plan, null, 1)}`).toBe(true);
}

describeWithDatabase('list queries read a page in order from an index', () => {
  beforeAll(async () => {
    // Executed every time: the response cache would answer repeated reads without running them.
    service = await startTestService({ RESPONSE_CACHE_ENABLED: 'false' });
    // The client is built with query events on (the statement counter listens to them); its
    // declared type does not say so.
    (service.db.prisma as unknown as PrismaClient<'query'>).$on('query', (event) => {
      statements.push({ query: event.query, params: JSON.parse(event.params) as unknown[] });
    });
    // Compiled reads go through readRows, read from the services at each call.
    const { db } = service.services;
    const readRows = db.readRows;
    db.readRows = (sql, params) => {
      statements.push({ query: sql, params: [...params] });
      return readRows(sql, params);
    };
  });

  afterAll(async () => {
    await service?.stop();
  });

  describe.each(['rendered', 'compiled', 'Prisma'] as const)('%s reads', (path) => {
    beforeAll(() => {
      service.services.compiledReads.enabled = path !== 'Prisma';
      service.services.compiledReads.rendered = path === 'rendered';
    });

    const provisionCases: Array<[string, Record<string, unknown>]> = [
      ['current entries', { first: 10 }],
      ['one regime', { first: 10, filter: { regime: 'US_EAR' } }],
      ['one regime and category (the nested read)', { first: 10, filter: { regime: 'US_EAR', category: '6' } }],
      ['one category in every regime', { first: 10, filter: { category: '6' } }],
      ['one jurisdiction', { first: 10, filter: { jurisdiction: 'EU' } }],
      ['paragraphs of one regime', { first: 10, filter: { regime: 'EU', kind: 'PARAGRAPH' } }],
      ['entries valid on a date', { first: 10, asOf: '2020-06-01', filter: { regime: 'US_EAR' } }],
      ['every kind of one regime', { first: 10, filter: { regime: 'UK', kind: 'ANY' } }],
      ['the last page of a regime', { last: 10, filter: { regime: 'US_EAR' } }],
    ];

    it.each(provisionCases)('provisions: %s', async (_name, variables) => {
      await expectPageReadInOrder(await pageStatement('ControlProvision', Provisions, variables), 'ControlProvision');
    });

    it('provisions: the page statement is the compiled (or rendered) one exactly when compiled reads are on', async () => {
      const statement = await pageStatement('ControlProvision', Provisions, {
        first: 10,
        filter: { regime: 'US_EAR' },
      });
      expect(/ AS "row" FROM "ControlProvision" /.test(statement.query)).toBe(path === 'compiled');
      expect(/ AS "text" FROM "ControlProvision" /.test(statement.query)).toBe(path === 'rendered');
    });

    it('provisions: the page after a cursor', async () => {
      const first = await service.query(Provisions, { first: 10, filter: { regime: 'US_EAR' } });
      const after = first.data?.provisions.edges.at(-1)?.cursor;
      expect(after).toBeTruthy();
      const statement = await pageStatement('ControlProvision', Provisions, {
        first: 10,
        after,
        filter: { regime: 'US_EAR' },
      });
      await expectPageReadInOrder(statement, 'ControlProvision');
    });

    it('provisions: the planner itself picks the ordered index read once statistics are known (no setting)', async () => {
      await service.db.sql.exec('ANALYZE "ControlProvision"');
      for (const [, variables] of provisionCases.slice(0, 3)) {
        const statement = await pageStatement('ControlProvision', Provisions, variables);
        await expectPageReadInOrder(statement, 'ControlProvision', { sortAllowed: true });
      }
    });

    // The reads are prepared on PostgreSQL, and after five runs PostgreSQL may keep one plan for
    // every value (the generic plan) instead of planning each run for its values. That plan must
    // read the page as the planner's own choice for the values does (statistics known, no setting).
    it.skipIf(path === 'Prisma' || testDatabase.kind !== 'postgresql')(
      'provisions: the plan kept for every value of a prepared page statement reads as the plan for its values (PostgreSQL, compiled and rendered reads only)',
      async () => {
        await service.db.sql.exec('ANALYZE "ControlProvision"');
        for (const [name, variables] of provisionCases) {
          const statement = await pageStatement('ControlProvision', Provisions, variables);
          const generic = await genericPlanOf(statement);
          const forValues = pagePlanVerdict(await planOf(statement, { sortAllowed: true }), 'ControlProvision');
          expect(pagePlanVerdict(generic, 'ControlProvision'), `${name}\n${JSON.stringify(generic, null, 1)}`).toEqual(
            forValues,
          );
        }
      },
    );

    const otherCases: Array<
      [string, string, TypedDocumentNode<unknown, Record<string, unknown>>, Record<string, unknown>]
    > = [
      ['exemptions', 'Exemption', Exemptions, { first: 10 }],
      ['exemptions of one regime', 'Exemption', Exemptions, { first: 10, filter: { regime: 'US_EAR' } }],
      ['exemptions, last page', 'Exemption', Exemptions, { last: 10 }],
      ['consultations', 'StakeholderConsultation', Consultations, { first: 10 }],
      ['consultations, last page', 'StakeholderConsultation', Consultations, { last: 5 }],
      [
        'consultations of one jurisdiction',
        'StakeholderConsultation',
        Consultations,
        { first: 5, filter: { jurisdiction: 'US' } },
      ],
      ['impact assessments', 'ImpactAssessment', Assessments, { first: 10 }],
      ['guidance documents', 'GuidanceDocument', Guidance, { first: 5 }],
      [
        'guidance documents of one jurisdiction',
        'GuidanceDocument',
        Guidance,
        { first: 5, filter: { jurisdiction: 'US' } },
      ],
      ['list texts', 'ListText', ListTexts, { first: 10 }],
      ['list texts of one kind', 'ListText', ListTexts, { first: 10, filter: { kind: 'DEFINITION' } }],
      ['amending acts', 'AmendingAct', AmendingActs, { first: 10 }],
      ['amending acts of one regime', 'AmendingAct', AmendingActs, { first: 10, filter: { regime: 'US_EAR' } }],
      ['amending acts, last page', 'AmendingAct', AmendingActs, { last: 10 }],
    ];

    it.each(otherCases)('%s', async (_name, table, document, variables) => {
      await expectPageReadInOrder(await pageStatement(table, document, variables), table);
    });

    it.skipIf(path === 'Prisma' || testDatabase.kind !== 'postgresql')(
      'the other listings: the plan kept for every value of a prepared page statement reads as the plan for its values (PostgreSQL, compiled and rendered reads only)',
      async () => {
        let compared = 0;
        for (const [name, table, document, variables] of otherCases) {
          const statement = await pageStatement(table, document, variables);
          // Only the compiled and rendered statements are prepared; Prisma's are sent as they are.
          if (!/ AS "(?:row|text)" FROM /.test(statement.query)) continue;
          compared += 1;
          const generic = await genericPlanOf(statement);
          const forValues = pagePlanVerdict(await planOf(statement, { sortAllowed: true }), table);
          expect(pagePlanVerdict(generic, table), `${name}\n${JSON.stringify(generic, null, 1)}`).toEqual(forValues);
        }
        // The exemption and guidance listings are compiled.
        expect(compared).toBeGreaterThanOrEqual(5);
      },
    );
  });
});
