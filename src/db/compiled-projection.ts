// A page of rows read as JSON text that PostgreSQL builds to a shape given by the caller: for
// each row, an object with the caller's keys in the caller's order, each a constant text, a
// column written as the caller's answer writes it, or a related row (or ordered list of rows)
// projected the same way. The caller sends the text on as it is: nothing is parsed into objects
// and written out again.
//
// Why: answering a nested page through objects costs the process several times what the
// database spends building it (parsing the statement's JSON, restoring Prisma's types,
// completing every field of every row, writing it all back to JSON). The page, its filters and
// its relations' filters and order are the compiled reads' (compiled-read.ts), so a projected
// page holds exactly the rows a compiled read of the same arguments returns.
import { LRUCache } from 'lru-cache';
import { compilePage, relationSql, type FindManyArgs, type PageStatement } from './compiled-read.js';
import { fieldOf, NotCompilableError, quoteIdentifier, type StatementParts } from './compiled-where.js';
import type { SqlReader } from './database.js';

/**
 * How a column is written: as PostgreSQL's JSON writes it (`plain`: text, numbers, booleans,
 * enums and their arrays), as a double (`float`: numerics read as JavaScript numbers), or as
 * the ISO texts of a calendar day (`day`, "2024-06-30") or of a UTC instant (`instant`,
 * "2024-06-30T12:00:00.000Z"), or as the Relay global id of a record of type `globalIdOf` (the
 * base64 of "Type:id", as @pothos/plugin-relay encodes it).
 */
export type ColumnFormat = 'plain' | 'float' | 'day' | 'instant' | { globalIdOf: string };

export type ProjectedValue =
  | { kind: 'text'; value: string }
  | { kind: 'column'; column: string; format: ColumnFormat }
  | { kind: 'relation'; relation: string; args: Readonly<Record<string, unknown>>; projection: Projection };

export interface Projection {
  model: string;
  entries: ReadonlyArray<readonly [key: string, value: ProjectedValue]>;
}

export interface ProjectedRow {
  /** The row's values of the key columns asked for, as the driver reads them. */
  keys: Record<string, unknown>;
  /** The row's object as JSON text. */
  text: string;
}

const MAX_ENTRIES = 50; // json_build_object takes at most 100 arguments
const KEY_COLUMN_TYPES = new Set(['String', 'Int', 'Boolean']);

/** invalid_text_representation: what the statement raises on a non-finite float (see columnSql). */
const NON_FINITE = '22P02';

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

