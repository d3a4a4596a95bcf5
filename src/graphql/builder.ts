// Schema builder setup only: plugins and their options. Scalars are in ./scalars.ts, types in
// ./types, operations in ./operations.
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '../domain/page-size.js';
import type PrismaTypes from '../generated/pothos-prisma-types.js';
import { getDatamodel } from '../generated/pothos-prisma-types.js';
import type { GraphQLContext } from './context.js';
import { compiledRowsInnerPlugin, compiledRowsPlugin } from './plugins/compiled-rows.js';
import KnownFilterValuesPlugin from './plugins/known-filter-values.js';
import { renderedEdgesPlugin } from './plugins/rendered-edges.js';
import TextArgumentGuardPlugin from './plugins/text-argument-guard.js';
import {
  AFTER_DESCRIPTION,
  BEFORE_DESCRIPTION,
  connectionArgumentsSchema,
  FIRST_DESCRIPTION,
  LAST_DESCRIPTION,
} from './pagination.js';
import { invalidArgumentFromIssues } from './validation-issues.js';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  PrismaTypes: PrismaTypes;
  Scalars: {
    Date: { Input: Date; Output: Date | string };
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
}>({
  plugins: [
    ErrorsPlugin,
    RelayPlugin,
    ValidationPlugin,
    // Around the Prisma plugin's wrappers, to skip them for compiled rows (see the plugin).
    compiledRowsPlugin,
    PrismaPlugin,
    compiledRowsInnerPlugin,
    TextArgumentGuardPlugin,
    KnownFilterValuesPlugin,
    // Edges of pages the database rendered resolve to their text (see the plugin).
    renderedEdgesPlugin,
  ],
  defaultFieldNullability: false,
  prisma: {
    client: (context) => context.services.db.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'test' ? 'error' : 'warn',
    maxConnectionSize: PAGE_SIZE_MAX,
    defaultConnectionSize: PAGE_SIZE_DEFAULT,
  },
  errors: {
    defaultTypes: [Error],
  },
  validation: {
    validationError: (failure) => invalidArgumentFromIssues(failure.issues),
  },
  relay: {
    cursorType: 'String',
    idFieldOptions: {
      description: 'Opaque global identifier of this record; pass it to `node(id:)` to fetch the record again.',
    },
    nodeTypeOptions: {
      description: 'A record with a global identifier that can be fetched again with `node(id:)`.',
    },
    // node/nodes are defined in types/node.ts: they answer null for malformed ids and for ids
    // of types that are not nodes, where the plugin's own fields raise errors.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    pageInfoTypeOptions: {
      description: 'Where a page sits in its connection, and the cursors to fetch the neighbouring pages.',
    },
    pageInfoFieldOptions: { description: 'Cursors and flags for fetching the next or previous page.' },
    hasNextPageFieldOptions: {
      description: 'True when more items follow this page (ask again with `after: endCursor`).',
    },
    hasPreviousPageFieldOptions: {
      description: 'True when items precede this page (ask again with `before: startCursor`).',
    },
    startCursorFieldOptions: { description: 'Cursor of the first item on this page; null when the page is empty.' },
    endCursorFieldOptions: { description: 'Cursor of the last item on this page; null when the page is empty.' },
    edgesFieldOptions: {
      nullable: { list: false, items: false },
      description: 'The items on this page, each with its cursor.',
    },
    nodeFieldOptions: { nullable: false, description: 'The item itself.' },
    cursorFieldOptions: {
      description: 'Opaque position of this item; pass it as `after` or `before` to page from here.',
    },
    firstArgOptions: { description: FIRST_DESCRIPTION },
    lastArgOptions: { description: LAST_DESCRIPTION },
    afterArgOptions: { description: AFTER_DESCRIPTION },
    beforeArgOptions: { description: BEFORE_DESCRIPTION },
    // Applies to every connection field (root, related and helper-based): bounds and
    // combinations of first/last/after/before are reported, never clamped.
    defaultConnectionFieldOptions: { validate: connectionArgumentsSchema },
  },
});

builder.queryType({
  description:
    'Read access to the export-control knowledge base: control-list provisions, exemptions, consultations, impact assessments and guidance, each with its source citation.',
});
