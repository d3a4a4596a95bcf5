// Which of a query's matches can reach the page. The word rules (one number per match, its
// `key`) are computed for every match in one pass that also groups them by entry; BM25 is then
// computed only for the groups whose best key reaches the page, and of those tied at the
// page's last place (a common word's thousands of matches) only as many as the page needs are
// ranked in full. Exhaustive ranking (every match scored, every group ranked) must give the
// same page: a test compares the two on every query of the relevance suite.
import { byRank, type Candidate } from './ranking-rules.js';

/**
 * A query's matches (short ids, in the order found) keyed and grouped. Members are not listed
 * here: only the groups that can reach the page get theirs (see `groupsReaching`), as candidates.
 */
export interface KeyedGroups {
  /** Per match (by its position among the matches), its key. */
  keys: Float64Array;
  /** Per match, the number of its group. */
  groupOfMatch: Int32Array;
  /** Per group (numbered in the order their first member appears), that member's short id. */
  firstMembers: number[];
  /** Each group's best key. */
  bestKeys: Float64Array;
}

/**
 * Keys each match (`keyOf`) and groups the matches by `entryOf`, in one pass: matches of one
 * entry number (below `entryCount`) share a group, a match of entry -1 is a group of its own,
 * and with no `entryOf` every match is.
 */
export function keyedGroups(
  matches: readonly number[],
  keyOf: (shortId: number) => number,
  entryOf: ((shortId: number) => number) | null,
  entryCount: number,
): KeyedGroups {
  const keys = new Float64Array(matches.length);
  const groupOfMatch = new Int32Array(matches.length);
  const firstMembers: number[] = [];
  const bests: number[] = [];
  /** Entry number -> its group's number, -1 until one of its documents is met. */
  const groupOfEntry = new Int32Array(entryOf === null ? 0 : entryCount).fill(-1);
  for (let position = 0; position < matches.length; position += 1) {
    const shortId = matches[position] as number;
    const key = keyOf(shortId);
    keys[position] = key;
    const entry = entryOf === null ? -1 : entryOf(shortId);
    let group = entry < 0 ? -1 : (groupOfEntry[entry] as number);
    if (group < 0) {
      group = firstMembers.length;
      if (entry >= 0) groupOfEntry[entry] = group;
      firstMembers.push(shortId);
      bests.push(Math.max(key, 0));
    } else if (key > (bests[group] as number)) bests[group] = key;
    groupOfMatch[position] = group;
  }
  return { keys, groupOfMatch, firstMembers, bestKeys: Float64Array.from(bests) };
}

/** The best key a group must have to be among the `count` best groups (ties included). */
export function pageThreshold({ bestKeys }: KeyedGroups, count: number): number {
  // A typed array sorts numbers natively, ascending.
  return bestKeys.slice().sort()[Math.max(bestKeys.length - count, 0)] ?? 0;
}

/**
 * The groups whose best key is at least `threshold`, in order, each with its members in the
 * order found, made candidates by `candidateAt` (given a match's position among the matches).
 */
export function groupsReaching(
  { keys, groupOfMatch, bestKeys }: KeyedGroups,
  threshold: number,
  candidateAt: (position: number, key: number) => Candidate,
): Candidate[][] {
  /** Group number -> its members, for the groups that reach. */
  const membersOf: (Candidate[] | undefined)[] = [];
  const reaching: Candidate[][] = [];
  for (let group = 0; group < bestKeys.length; group += 1) {
    if ((bestKeys[group] as number) < threshold) continue;
    const members: Candidate[] = [];
    membersOf[group] = members;
    reaching.push(members);
  }
  if (reaching.length === 0) return reaching;
  for (let position = 0; position < groupOfMatch.length; position += 1) {
    membersOf[groupOfMatch[position] as number]?.push(candidateAt(position, keys[position] as number));
  }
  return reaching;
}

/**
 * The `count` groups that rank first (each group by its best member, as the page orders them),
 * in no particular order. Only the members' keys and BM25 are read: the rank of an entry's
 * group does not depend on which member leads it. Members must be scored first.
 */
export function bestGroups(groups: readonly Candidate[][], count: number): Candidate[][] {
  if (groups.length <= count) return [...groups];
  // The first `count` kept in rank order as the groups are read: most of a common word's
  // thousands of tied groups rank below the last one kept and cost one comparison.
  const kept: { members: Candidate[]; best: Candidate }[] = [];
  for (const members of groups) {
    const best = members.reduce((leader, member) => (byRank(member, leader) < 0 ? member : leader));
    const last = kept[kept.length - 1];
    if (kept.length === count && last !== undefined && byRank(best, last.best) >= 0) continue;
    let at = kept.length;
    while (at > 0 && byRank(best, (kept[at - 1] as { best: Candidate }).best) < 0) at -= 1;
    kept.splice(at, 0, { members, best });
    if (kept.length > count) kept.pop();
  }
  return kept.map(({ members }) => members);
}
