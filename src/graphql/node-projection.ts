// How the database writes a node of the answer (db/compiled-projection.ts): for a GraphQL
// object type of a Prisma model and the fields selected under it, the projection with the
// answer's keys in the answer's order, or NotCompilableError when a field cannot be written by
// the database exactly as graphql-js would complete it. Written by the database: `__typename`,
// columns exposed as they are (or declaring how they are written, PROJECTED_COLUMN), and
// relations without a resolver of their own, filtered and ordered as Pothos planned them.
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
} from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields.js';
import type { ColumnFormat, Projection, ProjectedValue } from '../db/compiled-projection.js';
import { fieldOf, NotCompilableError, type ModelField } from '../db/compiled-where.js';
import { resolvesFromRow } from './plugins/compiled-rows.js';

/** A field whose value is a column written in SQL declares it in its extensions under this key. */
export const PROJECTED_COLUMN = 'projectedColumn';

export interface ProjectedColumn {
  column: string;
  format: ColumnFormat;
}

/**
 * The `id` option of a prismaNode of type `typename` keyed by its `id` column: the global id
 * field declares how the database writes it.
 */
export function nodeIdOf<const Typename extends string>(typename: Typename) {
  const projected: ProjectedColumn = { column: 'id', format: { globalIdOf: typename } };
  return { field: 'id', extensions: { [PROJECTED_COLUMN]: projected } } as const;
}

type Fields = Map<string, ReadonlyArray<FieldNode>>;

/** The fields selected under `nodes` (of type `type`), by response key, as graphql-js collects them. */
export function subfields(info: GraphQLResolveInfo, type: GraphQLObjectType, nodes: ReadonlyArray<FieldNode>): Fields {
  return collectSubfields(info.schema, info.fragments, info.variableValues, type, nodes);
}

/** The column type each plain scalar is written from as it is (graphql-js would convert any other). */
const PLAIN_SCALAR_COLUMNS: Readonly<Record<string, string>> = {
  String: 'String',
  ID: 'String',
  Int: 'Int',
  Boolean: 'Boolean',
};

/** How an exposed column of scalar (or enum) type `type` is written, or undefined when it cannot be. */
function exposedFormat(type: GraphQLOutputType, column: ModelField): ColumnFormat | undefined {
  const named = getNamedType(type);
  const list = isListType(getNullableType(type));
  if (list !== column.isList) return undefined;
  if (isEnumType(named)) {
    // An enum is written as its stored value: right only when every value is its own name.
    const identity = named.getValues().every((value) => value.value === value.name);
    return column.kind === 'enum' && identity ? 'plain' : undefined;
  }
  if (!isScalarType(named)) return undefined;
  if (list) return named.name === 'String' && column.type === 'String' ? 'plain' : undefined;
  const plainColumn = PLAIN_SCALAR_COLUMNS[named.name];
  if (plainColumn !== undefined) return plainColumn === column.type ? 'plain' : undefined;
  if (named.name === 'Float') return 'float';
  if (named.name === 'Date') return 'day';
  if (named.name === 'DateTime') return 'instant';
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The planned selection of relations: Prisma's select (or include) tree Pothos made. */
function plannedRelations(planned: unknown): Record<string, unknown> | undefined {
  if (!isObject(planned)) return undefined;
  const tree = planned.select ?? planned.include;
  return isObject(tree) ? tree : undefined;
}

/**
 * The projection of `type` (a Prisma object type of `model`) for the fields `nodes` select, with
 * relations read as `planned` (Pothos' plan for these rows) says; NotCompilableError when a field
 * cannot be written by the database.
 */
export function projectionOf(
  info: GraphQLResolveInfo,
  model: string,
  type: GraphQLObjectType,
  nodes: ReadonlyArray<FieldNode>,
  planned: unknown,
): Projection {
  const fields = type.getFields();
  const relations = plannedRelations(planned);
  const usedRelations = new Set<string>();
  const entries: Array<readonly [string, ProjectedValue]> = [];
  for (const [key, fieldNodes] of subfields(info, type, nodes)) {
    const name = fieldNodes[0]?.name.value;
    if (name === '__typename') {
      entries.push([key, { kind: 'text', value: type.name }]);
      continue;
    }
    const field: GraphQLField<unknown, unknown> | undefined = name === undefined ? undefined : fields[name];
    if (!field) throw new NotCompilableError(`${type.name}.${String(name)}`);
    const extensions = field.extensions as Record<string, unknown>;
    const exposed = extensions.pothosExposedField;
    const declared = extensions[PROJECTED_COLUMN] as ProjectedColumn | undefined;
    const relation = extensions.pothosPrismaRelationField as ModelField | undefined;
    if (typeof exposed === 'string' || declared) {
      const column = fieldOf(model, declared?.column ?? (exposed as string));
      const format = declared?.format ?? exposedFormat(field.type, column);
      if (!format) throw new NotCompilableError(`${type.name}.${field.name}`);
      if (typeof format === 'object' && format.globalIdOf !== type.name) {
        throw new NotCompilableError(`${type.name}.${field.name} declared for ${format.globalIdOf}`);
      }
      // A null in a non-null field is an error graphql-js reports; the database would write it.
      if (isNonNullType(field.type) && !column.isRequired) throw new NotCompilableError(`nullable ${column.name}`);
      entries.push([key, { kind: 'column', column: column.name, format }]);
      continue;
    }
    if (relation && resolvesFromRow(extensions)) {
      const target = getNamedType(field.type);
      const plan = relations?.[relation.name];
      if (!isObjectType(target) || !plan || usedRelations.has(relation.name)) {
        throw new NotCompilableError(`${type.name}.${field.name}`);
      }
      usedRelations.add(relation.name);
      if (isNonNullType(field.type) && !relation.isList && !relation.isRequired) {
        throw new NotCompilableError(`optional ${relation.name}`);
      }
      const { select: _select, include: _include, ...args } = isObject(plan) ? plan : {};
      entries.push([
        key,
        {
          kind: 'relation',
          relation: relation.name,
          args,
          projection: projectionOf(info, relation.type, target, fieldNodes, plan),
        },
      ]);
      continue;
    }
    throw new NotCompilableError(`${type.name}.${field.name}`);
  }
  return { model, entries };
}
