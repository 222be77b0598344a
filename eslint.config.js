// Lint, and the import zones that keep each runtime in its lane (as VS Code's code-layering rule does):
//   shared/          pure: no electron, no node:*, no DOM (the DOM is also kept out by tsconfig.shared.json)
//   electron/core/   Node only: never electron
//   electron/web/    Node only: never electron
//   renderer/        browser only: never electron, never node:*
//   electron/desktop the only place that imports electron
// and everywhere: zod only through shared/zod.ts (the mini build with English messages; the classic
// build costs the softphone about 10 MB, docs/performance.md); in electron/, the functions of
// node:http and node:util only through electron/core/builtins.ts.
import js from '@eslint/js';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'events'];
const zodThroughShared = { group: ['zod', 'zod/*'], message: 'import zod as `import * as z from shared/zod.js`: its mini build, English messages' };
const zone = (message, patterns, { zod = true } = {}) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }, ...(zod ? [zodThroughShared] : [])] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'test-results/', 'playwright-report/', 'e2e/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    rules: { 'no-restricted-imports': ['error', { patterns: [zodThroughShared] }] },
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: {} },
    rules: zone('shared/ is pure TypeScript: no electron, no Node built-ins, no ws', ['electron', 'ws', ...nodeBuiltins]),
  },
  {
    files: ['shared/zod.ts'],
    rules: zone('shared/ is pure TypeScript: no electron, no Node built-ins, no ws', ['electron', 'ws', ...nodeBuiltins], { zod: false }),
  },
  {
    files: ['electron/core/**', 'electron/web/**'],
    rules: zone('only electron/desktop/ may import electron', ['electron', 'electron/*']),
  },
  {
    // electron/core/builtins.ts says why; types may come from the built-ins themselves.
    files: ['electron/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: ['node:http', 'http', 'node:util', 'util'].map((name) => ({
          name,
          allowTypeImports: true,
          message: `take ${name}'s functions from electron/core/builtins.ts: an ES import of it loads more than is used`,
        })),
      }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: zone(
      'the renderer runs in a sandboxed page: no electron, no Node built-ins, no zod (the core validates)',
      ['electron', 'ws', 'zod', 'zod/*', '**/shared/zod.js', ...nodeBuiltins],
      { zod: false },
    ),
  },
);
