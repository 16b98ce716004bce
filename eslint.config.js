// Lint for the whole tree: typescript-eslint's type-checked recommendations over the TypeScript
// (src/, commands/, test/, vitest.config.ts), and the plain recommendations over the few
// JavaScript files (this config, the nodejieba build script, the worker boot file).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'seeds/', 'test/fixtures/', 'coverage/', '.cache/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `const { text: _text, ...rest } = article` is how a key is left out of a copy: `delete`
      // would turn every article into a slow dictionary-mode object. tsc's noUnusedLocals allows it too.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node, sourceType: 'module' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
  },
);
