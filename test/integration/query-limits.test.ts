// The limits an operation must stay within, each tested at its bound (answered) and one past it
// (refused before it runs, HTTP 400, code QUERY_LIMIT_EXCEEDED naming the limit, its bound and
// the value seen), and the attacks that stalled the server: nested connections of 100, a
// document of thousands of aliases, children nested fifty levels deep.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../../src/graphql/plugins/query-limits.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

describeWithDatabase('query limits', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function post(query: string, variables?: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }

  function expectRefused(answer: Answer, limit: string, seen: number): void {
    expect(answer.status).toBe(400);
    expect(answer.body.data ?? null).toBeNull();
    const error = answer.body.errors?.[0];
    expect(error?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(error?.extensions?.limit).toBe(limit);
    expect(error?.extensions?.maximum).toBe(QUERY_LIMITS[limit as keyof typeof QUERY_LIMITS]);
    expect(error?.extensions?.seen).toBe(seen);
    expect(error?.message).toContain(String(seen));
  }

  function expectAnswered(answer: Answer): void {
    expect(answer.body.errors ?? []).toEqual([]);
    expect(answer.status).toBe(200);
  }

  /** `children` nested so that the document's depth is `depth` (provision is level 1). */
  function nestedChildren(depth: number): string {
    let selection = 'code';
    for (let level = 2; level < depth; level += 1) selection = `children { ${selection} }`;
    return `{ provision(code: "6A003", regime: US_EAR) { ${selection} } }`;
  }

  it(`answers a query ${QUERY_LIMITS.depth} levels deep and refuses one level more`, async () => {
    expectAnswered(await post(nestedChildren(QUERY_LIMITS.depth)));
    expectRefused(await post(nestedChildren(QUERY_LIMITS.depth + 1)), 'depth', QUERY_LIMITS.depth + 1);
  });

  it('refuses children nested fifty levels deep before running it (it once ended in an internal error)', async () => {
    expectRefused(await post(nestedChildren(50)), 'depth', 50);
  });

  it('counts the depth through fragments', async () => {
    let fragments = 'fragment F1 on ControlProvision { code }';
    for (let level = 2; level <= QUERY_LIMITS.depth; level += 1)
      fragments += `\nfragment F${level} on ControlProvision { children { ...F${level - 1} } }`;
    const query = `{ provision(code: "6A003", regime: US_EAR) { ...F${QUERY_LIMITS.depth} } }\n${fragments}`;
    expectRefused(await post(query), 'depth', QUERY_LIMITS.depth + 1);
  });

  function aliases(count: number): string {
    const fields = Array.from({ length: count }, (_, index) => `a${index}: itemFacts { name }`).join('\n');
    return `{ ${fields} }`;
  }

  it(`answers ${QUERY_LIMITS.aliases} aliases and refuses one more`, async () => {
    expectAnswered(await post(aliases(QUERY_LIMITS.aliases)));
    expectRefused(await post(aliases(QUERY_LIMITS.aliases + 1)), 'aliases', QUERY_LIMITS.aliases + 1);
  });

  it('refuses 1,000 aliases of itemFacts by their length, and 5,000 (99 kB, an answer of 223 MB) by the body limit', async () => {
    const thousand = aliases(1_000);
    expectRefused(await post(thousand), 'characters', thousand.length);
    const answer = await post(aliases(5_000));
    expect(answer.status).toBe(413);
    expect(answer.body.data ?? null).toBeNull();
  });

  function directives(count: number): string {
    const fields = Array.from({ length: count }, () => '__typename @include(if: true)').join(' ');
    return `{ ${fields} }`;
  }

  it(`answers ${QUERY_LIMITS.directives} directives and refuses one more`, async () => {
    expectAnswered(await post(directives(QUERY_LIMITS.directives)));
    expectRefused(await post(directives(QUERY_LIMITS.directives + 1)), 'directives', QUERY_LIMITS.directives + 1);
  });

  it(`refuses a document over ${QUERY_LIMITS.characters} characters before parsing it`, async () => {
    const padding = (length: number) => `{ __typename }${' '.repeat(length - '{ __typename }'.length)}`;
    expectAnswered(await post(padding(QUERY_LIMITS.characters)));
    expectRefused(await post(padding(QUERY_LIMITS.characters + 1)), 'characters', QUERY_LIMITS.characters + 1);
  });

  it(`parses a document of ${QUERY_LIMITS.tokens} tokens and refuses one more, naming the limit`, async () => {
    // { nodes ( ids : [ ... ] ) { id } }: twelve tokens around the list of ids.
    const document = (tokens: number) => `{ nodes(ids: [${' "a"'.repeat(tokens - 12)}]) { id } }`;
    const atBound = await post(document(QUERY_LIMITS.tokens));
    expect(atBound.body.errors?.[0]?.extensions?.code).not.toBe('GRAPHQL_PARSE_FAILED');
    const past = await post(document(QUERY_LIMITS.tokens + 1));
    expect(past.status).toBe(400);
    expect(past.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(past.body.errors?.[0]?.message).toContain(`${QUERY_LIMITS.tokens} tokens`);
  });

  it('refuses the 205-byte query of four nested pages (46-68 s and 2.3 GB before) before running it', async () => {
    const query =
      '{ exemptions(first: 100) { edges { node { provisions(first: 100) { edges { node { exemptions { exemption { provisions(first: 100) { edges { node { code } } } } } } } } } } } }';
    const answer = await post(query);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
  });

  /** `copies` aliases of exemptions(first: size) -> provisions(first: size). */
  function nestedPages(copies: number): string {
    const page = (index: number) =>
      `p${index}: exemptions(first: $size) { edges { node { provisions(first: $size) { edges { node { code } } } } } }`;
    return `query Pages($size: Int) { ${Array.from({ length: copies }, (_, index) => page(index)).join(' ')} }`;
  }

  it('refuses an operation by the nodes its pages can return, counted from the page sizes in variables', async () => {
    // Each copy: 100 exemptions + 100 x 100 provisions = 10,100 nodes; five copies pass 50,000.
    expectRefused(await post(nestedPages(5), { size: 100 }), 'nodes', 5 * (100 + 100 * 100));
    expectAnswered(await post(nestedPages(5), { size: 5 }));
  });
});
