// Prisma `where` and `orderBy` arguments as SQL, for the subset the compiled reads
// (compiled-read.ts) accept: equality, null checks, comparisons, `in`, text patterns, AND/OR/NOT
// and filters through relations. Anything else throws NotCompilableError, and the caller reads
// through Prisma instead: a filter this module would translate even slightly differently must
// never be translated at all.
import { getDatamodel } from '../generated/pothos-prisma-types.js';

/** The arguments ask for something this compiler does not translate; read through Prisma. */
export class NotCompilableError extends Error {
  constructor(reason: string) {
    super(`not compilable: ${reason}`);
    this.name = 'NotCompilableError';
  }
}

export interface ModelField {
  name: string;
  kind: string;
  type: string;
  isList: boolean;
  isRequired: boolean;
  relationName?: string;
  relationFromFields?: readonly string[];
}

export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

const MODELS = getDatamodel().datamodel.models;
const fieldMaps = new Map<string, ReadonlyMap<string, ModelField>>();

export function fieldsOf(model: string): ReadonlyMap<string, ModelField> {
  let fields = fieldMaps.get(model);
  if (!fields) {
    const definition = MODELS[model];
    if (!definition) throw new NotCompilableError(`unknown model ${model}`);
    fields = new Map(definition.fields.map((field) => [field.name, field as ModelField]));
    fieldMaps.set(model, fields);
  }
  return fields;
}

export function fieldOf(model: string, name: string): ModelField {
  const field = fieldsOf(model).get(name);
  if (!field) throw new NotCompilableError(`${model}.${name} is not a field`);
  return field;
}

/** How a relation joins its parent row (`parent`) to the related rows (`child`). */
export interface RelationLink {
  target: string;
  isList: boolean;
  condition: (parent: string, child: string) => string;
  /** The foreign key column on the parent, when the parent holds it (a to-one relation). */
  parentKey?: string;
}

/** Every relation of the schema references `id` (checked when compiling: no other shape passes). */
export function relationLink(model: string, field: ModelField): RelationLink {
  if (field.kind !== 'object' || !field.relationName) throw new NotCompilableError(`${model}.${field.name}`);
  const from = field.relationFromFields ?? [];
  if (from.length === 1 && from[0]) {
    const key = quoteIdentifier(from[0]);
    return {
      target: field.type,
      isList: false,
      condition: (parent, child) => `${child}."id" = ${parent}.${key}`,
      parentKey: from[0],
    };
  }
  if (from.length > 1) throw new NotCompilableError(`${model}.${field.name} has a compound key`);
  const opposite = [...fieldsOf(field.type).values()].find(
    (candidate) =>
      candidate.relationName === field.relationName &&
      candidate.type === model &&
      candidate.relationFromFields?.length === 1,
  );
  const key = opposite?.relationFromFields?.[0];
  if (!key) throw new NotCompilableError(`${model}.${field.name} has no foreign key (many-to-many)`);
  return {
    target: field.type,
    isList: field.isList,
    condition: (parent, child) => `${child}.${quoteIdentifier(key)} = ${parent}."id"`,
  };
}

/** Statement parameters and fresh table aliases, shared by one compiled statement. */
export class StatementParts {
  readonly params: unknown[] = [];
  private aliases = 0;

