// The supersedes link (ControlProvision.supersedesId) of the rows the current list's dataset
// writes for the history's latest versions: that dataset never writes the column, and the
// version it should point at is a row of this dataset, inserted after it. So the link is set
// here, set-based, in two steps around the insertion of this dataset's rows: links about to
// change are cleared first (the column is unique, and the version a row pointed at may now be
// pointed at by a newly inserted row), and set once the rows they point at exist. A link that
// was set and changes is audited with its old value.
import type { ImportContext } from '../importer.js';

export interface SupersedesLink {
  /** The row taking the link. */
  id: string;
  /** The row of the version before it. */
  supersedesId: string;
}

export interface PendingLinks {
  links: readonly SupersedesLink[];
  /** Links whose stored value differs, with that value (null when none was set). */
  changed: ReadonlyArray<SupersedesLink & { stored: string | null }>;
}

const CHUNK = 5000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** Reads the stored links and clears those that are set and about to change. */
export async function clearChangingLinks(ctx: ImportContext, links: readonly SupersedesLink[]): Promise<PendingLinks> {
  const stored = new Map<string, string | null>();
  for (const chunk of chunks(links, CHUNK)) {
    const rows = await ctx.tx.controlProvision.findMany({
      where: { id: { in: chunk.map((link) => link.id) } },
      select: { id: true, supersedesId: true },
    });
    for (const row of rows) stored.set(row.id, row.supersedesId);
  }
  const missing = links.filter((link) => !stored.has(link.id));
  if (missing.length > 0) {
    throw new Error(`supersedes links: ${missing.length} rows of the current list are not in the database`);
  }
  const changed = links
    .map((link) => ({ ...link, stored: stored.get(link.id) ?? null }))
    .filter((link) => link.stored !== link.supersedesId);
  const toClear = changed.filter((link) => link.stored !== null).map((link) => link.id);
  for (const chunk of chunks(toClear, CHUNK)) {
    await ctx.tx.$executeRawUnsafe(
      `UPDATE "ControlProvision" SET "supersedesId" = NULL WHERE "id" IN (SELECT json_array_elements_text($1::json))`,
      JSON.stringify(chunk),
    );
  }
  return { links, changed };
}

/** Sets the changed links (the rows they point at must exist by now) and records them. */
export async function setLinks(ctx: ImportContext, pending: PendingLinks): Promise<void> {
  for (const chunk of chunks(pending.changed, CHUNK)) {
    await ctx.tx.$executeRawUnsafe(
      `UPDATE "ControlProvision" AS p SET "supersedesId" = v."supersedesId" ` +
        `FROM json_to_recordset($1::json) AS v("id" text, "supersedesId" text) WHERE p."id" = v."id"`,
      JSON.stringify(chunk.map(({ id, supersedesId }) => ({ id, supersedesId }))),
    );
  }
  for (const link of pending.changed) {
    if (link.stored === null) continue;
    ctx.audits.push({
      entityType: 'ControlProvision',
      entityId: link.id,
      detail: {
        dataset: ctx.dataset,
        key: `${link.id} supersedesId`,
        oldHash: link.stored,
        newHash: link.supersedesId,
      },
    });
  }
  ctx.counts['ControlProvision.supersedesId'] = {
    rows: pending.links.length,
    created: 0,
    updated: pending.changed.length,
    unchanged: pending.links.length - pending.changed.length,
  };
}
