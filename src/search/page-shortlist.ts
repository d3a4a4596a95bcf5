// Which of a query's matches can reach the page. The word rules (one number per match, its
// `key`) are computed for every match in one pass that also groups them by entry; BM25 is then
// computed only for the groups whose best key reaches the page, and of those tied at the
// page's last place (a common word's thousands of matches) only as many as the page needs are
// ranked in full. Exhaustive ranking (every match scored, every group ranked) must give the
// same page: a test compares the two on every query of the relevance suite.
import { byRank, preferenceOf, rankKey, regimeFit, type Candidate } from './ranking-rules.js';
import { groupKeyOf } from './result-grouping.js';
import type { SearchPreference } from './search-engine.js';

export interface KeyedGroups {
  /** The matches grouped (by entry, or one group per match), in the order their first member appears. */
  groups: Candidate[][];
  /** Each group's best key. */
  bestKeys: Float64Array;
}

/**
 * Sets each match's preference, regime fit and key, and groups the matches by `entryKeyOf`
 * (null: one group per match), in one pass.
 */
export function keyedGroups(
  candidates: readonly Candidate[],
  prefer: SearchPreference | undefined,
  entryKeyOf: ((candidate: Candidate) => string) | null,
): KeyedGroups {
  const groups: Candidate[][] = [];
  const bests: number[] = [];
  const byKey = new Map<string, number>();
  for (const candidate of candidates) {
    candidate.preferred = preferenceOf(candidate.document, prefer);
    candidate.regimeFit = regimeFit(candidate.document, prefer);
    candidate.key = rankKey(candidate);
    const at = entryKeyOf === null ? undefined : byKey.get(groupKeyOf(candidate, entryKeyOf));
    if (at === undefined) {
      if (entryKeyOf !== null) byKey.set(groupKeyOf(candidate, entryKeyOf), groups.length);
      groups.push([candidate]);
      bests.push(Math.max(candidate.key, 0));
    } else {
      (groups[at] as Candidate[]).push(candidate);
      if (candidate.key > (bests[at] as number)) bests[at] = candidate.key;
    }
  }
  return { groups, bestKeys: Float64Array.from(bests) };
}

/** The groups whose best key is at least that of the `count`-th best group (ties included). */
export function groupsReachingPage({ groups, bestKeys }: KeyedGroups, count: number): Candidate[][] {
  // A typed array sorts numbers natively, ascending.
  const threshold = bestKeys.slice().sort()[Math.max(bestKeys.length - count, 0)] ?? 0;
  return groups.filter((_, index) => (bestKeys[index] as number) >= threshold);
}

/**
 * The `count` groups that rank first (each group by its best member, as the page orders them),
 * in no particular order. Only the members' keys and BM25 are read: the rank of an entry's
 * group does not depend on which member leads it. Members must be scored first.
 */
export function bestGroups(groups: readonly Candidate[][], count: number): Candidate[][] {
  if (groups.length <= count) return [...groups];
  const bests = groups.map((members) => ({
    members,
    best: members.reduce((best, member) => (byRank(member, best) < 0 ? member : best)),
  }));
  bests.sort((x, y) => byRank(x.best, y.best));
  return bests.slice(0, count).map(({ members }) => members);
}
