// CSV seed files (gzipped when their name ends in .gz), parsed with csv-parse: every row an
// object keyed by the header, values as the text the file holds (no casting: an importer
// decides what a column means), checked against the file's zod row schema so a malformed row
// fails with its line and field named before anything touches the database. The file's
// checksum is the one SeedFiles computes from the same bytes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { SeedFileError, type SeedFile, type SeedFiles } from './seed-files.js';

const gunzipAsync = promisify(gunzip);

/** A CSV input: its schema checks one row (header name -> text). */
export type SeedCsvFile<Row extends z.ZodType> = SeedFile<Row>;

export async function readSeedCsv<Row extends z.ZodType>(
  files: SeedFiles,
  file: SeedCsvFile<Row>,
): Promise<Array<z.output<Row>>> {
  const path = join(files.seedDir, file.path);
  let text: string;
  try {
    const bytes = await readFile(path);
    text = (file.path.endsWith('.gz') ? await gunzipAsync(bytes) : bytes).toString('utf8');
  } catch (error) {
    throw new SeedFileError(`Cannot read seed file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Arrays, not objects keyed by csv-parse: about a third faster on large files; a row with
  // more or fewer fields than the header is refused by the parser itself.
  let records: string[][];
  try {
    records = parse(text, { bom: true, columns: false, skip_empty_lines: false });
  } catch (error) {
    throw new SeedFileError(`${file.path} is not valid CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...lines] = records;
  if (!header || new Set(header).size !== header.length) {
    throw new SeedFileError(`${file.path} has no header line, or a column named twice`);
  }
  const rows: Array<z.output<Row>> = [];
  for (const [index, values] of lines.entries()) {
    const record: Record<string, string> = {};
    for (const [column, name] of header.entries()) record[name] = values[column] ?? '';
    const result = file.schema.safeParse(record);
    if (!result.success) {
      const issues = result.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`)
        .join('; ');
      // Line numbers of the file: the header is line 1.
      throw new SeedFileError(`${file.path} line ${index + 2} does not have the expected shape: ${issues}`);
    }
    rows.push(result.data);
  }
  return rows;
}
