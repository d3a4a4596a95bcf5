// The seed loader: loads seed/ (real public data + our editorial metadata) into the database.
// Each dataset runs in one interactive transaction, so a failure leaves the database as it
// was; each records a checksum of its inputs in SeedDataset, so an unchanged dataset is
// skipped (a warm start costs a few file hashes and one query). A changed dataset is
// compared row by row: new rows are inserted, changed rows updated and audited, nothing is
// deleted (encoded thresholds the files no longer hold are marked retired, and audited). Row
// ids derive from natural keys, so every database gets the same ids.
import { outboxRowsFor, type WrittenRecord } from '../../search/outbox-rows.js';
import { resolve } from 'node:path';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { loadConsultations } from './load-consultations.js';
import { loadControlEntries } from './load-control-entries.js';
import { loadExemptions } from './load-exemptions.js';
import { loadGuidance } from './load-guidance.js';
import { loadImpactMetrics } from './load-impact-metrics.js';
import { loadJurisdictionsAndLists } from './load-jurisdictions-and-lists.js';
import { loadLinks } from './load-links.js';
import { ENCODINGS_SEED_DIR, loadThresholdEncodings } from './load-threshold-encodings.js';
import { loadUsCcl } from './load-us-ccl.js';
import { SeedFiles, type SeedFileName } from './read-seed-files.js';
import type { LoaderContext } from './seed-context.js';
import { sha256Hex } from './stable-id.js';
import { IdMap, type AuditRecord, type SeedHooks, type SeedLog, type TableCounts } from './sync-rows.js';

export type { SeedHooks, SeedLog, TableCounts } from './sync-rows.js';

/** Bump when the loader starts producing different rows from the same files: every dataset is then re-compared. */
export const SEED_LOADER_VERSION = 'seed-loader/2';

/** The seed directory of this checkout, resolved from this file (not the working directory). */
export const DEFAULT_SEED_DIR = resolve(import.meta.dirname, '../../../seed');

/** Advisory lock taken inside every dataset transaction: concurrent starters seed one at a time. */
const SEED_LOCK_ID = 7_270_736_902;

interface DatasetDefinition {
  name: string;
  files: readonly SeedFileName[];
  /** Seed sub-directories whose top-level *.json files are inputs too (see SeedFiles.directoryChecksum). */
  directories?: readonly string[];
  dependsOn: readonly string[];
  load(ctx: LoaderContext): Promise<void>;
}

/** In load order; a dataset's checksum includes those of the datasets it depends on. */
export const SEED_DATASETS: readonly DatasetDefinition[] = [
  { name: 'reference', files: ['jurisdictions', 'controlLists', 'controlEntries'], dependsOn: [], load: loadJurisdictionsAndLists },
  { name: 'us-ccl', files: ['ccl', 'controlEntries', 'controlLists', 'cclEntryFixes'], dependsOn: ['reference'], load: loadUsCcl },
  { name: 'control-entries', files: ['controlEntries', 'controlLists'], dependsOn: ['reference', 'us-ccl'], load: loadControlEntries },
  {
    name: 'threshold-encodings',
    files: [],
    directories: [ENCODINGS_SEED_DIR],
    dependsOn: ['us-ccl', 'control-entries'],
    load: loadThresholdEncodings,
  },
  { name: 'exemptions', files: ['exemptions', 'exemptionsEditorial'], dependsOn: ['reference'], load: loadExemptions },
  { name: 'consultations', files: ['consultations'], dependsOn: ['reference'], load: loadConsultations },
  { name: 'impact', files: ['impactMetrics', 'impactSources'], dependsOn: ['reference'], load: loadImpactMetrics },
  { name: 'guidance', files: ['guidance', 'guidanceEditorial'], dependsOn: ['reference'], load: loadGuidance },
  {
    name: 'links',
    files: ['correlations', 'controlEntries', 'exemptionsEditorial', 'guidanceEditorial', 'consultationProvisions'],
    dependsOn: ['us-ccl', 'control-entries', 'exemptions', 'consultations', 'guidance'],
    load: loadLinks,
  },
];

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
    for (const file of dataset.files) parts.push(`${file}=${await files.checksum(file)}`);
    for (const dir of dataset.directories ?? []) parts.push(`${dir}/=${await files.directoryChecksum(dir)}`);
    for (const dependency of dataset.dependsOn) {
      const upstream = checksums.get(dependency);
      if (!upstream) throw new Error(`seed dataset ${dataset.name} depends on ${dependency}, which is not defined before it`);
      parts.push(`${dependency}=${upstream}`);
    }
    checksums.set(dataset.name, sha256Hex(parts.join('\n')));
  }
  return checksums;
}

export async function tableCounts(prisma: PrismaClient): Promise<Record<string, number>> {
  return {
    Jurisdiction: await prisma.jurisdiction.count(),
    ControlList: await prisma.controlList.count(),
    ControlProvision: await prisma.controlProvision.count(),
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
  const stored = new Map((await prisma.seedDataset.findMany({ select: { name: true, checksum: true } })).map((row) => [row.name, row.checksum]));

  const datasets: DatasetReport[] = [];
  for (const dataset of SEED_DATASETS) {
    const checksum = checksums.get(dataset.name) ?? '';
    const datasetStarted = performance.now();
    if (stored.get(dataset.name) === checksum) {
      datasets.push({ name: dataset.name, status: 'skipped', checksum, ms: 0, tables: {} });
      continue;
    }
    const report = await prisma.$transaction(async (tx): Promise<DatasetReport> => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_ID})`);
      // Another process may have loaded it while we waited for the lock.
      const current = await tx.seedDataset.findUnique({ where: { name: dataset.name }, select: { checksum: true } });
      if (current?.checksum === checksum) return { name: dataset.name, status: 'skipped', checksum, ms: 0, tables: {} };

      const audits: AuditRecord[] = [];
      const written: WrittenRecord[] = [];
      const ctx: LoaderContext = { tx, files, dataset: dataset.name, ids: new IdMap(), audits, counts: {}, log, hooks: options.hooks, written };
      await dataset.load(ctx);
      // In the same transaction as the rows: the search index can never miss a seeded change.
      const outbox = outboxRowsFor(written);
      for (let start = 0; start < outbox.length; start += 1000) {
        await tx.searchOutbox.createMany({ data: outbox.slice(start, start + 1000) });
      }
      if (audits.length > 0) {
        await tx.auditEvent.createMany({
          data: audits.map((audit) => ({
            actor: 'seed',
            action: audit.action ?? 'seed.update',
            entityType: audit.entityType,
            entityId: audit.entityId,
            detail: audit.detail,
          })),
        });
      }
      await tx.seedDataset.upsert({
        where: { name: dataset.name },
        create: { name: dataset.name, checksum, counts: ctx.counts },
        update: { checksum, counts: ctx.counts, loadedAt: new Date() },
      });
      return { name: dataset.name, status: 'loaded', checksum, ms: 0, tables: ctx.counts };
    }, TRANSACTION_OPTIONS);
    report.ms = Math.round(performance.now() - datasetStarted);
    if (report.status === 'loaded') log('seed dataset loaded', { dataset: report.name, ms: report.ms, tables: report.tables });
    datasets.push(report);
  }

  const counts = await tableCounts(prisma);
  return { seedDir, datasets, counts, ms: Math.round(performance.now() - started) };
}
