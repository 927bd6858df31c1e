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

// The server's folders and composition-root files, as relative import patterns.
const FEATURES = ['checkout', 'notifications', 'orders', 'admin', 'dashboard', 'reconciler', 'webhooks'];
const SERVER_FOLDERS = [...FEATURES, 'ledger', 'store', 'errors', 'http', 'config'];
const SERVER_ROOT = ['app', 'runtime', 'main', 'cli', 'index'];

/** no-restricted-imports for one layer of the server: its files may not import `forbidden`. */
const serverLayer = (files, forbidden, message) => [
  {
    files: [files],
    ignores: ['server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...crossPackage('widget', 'sandbox', 'e2e'),
            {
              // Root files sit in server/src itself: one, two or three folders up from a layer's file.
              group: forbidden.flatMap((name) =>
                SERVER_ROOT.includes(name)
                  ? [`../${name}.js`, `../../${name}.js`, `../../../${name}.js`]
                  : [`**/${name}/**`],
              ),
              message,
            },
          ],
        },
      ],
    },
  },
];

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
    files: ['dashboard/src/**/*.{ts,tsx}'],
    // The dashboard runs in the browser and talks to the server over HTTP only (DESIGN.md).
    ignores: ['dashboard/src/**/*.test.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...crossPackage('server', 'widget', 'sandbox', 'e2e'),
            { group: ['node:*'], message: 'The dashboard runs in the browser: no Node built-ins.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message: 'The dashboard reads no environment: secrets must never reach the browser.',
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
    rules: {
      'no-restricted-imports': ['error', { patterns: crossPackage('widget', 'sandbox', 'dashboard', 'e2e') }],
    },
  },
  // Inside the server, one direction (DESIGN.md): the QIWI core imports nothing of the server; the
  // ledger imports the core only; features call the ledger, never a store adapter; only the
  // composition root (app.ts, runtime.ts, main.ts, cli.ts, index.ts) wires adapters. Tests wire
  // what they need and are exempt; test/architecture/layering.test.ts proves these rules bite.
  ...serverLayer(
    'server/src/qiwi/**/*.ts',
    [...SERVER_FOLDERS, ...SERVER_ROOT],
    'The QIWI protocol core imports nothing of the server; pass what it needs as arguments.',
  ),
  ...serverLayer(
    'server/src/ledger/**/*.ts',
    [...SERVER_FOLDERS.filter((f) => f !== 'ledger'), ...SERVER_ROOT],
    'The ledger imports the QIWI core only; features call the ledger, not the other way round.',
  ),
  ...serverLayer(
    `server/src/{${FEATURES.join(',')}}/**/*.ts`,
    ['store', ...SERVER_ROOT],
    'Features go through the ledger (src/ledger/), never a store adapter; only the composition root wires adapters.',
  ),
  ...serverLayer(
    'server/src/{errors,http,config}/**/*.ts',
    ['store', ...SERVER_ROOT],
    'Only the composition root (app.ts, runtime.ts, main.ts, cli.ts, index.ts) wires adapters.',
  ),
  ...serverLayer(
    'server/src/store/**/*.ts',
    [...FEATURES, ...SERVER_ROOT],
    "A store adapter is SQL only: it implements the ledger's repository port and knows no feature.",
  ),
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
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: crossPackage('server', 'widget', 'sandbox', 'dashboard') },
      ],
    },
  },
);
