// Dataset "eu-annex-ii": the eight Union general export authorisations of Regulation (EU)
// 2021/821, Annex II (EU001-EU008), as Exemption rows with the verbatim Annex II text, their
// destinations as ISO codes (or, for an "all destinations except" authorisation, the excluded
// ones), their items, exclusions (with Section I, the common exclusion list, where it applies)
// and conditions as ExemptionCondition rows, and EXPLICIT links to the Annex I provisions their
// items name. Five of them were records of exemptions.json: their rows keep their keys (so ids,
// links and encodings stay valid); the "exemptions" dataset no longer writes them, and the
// guidance record they were read from is kept whole in `extra`.
import type { ExemptionConditionRole } from '../../generated/prisma/client.js';
import { itemTypesFromScopeLabels } from '../../domain/item-type.js';
import { citationFromSource, CitationSet, CITATION_TABLE } from '../citations.js';
import type { ImportContext, Importer } from '../importer.js';
import { jsonColumn, type SeedRow } from '../model-rows.js';
import { jurisdictionIdsByCode } from '../reference-lookups.js';
import { remainingFields, toJsonValue, type JsonValue } from '../seed-files.js';
import { stableId } from '../stable-id.js';
import { syncTable, type TableSpec } from '../sync.js';
import { EU_ANNEX_II_EDITORIAL_FILE, readAnnexIi, recordSource, type GeaReading } from './eu-annex-ii-records.js';
import { EU_ANNEX_II_FILE, type AnnexIiFile, type Gea } from './eu-annex-ii-source.js';
import { EXEMPTIONS_FILE, type ExemptionRecord } from './exemptions.js';

type ExemptionRow = SeedRow<'Exemption'>;
type ExemptionConditionRow = SeedRow<'ExemptionCondition', 'predicate'>;
type ExemptionProvisionRow = SeedRow<'ExemptionProvision'>;

// Rows go in as one JSON parameter each table (insertAsJson): createMany's bind parameter per
// field cost about half of the dataset's cold load on PGlite.
const EXEMPTION_TABLE: TableSpec<'Exemption', ExemptionRow> = {
  model: 'Exemption',
  key: ['sourceKey'],
  references: ['jurisdictionId', 'citationId'],
  insertAsJson: true,
};
// `predicate` stays unset: the conditions are checked through seed/encodings/exemptions.
const EXEMPTION_CONDITION_TABLE: TableSpec<'ExemptionCondition', ExemptionConditionRow> = {
  model: 'ExemptionCondition',
  key: ['exemptionId', 'role', 'ordinal'],
  references: ['exemptionId', 'citationId'],
  insertAsJson: true,
};
const EXEMPTION_PROVISION_TABLE: TableSpec<'ExemptionProvision', ExemptionProvisionRow> = {
  model: 'ExemptionProvision',
  key: ['exemptionId', 'provisionId'],
  references: ['exemptionId'],
  insertAsJson: true,
};

/** GEA fields stored in columns of their own; the rest of the record goes to `extra` whole. */
const MAPPED_GEA_FIELDS = ['code', 'heading_in_text', 'text', 'source'] as const;

const LINK_NOTE = 'Named as an item in Part 1 of the authorisation; Part 1 states the limits (read its text).';

/** CAS registry numbers in a text, whitespace removed ("CAS 27814-48- 8" is a flattened "27814-48-8"). */
function casNumbers(text: string): string[] {
  return [...text.replace(/\s+/g, '').matchAll(/(?<!\d)\d{2,7}-\d{2}-\d(?!\d)/g)].map((match) => match[0]);
}

interface ProvisionFound {
  id: string;
  code: string;
  text: string;
}

/** Current EU provisions of the main list with these codes, by code (Annex I, once loaded). */
async function euProvisionsByCode(
  ctx: ImportContext,
  codes: readonly string[],
): Promise<Map<string, ProvisionFound[]>> {
  const rows = await ctx.tx.controlProvision.findMany({
    where: { regime: 'EU', status: 'CURRENT', inMainList: true, code: { in: [...new Set(codes)] } },
    select: { id: true, code: true, text: true },
    orderBy: { id: 'asc' },
  });
  const byCode = new Map<string, ProvisionFound[]>();
  for (const row of rows) byCode.set(row.code, [...(byCode.get(row.code) ?? []), row]);
  return byCode;
}

