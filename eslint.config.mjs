import nextVitals from 'eslint-config-next/core-web-vitals';
import tseslint from 'typescript-eslint';

// lib/registry is a registry client that could be published on its own: no React, Next, server glue
// or app code; the one import from outside it is the leaf error module @/lib/errors. (The
// typescript-eslint twin of no-restricted-imports, so other boundary blocks may use the core rule.)
const registryBoundary = (escapesFolder) => [
  'error',
  {
    patterns: [
      {
        group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'next', 'next/*', 'server-only'],
        message: 'lib/registry uses no React or Next.',
      },
      {
        regex: '^@/(?!lib/errors$|test/support/)',
        message: 'lib/registry imports only @/lib/errors from the app (relative paths inside it).',
      },
      {
        regex: escapesFolder,
        message: 'lib/registry imports only @/lib/errors from the app (relative paths inside it).',
      },
    ],
  },
];

const TRANSPORT = [
  'lib/registry/transport.ts',
  'lib/registry/transport-*.ts',
  'lib/registry/transport/**',
];
const NO_UNDICI = {
  name: 'undici',
  message: 'Only lib/registry/transport imports undici; use the registry client.',
};
const LIB_LAYER = {
  regex: '^(@/|(\\.\\./)+)(components|app)(/|$)',
  message: 'lib/ must not import components/ or app/: move the shared code into lib/.',
};

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.data/**',
      'node_modules/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  ...nextVitals,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  {
    files: ['lib/registry/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': registryBoundary('^\\.\\./') },
  },
  {
    files: ['lib/registry/*/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': registryBoundary('^\\.\\./\\.\\./') },
  },
  // Layers: lib/ is everything below React and Next's routes, so it never imports upwards; and only
  // the registry transport talks to undici (everything else goes through the registry client). The
  // core rule, so lib/registry's own typescript-eslint boundary above applies as well.
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: [...TRANSPORT, 'lib/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_UNDICI] }] },
  },
  {
    files: ['lib/**/*.{ts,tsx}'],
    ignores: TRANSPORT,
    rules: { 'no-restricted-imports': ['error', { paths: [NO_UNDICI], patterns: [LIB_LAYER] }] },
  },
  {
    files: TRANSPORT,
    rules: { 'no-restricted-imports': ['error', { patterns: [LIB_LAYER] }] },
  },
  // No import cycles anywhere (the TypeScript resolver of eslint-config-next resolves `@/`).
  {
    files: ['**/*.{ts,tsx}'],
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // Size: a file past 300 lines or a function past 80 is asking to be split by responsibility.
  {
    files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': [
        'error',
        { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true },
      ],
    },
  },
);
