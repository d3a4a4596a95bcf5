// What one operation may ask for, counted before it runs: the nodes it can return (as GitHub's
// GraphQL API counts them: along each path, the product of the page sizes of the connections
// above it; a plain list counts the size it asks for, or the most it can hold: list-sizes.ts) and its cost in points (one per
// hundred nodes, plus a fixed price for each call of a field that computes rather than reads,
// such as classifyItem or search). A public API is read by anonymous clients: a 205-byte query nesting
// four connections of 100 asked for 100 million rows, and 500 aliases of classifyItem cost 13 s
// of CPU. Counting is static, so it refuses such a query before any work starts.
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '../domain/page-size.js';
import { FIELD_COSTS } from './field-costs.js';
import { DEFAULT_LIST_SIZE, LIST_SIZES, type ListSize } from './list-sizes.js';

export interface OperationCount {
  /** The most nodes (objects in lists and connections) the operation can return. */
  nodes: number;
  /** Points: one per started hundred nodes, at least one, plus the computing fields' prices. */
  cost: number;
}

/** A field on the path from the root to the field being counted, nearest last. */
interface Enclosing {
  node: FieldNode;
  field: GraphQLField<unknown, unknown>;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Readonly<Record<string, unknown>>;
  /** Variables the operation declares with a default value. */
  defaulted: ReadonlySet<string>;
  nodes: number;
  fieldCosts: number;
  /** Fields visited so far (see MAX_FIELD_VISITS). */
  visits: number;
}

/**
 * Fields the count visits at most. Named fragments are expanded once per selection set, as
 * execution collects them, so a fragment bomb counts in linear time; a document whose distinct
 * fields still branch past this is counted as MAX_COUNTED_NODES, which no limit admits.
 */
const MAX_FIELD_VISITS = 1_000_000;
export const MAX_COUNTED_NODES = 10_000_000;

class CountAbandoned extends Error {}

/** Whether a field is a Relay connection (its type's name ends in "Connection" and it has `edges`). */
function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNullableType(field.type);
  return isObjectType(type) && type.name.endsWith('Connection') && 'edges' in type.getFields();
}

function numberArgument(node: FieldNode, name: string, variables: Readonly<Record<string, unknown>>): number | null {
  const argument = node.arguments?.find((candidate) => candidate.name.value === name);
  if (argument === undefined) return null;
  const value: ValueNode = argument.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' && Number.isFinite(given) ? given : null;
  }
  return null;
}

/**
 * A list argument's items as given (a literal list, a single value, or a variable's value; a
 * variable not given is null, as at execution); null when not known: a variable left to its
 * declared default.
 */
function listArgument(node: FieldNode, name: string, walk: Walk): unknown[] | null {
  const variables = walk.variables;
  const argument = node.arguments?.find((candidate) => candidate.name.value === name);
  if (argument === undefined) return [];
  const value: ValueNode = argument.value;
  if (value.kind === Kind.LIST) return value.values.map((item) => (item.kind === Kind.ENUM ? item.value : item));
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    if (given === undefined && walk.defaulted.has(value.name.value)) return null;
    if (given === undefined || given === null) return [];
    return Array.isArray(given) ? given : [given];
  }
  if (value.kind === Kind.NULL) return [];
  return [value.kind === Kind.ENUM ? value.value : value];
}

/** The size a list without page arguments is declared to hold at most (see list-sizes.ts). */
function declaredSize(size: ListSize, path: readonly Enclosing[], walk: Walk): number {
  if (typeof size === 'number') return size;
  const name = 'argumentLength' in size ? size.argumentLength : size.groupedBy;
  const enclosing = [...path].reverse().find((entry) => entry.field.args.some((argument) => argument.name === name));
  const items = enclosing ? listArgument(enclosing.node, name, walk) : null;
  if (items === null) return size.upTo;
  if ('argumentLength' in size) return Math.min(items.length, size.upTo);
  // Grouped by nothing: one bucket. An unknown key counts as the largest bucket list.
  let product = 1;
  for (const key of items) product *= typeof key === 'string' ? (size.keys[key] ?? size.upTo) : size.upTo;
  return Math.min(product, size.upTo);
}

/** How many items one occurrence of a list or connection field can hold. */
function sizeOf(
  parent: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  walk: Walk,
  path: readonly Enclosing[],
): number | null {
  if (isConnection(field)) {
    // A page size outside 1..100 (or not an integer) is refused by the field itself with a clear
    // error; it is counted at the largest page here so that refusal, not this count, answers it.
    const asked = numberArgument(node, 'first', walk.variables) ?? numberArgument(node, 'last', walk.variables);
    if (asked === null) return PAGE_SIZE_DEFAULT;
    return Number.isInteger(asked) && asked >= 0 && asked <= PAGE_SIZE_MAX ? asked : PAGE_SIZE_MAX;
  }
  const type = getNullableType(field.type);
  if (!isListType(type) || !isObjectType(getNamedType(type))) return null;
  // A connection's edges are its page: the connection field already counted them.
  if (parent.name.endsWith('Connection') && field.name === 'edges') return null;
  // Plain lists count the size they are asked for; without one, the most they can hold.
  const asked = numberArgument(node, 'first', walk.variables) ?? numberArgument(node, 'limit', walk.variables);
  if (asked !== null && Number.isInteger(asked) && asked >= 0 && asked <= PAGE_SIZE_MAX) return asked;
  return declaredSize(LIST_SIZES[`${parent.name}.${field.name}`] ?? DEFAULT_LIST_SIZE, path, walk);
}

