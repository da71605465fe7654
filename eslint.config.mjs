import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.esbuild/',
      '.serverless/',
      '.build/',
      'coverage/',
      'test-output/',
      'public/vendor/',
      // Built from web/ by npm run web:build (minified); the sources are linted.
      'public/app.js',
      '.stryker-tmp/',
      'reports/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Prettier wraps code at 140 (.prettierrc.json, checked in CI); comments are wrapped by hand.
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through lib/config.ts, the only place that touches process.env.',
        },
      ],
    },
  },
  {
    files: ['lib/config.ts', 'scripts/**', 'tools/**', 'harness/**', 'tests/**', '*.js', '*.mjs', '*.cjs'],
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['lib/**/*.ts', 'functions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node:async_hooks', message: "No per-request store: a request's state is its context, passed as an argument." },
            { name: 'async_hooks', message: "No per-request store: a request's state is its context, passed as an argument." },
          ],
        },
      ],
    },
  },
  { files: ['public/**/*.js', 'web/**/*.ts'], languageOptions: { globals: { ...globals.browser } } },
);
