// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'

/**
 * The layer rule (see README, "Where things are"): the arrows are the only imports.
 * domain <- store <- services <- (reports, web, cli), and domain <- presentation <- (reports, web, cli): formatting
 * and charts that both the reports and the web app show live in presentation, so web never borrows them from
 * reports. Our imports are all relative, so each layer lists the sibling folders it must not reach into; the domain's
 * own sub-folders (periods, figures, judgement, statistics, delivery, access) import one another freely.
 * config.ts is read by the composition roots only, and the pure domain reads no files (src/resources.ts).
 */
const LAYERS = ['domain', 'store', 'services', 'presentation', 'reports', 'web', 'cli']
/** What each layer may import of ours. */
const ALLOWED = {
  domain: [],
  store: ['domain'],
  services: ['domain', 'store'],
  presentation: ['domain'],
  reports: ['domain', 'services', 'presentation'],
  web: ['domain', 'services', 'presentation', 'reports'],
  cli: ['domain', 'services', 'presentation', 'reports'],
}
const layers = LAYERS.map((dir) => ({
  dir,
  forbidden: [
    ...LAYERS.filter((other) => other !== dir && !ALLOWED[dir].includes(other)).map((other) => `**/${other}/**`),
    ...(dir === 'cli' || dir === 'web' ? [] : ['**/config.ts']),
    ...(dir === 'domain' ? ['**/resources.ts'] : []),
  ],
  message: `src/${dir} may import only ${ALLOWED[dir].length === 0 ? 'itself' : ALLOWED[dir].map((a) => `src/${a}`).join(', ')} (the layer rule).`,
}))

/**
 * No function over 80 lines of its own: the lines of the functions written inside it (a service's methods, a route's
 * handlers) are held to the limit on their own, not counted twice. A nested function's first and last lines stay
 * its parent's too (they hold the parent's code around it), so a line of one-line callbacks is never taken off.
 * test/structure/code-size.test.ts counts the same way with the TypeScript compiler.
 */
const functionLength = {
  meta: {
    type: 'suggestion',
    schema: [{ type: 'integer', minimum: 1 }],
    messages: { long: 'This function has {{own}} lines of its own (at most {{max}}): split it into named steps.' },
  },
  create(context) {
    const max = context.options[0] ?? 80
    /** @type {{ nested: number }[]} */
    const open = []
    const enter = () => {
      open.push({ nested: 0 })
    }
    /** @param {import('estree').Node} node */
    const exit = (node) => {
      const frame = open.pop()
      if (!frame || !node.loc) return
      const lines = node.loc.end.line - node.loc.start.line + 1
      const parent = open.at(-1)
      if (parent) parent.nested += Math.max(0, lines - 2)
      const own = lines - frame.nested
      if (own > max) context.report({ node, messageId: 'long', data: { own: String(own), max: String(max) } })
    }
    return {
      FunctionDeclaration: enter,
      FunctionExpression: enter,
      ArrowFunctionExpression: enter,
      'FunctionDeclaration:exit': exit,
      'FunctionExpression:exit': exit,
      'ArrowFunctionExpression:exit': exit,
    }
  },
}

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
    // Small files and functions, so a newcomer can find their way (the guide's limits), outside tests and scripts.
    files: ['src/**/*.ts'],
    plugins: { outturn: { rules: { 'function-length': functionLength } } },
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      'outturn/function-length': ['error', 80],
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