/** Whether a fragment on `condition` (none: the enclosing type) selects fields of `type`. */
function appliesTo(schema: GraphQLSchema, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (condition === undefined || condition === type.name) return true;
  const conditionType = schema.getType(condition);
  return conditionType !== undefined && isAbstractType(conditionType) && schema.isSubType(conditionType, type);
}

function walkSelections(
  selectionSet: SelectionSetNode,
  parent: GraphQLObjectType,
  multiplier: number,
  walk: Walk,
  fragmentsOnPath: ReadonlySet<string>,
  path: readonly Enclosing[],
  // Named fragments already collected into this selection set: execution (graphql-js
  // collectFields) runs a fragment once per selection set however often it is spread.
  collected: Set<string> = new Set(),
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      walk.visits += 1;
      if (walk.visits > MAX_FIELD_VISITS) throw new CountAbandoned();
      const field = parent.getFields()[selection.name.value];
      if (field === undefined) continue;
      walk.fieldCosts += (FIELD_COSTS[`${parent.name}.${field.name}`] ?? 0) * multiplier;
      const size = sizeOf(parent, field, selection, walk, path);
      const inner = size === null ? multiplier : multiplier * size;
      if (size !== null) walk.nodes += inner;
      const named = getNamedType(field.type);
      if (selection.selectionSet !== undefined)
        walkInto(selection.selectionSet, named, inner, walk, fragmentsOnPath, [...path, { node: selection, field }]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (appliesTo(walk.schema, selection.typeCondition?.name.value, parent))
        walkSelections(selection.selectionSet, parent, multiplier, walk, fragmentsOnPath, path, collected);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      if (fragment === undefined || fragmentsOnPath.has(name) || collected.has(name)) continue;
      collected.add(name);
      if (appliesTo(walk.schema, fragment.typeCondition.name.value, parent))
        walkSelections(
          fragment.selectionSet,
          parent,
          multiplier,
          walk,
          new Set([...fragmentsOnPath, name]),
          path,
          collected,
        );
    }
  }
}

/** Interfaces and unions: the fields are counted on each possible object type, and the largest count kept. */
function walkInto(
  selectionSet: SelectionSetNode,
  type: ReturnType<typeof getNamedType>,
  multiplier: number,
  walk: Walk,
  fragmentsOnPath: ReadonlySet<string>,
  path: readonly Enclosing[],
): void {
  if (isObjectType(type)) {
    walkSelections(selectionSet, type, multiplier, walk, fragmentsOnPath, path);
    return;
  }
  if (!isAbstractType(type)) return;
  const possible = walk.schema.getPossibleTypes(type);
  let most = { nodes: 0, fieldCosts: 0 };
  for (const objectType of possible) {
    const branch: Walk = { ...walk, nodes: 0, fieldCosts: 0 };
    walkSelections(selectionSet, objectType, multiplier, branch, fragmentsOnPath, path);
    walk.visits = branch.visits;
    if (branch.nodes + branch.fieldCosts > most.nodes + most.fieldCosts)
      most = { nodes: branch.nodes, fieldCosts: branch.fieldCosts };
  }
  walk.nodes += most.nodes;
  walk.fieldCosts += most.fieldCosts;
}

/** Counts the nodes and the cost of one operation of a validated document. */
export function countOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables: Readonly<Record<string, unknown>> = {},
): OperationCount {
  const root = schema.getRootType(operation.operation);
  if (root === undefined || root === null) return { nodes: 0, cost: 1 };
  const walk: Walk = {
    schema,
    fragments: new Map(fragments.map((fragment) => [fragment.name.value, fragment])),
    variables,
    defaulted: new Set(
      (operation.variableDefinitions ?? [])
        .filter((definition) => definition.defaultValue !== undefined)
        .map((definition) => definition.variable.name.value),
    ),
    nodes: 0,
    fieldCosts: 0,
    visits: 0,
  };
  try {
    walkSelections(operation.selectionSet, root, 1, walk, new Set(), []);
  } catch (error) {
    if (!(error instanceof CountAbandoned)) throw error;
    walk.nodes = Math.max(walk.nodes, MAX_COUNTED_NODES);
  }
  return { nodes: walk.nodes, cost: Math.max(1, Math.ceil(walk.nodes / 100)) + walk.fieldCosts };
}
