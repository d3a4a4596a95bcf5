// Typed documents for the tests and the web app, generated from the committed SDL
// (schema/schema.graphql), so a test or a page that asks for a field the schema lacks fails to
// type-check. The web app's documents are plain strings (`documentMode: 'string'`): no GraphQL
// parser is shipped to the browser.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: true,
  // ESM with NodeNext resolution: generated relative imports need their .js extension.
  importExtension: '.js',
  generates: {
    'test/generated/': {
      documents: ['test/**/*.ts', 'bench/**/*.ts', '!test/generated/**'],
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: 'string', DateTime: 'string', JSON: 'unknown', ID: 'string' },
      },
      presetConfig: { fragmentMasking: false },
    },
    'web/src/gql/': {
      documents: ['web/src/**/*.ts', 'web/src/**/*.tsx', '!web/src/gql/**'],
      preset: 'client',
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Date: 'string', DateTime: 'string', JSON: 'unknown', ID: 'string' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
