// A Pothos plugin that checks every free-text filter argument against the values the data holds
// (services/filter-vocabulary.ts) before the field runs, and an Apollo plugin that tells the
// client which values were read as another (GB as UK) in the response's `extensions.filterNotes`.
// The arguments are named once below, by input type and field (or field and argument), so a
// filter input used by several fields is checked wherever it appears.
import type { ApolloServerPlugin } from '@apollo/server';
import SchemaBuilder, {
  BasePlugin,
  type PartialResolveInfo,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isInterfaceType,
  isObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { FilterValueCheck, VocabularyName } from '../../services/filter-vocabulary.js';
import {
  IMPACT_FILTER_VOCABULARIES,
  LICENSING_FILTER_VOCABULARIES,
} from '../../services/filter-vocabulary-arguments.js';
import type { GraphQLContext } from '../context.js';

const pluginName = 'knownFilterValues';

export default pluginName;

const prefixed = (typeName: string, fields: Readonly<Record<string, VocabularyName>>) =>
  Object.fromEntries(Object.entries(fields).map(([field, vocabulary]) => [`${typeName}.${field}`, vocabulary]));

/**
 * The vocabulary of each free-text filter: "InputType.field" for fields of filter inputs,
 * "ParentType.field.argument" for arguments of a field.
 */
export const FILTER_ARGUMENT_VOCABULARIES: Readonly<Record<string, VocabularyName>> = {
  'ProvisionFilter.jurisdiction': 'jurisdiction',
  'ProvisionFilter.category': 'category',
  'ProvisionFilter.codePrefix': 'provisionCodePrefix',
  'ExemptionFilter.jurisdiction': 'jurisdiction',
  'ExemptionFilter.appliesToProvisionCode': 'provisionCode',
  'ConsultationFilter.jurisdiction': 'jurisdiction',
  'GuidanceFilter.jurisdiction': 'jurisdiction',
  'GuidanceFilter.audience': 'audience',
  'GuidanceFilter.topic': 'topic',
  'ImpactAssessmentFilter.jurisdiction': 'jurisdiction',
  'ListTextFilter.category': 'category',
  'ListTextFilter.label': 'listTextLabel',
  'ItemFactFilter.paragraph': 'encodedParagraph',
  'SearchFilter.jurisdiction': 'jurisdiction',
  'SearchFilter.category': 'category',
  'SearchFilter.audience': 'audience',
  ...prefixed('ImpactStatsFilter', IMPACT_FILTER_VOCABULARIES),
  ...prefixed('LicensingStatsFilter', LICENSING_FILTER_VOCABULARIES),
  'Query.impactSeries.indicator': 'indicator',
  'Query.impactIndicators.jurisdictions': 'jurisdiction',
};

/** Where one checked value sits in a field's arguments. */
interface ArgumentPath {
  /** Keys from the arguments object down to the value ("filter", "jurisdiction"). */
  keys: string[];
  vocabulary: VocabularyName;
}

/** The checked paths under an input type, with a guard against input types that contain themselves. */
function pathsIn(type: GraphQLInputType, keys: string[], seen: ReadonlySet<string>): ArgumentPath[] {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return [];
  const paths: ArgumentPath[] = [];
  for (const field of Object.values(named.getFields())) {
    const vocabulary = FILTER_ARGUMENT_VOCABULARIES[`${named.name}.${field.name}`];
    if (vocabulary) paths.push({ keys: [...keys, field.name], vocabulary });
    // Lists of input objects are not filters here: only single nested inputs are followed.
    else if (!isListType(getNullableType(field.type)))
      paths.push(...pathsIn(field.type, [...keys, field.name], new Set([...seen, named.name])));
  }
  return paths;
}

function argumentPaths(schema: GraphQLSchema, parentType: string, fieldName: string): ArgumentPath[] {
  const parent = schema.getType(parentType);
  const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[fieldName] : undefined;
  if (!field) return [];
  const paths: ArgumentPath[] = [];
  for (const argument of field.args) {
    const vocabulary = FILTER_ARGUMENT_VOCABULARIES[`${parentType}.${fieldName}.${argument.name}`];
    if (vocabulary) paths.push({ keys: [argument.name], vocabulary });
    else paths.push(...pathsIn(argument.type, [argument.name], new Set()));
  }
  return paths;
}

function valueAt(args: Record<string, unknown>, keys: readonly string[]): unknown {
  let value: unknown = args;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A copy of `args` with the value at `keys` replaced (the objects on the way copied, never mutated). */
function withValueAt(args: Record<string, unknown>, keys: readonly string[], value: unknown): Record<string, unknown> {
  const [key, ...rest] = keys;
  if (key === undefined) return args;
  const inner = args[key];
  return {
    ...args,
    [key]: rest.length === 0 ? value : withValueAt((inner ?? {}) as Record<string, unknown>, rest, value),
  };
}

export class KnownFilterValuesPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  /** The checked argument paths of each field, found on its first call. */
  private readonly pathsByField = new Map<string, ArgumentPath[]>();

  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (Object.keys(fieldConfig.args).length === 0) return fieldConfig;
    const { parentType, name } = fieldConfig;
    const fieldKey = `${parentType}.${name}`;
    // Synchronous when there is nothing to check: the Prisma plugin maps the arguments of nested
    // fields while it plans a query's selection, and cannot wait for a promise there.
    const check = (
      args: Record<string, unknown>,
      context: Types['Context'],
      info: PartialResolveInfo,
    ): Record<string, unknown> | Promise<Record<string, unknown>> => {
      let paths = this.pathsByField.get(fieldKey);
      if (paths === undefined) {
        paths = argumentPaths(info.schema, parentType, name);
        this.pathsByField.set(fieldKey, paths);
      }
      const given = paths.flatMap((path) => {
        const value = valueAt(args, path.keys);
        if (typeof value === 'string') return [{ path, values: [value], single: true }];
        if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
          return [{ path, values: value as string[], single: false }];
        return [];
      });
      if (given.length === 0) return args;
      const { services, filterNotes } = context as GraphQLContext;
      const checks: FilterValueCheck[] = given.map(({ path, values }) => ({
        field: path.keys.join('.'),
        vocabulary: path.vocabulary,
        values,
      }));
      return services.filterVocabulary.resolve(checks).then((resolved) => {
        filterNotes.push(...resolved.notes);
        if (resolved.notes.length === 0) return args;
        return given.reduce(
          (mapped, { path, single }, index) =>
            withValueAt(mapped, path.keys, single ? resolved.values[index]?.[0] : resolved.values[index]),
          args,
        );
      });
    };
    return { ...fieldConfig, argMappers: [...fieldConfig.argMappers, check] };
  }
}

declare global {
  // Pothos registers plugins by extending this global interface (declaration merging).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      knownFilterValues: KnownFilterValuesPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, KnownFilterValuesPlugin);

/**
 * Puts the notes of the request (values read as others) in `extensions.filterNotes` of the
 * response, each `{ field, given, readAs, message }`. Listed before the response cache, which
 * keeps no response that carries extensions.
 */
export const filterNotesPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const notes = contextValue.filterNotes;
        if (notes.length === 0 || response.body.kind !== 'single') return;
        const unique = [...new Map(notes.map((note) => [JSON.stringify(note), note])).values()];
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, filterNotes: unique };
      },
    };
  },
};
