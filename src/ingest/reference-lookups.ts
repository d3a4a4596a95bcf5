// Look-ups of rows other datasets own, by natural key, so ids assigned elsewhere resolve.
import type { ItemType, ProvisionKind, Regime, VersionStatus } from '../generated/prisma/client.js';
import type { Tx } from './model-rows.js';

export class SeedReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedReferenceError';
  }
}

export async function jurisdictionIdsByCode(tx: Tx): Promise<(code: string) => string> {
  const rows = await tx.jurisdiction.findMany({ select: { id: true, code: true } });
  const byCode = new Map(rows.map((row) => [row.code, row.id]));
  return (code) => {
    const id = byCode.get(code);
    if (!id) throw new SeedReferenceError(`Jurisdiction ${code} is not in the database (editorial/jurisdictions.json)`);
    return id;
  };
}

export async function controlListIdsBySourceKey(tx: Tx): Promise<(sourceKey: string) => string> {
  const rows = await tx.controlList.findMany({ select: { id: true, sourceKey: true } });
  const byKey = new Map(rows.map((row) => [row.sourceKey, row.id]));
  return (sourceKey) => {
    const id = byKey.get(sourceKey);
    if (!id) {
      throw new SeedReferenceError(`Control list ${sourceKey} is not in the database (editorial/control-lists.json)`);
    }
    return id;
  };
}

export interface ProvisionSummary {
  id: string;
  sourceKey: string;
  regime: Regime;
  code: string;
  kind: ProvisionKind;
  status: VersionStatus;
  itemType: ItemType | null;
  supersedesId: string | null;
}

export interface ProvisionIndex {
  all: ProvisionSummary[];
  bySourceKey(sourceKey: string): ProvisionSummary | undefined;
  /** The CURRENT provision with this code in this regime's main list (supplementary lists restate codes). */
  current(regime: Regime, code: string): ProvisionSummary | undefined;
}

export async function provisionIndex(tx: Tx): Promise<ProvisionIndex> {
  const all = await tx.controlProvision.findMany({
    select: {
      id: true,
      sourceKey: true,
      regime: true,
      code: true,
      kind: true,
      status: true,
      itemType: true,
      supersedesId: true,
      inMainList: true,
    },
  });
  const byKey = new Map(all.map((row) => [row.sourceKey, row]));
  const current = new Map<string, ProvisionSummary>();
  for (const row of all) {
    if (row.status !== 'CURRENT' || !row.inMainList) continue;
    const key = `${row.regime}|${row.code}`;
    if (!current.has(key)) current.set(key, row);
  }
  return {
    all,
    bySourceKey: (sourceKey) => byKey.get(sourceKey),
    current: (regime, code) => current.get(`${regime}|${code}`),
  };
}
