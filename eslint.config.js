// ESLint flat config: typescript-eslint's recommended rules, React hooks rules, and the import rules that hold
// the layers of docs/ARCHITECTURE.md ("The shape", convention 13). Formatting is Prettier's (eslint-config-prettier turns
// off the rules it owns). `npm run lint` runs ESLint and `prettier --check`; `npm test` runs lint first.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** The layer rules: each zone forbids `target` files to import from `from` (paths from the repo root). */
const layerZones = [
  {
    target: './src/core',
    from: './src',
    except: ['./core'],
    message: 'src/core is pure: it imports nothing outside src/core (docs/ARCHITECTURE.md convention 1).',
  },
  {
    target: './src/features',
    from: './src/engine',
    except: ['./api.ts'],
    message: 'Features reach the engine only through src/engine/api.ts (docs/ARCHITECTURE.md "The shape").',
  },
  {
    target: './src/lib',
    from: './src/engine',
    message: 'src/lib holds small shared helpers and imports no engine module.',
  },
  {
    target: './src/engine',
    from: ['./src/features', './src/store', './src/app'],
    message: 'The engine never imports UI or the store: data flows one way (docs/ARCHITECTURE.md).',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-node/**',
      'dist-e2e*/**',
      'dist-lib/**',
      'dist-node.lock/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/.cache/**',
      'public/**',
      // The test videos (an MPEG-TS file ends in .ts).
      'test-media/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      // Pure TypeScript: no packages either (the compiler already refuses the DOM there).
      'no-restricted-imports': ['error', { patterns: [{ regex: '^[^.]', message: 'src/core imports no package.' }] }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/features/**/*.ts', 'src/lib/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Playwright fixtures: a test that uses none still destructures its first argument (`async ({}, testInfo)`).
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  prettier,
);