  alias(): string {
    this.aliases += 1;
    return `t${this.aliases}`;
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * A value compared with a column. A date is passed as UTC and must fall on midnight: Prisma
 * sends a date column's parameter as the day alone, which equals the midnight timestamp only.
 */
function valueParam(parts: StatementParts, field: ModelField, value: unknown): string {
  if (value instanceof Date) {
    if (field.type !== 'DateTime' || value.getTime() % 86_400_000 !== 0) {
      throw new NotCompilableError(`date ${value.toISOString()} on ${field.name}`);
    }
    return `(${parts.param(value.toISOString())}::timestamptz AT TIME ZONE 'UTC')`;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return parts.param(value);
  if (typeof value === 'number' && Number.isFinite(value)) return parts.param(value);
  throw new NotCompilableError(`value of ${field.name}`);
}

const COMPARISONS: Readonly<Record<string, string>> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };
const PATTERNS: Readonly<Record<string, (text: string) => string>> = {
  contains: (text) => `%${text}%`,
  startsWith: (text) => `${text}%`,
  endsWith: (text) => `%${text}`,
};
const TEXT_FIELD_TYPES = new Set(['String']);

function scalarCondition(parts: StatementParts, field: ModelField, column: string, filter: unknown): string {
  if (field.isList) throw new NotCompilableError(`list filter on ${field.name}`);
  if (filter === null) return `${column} IS NULL`;
  if (!isPlainObject(filter)) return `${column} = ${valueParam(parts, field, filter)}`;
  const insensitive = filter.mode === 'insensitive';
  const conditions: string[] = [];
  for (const [operator, operand] of Object.entries(filter)) {
    if (operand === undefined || operator === 'mode') continue;
    if (operator === 'equals') {
      if (insensitive) throw new NotCompilableError('insensitive equals');
      conditions.push(scalarCondition(parts, field, column, operand));
    } else if (operator === 'not') {
      if (operand === null) conditions.push(`${column} IS NOT NULL`);
      else if (isPlainObject(operand)) conditions.push(`NOT (${scalarCondition(parts, field, column, operand)})`);
      else if (field.isRequired) conditions.push(`${column} <> ${valueParam(parts, field, operand)}`);
      else throw new NotCompilableError(`not on nullable ${field.name}`);
    } else if (operator === 'in' || operator === 'notIn') {
      if (!Array.isArray(operand) || operand.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
        throw new NotCompilableError(`${operator} on ${field.name}`);
      }
      const test = `${column} = ANY(${parts.param(operand)})`;
      conditions.push(operator === 'in' ? test : `NOT (${test})`);
    } else if (COMPARISONS[operator]) {
      conditions.push(`${column} ${COMPARISONS[operator]} ${valueParam(parts, field, operand)}`);
    } else if (PATTERNS[operator] && typeof operand === 'string' && TEXT_FIELD_TYPES.has(field.type)) {
      const pattern = parts.param(PATTERNS[operator](operand));
      conditions.push(`${column} ${insensitive ? 'ILIKE' : 'LIKE'} ${pattern}`);
    } else {
      throw new NotCompilableError(`${operator} on ${field.name}`);
    }
  }
  return conditions.length === 0 ? 'TRUE' : conditions.map((condition) => `(${condition})`).join(' AND ');
}

function relationCondition(
  parts: StatementParts,
  model: string,
  field: ModelField,
  alias: string,
  filter: unknown,
  context: { asserted: boolean; joinedAlias?: string | undefined },
): string {
  const link = relationLink(model, field);
  const child = parts.alias();
  const exists = (where: unknown, negate = false) => {
    const inner = compileWhere(parts, link.target, child, where);
    const test = negate ? `NOT (${inner})` : inner;
    return `EXISTS (SELECT 1 FROM ${quoteIdentifier(link.target)} ${child} WHERE ${link.condition(alias, child)} AND ${test})`;
  };
  if (!isPlainObject(filter)) throw new NotCompilableError(`relation filter on ${field.name}`);
  const keys = Object.keys(filter).filter((key) => filter[key] !== undefined);
  if (link.isList) {
    if (keys.length !== 1) throw new NotCompilableError(`list relation filter on ${field.name}`);
    const [key] = keys;
    if (key === 'some') return exists(filter.some);
    if (key === 'none') return `NOT ${exists(filter.none)}`;
    if (key === 'every') return `NOT ${exists(filter.every, true)}`;
    throw new NotCompilableError(`${key} on ${field.name}`);
  }
  // A to-one filter reads as Prisma's: false without a related row, else the filter's value on
  // it, which may be NULL (a comparison with a NULL column). Where the whole condition asserts
  // it, NULL and false both drop the row, and EXISTS (or the joined row, when the statement
  // joins the relation to order by it) says the same; under NOT the NULL must stay NULL.
  // Without a join, the value is 1 (true), 0 (false) or 2 (NULL) from the related row, and 0
  // when there is none.
  const { joinedAlias } = context;
  const related = (where: unknown, asserted: boolean): string => {
    if (joinedAlias !== undefined) {
      const inner = compileWhere(parts, link.target, joinedAlias, where, undefined, asserted);
      return `${joinedAlias}."id" IS NOT NULL AND (${inner})`;
    }
    if (asserted) return exists(where);
    const inner = compileWhere(parts, link.target, child, where, undefined, false);
    const value = `SELECT CASE (${inner}) WHEN TRUE THEN 1 WHEN FALSE THEN 0 ELSE 2 END FROM ${quoteIdentifier(link.target)} ${child} WHERE ${link.condition(alias, child)}`;
    return `CASE coalesce((${value}), 0) WHEN 1 THEN TRUE WHEN 0 THEN FALSE END`;
  };
  if (keys.includes('is') || keys.includes('isNot')) {
    if (keys.length !== 1 || filter.is === null || filter.isNot === null) {
      throw new NotCompilableError(`is/isNot on ${field.name}`);
    }
    if (keys[0] === 'is') return related(filter.is, context.asserted);
    return `NOT (${related(filter.isNot, false)})`;
  }
  return related(filter, context.asserted);
}

/**
 * The condition `where` sets on rows of `model` under `alias` ('TRUE' when none). `joined` names
 * the to-one relations the statement joins at `alias` (relation -> joined alias), whose filters
 * read the joined row. `asserted`: whether the whole condition asserts this part (it is not
 * under a NOT), so that NULL and false need not be told apart.
 */
export function compileWhere(
  parts: StatementParts,
  model: string,
  alias: string,
  where: unknown,
  joined?: ReadonlyMap<string, string>,
  asserted = true,
): string {
  if (where === undefined) return 'TRUE';
  if (!isPlainObject(where)) throw new NotCompilableError(`where of ${model}`);
  const conditions: string[] = [];
  const many = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === 'AND') {
      conditions.push(...many(value).map((item) => compileWhere(parts, model, alias, item, joined, asserted)));
    } else if (key === 'OR') {
      if (!Array.isArray(value)) throw new NotCompilableError('OR must be a list');
      const branches = value.map((item) => `(${compileWhere(parts, model, alias, item, joined, asserted)})`);
      conditions.push(branches.length === 0 ? 'FALSE' : branches.join(' OR '));
    } else if (key === 'NOT') {
      const items = many(value);
      if (items.length === 0) throw new NotCompilableError('empty NOT');
      conditions.push(...items.map((item) => `NOT (${compileWhere(parts, model, alias, item, joined, false)})`));
    } else {
      const field = fieldOf(model, key);
      if (field.kind === 'object') {
        conditions.push(
          relationCondition(parts, model, field, alias, value, { asserted, joinedAlias: joined?.get(key) }),
        );
      } else conditions.push(scalarCondition(parts, field, `${alias}.${quoteIdentifier(key)}`, value));
    }
  }
  return conditions.length === 0 ? 'TRUE' : conditions.map((condition) => `(${condition})`).join(' AND ');
}

