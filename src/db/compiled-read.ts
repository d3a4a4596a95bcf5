// A Prisma findMany (select or include tree, where, orderBy, cursor, take, skip) read in one SQL
// statement: each row built by json_build_object, its to-one relations as nested objects and
// its lists as ordered json_agg subqueries. Returns the rows shaped exactly as Prisma returns
// them (Date for DateTime, Decimal for Decimal, parsed JSON, arrays, enums as strings), or
// undefined when the arguments ask for anything outside what is translated here (counts,
// distinct, many-to-many relations, list filters...), so the caller reads through Prisma.
//
// Why: Prisma spends about as much CPU mapping a nested page as PostgreSQL spends reading it.
// Every object returned is marked (isCompiledRow), so the GraphQL layer can read its relations
// straight from it. test/integration/compiled-read.test.ts compares the rows with Prisma's,
// field by field, on PGlite and on PostgreSQL.
import { Prisma } from '../generated/prisma/client.js';
import {
  compileOrder,
  compileWhere,
  fieldOf,
  fieldsOf,
  NotCompilableError,
  orderByClause,
  quoteIdentifier,
  relationLink,
  StatementParts,
  type ModelField,
} from './compiled-where.js';
import type { SqlReader } from './database.js';

export { NotCompilableError } from './compiled-where.js';

const COMPILED = Symbol('compiledRow');

/** True for an object a compiled read returned (a row or one of its related rows). */
export function isCompiledRow(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { [COMPILED]?: true })[COMPILED] === true;
}

type Convert = (value: unknown) => unknown;

/** How to turn one JSON object back into Prisma's row. */
interface RowShape {
  converted: Array<[string, Convert]>;
  relations: Array<[string, RowShape, boolean]>;
}

