// Connection pages whose nodes PostgreSQL writes as the answer's JSON text
// (db/compiled-projection.ts), which the answer then carries as it is (spliced-answers.ts).
//
// A page qualifies when everything selected under its `edges` can be written by the database
// exactly as graphql-js would complete it (node-projection.ts says which fields can): `cursor`
// and `__typename` on the edge, the node's fields, and no second `edges`. Anything else and the
// page is completed by graphql-js as before. graphql-js still runs everything outside `edges`
// (pageInfo, totalCount, errors, every plugin), and the page's edges resolve to an empty list
// whose place in the answer the rows' text takes (plugins/rendered-edges.ts).
import { getNamedType, isObjectType, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import { LRUCache } from 'lru-cache';
import { readProjectedPage, type Projection } from '../db/compiled-projection.js';
import { NotCompilableError } from '../db/compiled-where.js';
import type { FindManyArgs } from '../db/compiled-read.js';
import type { GraphQLContext } from './context.js';
import { projectionOf, subfields } from './node-projection.js';

/** The JSON text of each row a rendered page read (a row is the object its cursor is read from). */
const renderedTexts = new WeakMap<object, string>();

export function renderedTextOf(row: unknown): string | undefined {
  return typeof row === 'object' && row !== null ? renderedTexts.get(row) : undefined;
}

/**
 * The projection of the nodes of the connection `info` resolves, when the connection's selection
 * is one this module renders: edges selected once, holding only `cursor`, `__typename` and
 * the node selected once.
 */
function connectionProjection(info: GraphQLResolveInfo, model: string, planned: unknown): Projection | undefined {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return undefined;
  let edges: ReadonlyArray<FieldNode> | undefined;
  for (const [, fieldNodes] of subfields(info, connection, info.fieldNodes)) {
    const name = fieldNodes[0]?.name.value;
    if (name === 'edges') {
      if (edges) return undefined;
      edges = fieldNodes;
    } else if (name !== 'pageInfo' && name !== 'totalCount' && name !== '__typename') return undefined;
  }
  const edgeType = edges && getNamedType(connection.getFields().edges?.type);
  if (!edges || !isObjectType(edgeType)) return undefined;
  let node: ReadonlyArray<FieldNode> | undefined;
  for (const [, fieldNodes] of subfields(info, edgeType, edges)) {
    const name = fieldNodes[0]?.name.value;
    if (name === 'node') {
      // Two names for the node (aliases with their own selections) would share one text.
      if (node) return undefined;
      node = fieldNodes;
    } else if (name !== 'cursor' && name !== '__typename') return undefined;
  }
  const nodeType = node && getNamedType(edgeType.getFields().node?.type);
  if (!node || !isObjectType(nodeType)) return undefined;
  try {
    return projectionOf(info, model, nodeType, node, planned);
  } catch (error) {
    if (error instanceof NotCompilableError) return undefined;
    throw error;
  }
}

/** Ids of the connection field nodes of parsed documents, for the keys of `projections`. */
const fieldNodeIds = new WeakMap<FieldNode, number>();
let fieldNodeCount = 0;

/**
 * Projections made, by connection field node, variables and Pothos' plan, which are all a
 * projection depends on (Apollo hands a repeated query the same parsed document). `null`: the
 * selection is not rendered.
 */
const projections = new LRUCache<string, { projection: Projection | null }>({ max: 128 });

function knownProjection(info: GraphQLResolveInfo, model: string, planned: FindManyArgs): Projection | undefined {
  const [node, ...more] = info.fieldNodes;
  if (!node || more.length > 0) return connectionProjection(info, model, planned);
  let id = fieldNodeIds.get(node);
  if (id === undefined) fieldNodeIds.set(node, (id = ++fieldNodeCount));
  let key: string;
  try {
    const plan = JSON.stringify(planned.select ?? planned.include ?? null);
    key = `${id}\u0000${model}\u0000${JSON.stringify(info.variableValues)}\u0000${plan}`;
  } catch {
    // Variables nested too deep to be written as JSON: planned each time.
    return connectionProjection(info, model, planned);
  }
  let known = projections.get(key);
  if (!known) projections.set(key, (known = { projection: connectionProjection(info, model, planned) ?? null }));
  return known.projection ?? undefined;
}

/**
 * The page of `model` that `args` (Pothos' plan with the field's where and order) describe, read
 * as rendered rows, or undefined when the connection's selection or the arguments are not
 * rendered (the caller reads another way). Each row holds its `cursor` column.
 */
export async function readRenderedPage(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  model: string,
  cursor: string,
  args: FindManyArgs,
): Promise<Array<Record<string, unknown>> | undefined> {
  const projection = knownProjection(info, model, args);
  if (!projection) return undefined;
  const rows = await readProjectedPage(context.services.db.readRows, args, projection, [cursor]);
  return rows?.map(({ keys, text }) => {
    renderedTexts.set(keys, text);
    return keys;
  });
}
