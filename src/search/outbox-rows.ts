// Which writes reach the search index. Whoever writes a searchable record adds these rows to
// the SearchOutbox in the same transaction (the seed does; mutations will).
import type { SearchableType } from './search-engine.js';

export const SEARCHABLE_MODELS: Readonly<Record<string, SearchableType>> = {
  ControlProvision: 'PROVISION',
  Exemption: 'EXEMPTION',
  GuidanceDocument: 'GUIDANCE_DOCUMENT',
  StakeholderConsultation: 'CONSULTATION',
  ImpactAssessment: 'IMPACT_ASSESSMENT',
  ListText: 'LIST_TEXT',
};

export interface WrittenRecord {
  /** Prisma model name. */
  table: string;
  id: string;
}

export interface OutboxRow {
  entityType: SearchableType;
  entityId: string;
  operation: 'UPSERT' | 'DELETE';
}

/** Outbox rows for written records of searchable models, in write order; other models are ignored. */
export function outboxRowsFor(
  written: readonly WrittenRecord[],
  operation: OutboxRow['operation'] = 'UPSERT',
): OutboxRow[] {
  const rows: OutboxRow[] = [];
  for (const record of written) {
    const entityType = SEARCHABLE_MODELS[record.table];
    if (entityType) rows.push({ entityType, entityId: record.id, operation });
  }
  return rows;
}
