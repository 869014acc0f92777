import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports flow one way: sql ← engine ← ingest/metrics ← store ← features ← app (shared/CONVENTIONS.md). */
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((group) => ({ group: [group], message })),
          {
            group: ['**/node-engine*', '**/native-engine*', 'node:*'],
            message: 'Browser code never imports the Node engines or Node built-ins.',
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', '.scratch/', 'src/contribution/contribution-validator.js'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  layer(
    ['src/sql/**', 'src/stats/**'],
    ['**/engine/**', '**/ingest/**', '**/metrics/**', '**/store/**', '**/features/**', '**/app/**', '**/components/**', 'react'],
    'sql/ and stats/ are pure helpers at the bottom of the stack.',
  ),
  layer(
    ['src/engine/**'],
    ['**/ingest/**', '**/metrics/**', '**/store/**', '**/features/**', '**/app/**', '**/components/**', 'react'],
    'engine/ may only use sql/.',
  ),
  layer(
    ['src/ingest/**', 'src/metrics/**', 'src/export/**'],
    ['**/store/**', '**/features/**', '**/app/**', '**/components/**', 'react', '@duckdb/*'],
    'ingest/, metrics/ and export/ use the engine interface, never React, the store or DuckDB directly.',
  ),
  layer(
    ['src/contribution/**'],
    ['**/store/**', '**/features/**', '**/app/**', '**/components/**', 'react', '@duckdb/*'],
    'contribution/ builds and pools contribution files on the engine interface and the metrics; it sits below the store.',
  ),
  layer(['src/store/**'], ['**/features/**', '**/app/**', '**/components/**', '@duckdb/*'], 'store/ sits below the pages.'),
  layer(
    ['src/components/**'],
    ['**/engine/**', '**/ingest/load*', '**/store/**', '**/features/**', '**/app/**', '@duckdb/*'],
    'Shared components take props; they do not fetch data.',
  ),
  layer(['src/features/**'], ['**/engine/**', '**/app/**', '@duckdb/*'], 'Pages reach the engine only through the store.'),
  layer(['src/app/**'], [], ''),
  {
    files: ['src/engine/node-engine.ts', 'src/engine/native-engine.ts', 'src/cli/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
