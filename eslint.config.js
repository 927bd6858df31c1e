// One lint setup for the whole workspace. Besides the usual TypeScript rules it enforces the package
// boundaries of DESIGN.md: the widget reaches nothing but preact, the sandbox never borrows the
// server's protocol code (both are checked against the same vectors independently), and the server
// never depends on the widget or the sandbox. pnpm's strict node_modules catches undeclared packages;
// these rules catch relative imports that walk across a package folder.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const crossPackage = (...packages) =>
  packages.flatMap((name) => [
    {
      group: [`**/${name}/src/**`, `**/${name}/src`],
      message: `Do not import ${name}/ code from here: packages talk only through their public contracts.`,
    },
    {
      group: [`@qiwi-pay/${name}`, `@qiwi-pay/${name}/**`],
      message: `Do not depend on @qiwi-pay/${name} from here.`,
    },
  ]);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-bench/**',
      '**/coverage/**',
      '.tools/**',
      '**/test-results/**',
      '**/playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['widget/src/**/*.{ts,tsx}'],
    // Tests and the build run in Node; only the shipped source is held to the browser rules.
    ignores: ['widget/src/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...crossPackage('server', 'sandbox', 'e2e'),
            { group: ['node:*'], message: 'The widget runs in the browser: no Node built-ins.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message: 'The widget reads no environment: secrets must never reach the browser.',
        },
      ],
    },
  },
  {
    files: ['sandbox/**/*.{ts,js}'],
    rules: { 'no-restricted-imports': ['error', { patterns: crossPackage('server', 'widget', 'e2e') }] },
  },
  {
    files: ['server/**/*.{ts,js}'],
    rules: { 'no-restricted-imports': ['error', { patterns: crossPackage('widget', 'sandbox', 'e2e') }] },
  },
  {
    // The server's integration tests may start the sandbox as their QIWI side, through its package API.
    files: ['server/**/*.test.ts', 'server/test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...crossPackage('widget', 'e2e'),
            { group: ['**/sandbox/src/**'], message: 'Start the sandbox through @qiwi-pay/sandbox.' },
          ],
        },
      ],
    },
  },
  {
    files: ['e2e/**/*.{ts,js}'],
    rules: { 'no-restricted-imports': ['error', { patterns: crossPackage('server', 'widget', 'sandbox') }] },
  },
);