/** PostgreSQL's JSON form of a timestamp(3) or date has no zone; Prisma reads both as UTC. */
function toDate(value: string): Date {
  const iso = value.length === 10 ? `${value}T00:00:00Z` : /(?:Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
  return new Date(iso);
}

const nullOr =
  (convert: Convert): Convert =>
  (value) =>
    value === null ? null : convert(value);

const listOf =
  (convert: Convert): Convert =>
  (value) =>
    value === null ? null : (value as unknown[]).map(convert);

/** JSON holds NaN and the infinities of a float column as strings. */
const toFloat: Convert = (value) => (typeof value === 'string' ? Number(value) : value);
const toDecimal: Convert = (value) => new Prisma.Decimal(value as string);
const toDateValue: Convert = (value) => toDate(value as string);

const MAX_KEYS = 50; // json_build_object takes at most 100 arguments

interface ScalarRead {
  sql: string;
  convert?: Convert;
}

function scalarRead(field: ModelField, column: string): ScalarRead {
  const wrap = (convert: Convert) => (field.isList ? listOf(convert) : nullOr(convert));
  switch (field.type) {
    case 'DateTime':
      return { sql: column, convert: wrap(toDateValue) };
    case 'Float':
      return { sql: column, convert: wrap(toFloat) };
    case 'Decimal':
      // As text: the exact digits PostgreSQL holds, which Prisma also builds its Decimal from.
      if (field.isList) throw new NotCompilableError(`Decimal list ${field.name}`);
      return { sql: `${column}::text`, convert: wrap(toDecimal) };
    case 'BigInt':
    case 'Bytes':
      throw new NotCompilableError(`${field.type} field ${field.name}`);
    default:
      return { sql: column };
  }
}

interface Selection {
  select?: unknown;
  include?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys of nested relation arguments this module reads; any other key is not compiled. */
const RELATION_ARGUMENT_KEYS = new Set(['select', 'include', 'where', 'orderBy', 'take', 'skip']);

/** Builds the JSON object of one related row of `target` under `alias` (`joined`: as compileObject's). */
export type RelatedObject = (target: string, alias: string, joined?: ReadonlyMap<string, string>) => string;

/**
 * The value of relation `field` of the row of `model` under `alias`: the related row's object
 * (null when there is none) or the ordered JSON array of the related rows, filtered and paged as
 * `nested` (Prisma's where, orderBy, take and skip of a nested read) says. A to-one relation in
 * `joined` (joined at `alias` to order by it) is built from the joined row instead of a
 * subquery that would look the same row up again.
 */
export function relationSql(
  parts: StatementParts,
  model: string,
  alias: string,
  field: ModelField,
  nested: Readonly<Record<string, unknown>>,
  joined: ReadonlyMap<string, string> | undefined,
  buildObject: RelatedObject,
): string {
  if (Object.keys(nested).some((argument) => !RELATION_ARGUMENT_KEYS.has(argument))) {
    throw new NotCompilableError(`arguments of ${model}.${field.name}`);
  }
  const link = relationLink(model, field);
  if (!link.isList) {
    if (nested.where !== undefined || nested.orderBy !== undefined || nested.take !== undefined) {
      throw new NotCompilableError(`arguments of to-one ${model}.${field.name}`);
    }
    const on = joined?.get(field.name);
    if (on !== undefined) return `CASE WHEN ${on}."id" IS NULL THEN NULL ELSE ${buildObject(link.target, on)} END`;
    const child = parts.alias();
    const object = buildObject(link.target, child);
    return `(SELECT ${object} FROM ${quoteIdentifier(link.target)} ${child} WHERE ${link.condition(alias, child)})`;
  }
  const child = parts.alias();
  const from = `${quoteIdentifier(link.target)} ${child}`;
  const order = compileOrder(parts, link.target, child, nested.orderBy);
  const object = buildObject(link.target, child, order.joined);
  const where = compileWhere(parts, link.target, child, nested.where, order.joined);
  const body = `FROM ${from} ${order.joins.join(' ')} WHERE ${link.condition(alias, child)} AND (${where})`;
  const orderSql = order.terms.length > 0 ? ` ORDER BY ${orderByClause(order.terms)}` : '';
  const { take, skip } = nested;
  if (take === undefined && (skip === undefined || skip === 0)) {
    return `(SELECT coalesce(json_agg(${object}${orderSql}), '[]'::json) ${body})`;
  }
  if ((take !== undefined && !(Number.isSafeInteger(take) && (take as number) >= 0)) || !isCount(skip)) {
    throw new NotCompilableError(`take/skip of ${model}.${field.name}`);
  }
  const limit = take === undefined ? '' : ` LIMIT ${take as number}`;
  const offset = skip === undefined ? '' : ` OFFSET ${skip as number}`;
  const page = `SELECT ${object} AS o, row_number() OVER (${orderSql}) AS n ${body}${orderSql}${limit}${offset}`;
  return `(SELECT coalesce(json_agg(p.o ORDER BY p.n), '[]'::json) FROM (${page}) p)`;
}

/**
 * The json_build_object of one row of `model` under `alias`, with its relations. A to-one
 * relation in `joined` (joined at `alias` to order by it) is built from the joined row instead
 * of a subquery that would look the same row up again.
 */
function compileObject(
  parts: StatementParts,
  model: string,
  alias: string,
  selection: Selection,
  joined?: ReadonlyMap<string, string>,
): { sql: string; shape: RowShape } {
  if (selection.select !== undefined && selection.include !== undefined) throw new NotCompilableError('select+include');
  const wanted = new Map<string, unknown>();
  if (isObject(selection.select)) {
    for (const [name, value] of Object.entries(selection.select)) if (value) wanted.set(name, value);
  } else {
    if (selection.select !== undefined) throw new NotCompilableError('select');
    for (const field of fieldsOf(model).values()) if (field.kind !== 'object') wanted.set(field.name, true);
    if (isObject(selection.include)) {
      for (const [name, value] of Object.entries(selection.include)) if (value) wanted.set(name, value);
    } else if (selection.include !== undefined) throw new NotCompilableError('include');
  }
  if (wanted.size > MAX_KEYS) throw new NotCompilableError(`${wanted.size} fields of ${model}`);
  const pairs: string[] = [];
  const shape: RowShape = { converted: [], relations: [] };
  for (const [name, value] of wanted) {
    const field = fieldOf(model, name);
    const key = `'${name}'`;
    if (field.kind !== 'object') {
      if (value !== true) throw new NotCompilableError(`select of ${model}.${name}`);
      const read = scalarRead(field, `${alias}.${quoteIdentifier(name)}`);
      pairs.push(`${key}, ${read.sql}`);
      if (read.convert) shape.converted.push([name, read.convert]);
      continue;
    }
    const nested: Record<string, unknown> = value === true ? {} : isObject(value) ? value : {};
    pairs.push(
      `${key}, ${relationSql(parts, model, alias, field, nested, joined, (target, child, childJoined) => {
        const related = compileObject(parts, target, child, nested, childJoined);
        shape.relations.push([name, related.shape, relationLink(model, field).isList]);
        return related.sql;
      })}`,
    );
  }
  return { sql: `json_build_object(${pairs.join(', ')})`, shape };
}

const isCount = (value: unknown) => value === undefined || (Number.isSafeInteger(value) && (value as number) >= 0);

export interface FindManyArgs extends Selection {
  where?: unknown;
  orderBy?: unknown;
  cursor?: unknown;
  take?: number;
  skip?: number;
  [other: string]: unknown;
}

const TOP_ARGUMENT_KEYS = new Set(['select', 'include', 'where', 'orderBy', 'cursor', 'take', 'skip']);

/** The rows at and after the cursor row, in the order of `terms` (reversed when paging back). */
function cursorCondition(
  parts: StatementParts,
  model: string,
  alias: string,
  cursor: unknown,
  terms: ReturnType<typeof compileOrder>['terms'],
  backward: boolean,
): string {
  if (!isObject(cursor) || terms.length === 0) throw new NotCompilableError('cursor without order');
  const columns = terms.map((term) => term.plainRequiredColumn);
  if (columns.some((column) => column === undefined)) throw new NotCompilableError('cursor over a nullable order');
  const cursorAlias = parts.alias();
  const cursorWhere = compileWhere(parts, model, cursorAlias, cursor);
  const valueOf = (column: string) =>
    `(SELECT ${cursorAlias}.${quoteIdentifier(column)} FROM ${quoteIdentifier(model)} ${cursorAlias} WHERE ${cursorWhere})`;
  const branches: string[] = [];
  const equalSoFar: string[] = [];
  terms.forEach((term, index) => {
    const column = columns[index] as string;
    const after = term.descending !== backward ? '<' : '>';
    const own = `${alias}.${quoteIdentifier(column)}`;
    branches.push([...equalSoFar, `${own} ${after} ${valueOf(column)}`].join(' AND '));
    equalSoFar.push(`${own} = ${valueOf(column)}`);
  });
  branches.push(equalSoFar.join(' AND '));
  return branches.map((branch) => `(${branch})`).join(' OR ');
}

/** The select list of a page's statement for the row of `model` under `alias` (`joined`: as compileObject's). */
export type PageProjection = (parts: StatementParts, alias: string, joined: ReadonlyMap<string, string>) => string;

export interface PageStatement {
  sql: string;
  params: unknown[];
  /** A negative take: the statement reads the page in reverse order, to be reversed back. */
  backward: boolean;
}

/**
 * The statement reading the page of `model` that `args` (a findMany's where, orderBy, cursor,
 * take and skip) describe, each row selected as `project` says. `args.select` and
 * `args.include` are the projection's business.
 */
export function compilePage(model: string, args: FindManyArgs, project: PageProjection): PageStatement {
  for (const [key, value] of Object.entries(args)) {
    if (value !== undefined && !TOP_ARGUMENT_KEYS.has(key)) throw new NotCompilableError(`argument ${key}`);
  }
  const { take, skip } = args;
  if ((take !== undefined && !Number.isSafeInteger(take)) || !isCount(skip)) throw new NotCompilableError('take/skip');
  const parts = new StatementParts();
  const alias = parts.alias();
  const order = compileOrder(parts, model, alias, args.orderBy);
  const projection = project(parts, alias, order.joined);
  const where = compileWhere(parts, model, alias, args.where, order.joined);
  const backward = take !== undefined && take < 0;
  const conditions = [`(${where})`];
  if (args.cursor !== undefined) {
    conditions.push(`(${cursorCondition(parts, model, alias, args.cursor, order.terms, backward)})`);
  } else if (backward && order.terms.length === 0) {
    throw new NotCompilableError('negative take without order');
  }
  const orderSql = order.terms.length > 0 ? ` ORDER BY ${orderByClause(order.terms, backward)}` : '';
  const limit = take === undefined ? '' : ` LIMIT ${Math.abs(take)}`;
  const offset = skip ? ` OFFSET ${skip}` : '';
  const sql =
    `SELECT ${projection} FROM ${quoteIdentifier(model)} ${alias} ${order.joins.join(' ')} ` +
    `WHERE ${conditions.join(' AND ')}${orderSql}${limit}${offset}`;
  return { sql, params: parts.params, backward };
}

interface CompiledStatement extends PageStatement {
  shape: RowShape;
}

export function compileFindMany(model: string, args: FindManyArgs): CompiledStatement {
  let shape: RowShape | undefined;
  const statement = compilePage(model, args, (parts, alias, joined) => {
    const object = compileObject(parts, model, alias, args, joined);
    shape = object.shape;
    return `${object.sql} AS "row"`;
  });
  if (!shape) throw new Error('the page projection was not built');
  return { ...statement, shape };
}

function restore(row: Record<string, unknown>, shape: RowShape): Record<string, unknown> {
  for (const [name, convert] of shape.converted) row[name] = convert(row[name]);
  for (const [name, nested, isList] of shape.relations) {
    const value = row[name];
    if (isList) for (const item of value as Array<Record<string, unknown>>) restore(item, nested);
    else if (value !== null) restore(value as Record<string, unknown>, nested);
  }
  Object.defineProperty(row, COMPILED, { value: true });
  return row;
}

/**
 * findMany of `model` with `args` in one statement, or undefined when `args` use anything this
 * module does not translate (the caller then asks Prisma).
 */
export async function readCompiled(
  read: SqlReader,
  model: string,
  args: FindManyArgs,
): Promise<Array<Record<string, unknown>> | undefined> {
  let statement: CompiledStatement;
  try {
    statement = compileFindMany(model, args);
  } catch (error) {
    if (error instanceof NotCompilableError) return undefined;
    throw error;
  }
  const rows = await read<{ row: Record<string, unknown> }>(statement.sql, statement.params);
  const result = rows.map(({ row }) => restore(row, statement.shape));
  return statement.backward ? result.reverse() : result;
}