export const euAnnexIiImporter: Importer = {
  name: 'eu-annex-ii',
  files: [EU_ANNEX_II_FILE, EU_ANNEX_II_EDITORIAL_FILE, EXEMPTIONS_FILE],
  // Jurisdictions; the Annex I provisions its items are linked to (looked up at load).
  dependsOn: ['reference', 'eu-annex-i'],
  async load(ctx) {
    const [file, editorial, exemptionRecords] = await Promise.all([
      ctx.files.get(EU_ANNEX_II_FILE),
      ctx.files.get(EU_ANNEX_II_EDITORIAL_FILE),
      ctx.files.get(EXEMPTIONS_FILE),
    ]);
    const guidanceById = new Map(exemptionRecords.map((record) => [record.id, record]));
    const jurisdictionId = await jurisdictionIdsByCode(ctx.tx);
    const readings = readAnnexIi(file, editorial);
    const citations = new CitationSet();
    const commonListCitation = citations.add(citationFromSource(recordSource(file, file.common_exclusion_list.source)));
    const exemptions: ExemptionRow[] = [];
    const conditions: ExemptionConditionRow[] = [];

    for (const [index, reading] of readings.entries()) {
      const gea = file.geas[index] as Gea;
      const { record } = reading;
      const id = stableId('Exemption', record.id);
      const citationId = citations.add(citationFromSource(record.source));
      const { itemTypes, unmapped } = itemTypesFromScopeLabels(record.applies_to);
      if (unmapped.length > 0) {
        throw new Error(`editorial/eu-annex-ii.json ${gea.code}: labels with no item type: ${unmapped.join('; ')}`);
      }
      exemptions.push({
        id,
        sourceKey: record.id,
        kind: 'GENERAL_AUTHORISATION',
        typeLabel: record.type,
        regimeLabel: record.regime,
        regime: 'EU',
        jurisdictionId: jurisdictionId('EU'),
        legalBasis: record.provision,
        name: record.name,
        textVerbatim: record.text_verbatim,
        textNote: record.text_note ?? null,
        appliesTo: record.applies_to,
        doesNotApplyTo: record.does_not_apply_to,
        itemTypes,
        history: null,
        versionNote: record.version_note ?? null,
        extra: jsonColumn(extraOf(file, gea, reading, editorial.appliesTo[gea.code], guidanceById.get(record.id))),
        revoked: false,
        // Annex II states no dates of its own for the authorisations.
        validFrom: null,
        validTo: null,
        destinations: reading.destinations,
        excludedDestinations: reading.excludedDestinations,
        citationId,
      });
      conditions.push(...conditionRows(reading, id, citationId, commonListCitation));
    }

    await syncTable(ctx, CITATION_TABLE, citations.rows());
    await syncTable(ctx, EXEMPTION_TABLE, exemptions);
    await syncTable(ctx, EXEMPTION_CONDITION_TABLE, conditions);
    await reportStaleConditions(ctx, exemptions, conditions);
    await syncTable(ctx, EXEMPTION_PROVISION_TABLE, await provisionLinks(ctx, readings, file));
  },
};

function extraOf(
  file: AnnexIiFile,
  gea: Gea,
  reading: GeaReading,
  appliesTo: { basis: string; why: string } | undefined,
  guidance: ExemptionRecord | undefined,
): { [key: string]: JsonValue } {
  const common = file.common_exclusion_list;
  return {
    ...remainingFields(gea, MAPPED_GEA_FIELDS),
    ...(gea.exclusions.section_i_common_list_excluded
      ? {
          common_exclusion_list: toJsonValue({
            title: common.title,
            intro: common.intro,
            items: common.items,
            source_defects: common.source_defects,
          }),
        }
      : {}),
    item_codes: { named: reading.itemCodes, back_references: reading.backReferences },
    ...(appliesTo ? { applies_to_reading: { basis: appliesTo.basis, why: appliesTo.why } } : {}),
    // The guidance record exemptions.json held for this authorisation (older, secondary text).
    ...(guidance ? { guidance_record: toJsonValue(guidance) } : {}),
  };
}

