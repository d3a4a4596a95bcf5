// GraphQL types for the domain errors of ../errors.ts: an `Error` interface every error type
// implements, so fields that return typed errors (errors plugin, used by later mutations) can
// be queried with `... on Error { message }`. Query fields report errors in `errors[]` with
// `extensions.code`; these types are what result unions will carry.
import { builder } from '../builder.js';
import {
  AmbiguousProvisionCodeError,
  ConflictError,
  InconsistentDataError,
  InvalidArgumentError,
  NotFoundError,
} from '../../errors.js';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Something the API could not do, with a message meant for people.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong and, where possible, how to fix the request.' }),
  }),
});

builder.objectType(Error, {
  name: 'BaseError',
  description: 'An error with no more specific type.',
  interfaces: [ErrorInterface],
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The record the request names does not exist.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    entity: t.exposeString('entity', { description: 'Kind of record that was looked for (e.g. "ControlProvision").' }),
    key: t.exposeString('key', { description: 'The identifier or code that was looked for; empty when not known.' }),
  }),
});

builder.objectType(InvalidArgumentError, {
  name: 'InvalidArgumentError',
  description: 'An argument breaks a rule; the message says which and how to fix it.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', {
      description: 'Path of the offending argument, e.g. "first" or "filter.codePrefix".',
    }),
    rule: t.exposeString('rule', { description: 'Short name of the broken rule, e.g. "page-size-range".' }),
  }),
});

builder.objectType(AmbiguousProvisionCodeError, {
  name: 'AmbiguousProvisionCodeError',
  description:
    'A provision code exists in several regimes and no regime was given: repeat the request with one of `regimes`.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    provisionCode: t.exposeString('provisionCode', { description: 'The code that was asked for.' }),
    regimes: t.exposeStringList('regimes', { description: 'Regimes in which the code exists; pass one as `regime`.' }),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'A change would duplicate a record that must be unique.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    fields: t.exposeStringList('fields', { description: 'The fields whose combination must be unique.' }),
  }),
});

builder.objectType(InconsistentDataError, {
  name: 'InconsistentDataError',
  description:
    'The stored data cannot answer unambiguously (for example two versions of a provision claim the same date); reported instead of guessing.',
  interfaces: [ErrorInterface],
});
