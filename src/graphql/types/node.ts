// The Relay root fields `node` and `nodes`. Defined here rather than by the relay plugin so a
// malformed id, an id of a type that is not a node, or an id of a missing row answers null
// (the plugin's own fields raise errors for the first two).
import { decodeGlobalID, resolveNodes } from '@pothos/plugin-relay';
import { isObjectType, type GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { NODES_IDS_MAX } from '../../domain/page-size.js';
import { containsNul } from '../../domain/sql-text.js';
import { builder } from '../builder.js';
import { RESOLVER_CHECKS_TEXT } from '../plugins/text-argument-guard.js';

interface FetchableId {
  typename: string;
  id: unknown;
}

/** The decoded id when it names a Node type; null for anything else. */
function fetchableId(globalId: string, info: GraphQLResolveInfo): FetchableId | null {
  // Base64 decoding skips characters it does not know, NUL among them: such an id is malformed.
  if (containsNul(globalId)) return null;
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    return null;
  }
  // No stored key holds NUL, and PostgreSQL would reject it as a query parameter.
  if (containsNul(decoded.id)) return null;
  const type = info.schema.getType(decoded.typename);
  if (!isObjectType(type) || !type.getInterfaces().some((iface) => iface.name === 'Node')) return null;
  const parse = type.extensions.pothosParseGlobalID as ((id: string, context: object) => unknown) | undefined;
  return { typename: decoded.typename, id: parse ? parse(decoded.id, {}) : decoded.id };
}

async function load(globalIds: readonly string[], context: object, info: GraphQLResolveInfo): Promise<unknown[]> {
  const decoded = globalIds.map((globalId) => fetchableId(globalId, info));
  // resolveNodes skips null entries and answers null for them, batching the rest by type.
  const loaded = await resolveNodes(builder, context, info, decoded);
  return Promise.all(loaded.map(async (node) => (await node) ?? null));
}

/** The same bound as a page: one request cannot ask for more records by id than by listing. */
const nodesIdsSchema = z.array(z.unknown()).superRefine((ids, ctx) => {
  if (ids.length > NODES_IDS_MAX) {
    ctx.addIssue({
      code: 'custom',
      message: `"ids" takes at most ${NODES_IDS_MAX} ids (got ${ids.length}); split the request`,
      params: { rule: 'list-size-range' },
    });
  }
});

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    extensions: RESOLVER_CHECKS_TEXT,
    description:
      'Fetches any record by its global `id`. Returns null when the id is malformed, belongs to a type that cannot be fetched this way, or names a record that does not exist.',
    args: { id: t.arg.id({ required: true, description: 'A global `id` previously returned by this API.' }) },
    resolve: async (_root, args, context, info) => {
      const [node] = await load([String(args.id)], context, info);
      return node ?? null;
    },
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    extensions: RESOLVER_CHECKS_TEXT,
    description:
      'Fetches several records by global id, in the order given. Each position is null when that id is malformed, not fetchable, or names no record.',
    args: {
      ids: t.arg.idList({
        required: true,
        description: `Global ids previously returned by this API, at most ${NODES_IDS_MAX}.`,
        validate: nodesIdsSchema,
      }),
    },
    resolve: (_root, args, context, info) => load(args.ids.map(String), context, info),
  }),
}));
