// Dataset "links": everything that connects rows of different datasets, made once they all
// exist: provision <-> provision correlations, superseded versions (supersedesId), exemption
// -> provision applicability (explicit, or by item type for the US EAR exclusions framed
// that way), guidance -> exemption/provision and consultation -> provision links.
import { z } from 'zod';
import type { Regime } from '../../generated/prisma/client.js';
import { citationFromSource, CitationSet, CITATION_TABLE } from '../citations.js';
import type { ImportContext, Importer } from '../importer.js';
import type { SeedRow } from '../model-rows.js';
import {
  provisionIndex,
  SeedReferenceError,
  type ProvisionIndex,
  type ProvisionSummary,
} from '../reference-lookups.js';
import { seedFile } from '../seed-files.js';
import { provisionRefSchema, type ProvisionRef } from '../source-record.js';
import { stableId } from '../stable-id.js';
import { syncTable, type TableSpec } from '../sync.js';
import { CONTROL_ENTRIES_FILE } from './control-entry-records.js';
import { EXEMPTIONS_EDITORIAL_FILE } from './exemptions.js';
import { GUIDANCE_EDITORIAL_FILE } from './guidance.js';

const correlationsEditorialSchema = z.strictObject({
  correlations: z.array(
    z.strictObject({
      from: z.string().min(1),
      to: z.string().min(1),
      kind: z.enum(['EQUIVALENT', 'NARROWER', 'BROADER', 'PARTIAL', 'UNASSESSED']),
      note: z.string().min(1).optional(),
      noteFromRecord: z.string().min(1).optional(),
    }),
  ),
  supersedes: z.array(z.strictObject({ current: z.string().min(1), older: z.string().min(1), why: z.string().min(1) })),
});

const consultationProvisionsEditorialSchema = z.strictObject({
  links: z.array(
    z.strictObject({
      consultation: z.string().min(1),
      provisions: z.array(provisionRefSchema),
      why: z.string().min(1),
    }),
  ),
});

export const CORRELATIONS_FILE = seedFile('correlations', 'editorial/correlations.json', correlationsEditorialSchema);
export const CONSULTATION_PROVISIONS_FILE = seedFile(
  'consultationProvisions',
  'editorial/consultation-provisions.json',
  consultationProvisionsEditorialSchema,
);

const CORRELATION_TABLE: TableSpec<'Correlation'> = {
  model: 'Correlation',
  key: ['sourceKey'],
  references: ['citationId'],
};
const EXEMPTION_PROVISION_TABLE: TableSpec<'ExemptionProvision'> = {
  model: 'ExemptionProvision',
  key: ['exemptionId', 'provisionId'],
};
const GUIDANCE_EXEMPTION_TABLE: TableSpec<'GuidanceExemption'> = {
  model: 'GuidanceExemption',
  key: ['guidanceId', 'exemptionId'],
};
const GUIDANCE_PROVISION_TABLE: TableSpec<'GuidanceProvision'> = {
  model: 'GuidanceProvision',
  key: ['guidanceId', 'provisionId'],
};
const CONSULTATION_PROVISION_TABLE: TableSpec<'ConsultationProvision'> = {
  model: 'ConsultationProvision',
  key: ['consultationId', 'provisionId'],
};

export const linksImporter: Importer = {
  name: 'links',
  files: [
    CORRELATIONS_FILE,
    CONTROL_ENTRIES_FILE,
    EXEMPTIONS_EDITORIAL_FILE,
    GUIDANCE_EDITORIAL_FILE,
    CONSULTATION_PROVISIONS_FILE,
  ],
  dependsOn: ['us-ccl', 'us-ccl-history', 'eu-annex-i', 'control-entries', 'exemptions', 'consultations', 'guidance'],
  load: loadLinks,
};

