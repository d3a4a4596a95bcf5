// Fields of rows a compiled read returned (db/compiled-read.ts) resolve straight from the row.
// The Prisma plugin wraps every relation field, and every field with a `select`, in a resolver
// that looks the row's planned selection up by walking the response path, on every row of every
// list: a fifth of the CPU of a nested page. A compiled row already holds everything its
// selection planned, nested relations included, so that lookup has nothing to find for it.
//
// Two plugins, because the Prisma plugin's wrapper must be skipped, not wrapped: the inner one
// (listed after the Prisma plugin) records each field's resolver as it is before the Prisma
// wrapper; the outer one (listed before it) answers compiled rows with that resolver and leaves
// every other row to the Prisma wrapper.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { isCompiledRow } from '../../db/compiled-read.js';

export const compiledRowsPlugin = 'compiledRows';
export const compiledRowsInnerPlugin = 'compiledRowsInner';

type Resolver = GraphQLFieldResolver<unknown, object>;

/** Resolvers as they were before the Prisma plugin wrapped them, by field config. */
const unwrappedResolvers = new WeakMap<object, Resolver>();

/** Fields the Prisma plugin wraps (the condition of its own wrapResolve). */
function isWrappedByPrisma<Types extends SchemaTypes>(fieldConfig: PothosOutputFieldConfig<Types>): boolean {
  return fieldConfig.kind === 'PrismaObject' && Boolean(fieldConfig.extensions?.pothosPrismaSelect);
}

/**
 * Relations loaded another way than the planned selection (a relation field with its own
 * resolver, a related connection) never resolve from compiled rows: selections holding them are
 * not compiled (see compiled-selection.ts).
 */
export function resolvesFromRow(extensions: Readonly<Record<string, unknown>> | null | undefined): boolean {
  return !extensions?.pothosPrismaFallback && !extensions?.pothosPrismaFallbackPlan;
}

export class CompiledRowsInnerPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: Resolver, fieldConfig: PothosOutputFieldConfig<Types>): Resolver {
    if (isWrappedByPrisma(fieldConfig) && resolvesFromRow(fieldConfig.extensions)) {
      unwrappedResolvers.set(fieldConfig, resolver);
    }
    return resolver;
  }
}

export class CompiledRowsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: Resolver, fieldConfig: PothosOutputFieldConfig<Types>): Resolver {
    const unwrapped = unwrappedResolvers.get(fieldConfig);
    if (!unwrapped) return resolver;
    return (parent, args, context, info) =>
      isCompiledRow(parent) ? unwrapped(parent, args, context, info) : resolver(parent, args, context, info);
  }
}

declare global {
  // Pothos registers plugins by extending this global interface (declaration merging).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      compiledRows: CompiledRowsPlugin<Types>;
      compiledRowsInner: CompiledRowsInnerPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(compiledRowsPlugin, CompiledRowsPlugin);
SchemaBuilder.registerPlugin(compiledRowsInnerPlugin, CompiledRowsInnerPlugin);
