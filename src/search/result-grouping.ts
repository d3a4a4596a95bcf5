// One result per control-list entry, as Meilisearch's `distinct`: matches collapse into
// groups by entry (regime + entry code, see entry-key.ts). A paragraph the query names by its
// exact code is a group of its own: the user asked for that paragraph, not its entry.
import type { SearchDocument } from './search-engine.js';

/** The matches grouped by `keyOf`, groups in the order their first member appears. */
export function groupByEntry<T extends { document: SearchDocument; exactCodes: ReadonlySet<string> }>(
  matches: readonly T[],
  keyOf: (match: T) => string,
): T[][] {
  const groups = new Map<string, T[]>();
  for (const match of matches) {
    const key = match.exactCodes.size > 0 ? `exact:${match.document.id}` : keyOf(match);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [match]);
    else group.push(match);
  }
  return [...groups.values()];
}
