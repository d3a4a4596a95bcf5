// `ControlProvision.paragraphs`: the whole tree under a provision as one flat list in the order
// of the text, each paragraph followed by its own paragraphs, so a page can show an entry however
// deep the list nests without nesting `children` past the query depth limit. It must hold
// exactly what following `children` level by level gives, in the same order.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const FlatParagraphs = graphql(`
  query FlatParagraphs($code: String!, $regime: Regime!) {
    provision(code: $code, regime: $regime) {
      id
      paragraphs {
        id
        code
        parent {
          id
        }
      }
    }
  }
`);

const ChildrenLevels = graphql(`
  query ChildrenLevels($code: String!, $regime: Regime!) {
    provision(code: $code, regime: $regime) {
      id
      children {
        id
        code
        children {
          id
          code
          children {
            id
            code
            children {
              id
              code
              children {
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

interface Level {
  id: string;
  code: string;
  children?: Level[] | null;
}

/** The paragraphs in the order of the text: each followed by its own (depth first). */
function depthFirst(levels: readonly Level[], parentId: string): { id: string; code: string; parentId: string }[] {
  return levels.flatMap((level) => [
    { id: level.id, code: level.code, parentId },
    ...depthFirst(level.children ?? [], level.id),
  ]);
}

describeWithDatabase('the paragraphs of a provision as one list', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it.each([
    ['US_EAR', '6A003'],
    ['EU', '6A003'],
    ['WASSENAAR', '6A002'],
    ['UK', '6A008'],
  ] as const)(
    '%s %s: every paragraph of its tree, in the order of the text, each with its parent',
    async (regime, code) => {
      const flat = await service.query(FlatParagraphs, { code, regime });
      const levels = await service.query(ChildrenLevels, { code, regime });
      expect(flat.errors ?? []).toEqual([]);
      expect(levels.errors ?? []).toEqual([]);
      const root = levels.data?.provision;
      if (!root) throw new Error(`${regime} ${code} is not in the seed`);
      const expected = depthFirst(root.children as Level[], root.id);
      // These entries nest five levels at most, so the levels fetched hold the whole tree.
      expect(expected.length).toBeGreaterThan(10);
      const paragraphs = flat.data?.provision?.paragraphs ?? [];
      expect(paragraphs.map((paragraph) => paragraph.code)).toEqual(expected.map((paragraph) => paragraph.code));
      expect(paragraphs.map((paragraph) => paragraph.parent?.id)).toEqual(
        expected.map((paragraph) => paragraph.parentId),
      );
    },
  );

  it('a paragraph lists only its own sub-paragraphs, and one with none lists nothing', async () => {
    const branch = await service.query(FlatParagraphs, { code: '6A003.b.4', regime: 'US_EAR' });
    const codes = branch.data?.provision?.paragraphs.map((paragraph) => paragraph.code) ?? [];
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((paragraphCode) => paragraphCode.startsWith('6A003.b.4.'))).toBe(true);
    const leaf = await service.query(FlatParagraphs, { code: codes.at(-1) ?? '', regime: 'US_EAR' });
    expect(leaf.data?.provision?.paragraphs).toEqual([]);
  });
});
