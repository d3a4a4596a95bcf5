// Dataset "exemptions": the exemption records of exemptions.json with their conditions,
// exclusions and destinations as verbatim ExemptionCondition rows (predicates are encoded
// later). Records of the Union general export authorisations that Annex II supplies in full
// (eu_annex_ii_gea.json) are left to the "eu-annex-ii" dataset, which keeps their keys. Links to
// provisions are made by the "links" dataset, once all provisions exist.
import { z } from 'zod';
import type { ExemptionConditionRole } from '../../generated/prisma/client.js';
import { itemTypesFromScopeLabels } from '../../domain/item-type.js';
import { citationFromSource, CitationSet, CITATION_TABLE } from '../citations.js';
import type { Importer } from '../importer.js';
import { jsonColumn, type SeedRow } from '../model-rows.js';
import { jurisdictionIdsByCode } from '../reference-lookups.js';
import { remainingFields, seedFile } from '../seed-files.js';
import { optionalText, provisionRefSchema, regimeSchema, sourceSchema } from '../source-record.js';
import { stableId } from '../stable-id.js';
import { syncTable, type TableSpec } from '../sync.js';
import { EU_ANNEX_II_FILE, geaExemptionKey } from './eu-annex-ii-source.js';
import { exemptionKindFor, jurisdictionFor, regimeFromLabel } from './exemption-classification.js';

export const exemptionSchema = z.looseObject({
  id: z.string().min(1),
  regime: z.string().min(1),
  provision: z.string().min(1),
  name: z.string().min(1),
  type: z.string().min(1),
  applies_to: z.array(z.string()).min(1),
  does_not_apply_to: z.array(z.string()).optional(),
  text_verbatim: z.array(z.string()).min(1),
  text_note: optionalText,
  history: optionalText,
  version_note: optionalText,
  conditions: z.array(z.string()).optional(),
  conditions_secondary: z.array(z.string()).optional(),
  example_conditions_secondary: z.strictObject({ source: sourceSchema, quote: z.string().min(1) }).optional(),
  exclusions_verbatim: z.array(z.string()).optional(),
  not_public_domain_if: z.array(z.string()).optional(),
  destinations: z.array(z.string()).optional(),
  source: sourceSchema,
});
export type ExemptionRecord = z.infer<typeof exemptionSchema>;

const exemptionKind = z.enum([
  'FUNDAMENTAL_RESEARCH',
  'PUBLISHED_INFORMATION',
  'EDUCATIONAL_INFORMATION',
  'PATENT_INFORMATION',
  'OPEN_SOURCE',
  'HUMANITARIAN',
  'LICENCE_EXCEPTION',
  'GENERAL_AUTHORISATION',
  'OPEN_GENERAL_LICENCE',
  'TECHNOLOGY_NOTE',
  'SOFTWARE_NOTE',
  'DEFINITION',
  'INTERPRETIVE_GUIDANCE',
  'DECONTROL_NOTE',
]);

export const EXEMPTIONS_FILE = seedFile('exemptions', 'data/exemptions.json', z.array(exemptionSchema));
export const EXEMPTIONS_EDITORIAL_FILE = seedFile(
  'exemptionsEditorial',
  'editorial/exemptions.json',
  z.strictObject({
    kinds: z.record(z.string(), exemptionKind),
    kindNotes: z.record(z.string(), z.string()),
    jurisdictionOverrides: z.record(
      z.string(),
      z.strictObject({ jurisdiction: z.string().min(2), why: z.string().min(1) }),
    ),
    explicitProvisions: z.record(z.string(), z.array(provisionRefSchema)),
    itemTypeScope: z.strictObject({
      exemptions: z.array(z.string().min(1)),
      regime: regimeSchema,
      note: z.string().min(1),
      why: z.string().min(1),
    }),
  }),
);

type ExemptionConditionRow = SeedRow<'ExemptionCondition', 'predicate'>;

/** The exemption records state no destinations; the general authorisations' own texts do. */
type ExemptionRow = SeedRow<'Exemption', 'destinations' | 'excludedDestinations'>;

const EXEMPTION_TABLE: TableSpec<'Exemption', ExemptionRow> = {
  model: 'Exemption',
  key: ['sourceKey'],
  references: ['jurisdictionId', 'citationId'],
};
// `predicate` is encoded later; the seed owns the verbatim text and provenance only.
const EXEMPTION_CONDITION_TABLE: TableSpec<'ExemptionCondition', ExemptionConditionRow> = {
  model: 'ExemptionCondition',
  key: ['exemptionId', 'role', 'ordinal'],
  references: ['exemptionId', 'citationId'],
};

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

export const exemptionsImporter: Importer = {
  name: 'exemptions',
  // The Annex II file decides which records are left to "eu-annex-ii": it is an input here too.
  files: [EXEMPTIONS_FILE, EXEMPTIONS_EDITORIAL_FILE, EU_ANNEX_II_FILE],
  dependsOn: ['reference'],
  async load(ctx) {
    const [records, editorial, annexIi] = await Promise.all([
      ctx.files.get(EXEMPTIONS_FILE),
      ctx.files.get(EXEMPTIONS_EDITORIAL_FILE),
      ctx.files.get(EU_ANNEX_II_FILE),
    ]);
    const fromAnnexIi = new Set(annexIi.geas.map((gea) => geaExemptionKey(gea.code)));
    const jurisdictionId = await jurisdictionIdsByCode(ctx.tx);
    const citations = new CitationSet();
    const exemptions: ExemptionRow[] = [];
    const conditions: ExemptionConditionRow[] = [];

    for (const record of records) {
      if (fromAnnexIi.has(record.id)) continue;
      const id = stableId('Exemption', record.id);
      const citationId = citations.add(citationFromSource(record.source));
      const { itemTypes, unmapped } = itemTypesFromScopeLabels(record.applies_to);
      if (unmapped.length > 0) {
        ctx.log('seed: exemption scope labels with no item type', { exemption: record.id, labels: unmapped });
      }

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
        extra: jsonColumn(remainingFields(record, MAPPED_FIELDS)),
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

    await syncTable(ctx, CITATION_TABLE, citations.rows());
    await syncTable(ctx, EXEMPTION_TABLE, exemptions);
    await syncTable(ctx, EXEMPTION_CONDITION_TABLE, conditions);
  },
};

function conditionRows(
  record: ExemptionRecord,
  exemptionId: string,
  citationId: string,
  citations: CitationSet,
): ExemptionConditionRow[] {
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
