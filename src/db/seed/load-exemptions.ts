// Dataset "exemptions": the 30 exemption records with their conditions, exclusions and
// destinations as verbatim ExemptionCondition rows (predicates are encoded later). Links to
// provisions are made by the "links" dataset, once all provisions exist.
import type { ExemptionConditionRole } from '../../generated/prisma/client.js';
import { itemTypesFromScopeLabels } from '../../domain/item-type.js';
import { citationFromSource, CitationSet } from './citations.js';
import { exemptionKindFor, jurisdictionFor, regimeFromLabel } from './exemption-classification.js';
import { remainingFields, type ExemptionRecord } from './read-seed-files.js';
import { jurisdictionIdsByCode, type LoaderContext } from './seed-context.js';
import { stableId } from './stable-id.js';
import { syncTable } from './sync-rows.js';
import { citationTable, exemptionConditionTable, exemptionTable, type ExemptionConditionRow, type ExemptionRow } from './table-writers.js';

/** Fields stored in Exemption columns; everything else of a record goes to `extra`. */
const MAPPED_FIELDS = [
  'id',
  'regime',
  'provision',
  'name',
  'type',
  'applies_to',
  'does_not_apply_to',
  'text_verbatim',
  'text_note',
  'history',
  'version_note',
  'source',
] as const;

export async function loadExemptions(ctx: LoaderContext): Promise<void> {
  const [records, editorial] = await Promise.all([ctx.files.get('exemptions'), ctx.files.get('exemptionsEditorial')]);
  const jurisdictionId = await jurisdictionIdsByCode(ctx.tx);
  const citations = new CitationSet();
  const exemptions: ExemptionRow[] = [];
  const conditions: ExemptionConditionRow[] = [];

  for (const record of records) {
    const id = stableId('Exemption', record.id);
    const citationId = citations.add(citationFromSource(record.source));
    const { itemTypes, unmapped } = itemTypesFromScopeLabels(record.applies_to);
    if (unmapped.length > 0) ctx.log('seed: exemption scope labels with no item type', { exemption: record.id, labels: unmapped });

    exemptions.push({
      id,
      sourceKey: record.id,
      kind: exemptionKindFor(record.id, editorial.kinds),
      typeLabel: record.type,
      regimeLabel: record.regime,
      regime: regimeFromLabel(record.regime).regime,
      jurisdictionId: jurisdictionId(jurisdictionFor(record.id, record.regime, editorial.jurisdictionOverrides)),
      legalBasis: record.provision,
      name: record.name,
      textVerbatim: record.text_verbatim,
      textNote: record.text_note ?? null,
      appliesTo: record.applies_to,
      doesNotApplyTo: record.does_not_apply_to ?? [],
      itemTypes,
      history: record.history ?? null,
      versionNote: record.version_note ?? null,
      extra: remainingFields(record, MAPPED_FIELDS),
      // The record's own classification says so ("open general licence (revoked)").
      revoked: /\brevoked\b/i.test(record.type),
      // Validity dates stay unknown: the records give none in a form the schema can hold
      // (the revoked OGEL says "Revoked from 31/12/2020"; see its textVerbatim).
      validFrom: null,
      validTo: null,
      citationId,
    });
    conditions.push(...conditionRows(record, id, citationId, citations));
  }

  await syncTable(ctx, citationTable(ctx.tx, citations.rows()));
  await syncTable(ctx, exemptionTable(ctx.tx, exemptions));
  await syncTable(ctx, exemptionConditionTable(ctx.tx, conditions));
}

export function conditionRows(record: ExemptionRecord, exemptionId: string, citationId: string, citations: CitationSet): ExemptionConditionRow[] {
  const rows: ExemptionConditionRow[] = [];
  const next: Record<ExemptionConditionRole, number> = { REQUIREMENT: 0, EXCLUSION: 0, DESTINATION: 0 };
  const add = (role: ExemptionConditionRole, textVerbatim: string, secondary: boolean, cited: string | null) => {
    const ordinal = next[role];
    next[role] += 1;
    rows.push({
      id: stableId('ExemptionCondition', `${record.id}|${role}|${ordinal}`),
      exemptionId,
      role,
      ordinal,
      textVerbatim,
      secondary,
      citationId: cited,
    });
  };
  for (const text of record.conditions ?? []) add('REQUIREMENT', text, false, citationId);
  for (const text of record.conditions_secondary ?? []) add('REQUIREMENT', text, true, citationId);
  if (record.example_conditions_secondary) {
    const example = record.example_conditions_secondary;
    add('REQUIREMENT', example.quote, true, citations.add(citationFromSource(example.source)));
  }
  for (const text of record.exclusions_verbatim ?? []) add('EXCLUSION', text, false, citationId);
  for (const text of record.not_public_domain_if ?? []) add('EXCLUSION', text, false, citationId);
  for (const text of record.destinations ?? []) add('DESTINATION', text, false, citationId);
  return rows;
}
