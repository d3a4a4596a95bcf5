// What an importer (one per source dataset) declares, and what its load function gets.
import type { SeedFile, SeedFiles } from './seed-files.js';
import type { SyncContext } from './sync-context.js';

export interface ImportContext extends SyncContext {
  files: SeedFiles;
}

export interface Importer {
  /** The dataset's name in SeedDataset and in the report. */
  name: string;
  /** Input files: their bytes make the dataset's checksum, so a changed file re-compares the dataset. */
  files: readonly SeedFile[];
  /** Seed sub-directories whose top-level *.json files are inputs too (see SeedFiles.directoryChecksum). */
  directories?: readonly string[];
  /** Datasets whose rows this one reads; their checksums are part of its own, so it re-compares after them. */
  dependsOn: readonly string[];
  /** Builds the rows and syncs them (syncTable), inside the dataset's transaction. */
  load(ctx: ImportContext): Promise<void>;
}
