import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'src/generated/',
      'test/generated/',
      'web/src/gql/',
      'web/dist/',
      'dist/',
      'data/',
      'coverage/',
      '.bench/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // GraphQL files map arguments to services and results to types: a long one holds logic
    // that belongs below it, or several types that want files of their own.
    files: ['src/graphql/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 250, skipBlankLines: false, skipComments: false }] },
  },
  // Formatting is Prettier's alone: rules that would disagree with it are off.
  prettier,
);
