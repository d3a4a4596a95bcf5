// Runs the importers. Each dataset runs in one interactive transaction that also records its
// checksum (SeedDataset), so "checksum says loaded" and the rows commit together or not at
// all. An unchanged dataset is skipped (a warm start costs a few file hashes and two queries
// before the final row counts) unless tables it writes are short of the rows it recorded: then
// it is reloaded. A changed dataset is compared row by row (syncTable); nothing is deleted.
import { resolve } from 'node:path';
import type { PrismaClient } from '../generated/prisma/client.js';
import { outboxRowsFor, type WrittenRecord } from '../search/outbox-rows.js';
import { SEED_DATASETS } from './datasets.js';
import type { ImportContext } from './importer.js';
import { expectedRows, recordedRows, tablesShortOfRows } from './missing-rows.js';
import { SeedFiles } from './seed-files.js';
import { sha256Hex } from './stable-id.js';
import { IdMap, type SeedHooks, type SeedLog, type TableCounts } from './sync-context.js';

/**
 * A provision's notes are part of its search document: a written note re-indexes its provision
 * (each provision once, whether or not the provision itself was written too).
 */
async function provisionsOfWrittenNotes(
  tx: Pick<PrismaClient, 'provisionNote'>,
  written: readonly WrittenRecord[],
): Promise<WrittenRecord[]> {
  const noteIds = written.filter((record) => record.table === 'ProvisionNote').map((record) => record.id);
  if (noteIds.length === 0) return [];
  const alreadyWritten = new Set(written.filter((r) => r.table === 'ControlProvision').map((r) => r.id));
  const owners = await tx.provisionNote.findMany({
    where: { id: { in: noteIds } },
    select: { provisionId: true },
    distinct: ['provisionId'],
  });
  return owners
    .filter((owner) => !alreadyWritten.has(owner.provisionId))
    .map((owner) => ({ table: 'ControlProvision', id: owner.provisionId }));
}

/** Bump when the importers start producing different rows from the same files: every dataset is then re-compared. */
export const SEED_LOADER_VERSION = 'seed-loader/2';

/** The seed directory of this checkout, resolved from this file (not the working directory). */
export const DEFAULT_SEED_DIR = resolve(import.meta.dirname, '../../seed');

/** Advisory lock taken inside every dataset transaction: concurrent starters seed one at a time. */
const SEED_LOCK_ID = 7_270_736_902;

export interface DatasetReport {
  name: string;
  status: 'loaded' | 'skipped';
  checksum: string;
  ms: number;
  /** Per table: rows in the seed, created, updated, unchanged (empty when skipped). */
  tables: Record<string, TableCounts>;
}

export interface SeedReport {
  seedDir: string;
  datasets: DatasetReport[];
  /** Rows per table after seeding. */
  counts: Record<string, number>;
  ms: number;
}

export interface SeedOptions {
  seedDir?: string;
  log?: SeedLog;
  /** Test hooks (failure injection inside a dataset's transaction). */
  hooks?: SeedHooks;
}

export const TRANSACTION_OPTIONS = { timeout: 120_000, maxWait: 30_000 } as const;

async function datasetChecksums(files: SeedFiles): Promise<Map<string, string>> {
  const checksums = new Map<string, string>();
  for (const dataset of SEED_DATASETS) {
    const parts = [SEED_LOADER_VERSION, dataset.name];
    for (const file of dataset.files) parts.push(`${file.name}=${await files.checksum(file)}`);
    for (const dir of dataset.directories ?? []) parts.push(`${dir}/=${await files.directoryChecksum(dir)}`);
    for (const dependency of dataset.dependsOn) {
      const upstream = checksums.get(dependency);
      if (!upstream) {
        throw new Error(`seed dataset ${dataset.name} depends on ${dependency}, which is not defined before it`);
      }
      parts.push(`${dependency}=${upstream}`);
    }
    checksums.set(dataset.name, sha256Hex(parts.join('\n')));
  }
  return checksums;
}

/**
 * Datasets to load again although their checksum matches: those writing a table that holds
 * fewer rows than the datasets recorded (see missing-rows.ts), with those tables.
 */
async function datasetsMissingRows(
  prisma: PrismaClient,
  recorded: ReadonlyMap<string, ReadonlyMap<string, number>>,
): Promise<Map<string, string[]>> {
  const short = await tablesShortOfRows(prisma, expectedRows(recorded.values()));
  const reload = new Map<string, string[]>();
  for (const [dataset, tables] of recorded) {
    const missing = short.filter((table) => tables.has(table));
    if (missing.length > 0) reload.set(dataset, missing);
  }
  return reload;
}

