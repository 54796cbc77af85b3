// Layering is enforced here, not by memory (ARCHITECTURE.md, convention 1):
//  - shared/   imports nothing runtime-specific (no node:, electron, react, DOM globals);
//  - renderer/ imports only shared/ and UI libraries;
//  - only main/app/ imports electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Bare Node built-in names go in `paths` (exact module names), so relative files such as './events' are not caught.
const nodeBuiltinNames = ['fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'url', 'util', 'stream', 'events', 'zlib', 'tls', 'dns', 'worker_threads'];
const nodeBuiltinPaths = (message) => nodeBuiltinNames.map((name) => ({ name, message }));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'e2e/artifacts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltinPaths('shared/ must not import Node built-ins.'),
        patterns: [
          { group: ['node:*'], message: 'shared/ must not import Node built-ins.' },
          { group: ['electron', 'react', 'react-dom', '@mui/*', 'axios', 'better-sqlite3', 'ws'], message: 'shared/ holds pure code only.' },
          { group: ['**/main/**', '**/renderer/**', '../main/*', '../renderer/*'], message: 'shared/ must not depend on main/ or renderer/.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltinPaths('renderer/ runs in a browser: no Node built-ins.'),
        patterns: [
          { group: ['node:*'], message: 'renderer/ runs in a browser: no Node built-ins.' },
          { group: ['electron', 'better-sqlite3', 'axios', 'ws'], message: 'renderer/ talks to the core only through the typed API (shared/api.ts).' },
          { group: ['**/main/**', '../../main/*'], message: 'renderer/ must not import main/.' },
        ],
      }],
    },
  },
  {
    files: ['main/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    ignores: ['main/app/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['electron', 'electron-store'], message: 'Only main/app/ may import electron.' }],
      }],
    },
  },
);
