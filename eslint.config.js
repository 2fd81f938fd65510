// Flat config: typescript-eslint's recommended rules plus the house habits (curly braces,
// ordered imports, no default exports except where a tool demands one).
const tseslint = require('typescript-eslint');
const simpleImportSort = require('eslint-plugin-simple-import-sort');

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', '.scratch/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Prefer named exports.' }],
      // Side-effect imports first: 'reflect-metadata' must load before any decorator runs.
      'simple-import-sort/imports': [
        'error',
        { groups: [['^\\u0000'], ['^node:'], ['^@?\\w'], ['^\\.\\./\\.\\.', '^\\.\\.'], ['^\\.']] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Jest's global setup/teardown and the TypeORM CLI data source must default-export.
    files: ['test/global-setup.ts', 'test/global-teardown.ts', 'src/db/cli-data-source.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The pages' own scripts run in the browser as plain scripts, beside the libraries the page
    // loads before them (MapLibre). Naming the globals they may use lets no-undef catch a typo
    // that would otherwise surface only in a browser.
    files: ['src/**/public/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        maplibregl: 'readonly',
      },
    },
    rules: { 'no-undef': 'error' },
  },
);
