// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'

/**
 * The layer rule (see README, "Architecture"): the arrows are the only imports.
 * domain <- store <- services <- (reports, web, cli). Our imports are all relative, so each layer lists the
 * sibling folders it must not reach into. config.ts is read by the composition roots only.
 */
const LAYERS = ['domain', 'store', 'services', 'reports', 'web', 'cli']
/** What each layer may import of ours; config.ts only the composition roots may read. */
const ALLOWED = {
  domain: [],
  store: ['domain'],
  services: ['domain', 'store'],
  reports: ['domain', 'services'],
  web: ['domain', 'services', 'reports'],
  cli: ['domain', 'services', 'reports'],
}
const layers = LAYERS.map((dir) => ({
  dir,
  forbidden: [
    ...LAYERS.filter((other) => other !== dir && !ALLOWED[dir].includes(other)).map((other) => `**/${other}/**`),
    ...(dir === 'cli' || dir === 'web' ? [] : ['**/config.ts']),
  ],
  message: `src/${dir} may import only ${ALLOWED[dir].length === 0 ? 'itself' : ALLOWED[dir].map((a) => `src/${a}`).join(', ')} (the layer rule).`,
}))

const layerRules = layers.map(({ dir, forbidden, message }) => ({
  files: [`src/${dir}/**/*.ts`],
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }] },
}))

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts reads the environment.' },
      ],
    },
  },
  ...layerRules,
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
