// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { builtinModules } from 'node:module';
import globals from 'globals';

/**
 * Folder import rules from ARCHITECTURE.md, VS Code style: the folder says where code may run,
 * and a wrong import fails lint. Zones are resolved file paths (import-x resolves relative and
 * aliased imports); packages are checked by name with no-restricted-imports.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const uiPackages = ['react', 'react-dom', '@mui/*', '@emotion/*', 'react-i18next', '@dnd-kit/*'];

/**
 * Node built-ins are banned by exact name (a pattern such as `domain/*` would also catch our own
 * `../domain/...`); packages are banned with their subpaths (`react-dom/client`, `@mui/material`).
 * @param {string[]} names @param {string} why
 */
const banPackages = (names, why) => {
  const builtins = names.filter((n) => nodeBuiltins.includes(n));
  const packages = names.filter((n) => !nodeBuiltins.includes(n));
  return {
    paths: builtins.map((name) => ({ name, message: why })),
    patterns: [
      {
        regex: `^(${packages.map((n) => n.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('*', '[^/]+')).join('|')})(/.*)?$`,
        message: why,
      },
    ],
  };
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'test/lint-fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './shared',
              from: './main',
              message: 'shared/ runs everywhere: it may not import main/.',
            },
            {
              target: './shared',
              from: './renderer',
              message: 'shared/ may not import renderer/.',
            },
            { target: './shared', from: './server', message: 'shared/ may not import server/.' },
            { target: './main', from: './renderer', message: 'main/ may not import renderer/.' },
            { target: './main', from: './server', message: 'main/ may not import server/.' },
            {
              target: './main/preload',
              from: './main',
              except: ['./preload'],
              message: 'the preload is tiny and audited: it may import shared/ types only.',
            },
            { target: './renderer', from: './main', message: 'renderer/ may not import main/.' },
            {
              target: './renderer',
              from: './server',
              message: 'renderer/ may not import server/.',
            },
            // The board kit serves every phase: it knows none of them (issue 18). A phase passes
            // its data, card body, texts and actions in; the kit never reaches for them.
            ...[
              'board',
              'leads',
              'contracts',
              'contracting',
              'delivery',
              'collections',
              'pipelines',
            ].map((phase) => ({
              target: './renderer/stage-board',
              from: `./renderer/${phase}`,
              message: `the board kit (renderer/stage-board) may not import a phase (renderer/${phase}): the phase passes what it needs in.`,
            })),
            { target: './server', from: './main', message: 'server/ may not import main/.' },
            {
              target: './server',
              from: './renderer',
              message: 'server/ may not import renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': [
        'error',
        banPackages(
          [...nodeBuiltins, 'electron', ...uiPackages],
          'shared/ is isomorphic: no Node built-ins, no electron, no React/UI.',
        ),
      ],
      // No DOM either: these globals exist only in a browser.
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}', 'renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        banPackages(
          [...nodeBuiltins, 'electron'],
          'renderer/ is sandboxed: no electron, no Node. Talk to the core through CrmApi.',
        ),
      ],
    },
  },
  {
    files: ['main/preload/**/*.ts'],
    ignores: ['main/preload/**/*.test.ts', 'main/preload/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        banPackages(
          [...nodeBuiltins, ...uiPackages, 'rxdb', 'rxjs', 'zod'],
          'the preload exposes window.ltc only: electron (contextBridge, ipcRenderer) and shared/ types.',
        ),
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    // The preload has its own, stricter block above; a later block would override it.
    ignores: ['main/**/*.test.ts', 'main/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        banPackages(uiPackages, 'main/ has no UI code: React and MUI belong in renderer/.'),
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        banPackages(
          ['electron', ...uiPackages],
          'server/ runs headless in Node: no electron, no UI.',
        ),
      ],
    },
  },
);