function resolveRef(
  index: ProvisionIndex,
  ref: ProvisionRef,
  context: string,
  log: ImportContext['log'],
): ProvisionSummary | null {
  const found = index.current(ref.regime as Regime, ref.code);
  if (found) return found;
  if (ref.optional) {
    log('seed: optional provision link skipped (no such current provision)', { context, ...ref });
    return null;
  }
  throw new SeedReferenceError(`${context}: no current ${ref.regime} provision ${ref.code}`);
}

function bySourceKey(index: ProvisionIndex, sourceKey: string, context: string): ProvisionSummary {
  const found = index.bySourceKey(sourceKey);
  if (!found) throw new SeedReferenceError(`${context}: provision ${sourceKey} is not in the database`);
  return found;
}

async function loadLinks(ctx: ImportContext): Promise<void> {
  const [correlationsFile, entries, exemptionsEditorial, guidanceEditorial, consultationLinks] = await Promise.all([
    ctx.files.get(CORRELATIONS_FILE),
    ctx.files.get(CONTROL_ENTRIES_FILE),
    ctx.files.get(EXEMPTIONS_EDITORIAL_FILE),
    ctx.files.get(GUIDANCE_EDITORIAL_FILE),
    ctx.files.get(CONSULTATION_PROVISIONS_FILE),
  ]);
  const index = await provisionIndex(ctx.tx);
  const recordsById = new Map(entries.map((record) => [record.id, record]));

  // --- correlations -----------------------------------------------------------------
  const citations = new CitationSet();
  const correlations = correlationsFile.correlations.map((item): SeedRow<'Correlation'> => {
    const context = `editorial/correlations.json ${item.from} -> ${item.to}`;
    const from = bySourceKey(index, item.from, context);
    const to = bySourceKey(index, item.to, context);
    const record = item.noteFromRecord ? recordsById.get(item.noteFromRecord) : undefined;
    if (item.noteFromRecord && !record?.comparison_note) {
      throw new SeedReferenceError(`${context}: record ${item.noteFromRecord} has no comparison_note`);
    }
    const note = item.note ?? record?.comparison_note ?? null;
    const sourceKey = `${item.from} -> ${item.to}`;
    return {
      id: stableId('Correlation', sourceKey),
      sourceKey,
      fromId: from.id,
      toId: to.id,
      kind: item.kind,
      note,
      // A note quoted from a record cites that record; our own "not yet assessed" note cites nothing.
      citationId: record
        ? citations.add(citationFromSource(record.source, record.source.json_pointer ?? record.code))
        : null,
    };
  });
  await syncTable(ctx, CITATION_TABLE, citations.rows());
  await syncTable(ctx, CORRELATION_TABLE, correlations);

  // --- superseded versions ----------------------------------------------------------
  let supersedesSet = 0;
  for (const item of correlationsFile.supersedes) {
    const context = `editorial/correlations.json supersedes ${item.current}`;
    const current = bySourceKey(index, item.current, context);
    const older = bySourceKey(index, item.older, context);
    if (current.supersedesId === older.id) continue;
    await ctx.tx.controlProvision.update({ where: { id: current.id }, data: { supersedesId: older.id } });
    supersedesSet += 1;
    if (current.supersedesId !== null) {
      ctx.audits.push({
        entityType: 'ControlProvision',
        entityId: current.id,
        detail: {
          dataset: ctx.dataset,
          key: `${item.current} supersedesId`,
          oldHash: current.supersedesId,
          newHash: older.id,
        },
      });
    }
  }
  ctx.counts['ControlProvision.supersedesId'] = {
    rows: correlationsFile.supersedes.length,
    created: 0,
    updated: supersedesSet,
    unchanged: correlationsFile.supersedes.length - supersedesSet,
  };

  // --- exemption -> provision ---------------------------------------------------------
  const exemptions = new Map(
    (await ctx.tx.exemption.findMany({ select: { id: true, sourceKey: true, itemTypes: true } })).map((row) => [
      row.sourceKey,
      row,
    ]),
  );
  const exemption = (sourceKey: string, context: string) => {
    const found = exemptions.get(sourceKey);
    if (!found) throw new SeedReferenceError(`${context}: exemption ${sourceKey} is not in the database`);
    return found;
  };
  const applicability = new Map<string, SeedRow<'ExemptionProvision'>>();
  for (const [sourceKey, refs] of Object.entries(exemptionsEditorial.explicitProvisions)) {
    const context = `editorial/exemptions.json explicitProvisions ${sourceKey}`;
    const exemptionId = exemption(sourceKey, context).id;
    for (const ref of refs) {
      const provision = resolveRef(index, ref, context, ctx.log);
      if (!provision) continue;
      applicability.set(`${exemptionId}|${provision.id}`, {
        exemptionId,
        provisionId: provision.id,
        basis: 'EXPLICIT',
        note: null,
      });
    }
  }
  const scope = exemptionsEditorial.itemTypeScope;
  for (const sourceKey of scope.exemptions) {
    const found = exemption(sourceKey, 'editorial/exemptions.json itemTypeScope');
    const types = new Set<string>(found.itemTypes);
    for (const provision of index.all) {
      if (provision.regime !== scope.regime || provision.kind !== 'ENTRY' || provision.status !== 'CURRENT') continue;
      if (!provision.itemType || !types.has(provision.itemType)) continue;
      const key = `${found.id}|${provision.id}`;
      if (applicability.has(key)) continue; // an explicit link says more
      applicability.set(key, {
        exemptionId: found.id,
        provisionId: provision.id,
        basis: 'ITEM_TYPE_SCOPE',
        note: scope.note,
      });
    }
  }
  await syncTable(ctx, EXEMPTION_PROVISION_TABLE, [...applicability.values()]);

  // --- guidance -> exemption / provision ------------------------------------------------
  const guidance = new Map(
    (await ctx.tx.guidanceDocument.findMany({ select: { id: true, sourceKey: true } })).map((row) => [
      row.sourceKey,
      row.id,
    ]),
  );
  const guidanceExemptions: Array<SeedRow<'GuidanceExemption'>> = [];
  const guidanceProvisions: Array<SeedRow<'GuidanceProvision'>> = [];
  for (const [sourceKey, meta] of Object.entries(guidanceEditorial.documents)) {
    const context = `editorial/guidance.json ${sourceKey}`;
    const guidanceId = guidance.get(sourceKey);
    if (!guidanceId) throw new SeedReferenceError(`${context}: guidance document is not in the database`);
    for (const exemptionKey of meta.exemptions)
      guidanceExemptions.push({ guidanceId, exemptionId: exemption(exemptionKey, context).id });
    for (const ref of meta.provisions) {
      const provision = resolveRef(index, ref, context, ctx.log);
      if (provision) guidanceProvisions.push({ guidanceId, provisionId: provision.id });
    }
  }
  await syncTable(ctx, GUIDANCE_EXEMPTION_TABLE, guidanceExemptions);
  await syncTable(ctx, GUIDANCE_PROVISION_TABLE, guidanceProvisions);

  // --- consultation -> provision --------------------------------------------------------
  const consultations = new Map(
    (await ctx.tx.stakeholderConsultation.findMany({ select: { id: true, sourceKey: true } })).map((row) => [
      row.sourceKey,
      row.id,
    ]),
  );
  const consultationProvisions: Array<SeedRow<'ConsultationProvision'>> = [];
  for (const link of consultationLinks.links) {
    const context = `editorial/consultation-provisions.json ${link.consultation}`;
    const consultationId = consultations.get(link.consultation);
    if (!consultationId) throw new SeedReferenceError(`${context}: consultation is not in the database`);
    for (const ref of link.provisions) {
      const provision = resolveRef(index, ref, context, ctx.log);
      if (provision) consultationProvisions.push({ consultationId, provisionId: provision.id });
    }
  }
  await syncTable(ctx, CONSULTATION_PROVISION_TABLE, consultationProvisions);
}
