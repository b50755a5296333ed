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
);