export interface OrderTerm {
  expression: string;
  descending: boolean;
  /** Where nulls go, when the order says (Prisma's `{ sort, nulls }`). */
  nulls?: 'first' | 'last';
  /** A column of the row itself that is never null: the only kind a cursor may compare. */
  plainRequiredColumn?: string;
}

export interface CompiledOrder {
  terms: OrderTerm[];
  /** LEFT JOINs the terms need (to-one relations ordered by). */
  joins: string[];
  /** The alias each joined to-one relation has (by relation field), for the select and where to reuse. */
  joined: Map<string, string>;
}

function direction(value: unknown, name: string): Pick<OrderTerm, 'descending' | 'nulls'> {
  if (value === 'asc' || value === 'desc') return { descending: value === 'desc' };
  if (isPlainObject(value) && (value.nulls === 'first' || value.nulls === 'last')) {
    return { ...direction(value.sort, name), nulls: value.nulls };
  }
  throw new NotCompilableError(`order of ${name}`);
}

/** `orderBy` (one object or a list) as ORDER BY terms, in Prisma's order. */
export function compileOrder(parts: StatementParts, model: string, alias: string, orderBy: unknown): CompiledOrder {
  const order: CompiledOrder = { terms: [], joins: [], joined: new Map() };
  if (orderBy === undefined) return order;
  for (const entry of Array.isArray(orderBy) ? orderBy : [orderBy]) {
    if (!isPlainObject(entry)) throw new NotCompilableError('orderBy entry');
    for (const [name, value] of Object.entries(entry)) {
      if (value === undefined) continue;
      const field = fieldOf(model, name);
      if (field.kind !== 'object') {
        const column = `${alias}.${quoteIdentifier(name)}`;
        order.terms.push({
          expression: column,
          ...direction(value, name),
          ...(field.isRequired && !field.isList ? { plainRequiredColumn: name } : {}),
        });
        continue;
      }
      const link = relationLink(model, field);
      if (link.isList || !isPlainObject(value)) throw new NotCompilableError(`order by ${name}`);
      const joined = parts.alias();
      order.joins.push(`LEFT JOIN ${quoteIdentifier(link.target)} ${joined} ON ${link.condition(alias, joined)}`);
      if (!order.joined.has(name)) order.joined.set(name, joined);
      for (const [relatedName, relatedValue] of Object.entries(value)) {
        const related = fieldOf(link.target, relatedName);
        if (related.kind === 'object') throw new NotCompilableError(`order by ${name}.${relatedName}`);
        order.terms.push({
          expression: `${joined}.${quoteIdentifier(relatedName)}`,
          ...direction(relatedValue, relatedName),
        });
      }
    }
  }
  return order;
}

/** ORDER BY terms, reversed for a backward page (where an explicit nulls order is not translated). */
export function orderByClause(terms: readonly OrderTerm[], reverse = false): string {
  return terms
    .map((term) => {
      if (reverse && term.nulls) throw new NotCompilableError('backward page with a nulls order');
      const nulls = term.nulls ? ` NULLS ${term.nulls.toUpperCase()}` : '';
      return `${term.expression} ${term.descending !== reverse ? 'DESC' : 'ASC'}${nulls}`;
    })
    .join(', ');
}
