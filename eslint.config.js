// ESLint (flat config): typed TypeScript rules over src/ and test/, Lit's template rules, the
// lit-a11y rules for templates and the custom-elements rules. `npm test` runs it (`npm run lint`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'docs/api/', '.cache/', 'src/react/', 'demo/examples/*/build/', 'demo/examples/*/node_modules/', '**/*.py'] },
  js.configs.recommended,
  // TypeScript: the type-checked recommended set, with the project's tsconfig (src and test).
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Unused names are already errors in tsc (noUnusedLocals, noUnusedParameters); `_` marks the intended ones.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // livekit-client's enums are string enums; `room.state === 'disconnected'` compares the same strings.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // `async () => { throw … }` is the plain way to return a rejected promise.
      '@typescript-eslint/require-await': 'off',
      // Untrusted-input code strips control characters on purpose.
      'no-control-regex': 'off',
      // `focus()` on an element may return a promise that resolves once the inner control has focus.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { inheritedMethods: false } }],
    },
  },
  // Elements: Lit templates, accessibility in templates, custom-element conventions.
  {
    files: ['src/**/*.ts'],
    extends: [lit.configs['flat/recommended'], litA11y.configs.recommended, wc.configs['flat/recommended']],
    languageOptions: { globals: globals.browser },
    rules: {
      // Lit calls `@event=${this.method}` listeners with the element as `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // Browser tests.
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.mocha } },
    rules: {
      // @open-wc/semantic-dom-diff types chai's `equal` as returning a promise (for its `dom.equal`);
      // a plain `expect(a).to.equal(b)` is synchronous.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: 'Equal', package: '@open-wc/semantic-dom-diff' }] },
      ],
      // Tests read JSON from fetches and fake stubs of async interfaces: `any` and async-without-await are fine there.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // Lit listeners and saved originals of stubbed methods; chai's property assertions (`to.be.true`).
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
      // Async callbacks handed to livekit-client handlers in hostile-peer code.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowArray: true, allowNumber: true }],
      // Translations are `string | PluralForms`; tests stringify the plain-string ones.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Node scripts, configs and node tests.
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
  // Plain scripts that test pages load in the browser.
  {
    files: ['test/support/*.js'],
    languageOptions: { globals: globals.browser },
  },
  // Node files whose callbacks run in a browser page (puppeteer's `page.evaluate`).
  {
    files: ['scripts/bench.mjs', 'scripts/bench-*.mjs', 'test/node/*.mjs', 'test/support/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