function conditionRows(
  reading: GeaReading,
  exemptionId: string,
  citationId: string,
  commonListCitation: string,
): ExemptionConditionRow[] {
  const { record } = reading;
  const rows: ExemptionConditionRow[] = [];
  const next: Record<ExemptionConditionRole, number> = { REQUIREMENT: 0, EXCLUSION: 0, DESTINATION: 0 };
  const add = (role: ExemptionConditionRole, textVerbatim: string, cited: string) => {
    const ordinal = next[role];
    next[role] += 1;
    rows.push({
      id: stableId('ExemptionCondition', `${record.id}|${role}|${ordinal}`),
      exemptionId,
      role,
      ordinal,
      textVerbatim,
      secondary: false,
      citationId: cited,
    });
  };
  const [, items, destinations] = record.text_verbatim;
  // Part 1 (the items), then the numbered paragraphs of Part 3 as the source splits them.
  if (items) add('REQUIREMENT', items, citationId);
  for (const text of record.conditions) add('REQUIREMENT', text, citationId);
  record.exclusions_verbatim.forEach((text, index) =>
    add('EXCLUSION', text, reading.exclusionOrigins[index] === 'common-list' ? commonListCitation : citationId),
  );
  // Part 2 whole, then each destination as written.
  if (destinations) add('DESTINATION', destinations, citationId);
  for (const text of record.destinations) add('DESTINATION', text, citationId);
  return rows;
}

/**
 * Conditions of these exemptions that this run did not write (a takeover from the "exemptions"
 * dataset with more rows of a role than Annex II gives). Nothing is deleted: they are logged.
 */
async function reportStaleConditions(
  ctx: ImportContext,
  exemptions: readonly ExemptionRow[],
  conditions: readonly ExemptionConditionRow[],
): Promise<void> {
  const written = new Set(conditions.map((row) => `${ctx.ids.resolve(row.exemptionId)}|${row.role}|${row.ordinal}`));
  const stored = await ctx.tx.exemptionCondition.findMany({
    where: { exemptionId: { in: exemptions.map((row) => ctx.ids.resolve(row.id)) } },
    select: { exemptionId: true, role: true, ordinal: true },
  });
  const stale = stored.filter((row) => !written.has(`${row.exemptionId}|${row.role}|${row.ordinal}`));
  if (stale.length > 0) ctx.log('seed: eu-annex-ii exemptions keep conditions no dataset writes', { stale });
}

/**
 * EXPLICIT links to the current Annex I provisions the items name, looked up now: codes not
 * (yet) in the database are counted and logged, not an error. A numbered chemical (EU006) is
 * linked only when the provision states the same CAS numbers.
 */
async function provisionLinks(
  ctx: ImportContext,
  readings: readonly GeaReading[],
  file: AnnexIiFile,
): Promise<ExemptionProvisionRow[]> {
  const byCode = await euProvisionsByCode(
    ctx,
    readings.flatMap((reading) => reading.itemCodes),
  );
  const links: ExemptionProvisionRow[] = [];
  const notFound: string[] = [];
  const mismatched: string[] = [];
  for (const [index, reading] of readings.entries()) {
    const gea = file.geas[index] as Gea;
    const chemicals = new Map((gea.items.chemicals ?? []).map((item) => [`${item.entry}.${item.number}`, item.text]));
    const exemptionId = stableId('Exemption', reading.record.id);
    for (const code of reading.itemCodes) {
      const found = byCode.get(code) ?? [];
      if (found.length === 0) notFound.push(`${gea.code} ${code}`);
      for (const provision of found) {
        const chemical = chemicals.get(code);
        const provisionCas = new Set(casNumbers(provision.text));
        if (chemical && !casNumbers(chemical).every((cas) => provisionCas.has(cas))) {
          mismatched.push(`${gea.code} ${code}`);
          continue;
        }
        links.push({ exemptionId, provisionId: provision.id, basis: 'EXPLICIT', note: LINK_NOTE });
      }
    }
  }
  if (notFound.length > 0) {
    ctx.log('seed: eu-annex-ii item codes with no current Annex I provision (not linked)', {
      count: notFound.length,
      codes: notFound,
    });
  }
  if (mismatched.length > 0) {
    ctx.log('seed: eu-annex-ii chemicals whose Annex I paragraph states other CAS numbers (not linked)', {
      codes: mismatched,
    });
  }
  return links;
}
