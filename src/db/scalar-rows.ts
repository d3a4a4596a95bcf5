// Reads chosen scalar fields of rows of several tables in one statement, shaped exactly as
// Prisma's findMany would return them (Date for DateTime, parsed JSON, arrays, enums as
// strings). For hot read paths that would otherwise send one Prisma statement per table: the
// search page reads up to five tables per request, and Prisma costs about 0.5 ms of CPU per
// statement on top of the database's own work.
//
// Only plain scalar selections qualify (`isPlainScalarSelect`); a relation, a count or a field
// of a type whose JSON form would lose precision (Decimal, BigInt, Float, Bytes) is left to
// Prisma. test/integration/scalar-rows.test.ts compares every field of every model read here
// with Prisma's own rows, on PGlite and on PostgreSQL.
import { getDatamodel } from '../generated/pothos-prisma-types.js';
import type { SqlReader } from './database.js';

type FieldKind = 'text' | 'int' | 'boolean' | 'dateTime' | 'json';

interface ScalarField {
  kind: FieldKind;
  isList: boolean;
}

/** Prisma scalar types whose JSON form (jsonb_build_object) converts back without loss. */
const KIND_OF_TYPE: Readonly<Record<string, FieldKind>> = {
  String: 'text',
  Int: 'int',
  Boolean: 'boolean',
  DateTime: 'dateTime',
  Json: 'json',
};

const fieldsByModel = new Map<string, ReadonlyMap<string, ScalarField>>();

function scalarFieldsOf(model: string): ReadonlyMap<string, ScalarField> {
  let fields = fieldsByModel.get(model);
  if (!fields) {
    const definition = getDatamodel().datamodel.models[model];
    if (!definition) throw new Error(`scalar-rows: unknown model ${model}`);
    const map = new Map<string, ScalarField>();
    for (const field of definition.fields) {
      const kind = field.kind === 'enum' ? 'text' : field.kind === 'scalar' ? KIND_OF_TYPE[field.type] : undefined;
      if (kind) map.set(field.name, { kind, isList: field.isList });
    }
    fields = map;
    fieldsByModel.set(model, fields);
  }
  return fields;
}

/** True when `select` asks only for scalar fields this module can read (each set to `true`). */
export function isPlainScalarSelect(model: string, select: Readonly<Record<string, unknown>>): boolean {
  const fields = scalarFieldsOf(model);
  const names = Object.keys(select);
  return names.length > 0 && names.every((name) => select[name] === true && fields.has(name));
}

export interface ScalarRowsRequest {
  /** Prisma model name (the table has the same name: the schema maps no names). */
  model: string;
  /** Primary keys (`id`) of the rows wanted. */
  ids: readonly string[];
  /** Fields to read; must pass `isPlainScalarSelect`. */
  fields: readonly string[];
}

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * PostgreSQL's JSON form of a timestamp(3) or date has no zone ("2026-11-29T02:49:53.12",
 * "2025-01-01"); Prisma reads both as UTC, and so does this.
 */
function toDate(value: string): Date {
  const iso = value.length === 10 ? `${value}T00:00:00Z` : /(?:Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
  return new Date(iso);
}

function fromJson(field: ScalarField, value: unknown): unknown {
  if (value === null || field.kind !== 'dateTime') return value;
  return field.isList ? (value as string[]).map(toDate) : toDate(value as string);
}

/**
 * One statement (a UNION ALL of one branch per request) returning, per request, the rows found,
 * in no particular order. Ids not found are simply missing.
 */
export async function readScalarRows(
  read: SqlReader,
  requests: readonly ScalarRowsRequest[],
): Promise<Array<Array<Record<string, unknown>>>> {
  const results: Array<Array<Record<string, unknown>>> = requests.map(() => []);
  const active = requests.map((request, index) => ({ request, index })).filter(({ request }) => request.ids.length > 0);
  if (active.length === 0) return results;
  const params: unknown[] = [];
  const branches = active.map(({ request, index }) => {
    const fields = scalarFieldsOf(request.model);
    for (const name of request.fields) {
      if (!fields.has(name)) throw new Error(`scalar-rows: ${request.model}.${name} is not a readable scalar field`);
    }
    params.push([...request.ids]);
    const object = request.fields.map((name) => `'${name}', ${quoteIdentifier(name)}`).join(', ');
    return `SELECT ${index}::int AS "request", jsonb_build_object(${object}) AS "row" FROM ${quoteIdentifier(request.model)} WHERE "id" = ANY($${params.length}::text[])`;
  });
  const rows = await read<{ request: number; row: Record<string, unknown> }>(branches.join('\nUNION ALL\n'), params);
  for (const { request: index, row } of rows) {
    const request = requests[index];
    const target = results[index];
    if (!request || !target) throw new Error(`scalar-rows: a row came back for request ${index}, which was not asked`);
    const fields = scalarFieldsOf(request.model);
    const record: Record<string, unknown> = {};
    for (const name of request.fields) record[name] = fromJson(fields.get(name) as ScalarField, row[name]);
    target.push(record);
  }
  return results;
}
