// The limits every operation must stay within before it runs, each refused with an error that
// names the limit, its bound and the value seen: characters of the document, tokens (the
// parser stops counting there), depth, aliases and directives (GraphQL Armor's validation
// rules, a well-kept set of exactly these checks), then the nodes the operation can return and
// its cost in points (query-cost.ts), which need the variables and so run once the operation is
// known. The bounds are those of public GraphQL APIs of this size (GitHub's node limit is 500,000
// for a far larger graph); no page of the web app or example in the explorer comes near them.
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { GraphQLContext } from '../context.js';
import { countOperation, type OperationCount } from '../query-cost.js';

export const QUERY_LIMITS = {
  /** Characters of the document (the query text, without variables). */
  characters: 15_000,
  /** Lexical tokens of the document. */
  tokens: 3_000,
  /** Nesting of fields, fragments flattened. */
  depth: 10,
  aliases: 15,
  directives: 50,
  /** Nodes the operation can return (see query-cost.ts). */
  nodes: 50_000,
  /** Points of one operation (see query-cost.ts). */
  cost: 1_000,
} as const;

export type QueryLimitName = keyof typeof QUERY_LIMITS;

/** The error of an operation past one of the limits: HTTP 400, code QUERY_LIMIT_EXCEEDED. */
export function limitExceeded(limit: QueryLimitName, seen: number, what: string): GraphQLError {
  const maximum = QUERY_LIMITS[limit];
  return new GraphQLError(`${what}: ${seen}, more than the limit of ${maximum}.`, {
    extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit, maximum, seen, http: { status: 400 } },
  });
}

/** The value a GraphQL Armor rejection reports ("... limit of 10 exceeded, found 14."). */
function seenIn(message: string): number {
  const found = /found (\d+)/u.exec(message);
  return found ? Number(found[1]) : Number.NaN;
}

/**
 * Depth, aliases and directives, checked with the schema's own validation; a rejection is
 * reported as a validation error (HTTP 400) with the limit, its bound and the value seen.
 */
export function queryLimitRules(): ValidationRule[] {
  const reportAs =
    (limit: 'depth' | 'aliases' | 'directives', what: string) =>
    (context: ValidationContext | null, error: GraphQLError): void => {
      const rejection = limitExceeded(limit, seenIn(error.message), what);
      context?.reportError(rejection);
    };
  const common = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({
      ...common,
      n: QUERY_LIMITS.depth,
      flattenFragments: true,
      ignoreIntrospection: true,
      onReject: [reportAs('depth', 'The query nests fields too deeply (depth, fragments included)')],
    }),
    maxAliasesRule({
      ...common,
      n: QUERY_LIMITS.aliases,
      onReject: [reportAs('aliases', 'The query has too many aliases')],
    }),
    maxDirectivesRule({
      ...common,
      n: QUERY_LIMITS.directives,
      onReject: [reportAs('directives', 'The query has too many directives')],
    }),
  ] as ValidationRule[];
}

/** The parser's own token limit (graphql-js stops reading a document past it). */
export const PARSE_OPTIONS = { maxTokens: QUERY_LIMITS.tokens } as const;

/** `value` written as JSON, or undefined when it cannot be (nested too deep). */
function jsonKey(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * Counts already made, by operation (Apollo hands a repeated query the same parsed document) and
 * variables: a count depends on nothing else. A few variable sets per operation are kept.
 */
const knownCounts = new WeakMap<OperationDefinitionNode, Map<string, OperationCount>>();
const COUNTS_PER_OPERATION = 16;

function countOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): OperationCount {
  const fragments = () =>
    document.definitions.filter(
      (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
    );
  // The variables are not yet checked against their types: nested too deep to be written as
  // JSON, they are counted each time (and refused further on).
  const key = jsonKey(variables);
  if (key === undefined) return countOperation(schema, operation, fragments(), variables);
  let counts = knownCounts.get(operation);
  const known = counts?.get(key);
  if (known) return known;
  const count = countOperation(schema, operation, fragments(), variables);
  if (!counts || counts.size >= COUNTS_PER_OPERATION) knownCounts.set(operation, (counts = new Map()));
  counts.set(key, count);
  return count;
}

/**
 * The nodes and cost of the request's operation, counted once and kept on the context (the rate
 * budget charges the same count); undefined before the operation is known.
 */
export function operationCountOf(
  requestContext: Pick<
    GraphQLRequestContextDidResolveOperation<GraphQLContext>,
    'document' | 'operation' | 'request' | 'schema' | 'contextValue'
  >,
): OperationCount | undefined {
  const { document, operation, request, schema, contextValue } = requestContext;
  if (!operation) return undefined;
  if (contextValue.queryCost) return contextValue.queryCost;
  contextValue.queryCost = countOf(schema, document, operation, request.variables ?? {});
  return contextValue.queryCost;
}

/** Whether an operation passes the node or cost limit (it is then refused, and not charged). */
export function isOverCountLimits(count: OperationCount): boolean {
  return count.nodes > QUERY_LIMITS.nodes || count.cost > QUERY_LIMITS.cost;
}

/**
 * Refuses an operation whose nodes or cost pass their limits before it is executed (documents
 * over the character limit are refused at the HTTP edge, before they are parsed).
 */
export const queryLimitsPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation(requestContext) {
        const count = operationCountOf(requestContext);
        if (!count) return;
        // The access log reports the cost, of refused operations too.
        if (requestContext.contextValue.telemetry) requestContext.contextValue.telemetry.cost = count.cost;
        if (count.nodes > QUERY_LIMITS.nodes) {
          throw limitExceeded(
            'nodes',
            count.nodes,
            'The operation can return too many nodes (the page sizes multiplied along each path, summed)',
          );
        }
        if (count.cost > QUERY_LIMITS.cost) {
          throw limitExceeded('cost', count.cost, 'The operation costs too many points');
        }
      },
    };
  },
};
