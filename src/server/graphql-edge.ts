// What the GraphQL endpoint adds at its edge to the schema's own rules: operations the schema
// has no root type for refused as validation errors, introspection and suggestions kept to
// development or key holders, the optional operation safelist, and the status of request errors
// for clients of `application/json`. Built from configuration; createApp installs the result.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { ValidationRule } from 'graphql';
import type { Config } from '../config.js';
import { introspectionGuardPlugin } from '../graphql/plugins/introspection-guard.js';
import { jsonResponseStatusPlugin } from '../graphql/plugins/json-response-status.js';
import { supportedOperationsRule } from '../graphql/plugins/supported-operations.js';
import { operationSafelist, readSafelist } from './operation-safelist.js';

export interface GraphQLEdge {
  /** Run on /graphql after the body is read, before Apollo. */
  httpHandlers: RequestHandler[];
  plugins: ApolloServerPlugin<BaseContext>[];
  validationRules: ValidationRule[];
}

export type GraphQLEdgeConfig = Pick<Config, 'NODE_ENV' | 'INTROSPECTION_KEYS' | 'OPERATION_SAFELIST'>;

/** Reads the safelist, when one is configured: a bad one stops the start with every problem listed. */
export function graphqlEdge(config: GraphQLEdgeConfig): GraphQLEdge {
  const safelist = config.OPERATION_SAFELIST === undefined ? undefined : readSafelist(config.OPERATION_SAFELIST);
  return {
    httpHandlers: safelist ? [operationSafelist(safelist)] : [],
    plugins: [
      introspectionGuardPlugin({ open: config.NODE_ENV === 'development', keys: config.INTROSPECTION_KEYS }),
      jsonResponseStatusPlugin,
    ],
    validationRules: [supportedOperationsRule],
  };
}
