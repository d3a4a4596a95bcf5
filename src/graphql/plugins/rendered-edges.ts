// The `edges` of a connection page whose nodes PostgreSQL rendered (rendered-pages.ts) resolve to
// an empty list, and the answer takes the edges' text in its place (spliced-answers.ts): graphql-js
// has nothing left to complete under them. Any other page's edges resolve as before.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { getNamedType, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo } from 'graphql';
import { subfields } from '../node-projection.js';
import { renderedTextOf } from '../rendered-pages.js';
import { spliceText } from '../spliced-answers.js';

export const renderedEdgesPlugin = 'renderedEdges';

type Resolver = GraphQLFieldResolver<unknown, object>;

/**
 * The JSON text of the list of `edges` the `edges` field `info` resolves, when their nodes are
 * rendered rows (each edge written with the keys its selection asks for, in their order), or
 * undefined when they are not.
 */
function renderedEdgesText(info: GraphQLResolveInfo, edges: unknown): string | undefined {
  if (!Array.isArray(edges) || edges.length === 0) return undefined;
  const edgeType = getNamedType(info.returnType);
  if (!isObjectType(edgeType)) return undefined;
  const keys: Array<[string, string]> = [];
  for (const [key, fieldNodes] of subfields(info, edgeType, info.fieldNodes)) {
    keys.push([key, fieldNodes[0]?.name.value ?? '']);
  }
  const texts: string[] = [];
  for (const edge of edges as unknown[]) {
    if (typeof edge !== 'object' || edge === null) return undefined;
    const { cursor } = edge as { cursor?: unknown };
    const node = renderedTextOf((edge as { node?: unknown }).node);
    if (node === undefined) return undefined;
    const pairs = keys.map(([key, name]) => {
      const value =
        name === 'node'
          ? node
          : name === 'cursor' && typeof cursor === 'string'
            ? JSON.stringify(cursor)
            : name === '__typename'
              ? JSON.stringify(edgeType.name)
              : undefined;
      return value === undefined ? undefined : `${JSON.stringify(key)}:${value}`;
    });
    if (pairs.some((pair) => pair === undefined)) return undefined;
    texts.push(`{${pairs.join(',')}}`);
  }
  return `[${texts.join(',')}]`;
}

export class RenderedEdgesPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: Resolver, fieldConfig: PothosOutputFieldConfig<Types>): Resolver {
    if (fieldConfig.name !== 'edges' || fieldConfig.graphqlKind !== 'Object') return resolver;
    return (parent, args, context, info) => {
      const edges = resolver(parent, args, context, info);
      const text = renderedEdgesText(info, edges);
      if (text === undefined) return edges;
      spliceText(context, info, text);
      return [];
    };
  }
}

declare global {
  // Pothos registers plugins by extending this global interface (declaration merging).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      renderedEdges: RenderedEdgesPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(renderedEdgesPlugin, RenderedEdgesPlugin);