function columnSql(model: string, alias: string, column: string, format: ColumnFormat): string {
  const field = fieldOf(model, column);
  if (field.kind === 'object') throw new NotCompilableError(`${model}.${column} is a relation`);
  const sql = `${alias}.${quoteIdentifier(column)}`;
  const scalar = (type: string) => field.type === type && !field.isList;
  if (typeof format === 'object') {
    if (field.isList || !['String', 'Int'].includes(field.type))
      throw new NotCompilableError(`${model}.${column} as id`);
    // PostgreSQL's base64 breaks lines every 76 characters; Node's does not.
    return `translate(encode(convert_to(${literal(`${format.globalIdOf}:`)} || ${sql}::text, 'UTF8'), 'base64'), E'\\n', '')`;
  }
  switch (format) {
    case 'plain':
      if (['Decimal', 'DateTime', 'BigInt', 'Bytes', 'Json', 'Float'].includes(field.type)) {
        throw new NotCompilableError(`${model}.${column} written plain`);
      }
      return sql;
    case 'float':
      if (!scalar('Decimal') && !scalar('Float') && !scalar('Int'))
        throw new NotCompilableError(`${model}.${column} as float`);
      // NaN and the infinities have no JSON number (PostgreSQL would write strings): the
      // statement fails on them with NON_FINITE and the caller answers another way.
      return `CASE WHEN ${sql}::float8 IN ('NaN', 'Infinity', '-Infinity') THEN ('non-finite ' || ${sql}::text)::float8 ELSE ${sql}::float8 END`;
    case 'day':
      if (!scalar('DateTime')) throw new NotCompilableError(`${model}.${column} as day`);
      return `to_char(${sql}, 'YYYY-MM-DD')`;
    case 'instant':
      if (!scalar('DateTime')) throw new NotCompilableError(`${model}.${column} as instant`);
      return `to_char(${sql}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }
}

function projectionSql(
  parts: StatementParts,
  projection: Projection,
  alias: string,
  joined?: ReadonlyMap<string, string>,
): string {
  const { model, entries } = projection;
  if (entries.length === 0 || entries.length > MAX_ENTRIES) {
    throw new NotCompilableError(`${entries.length} entries of ${model}`);
  }
  const pairs = entries.map(([key, value]) => {
    const sql = (() => {
      switch (value.kind) {
        case 'text':
          return `${literal(value.value)}::text`;
        case 'column':
          return columnSql(model, alias, value.column, value.format);
        case 'relation': {
          const field = fieldOf(model, value.relation);
          return relationSql(parts, model, alias, field, value.args, joined, (target, child, childJoined) => {
            if (target !== value.projection.model) throw new NotCompilableError(`${model}.${value.relation}`);
            return projectionSql(parts, value.projection, child, childJoined);
          });
        }
      }
    })();
    return `${literal(key)}, ${sql}`;
  });
  return `json_build_object(${pairs.join(', ')})`;
}

/** The statement reading `page` as `projection`, or undefined when it is not translated. */
function compileStatement(
  projection: Projection,
  page: FindManyArgs,
  keyColumns: readonly string[],
): PageStatement | undefined {
  try {
    return compilePage(projection.model, page, (parts, alias, joined) => {
      const keys = keyColumns.map((column, index) => {
        const field = fieldOf(projection.model, column);
        if (!KEY_COLUMN_TYPES.has(field.type) || field.isList || !field.isRequired) {
          throw new NotCompilableError(`key column ${column}`);
        }
        return `${alias}.${quoteIdentifier(column)} AS "k${index}"`;
      });
      return [...keys, `${projectionSql(parts, projection, alias, joined)}::text AS "text"`].join(', ');
    });
  } catch (error) {
    if (error instanceof NotCompilableError) return undefined;
    throw error;
  }
}

/**
 * A key saying exactly which page arguments `value` holds (plain objects, arrays, texts,
 * numbers, booleans, null and dates), or undefined for anything else (such arguments are
 * compiled every time).
 */
function argumentsKey(value: unknown): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return JSON.stringify(value);
  }
  if (value === undefined) return 'u';
  if (value instanceof Date) return `d${value.getTime()}`;
  const items: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const key = argumentsKey(item);
      if (key === undefined) return undefined;
      items.push(key);
    }
    return `[${items.join(',')}]`;
  }
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  for (const [name, item] of Object.entries(value)) {
    const key = argumentsKey(item);
    if (key === undefined) return undefined;
    items.push(`${JSON.stringify(name)}:${key}`);
  }
  return `{${items.join(',')}}`;
}

/**
 * Statements compiled, by projection and page arguments (a repeated request reads the same page
 * with the same projection). `null`: not translated.
 */
const statements = new WeakMap<Projection, LRUCache<string, { statement: PageStatement | null }>>();
const STATEMENTS_PER_PROJECTION = 8;

function knownStatement(
  projection: Projection,
  page: FindManyArgs,
  keyColumns: readonly string[],
): PageStatement | undefined {
  let key: string | undefined;
  try {
    key = argumentsKey([page, keyColumns]);
  } catch {
    // Nested too deep to walk (a RangeError): compiled, or refused, on its own.
    key = undefined;
  }
  if (key === undefined) return compileStatement(projection, page, keyColumns);
  let known = statements.get(projection);
  if (!known) statements.set(projection, (known = new LRUCache({ max: STATEMENTS_PER_PROJECTION })));
  let entry = known.get(key);
  if (!entry) known.set(key, (entry = { statement: compileStatement(projection, page, keyColumns) ?? null }));
  return entry.statement ?? undefined;
}

/**
 * The page of `projection.model` that `args` describe (where, orderBy, cursor, take, skip), each
 * row as the JSON text of `projection` with the values of `keyColumns` beside it; undefined
 * when the arguments or the projection ask for anything not translated (the caller then
 * answers another way). A nullable column written into a key the caller requires is the
 * caller's to rule out.
 */
export async function readProjectedPage(
  read: SqlReader,
  args: FindManyArgs,
  projection: Projection,
  keyColumns: readonly string[],
): Promise<ProjectedRow[] | undefined> {
  const { select: _select, include: _include, ...page } = args;
  const statement = knownStatement(projection, page, keyColumns);
  if (!statement) return undefined;
  let rows: Array<Record<string, unknown> & { text: string }>;
  try {
    rows = await read(statement.sql, statement.params);
  } catch (error) {
    if ((error as { code?: unknown }).code === NON_FINITE) return undefined;
    throw error;
  }
  const projected = rows.map((row) => ({
    keys: Object.fromEntries(keyColumns.map((column, index) => [column, row[`k${index}`]])),
    text: row.text,
  }));
  return statement.backward ? projected.reverse() : projected;
}
