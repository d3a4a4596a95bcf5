// The seed directory's files (seed/data: real public data, seed/editorial: our metadata). Each
// importer declares the files it reads with their zod schema, so a malformed file fails with
// the file and field named before anything touches the database. Loose objects keep fields we
// have no column for: the importers store them whole in `extra`, so nothing in a record is lost.
// A JSON file whose name ends in .gz is read gunzipped; its checksum is that of the stored bytes.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { z } from 'zod';
import { sha256Hex } from './stable-id.js';

const gunzipAsync = promisify(gunzip);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One input file of a dataset. */
export interface SeedFile<Schema extends z.ZodType = z.ZodType> {
  /** The file's name in the dataset checksums (renaming it makes every dataset that reads it re-compare). */
  name: string;
  /** Path below the seed directory. */
  path: string;
  schema: Schema;
}

export function seedFile<Schema extends z.ZodType>(name: string, path: string, schema: Schema): SeedFile<Schema> {
  return { name, path, schema };
}

export class SeedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedFileError';
  }
}

/**
 * The seed directory's files, read once: raw bytes for checksums (cheap, needed on every
 * start) and validated content on demand (only when a dataset has to be loaded).
 */
export class SeedFiles {
  private readonly bytes = new Map<string, Buffer>();
  private readonly parsed = new Map<string, unknown>();

  constructor(readonly seedDir: string) {}

  private async raw(file: SeedFile): Promise<Buffer> {
    let bytes = this.bytes.get(file.path);
    if (!bytes) {
      const path = join(this.seedDir, file.path);
      try {
        bytes = await readFile(path);
      } catch (error) {
        throw new SeedFileError(
          `Cannot read seed file ${path}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      this.bytes.set(file.path, bytes);
    }
    return bytes;
  }

  async checksum(file: SeedFile): Promise<string> {
    return sha256Hex(await this.raw(file));
  }

  /**
   * Checksum of the `*.json` files directly in a seed sub-directory (e.g. "encodings"; not
   * its sub-directories): names and contents, in name order, so adding, removing, renaming
   * or editing a file changes it.
   */
  async directoryChecksum(relativeDir: string): Promise<string> {
    const dir = join(this.seedDir, relativeDir);
    let names: string[];
    try {
      names = (await readdir(dir, { withFileTypes: true }))
        .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
        .map((entry) => entry.name)
        .sort();
    } catch (error) {
      throw new SeedFileError(
        `Cannot read seed directory ${dir}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const parts: string[] = [];
    for (const name of names) parts.push(`${name}=${sha256Hex(await readFile(join(dir, name)))}`);
    return sha256Hex(parts.join('\n'));
  }

  async get<Schema extends z.ZodType>(file: SeedFile<Schema>): Promise<z.output<Schema>> {
    if (!this.parsed.has(file.path)) {
      let json: unknown;
      try {
        const bytes = await this.raw(file);
        json = JSON.parse((file.path.endsWith('.gz') ? await gunzipAsync(bytes) : bytes).toString('utf8'));
      } catch (error) {
        if (error instanceof SeedFileError) throw error;
        throw new SeedFileError(
          `${file.path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const result = file.schema.safeParse(json);
      if (!result.success) {
        const issues = result.error.issues
          .slice(0, 10)
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; ');
        throw new SeedFileError(`${file.path} does not have the expected shape: ${issues}`);
      }
      this.parsed.set(file.path, result.data);
    }
    return this.parsed.get(file.path) as z.output<Schema>;
  }
}

const jsonSchema = z.json();

/** A loose record's remaining fields as JSON (throws if a value is not JSON, which cannot happen for parsed files). */
export function toJsonValue(value: unknown): JsonValue {
  return jsonSchema.parse(value) as JsonValue;
}

/** The fields of `record` not in `mapped`, as a JSON object; null when there are none. */
export function remainingFields(
  record: Record<string, unknown>,
  mapped: readonly string[],
): { [key: string]: JsonValue } | null {
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(record)) {
    if (mapped.includes(key) || value === undefined) continue;
    out[key] = toJsonValue(value);
  }
  return Object.keys(out).length > 0 ? out : null;
}
