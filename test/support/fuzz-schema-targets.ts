// Every place a client can put text into a query, found by walking the committed SDL: each
// String or ID argument of a Query field and each String or ID field of its input objects (to
// three levels), with the smallest valid values for whatever else the field requires. The fuzz
// test puts hostile strings there, so a new field or filter is fuzzed without anyone listing it.
import { readFileSync } from 'node:fs';
import {
  astFromValue,
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  print,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

export const fuzzSchema: GraphQLSchema = buildSchema(
  readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'),
);

/** One text position: a Query field, its argument and the input fields leading to a String or ID. */
export interface TextTarget {
  field: string;
  argument: string;
  /** Input fields from the argument down to the text, e.g. ["item", "facts", "name"]. */
  path: readonly string[];
  /** "provisions(filter.text)" */
  label: string;
}

export interface FuzzOperation {
  query: string;
  variables: Record<string, unknown>;
}

const INPUT_DEPTH = 3;

function queryFields(): GraphQLField<unknown, unknown>[] {
  const query = fuzzSchema.getQueryType();
  if (!query) throw new Error('the schema has no Query type');
  return Object.values(query.getFields());
}

function isText(type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  return isScalarType(named) && (named.name === 'String' || named.name === 'ID');
}

function textPaths(type: GraphQLInputType, depth: number): string[][] {
  if (isText(type)) return [[]];
  const named = getNamedType(type);
  if (!isInputObjectType(named) || depth >= INPUT_DEPTH) return [];
  return Object.values(named.getFields()).flatMap((field) =>
    textPaths(field.type, depth + 1).map((rest) => [field.name, ...rest]),
  );
}

export const textTargets: readonly TextTarget[] = queryFields().flatMap((field) =>
  field.args.flatMap((argument) =>
    textPaths(argument.type, 0).map((path) => ({
      field: field.name,
      argument: argument.name,
      path,
      label: `${field.name}(${[argument.name, ...path].join('.')})`,
    })),
  ),
);

/** Query fields that take at least one argument (targets for values of the wrong type). */
export const fieldsWithArguments: readonly string[] = queryFields()
  .filter((field) => field.args.length > 0)
  .map((field) => field.name);

/** Cursor arguments (`after`, `before`) of the root connections. */
export const cursorFields: readonly string[] = queryFields()
  .filter((field) => field.args.some((argument) => argument.name === 'after'))
  .map((field) => field.name);

/** The smallest value the type accepts: required input fields only, one list element. */
export function validValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return validValue(type.ofType);
  if (isListType(type)) return [validValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = validValue(field.type);
    }
    return value;
  }
  switch (type.name) {
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'Date':
      return '2024-01-01';
    case 'DateTime':
      return '2024-01-01T00:00:00Z';
    case 'JSON':
      return {};
    default:
      return '6A003';
  }
}

/** The type's valid value with `payload` at `path` (lists get one element holding it). */
function valueWith(type: GraphQLInputType, path: readonly string[], payload: unknown): unknown {
  if (isNonNullType(type)) return valueWith(type.ofType, path, payload);
  if (isListType(type)) return [valueWith(type.ofType, path, payload)];
  const [head, ...rest] = path;
  if (head === undefined) return payload;
  if (!isInputObjectType(type)) throw new Error(`no input field ${head} in ${String(type)}`);
  const field = type.getFields()[head];
  if (!field) throw new Error(`no input field ${head} in ${type.name}`);
  return { ...(validValue(type) as Record<string, unknown>), [head]: valueWith(field.type, rest, payload) };
}

/** A small selection of the field's result: its scalar fields, and edges of a connection. */
function selectionFor(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named) && !isInterfaceType(named)) return '{ __typename }';
  const fields = named.getFields();
  const leaves = Object.values(fields)
    .filter((field) => isLeafType(getNamedType(field.type)) && field.args.every((arg) => !isNonNullType(arg.type)))
    .slice(0, 6)
    .map((field) => field.name);
  const edges = fields.edges ? ['edges { cursor node { __typename } }', 'pageInfo { endCursor hasNextPage }'] : [];
  return `{ __typename ${[...leaves, ...edges].join(' ')} }`;
}

function fieldNamed(name: string): GraphQLField<unknown, unknown> {
  const field = queryFields().find((candidate) => candidate.name === name);
  if (!field) throw new Error(`no Query field ${name}`);
  return field;
}

/**
 * The operation calling `field` with `values` for the named arguments (the smallest valid values
 * for the other required ones), as variables, or inlined as literals when `inline` is set and
 * every value can be written as one.
 */
export function operationFor(fieldName: string, values: Record<string, unknown>, inline = false): FuzzOperation {
  const field = fieldNamed(fieldName);
  const given = field.args.filter(
    (argument: GraphQLArgument) => argument.name in values || isNonNullType(argument.type),
  );
  const valueOf = (argument: GraphQLArgument) =>
    argument.name in values ? values[argument.name] : validValue(argument.type);
  const selection = selectionFor(field.type);
  if (inline) {
    const literals = given.map((argument) => {
      // astFromValue throws for values it cannot write (an object for a custom scalar).
      try {
        const ast = astFromValue(valueOf(argument), argument.type);
        return ast ? `${argument.name}: ${print(ast)}` : undefined;
      } catch {
        return undefined;
      }
    });
    if (literals.every((literal) => literal !== undefined)) {
      const list = literals.length > 0 ? `(${literals.join(', ')})` : '';
      return { query: `query Fuzz { ${field.name}${list} ${selection} }`, variables: {} };
    }
  }
  const declarations = given.map((argument) => `$${argument.name}: ${String(argument.type)}`).join(', ');
  const uses = given.map((argument) => `${argument.name}: $${argument.name}`).join(', ');
  const variables = Object.fromEntries(given.map((argument) => [argument.name, valueOf(argument)]));
  return {
    query:
      given.length > 0
        ? `query Fuzz(${declarations}) { ${field.name}(${uses}) ${selection} }`
        : `query Fuzz { ${field.name} ${selection} }`,
    variables,
  };
}

/** The operation with `payload` at the target's text position. */
export function operationWithText(target: TextTarget, payload: string, inline: boolean): FuzzOperation {
  const argument = fieldNamed(target.field).args.find((candidate) => candidate.name === target.argument);
  if (!argument) throw new Error(`no argument ${target.argument} on ${target.field}`);
  return operationFor(target.field, { [target.argument]: valueWith(argument.type, target.path, payload) }, inline);
}
