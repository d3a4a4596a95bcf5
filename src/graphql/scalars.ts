// The custom scalars. Date is decoded here, at the edge: everything below GraphQL receives a
// Date at midnight UTC, never the text.
import { GraphQLError, Kind, print, type ValueNode } from 'graphql';
import { isoDay, parseCalendarDate } from '../domain/calendar-date.js';
import { builder } from './builder.js';

function calendarDateInput(value: unknown): Date {
  const date = typeof value === 'string' ? parseCalendarDate(value) : null;
  if (date) return date;
  throw new GraphQLError(
    `Invalid Date ${JSON.stringify(value)}: expected a calendar date written YYYY-MM-DD, e.g. "2024-06-30".`,
    { extensions: { code: 'BAD_USER_INPUT' } },
  );
}

function dateTimeInput(value: unknown): Date {
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

builder.scalarType('Date', {
  description:
    'A calendar date written YYYY-MM-DD (e.g. "2024-06-30"), with no time of day or time zone. Input must be a real date in that exact form.',
  serialize: (value) => isoDay(toDate(value)),
  parseValue: calendarDateInput,
  parseLiteral: (node) => calendarDateInput(node.kind === Kind.STRING ? node.value : print(node)),
});

builder.scalarType('DateTime', {
  description: 'An instant in time, written as an ISO 8601 timestamp in UTC (e.g. "2024-06-30T12:00:00.000Z").',
  serialize: (value) => toDate(value).toISOString(),
  parseValue: dateTimeInput,
  parseLiteral: (node) => dateTimeInput(node.kind === Kind.STRING ? node.value : print(node)),
});

builder.scalarType('JSON', {
  description:
    'Structured data kept as the source gave it (a JSON value: object, array, string, number, boolean or null). Its shape is described by the field that returns it.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node) => jsonFromLiteral(node),
});