export async function tableCounts(prisma: PrismaClient): Promise<Record<string, number>> {
  return {
    Jurisdiction: await prisma.jurisdiction.count(),
    ControlList: await prisma.controlList.count(),
    ControlProvision: await prisma.controlProvision.count(),
    ProvisionNote: await prisma.provisionNote.count(),
    ListText: await prisma.listText.count(),
    AmendingAct: await prisma.amendingAct.count(),
    ProvisionAmendment: await prisma.provisionAmendment.count(),
    ThresholdGroup: await prisma.thresholdGroup.count(),
    Threshold: await prisma.threshold.count(),
    Correlation: await prisma.correlation.count(),
    Exemption: await prisma.exemption.count(),
    ExemptionCondition: await prisma.exemptionCondition.count(),
    ExemptionProvision: await prisma.exemptionProvision.count(),
    StakeholderConsultation: await prisma.stakeholderConsultation.count(),
    ConsultationOutcome: await prisma.consultationOutcome.count(),
    ConsultationProvision: await prisma.consultationProvision.count(),
    Stakeholder: await prisma.stakeholder.count(),
    Submission: await prisma.submission.count(),
    ImpactAssessment: await prisma.impactAssessment.count(),
    AssessmentProvision: await prisma.assessmentProvision.count(),
    ImpactMetric: await prisma.impactMetric.count(),
    GuidanceDocument: await prisma.guidanceDocument.count(),
    GuidanceProvision: await prisma.guidanceProvision.count(),
    GuidanceExemption: await prisma.guidanceExemption.count(),
    LicensingDecision: await prisma.licensingDecision.count(),
    Citation: await prisma.citation.count(),
    AuditEvent: await prisma.auditEvent.count(),
    SeedDataset: await prisma.seedDataset.count(),
    SearchOutbox: await prisma.searchOutbox.count(),
  };
}

export async function seedDatabase(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const log: SeedLog = options.log ?? (() => undefined);
  const seedDir = options.seedDir ?? DEFAULT_SEED_DIR;
  const files = new SeedFiles(seedDir);
  const checksums = await datasetChecksums(files);
  const stored = new Map(
    (await prisma.seedDataset.findMany({ select: { name: true, checksum: true, counts: true } })).map((row) => [
      row.name,
      row,
    ]),
  );
  const recorded = new Map<string, Map<string, number>>();
  for (const dataset of SEED_DATASETS) {
    const row = stored.get(dataset.name);
    if (row) recorded.set(dataset.name, recordedRows(row.counts));
  }
  const missingRows = await datasetsMissingRows(prisma, recorded);

  const datasets: DatasetReport[] = [];
  for (const dataset of SEED_DATASETS) {
    const checksum = checksums.get(dataset.name) ?? '';
    const datasetStarted = performance.now();
    const missing = missingRows.get(dataset.name);
    if (stored.get(dataset.name)?.checksum === checksum && !missing) {
      datasets.push({ name: dataset.name, status: 'skipped', checksum, ms: 0, tables: {} });
      continue;
    }
    if (missing) log('seed dataset reloaded: tables it writes are short of rows', { dataset: dataset.name, missing });
    const report = await prisma.$transaction(async (tx): Promise<DatasetReport> => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_ID})`);
      // Another process may have loaded it while we waited for the lock.
      const current = await tx.seedDataset.findUnique({ where: { name: dataset.name }, select: { checksum: true } });
      if (current?.checksum === checksum && !missing) {
        return { name: dataset.name, status: 'skipped', checksum, ms: 0, tables: {} };
      }

      const ctx: ImportContext = {
        tx,
        files,
        dataset: dataset.name,
        ids: new IdMap(),
        audits: [],
        counts: {},
        log,
        hooks: options.hooks,
        written: [],
      };
      await dataset.load(ctx);
      // In the same transaction as the rows: the search index can never miss a seeded change.
      const outbox = outboxRowsFor([...ctx.written, ...(await provisionsOfWrittenNotes(tx, ctx.written))]);
      for (let start = 0; start < outbox.length; start += 1000) {
        await tx.searchOutbox.createMany({ data: outbox.slice(start, start + 1000) });
      }
      if (ctx.audits.length > 0) {
        await tx.auditEvent.createMany({
          data: ctx.audits.map((audit) => ({
            actor: 'seed',
            action: audit.action ?? 'seed.update',
            entityType: audit.entityType,
            entityId: audit.entityId,
            detail: audit.detail,
          })),
        });
      }
      // Last, in the same transaction: the checksum is never recorded without the rows.
      await tx.seedDataset.upsert({
        where: { name: dataset.name },
        create: { name: dataset.name, checksum, counts: ctx.counts },
        update: { checksum, counts: ctx.counts, loadedAt: new Date() },
      });
      return { name: dataset.name, status: 'loaded', checksum, ms: 0, tables: ctx.counts };
    }, TRANSACTION_OPTIONS);
    report.ms = Math.round(performance.now() - datasetStarted);
    if (report.status === 'loaded') {
      log('seed dataset loaded', { dataset: report.name, ms: report.ms, tables: report.tables });
    }
    datasets.push(report);
  }

  const counts = await tableCounts(prisma);
  return { seedDir, datasets, counts, ms: Math.round(performance.now() - started) };
}
