// Every version of a provision: the rows of one code in one regime's main list (or in one
// supplementary list), oldest first, read for many provisions in one statement.
import type { ControlProvision, PrismaClient, Regime } from '../generated/prisma/client.js';

export interface VersionKey {
  regime: Regime;
  code: string;
  inMainList: boolean;
}

export function versionKeyText(key: VersionKey): string {
  return `${key.regime}\u0000${key.inMainList ? 'main' : 'supplement'}\u0000${key.code}`;
}

/**
 * The versions of each key: dated versions by validFrom, then those whose start the sources do
 * not state (an undated historical text), then by id. One statement for all keys.
 */
export async function readVersions(
  prisma: PrismaClient,
  keys: readonly VersionKey[],
): Promise<Map<string, ControlProvision[]>> {
  const byKey = new Map<string, ControlProvision[]>(keys.map((key) => [versionKeyText(key), []]));
  if (keys.length === 0) return byKey;
  const rows = await prisma.controlProvision.findMany({
    where: { OR: keys.map((key) => ({ regime: key.regime, code: key.code, inMainList: key.inMainList })) },
    orderBy: [
      { validFrom: { sort: 'asc', nulls: 'last' } },
      { textDate: { sort: 'asc', nulls: 'last' } },
      { id: 'asc' },
    ],
  });
  for (const row of rows) byKey.get(versionKeyText(row))?.push(row);
  return byKey;
}
