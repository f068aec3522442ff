// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'
import prettier from 'eslint-config-prettier'

/**
 * The layer rule (see README, "Architecture"): the arrows are the only imports.
 * domain <- store <- services <- (reports, web, cli). config.ts is read by the composition roots only.
 */
const layerZones = [
  {
    target: './src/domain',
    from: ['./src/store', './src/services', './src/reports', './src/web', './src/cli', './src/config.ts'],
    message: 'src/domain is pure: it imports nothing of ours.',
  },
  {
    target: './src/store',
    from: ['./src/services', './src/reports', './src/web', './src/cli'],
    message: 'src/store may import only src/domain.',
  },
  {
    target: './src/services',
    from: ['./src/reports', './src/web', './src/cli'],
    message: 'src/services may import only src/domain and src/store.',
  },
  {
    target: './src/reports',
    from: ['./src/store', './src/web', './src/cli'],
    message: 'src/reports uses src/services and src/domain, never the store.',
  },
  {
    target: './src/web',
    from: ['./src/store', './src/cli'],
    message: 'src/web uses src/services, src/reports and src/domain, never the store.',
  },
  {
    target: './src/cli',
    from: ['./src/store', './src/web'],
    message: 'src/cli uses src/services, src/reports and src/domain, never the store.',
  },
]

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts reads the environment.' },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/**', 'scripts/**', 'bin/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['it', 'test', 'describe', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
)
