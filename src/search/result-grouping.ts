// One result per control-list entry, as Meilisearch's `distinct`: the embedded engine groups
// matches by entry (regime + entry code, see entry-key.ts and page-shortlist.ts), and this orders
// the paragraphs shown under an entry.
import type { SearchDocument } from './search-engine.js';

/**
 * The paragraphs shown under an entry, in rank order, except that a paragraph matching the
 * query as well as one of its own sub-paragraphs (the same word rules, `key`) comes just before
 * it: the heading names the item ("Image intensifier tubes ..."), its sub-paragraphs refine it,
 * and BM25 alone often prefers a longer sub-paragraph that repeats the heading's words.
 */
export function ancestorsFirst<T extends { document: SearchDocument; key: number }>(members: readonly T[]): T[] {
  const codeOf = (member: T): string => member.document.codes[0] ?? '';
  // The first member of each code (copies of one code keep their rank order).
  const byCode = new Map<string, T>();
  for (const member of members) if (!byCode.has(codeOf(member))) byCode.set(codeOf(member), member);
  const placed = new Set<T>();
  const ordered: T[] = [];
  for (const member of members) {
    if (placed.has(member)) continue;
    // Its ancestors among the members, outermost first: "6A003.b.4.b" -> "6A003.b", "6A003.b.4".
    const parts = codeOf(member).split('.');
    const ancestors: T[] = [];
    for (let length = 1; length < parts.length; length += 1) {
      const ancestor = byCode.get(parts.slice(0, length).join('.'));
      if (ancestor !== undefined && ancestor !== member && !placed.has(ancestor) && ancestor.key >= member.key)
        ancestors.push(ancestor);
    }
    for (const next of [...ancestors, member]) {
      placed.add(next);
      ordered.push(next);
    }
  }
  return ordered;
}
