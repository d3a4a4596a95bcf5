// Schema builder setup only: plugins, their options, scalars. Types live in ./types.
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError, Kind, print, type ValueNode } from 'graphql';
import { getPrisma } from '../db/prisma.js';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '../domain/page-size.js';
import type PrismaTypes from '../generated/pothos-prisma-types.js';
import { getDatamodel } from '../generated/pothos-prisma-types.js';
import type { GraphQLContext } from './context.js';
import { invalidArgumentFromIssues } from './errors.js';
import TextArgumentGuardPlugin from './text-argument-guard.js';
import {
  AFTER_DESCRIPTION,
  BEFORE_DESCRIPTION,
  connectionArgumentsSchema,
  FIRST_DESCRIPTION,
  LAST_DESCRIPTION,
} from './types/pagination.js';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2024-02-30" is well-formed but not a date: checked by round-tripping through UTC. */
function parseCalendarDate(value: unknown): Date {
  const text = typeof value === 'string' ? value : undefined;
  const match = text ? CALENDAR_DATE.exec(text) : null;
  if (match) {
    const [, year, month, day] = match.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return date;
  }
  throw new GraphQLError(
    `Invalid Date ${JSON.stringify(value)}: expected a calendar date written YYYY-MM-DD, e.g. "2024-06-30".`,
    { extensions: { code: 'BAD_USER_INPUT' } },
  );
}

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (date && !Number.isNaN(date.getTime()) && /^\d{4}-\d{2}-\d{2}T/.test(String(value))) return date;
  throw new GraphQLError(
    `Invalid DateTime ${JSON.stringify(value)}: expected an ISO 8601 timestamp, e.g. "2024-06-30T12:00:00Z".`,
    { extensions: { code: 'BAD_USER_INPUT' } },
  );
}

function toDate(value: Date | string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new TypeError(`not a date: ${String(value)}`);
  return date;
}

function jsonFromLiteral(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map(jsonFromLiteral);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, jsonFromLiteral(field.value)]));
    default:
      throw new GraphQLError('JSON literals cannot contain variables or enum values.', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
  }
}

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
  plugins: [ErrorsPlugin, RelayPlugin, ValidationPlugin, PrismaPlugin, TextArgumentGuardPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: () => getPrisma(),
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

builder.scalarType('Date', {
  description:
    'A calendar date written YYYY-MM-DD (e.g. "2024-06-30"), with no time of day or time zone. Input must be a real date in that exact form.',
  serialize: (value) => toDate(value).toISOString().slice(0, 10),
  parseValue: parseCalendarDate,
  parseLiteral: (node) => parseCalendarDate(node.kind === Kind.STRING ? node.value : print(node)),
});

builder.scalarType('DateTime', {
  description: 'An instant in time, written as an ISO 8601 timestamp in UTC (e.g. "2024-06-30T12:00:00.000Z").',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (node) => parseDateTime(node.kind === Kind.STRING ? node.value : print(node)),
});

builder.scalarType('JSON', {
  description:
    'Structured data kept as the source gave it (a JSON value: object, array, string, number, boolean or null). Its shape is described by the field that returns it.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node) => jsonFromLiteral(node),
});

builder.queryType({
  description:
    'Read access to the export-control knowledge base: control-list provisions, exemptions, consultations, impact assessments and guidance, each with its source citation.',
});
