// An answer carrying a rendered text in place of a placeholder (src/graphql/spliced-answers.ts)
// is written with the text there, reads as the parsed value to code holding the result, and is
// left alone where the placeholder's place was nulled by an error.
import type { GraphQLResolveInfo, ResponsePath } from 'graphql';
import { describe, expect, it } from 'vitest';
import { answerSplices, spliceText, splicedAnswersPlugin, stringifyAnswer } from '../../src/graphql/spliced-answers.js';

function pathOf(...keys: Array<string | number>): ResponsePath {
  let path: ResponsePath | undefined;
  for (const key of keys) path = { prev: path, key, typename: undefined };
  return path as ResponsePath;
}

const infoAt = (...keys: Array<string | number>) => ({ path: pathOf(...keys) }) as GraphQLResolveInfo;

/** A request's context, as the plugin sees it when the request starts. */
async function started() {
  const contextValue = {};
  const listener = await splicedAnswersPlugin.requestDidStart?.({ contextValue } as never);
  return { context: contextValue, listener };
}

async function send({ context, listener }: Awaited<ReturnType<typeof started>>, singleResult: Record<string, unknown>) {
  await listener?.willSendResponse?.({
    contextValue: context,
    response: { body: { kind: 'single', singleResult } },
  } as never);
  return singleResult;
}

describe('spliced answers', () => {
  it('splices only into answers written through the plugin (graphql-js alone would write the placeholder)', async () => {
    const outside = {};
    expect(answerSplices(outside)).toBe(false);
    expect(() => spliceText(outside, infoAt('provisions', 'edges'), '[]')).toThrow(/without splices/);
    expect(answerSplices((await started()).context)).toBe(true);
  });

  const edges = '[{"node":{"code":"6A003","value":1e-7}},{"node":{"code":"6A004","value":null}}]';

  it('writes the text in the placeholder’s place, keys and neighbours as they were', async () => {
    const request = await started();
    spliceText(request.context, infoAt('provisions', 'edges'), edges);
    const result = await send(request, {
      errors: [{ message: 'totalCount failed' }],
      data: { provisions: { totalCount: null, edges: [], pageInfo: { hasNextPage: true } }, other: [1, 2] },
    });
    expect(stringifyAnswer(result)).toBe(
      `{"errors":[{"message":"totalCount failed"}],"data":{"provisions":{"totalCount":null,"edges":${edges},"pageInfo":{"hasNextPage":true}},"other":[1,2]}}\n`,
    );
  });

  it('reads as the parsed value to code holding the result, and writes the same through JSON.stringify', async () => {
    const request = await started();
    spliceText(request.context, infoAt('page', 'edges'), edges);
    const result = await send(request, { data: { page: { edges: [] } } });
    const data = result.data as { page: { edges: Array<{ node: { code: string; value: number | null } }> } };
    expect(data.page.edges.map((edge) => edge.node.code)).toEqual(['6A003', '6A004']);
    expect(data.page.edges[0]?.node.value).toBe(1e-7);
    expect(JSON.parse(stringifyAnswer(result))).toEqual(JSON.parse(`${JSON.stringify(result)}`));
  });

  it('leaves an answer alone where an error nulled the place, and answers without splices as JSON.stringify does', async () => {
    const request = await started();
    spliceText(request.context, infoAt('provisions', 'edges'), edges);
    const nulled = await send(request, { errors: [{ message: 'failed' }], data: { provisions: null } });
    expect(stringifyAnswer(nulled)).toBe(`${JSON.stringify(nulled)}\n`);
    const plain = { data: { provisions: { edges: [] } } };
    expect(stringifyAnswer(plain)).toBe(`${JSON.stringify(plain)}\n`);
  });
});
