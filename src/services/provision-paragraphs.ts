// Every paragraph under a provision at any depth, in the order of the text: depth first, the
// paragraphs of each level by their position in the text. Read level by level for all the
// provisions of a response at once, so a page shows an entry's whole tree with one field
// instead of nesting `children` six levels deep (past the query depth limit).
import type { ControlProvision, PrismaClient } from '../generated/prisma/client.js';

/** Deeper than any list nests (seven levels); a guard against a cycle in damaged data. */
const MAX_LEVELS = 20;

export async function readParagraphs(
  prisma: PrismaClient,
  rootIds: readonly string[],
): Promise<Map<string, ControlProvision[]>> {
  const childrenOf = new Map<string, ControlProvision[]>();
  let level = [...new Set(rootIds)];
  for (let depth = 0; level.length > 0 && depth < MAX_LEVELS; depth += 1) {
    const rows = await prisma.controlProvision.findMany({
      where: { parentId: { in: level } },
      orderBy: [{ ordinal: 'asc' }, { id: 'asc' }],
    });
    for (const row of rows) {
      if (row.parentId === null) continue;
      const siblings = childrenOf.get(row.parentId);
      if (siblings === undefined) childrenOf.set(row.parentId, [row]);
      else siblings.push(row);
    }
    level = rows.map((row) => row.id);
  }
  const byRoot = new Map<string, ControlProvision[]>();
  for (const rootId of rootIds) {
    const ordered: ControlProvision[] = [];
    const seen = new Set<string>([rootId]);
    const visit = (id: string): void => {
      for (const child of childrenOf.get(id) ?? []) {
        if (seen.has(child.id)) continue;
        seen.add(child.id);
        ordered.push(child);
        visit(child.id);
      }
    };
    visit(rootId);
    byRoot.set(rootId, ordered);
  }
  return byRoot;
}
