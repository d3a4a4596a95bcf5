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

/**
 * The paragraphs shown under an entry, in rank order, except that a paragraph matching the
 * query as well as one of its own sub-paragraphs (the same word rules, `key`) comes just before
 * it: the heading names the item ("Image intensifier tubes ..."), its sub-paragraphs refine it,
 * and BM25 alone often prefers a longer sub-paragraph that repeats the heading's words.
 */
export function ancestorsFirst<T extends { document: SearchDocument; key: number }>(members: readonly T[]): T[] {
  const placed = new Set<T>();
  const ordered: T[] = [];
  const codeOf = (member: T): string => member.document.codes[0] ?? '';
  for (const member of members) {
    if (placed.has(member)) continue;
    const code = codeOf(member);
    const ancestors = members
      .filter(
        (other) =>
          !placed.has(other) && other.key >= member.key && other !== member && code.startsWith(`${codeOf(other)}.`),
      )
      .sort((a, b) => codeOf(a).length - codeOf(b).length);
    for (const ancestor of [...ancestors, member]) {
      placed.add(ancestor);
      ordered.push(ancestor);
    }
  }
  return ordered;
}
