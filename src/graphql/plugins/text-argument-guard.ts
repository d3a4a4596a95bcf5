// A Pothos plugin that refuses a NUL character (U+0000) anywhere in a field's arguments (String
// and ID arguments, lists of them, fields of input objects), for every field of the schema.
// PostgreSQL text cannot hold NUL, so such a value can match nothing stored, and sent as a query
// parameter it fails the whole statement (SQLSTATE 22021), which a client would see as an
// internal error. One check here covers every argument, present and future; values decoded from
// arguments (global ids, cursors) are checked where they are decoded. A field whose contract
// answers malformed input with null (`node`, `nodes`) opts out with RESOLVER_CHECKS_TEXT and
// checks the text itself.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { pathOfTextWithNul } from '../../domain/sql-text.js';
import { InvalidArgumentError } from '../../errors.js';

const pluginName = 'textArgumentGuard';

export default pluginName;

/** Field `extensions` of a field whose resolver handles NUL characters in its arguments itself. */
export const RESOLVER_CHECKS_TEXT = { textArgumentGuard: 'resolver-checks-text' } as const;

function refuseNul(args: Record<string, unknown>): Record<string, unknown> {
  const path = pathOfTextWithNul(args);
  if (path) {
    const field = path.join('.');
    throw new InvalidArgumentError(
      field,
      'no-nul-character',
      `"${field}" must not contain a NUL character (U+0000); no stored text contains one.`,
    );
  }
  return args;
}

export class TextArgumentGuardPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (Object.keys(fieldConfig.args).length === 0) return fieldConfig;
    if (fieldConfig.extensions?.textArgumentGuard === RESOLVER_CHECKS_TEXT.textArgumentGuard) return fieldConfig;
    // Mapped before the other plugins' mappers (validation), so no rule sees such a value.
    return { ...fieldConfig, argMappers: [refuseNul, ...fieldConfig.argMappers] };
  }
}

declare global {
  // Pothos registers plugins by extending this global interface (declaration merging).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      textArgumentGuard: TextArgumentGuardPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, TextArgumentGuardPlugin);
