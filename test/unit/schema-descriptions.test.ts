// Every type, field, argument, input field and enum value of the public schema carries a
// description written for users (built-in scalars and introspection types excepted).
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/index.js';

const described = (text: string | null | undefined) => typeof text === 'string' && text.trim().length > 0;

/** Schema coordinates (Type, Type.field, Type.field(arg:), Enum.VALUE) lacking a description. */
function undescribed(target: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(target.getTypeMap())) {
    if (isIntrospectionType(type) || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    if (!described(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) {
          if (!described(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
        }
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!described(value.description)) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing.sort();
}

describe('schema descriptions', () => {
  it('describes every type, field, argument and enum value', () => {
    expect(undescribed(schema)).toEqual([]);
  });

  it('reports what lacks a description', () => {
    const sample = buildSchema(`
      "Root" type Query { "documented" a(x: Int): Int b: E }
      enum E { "documented" ONE TWO }
    `);
    expect(undescribed(sample)).toEqual(['E', 'E.TWO', 'Query.a(x:)', 'Query.b']);
  });

  it('builds without a database', () => {
    expect(schema.getQueryType()?.getFields()).toHaveProperty('provisions');
  });
});
