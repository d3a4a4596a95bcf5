// Keeps the schema's shape to those who need it: outside development, an operation that asks
// for `__schema` or `__type` is refused (HTTP 400, INTROSPECTION_DISABLED) and validation
// errors lose their "Did you mean ...?" suggestions, unless the request presents one of the
// configured introspection keys (`authorization: Bearer <key>` or `x-api-key: <key>`).
// `__typename` stays open: clients need it to tell union members apart. The schema is no
// secret (its SDL is published with the code, and the explorer page loads it from there);
// this only stops anonymous clients mapping the API cheaply and in bulk.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, visit, BREAK, type DocumentNode } from 'graphql';

export interface IntrospectionAccess {
  /** Introspection and suggestions for everyone (development). */
  open: boolean;
  /** Keys that unlock them on a request. */
  keys: readonly string[];
}

interface HeaderReader {
  get(name: string): string | undefined;
}

/** The key a request presents: a bearer token, else `x-api-key`. */
export function presentedKey(headers: HeaderReader | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/iu.exec(headers?.get('authorization') ?? '');
  return bearer?.[1] ?? headers?.get('x-api-key')?.trim() ?? undefined;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests of equal length in constant time, so a response time says nothing about a key. */
function matchesOneOf(key: string, keys: readonly Buffer[]): boolean {
  const presented = digest(key);
  let matched = false;
  for (const known of keys) matched = timingSafeEqual(presented, known) || matched;
  return matched;
}

/**
 * Answers by document: Apollo Server hands a repeated query the same parsed document from its
 * cache, so the walk runs once per document, not once per request.
 */
const askedByDocument = new WeakMap<DocumentNode, boolean>();

export function asksForSchema(document: DocumentNode): boolean {
  const known = askedByDocument.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  askedByDocument.set(document, found);
  return found;
}

const SUGGESTION = / ?Did you mean(.+?)\?$/u;

export function introspectionGuardPlugin(access: IntrospectionAccess): ApolloServerPlugin<BaseContext> {
  const keyDigests = access.keys.map(digest);
  return {
    async requestDidStart({ request }) {
      if (access.open) return {};
      const key = presentedKey(request.http?.headers);
      if (key !== undefined && matchesOneOf(key, keyDigests)) return {};
      return {
        async validationDidStart() {
          return async (errors) => {
            for (const error of errors ?? []) error.message = error.message.replace(SUGGESTION, '');
          };
        },
        async didResolveOperation({ document }) {
          if (!asksForSchema(document)) return;
          throw new GraphQLError(
            'Introspection (__schema, __type) is disabled on this service. The schema is published as schema/schema.graphql with the code, and the explorer at /graphql shows its documentation.',
            { extensions: { code: 'INTROSPECTION_DISABLED', http: { status: 400 } } },
          );
        },
      };
    },
  };
}
