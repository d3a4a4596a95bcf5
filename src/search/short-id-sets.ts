// Sets of documents named by their short ids (see scored-index.ts), as the embedded engine
// combines a query's words: a list in the order the ids were first added (the order matches
// are found in), each id once, and a membership array indexed by short id. A common word is
// held by tens of thousands of documents: an array write per posting costs a fraction of a
// Set<string> insertion.

export class ShortIdList {
  /** The ids, each once, in the order first added. */
  readonly ids: number[] = [];
  private readonly members: Uint8Array;

  /** `bound`: one more than the largest short id that may be added. */
  constructor(bound: number) {
    this.members = new Uint8Array(bound);
  }

  add(shortId: number): void {
    if (this.members[shortId] === 1) return;
    this.members[shortId] = 1;
    this.ids.push(shortId);
  }

  has(shortId: number): boolean {
    return this.members[shortId] === 1;
  }

  get size(): number {
    return this.ids.length;
  }
}

/** The ids every list holds, in the order of the smallest list (the first of them, if several are as small). */
export function intersection(lists: readonly ShortIdList[], bound: number): ShortIdList {
  const result = new ShortIdList(bound);
  const [smallest, ...others] = [...lists].sort((x, y) => x.size - y.size);
  if (smallest === undefined) return result;
  for (const shortId of smallest.ids) if (others.every((other) => other.has(shortId))) result.add(shortId);
  return result;
}

/** The ids any list holds, the first list's first. */
export function union(lists: readonly ShortIdList[], bound: number): ShortIdList {
  const result = new ShortIdList(bound);
  for (const list of lists) for (const shortId of list.ids) result.add(shortId);
  return result;
}
