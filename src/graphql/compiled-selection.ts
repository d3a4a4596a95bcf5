// Whether a list field's selection can be answered by one compiled statement
// (db/compiled-read.ts), and the read itself, with Prisma as the fallback. A selection qualifies
// when every field under the list resolves from the row alone: columns, fields computing from
// columns they `select`, and relations without a resolver of their own (those resolve from the
// nested rows the statement built; see plugins/compiled-rows.ts). A related connection, a field
// selecting through a function (counts, nested plans) or a variant sends the whole read to
// Prisma, as does anything in the planned arguments the compiler does not translate.
import {
  getNamedType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { readCompiled, type FindManyArgs } from '../db/compiled-read.js';
import type { GraphQLContext } from './context.js';
import { readRenderedPage } from './rendered-pages.js';
import { answerSplices } from './spliced-answers.js';
import { resolvesFromRow } from './plugins/compiled-rows.js';

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/** Whether every field selected under `type` (a Prisma object type) resolves from compiled rows. */
function resolvesFromRows(type: GraphQLObjectType, selectionSet: SelectionSetNode, fragments: Fragments): boolean {
  const fields = type.getFields();
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD || selection.kind === Kind.INLINE_FRAGMENT) {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
      if (!fragment) return false;
      const condition = fragment.typeCondition?.name.value;
      // A fragment on an interface or union holds fields planned against other types.
      if (condition !== undefined && condition !== type.name) return false;
      if (!resolvesFromRows(type, fragment.selectionSet, fragments)) return false;
      continue;
    }
    const name = selection.name.value;
    if (name === '__typename') continue;
    const field = fields[name];
    if (!field) return false;
    const extensions = field.extensions as Record<string, unknown>;
    if (!resolvesFromRow(extensions)) return false;
    const fieldType = getNamedType(field.type);
    if (extensions.pothosPrismaRelationField) {
      if (!isObjectType(fieldType) || !selection.selectionSet) return false;
      if (!resolvesFromRows(fieldType, selection.selectionSet, fragments)) return false;
      continue;
    }
    if (typeof extensions.pothosPrismaSelect === 'function') return false;
    // A model type reached other than through a relation is loaded by its own resolver.
    if (isObjectType(fieldType) && (fieldType.extensions as Record<string, unknown>).pothosPrismaModel) return false;
  }
  return true;
}

/** The node selections of a connection field (`edges { node }` and `nodes`), or of a list field. */
function nodeSelections(info: GraphQLResolveInfo, connection: boolean): SelectionSetNode[] | undefined {
  const found: SelectionSetNode[] = [];
  const collect = (selectionSet: SelectionSetNode, path: readonly string[]): boolean => {
    for (const selection of selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) return false;
      const [head, ...rest] = path;
      if (selection.name.value !== head) continue;
      if (!selection.selectionSet) return false;
      if (rest.length === 0) found.push(selection.selectionSet);
      else if (!collect(selection.selectionSet, rest)) return false;
    }
    return true;
  };
  for (const node of info.fieldNodes) {
    if (!node.selectionSet) return undefined;
    if (!connection) found.push(node.selectionSet);
    else if (!collect(node.selectionSet, ['edges', 'node']) || !collect(node.selectionSet, ['nodes'])) {
      return undefined;
    }
  }
  return found;
}

/**
 * Whether the selection under a connection field (`connection`) or a list field resolves
 * entirely from compiled rows of `type`.
 */
export function isCompilableSelection(info: GraphQLResolveInfo, type: GraphQLObjectType, connection: boolean): boolean {
  const selections = nodeSelections(info, connection);
  return selections !== undefined && selections.every((set) => resolvesFromRows(type, set, info.fragments));
}

/**
 * `model`'s findMany with `args` (Pothos' plan, with the field's where and order): in one
 * compiled statement when the selection allows it, otherwise `viaPrisma()`.
 */
export async function findManyCompiled<Row>(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  target: { model: string; connection: false | { cursor: string } },
  args: FindManyArgs,
  viaPrisma: () => Promise<Row[]>,
): Promise<Row[]> {
  const type = getNamedType(info.schema.getType(target.model));
  const { compiledReads } = context.services;
  if (compiledReads.enabled && compiledReads.rendered && target.connection && answerSplices(context)) {
    const rows = await readRenderedPage(context, info, target.model, target.connection.cursor, args);
    if (rows) return rows as Row[];
  }
  if (
    context.services.compiledReads.enabled &&
    isObjectType(type) &&
    isCompilableSelection(info, type, target.connection !== false)
  ) {
    const rows = await readCompiled(context.services.db.readRows, target.model, args);
    if (rows) return rows as Row[];
  }
  return viaPrisma();
}
