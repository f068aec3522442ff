// @ts-check
/**
 * Builds the product into dist/, which is what `npx outturn` and `npm start` run: `npm run build`, and `npm ci` runs
 * it through `prepare`, so the README's two commands stay two.
 *
 * esbuild bundles the command line (dist/cli.js) and the web server (dist/server.js) with their dependencies, sharing
 * chunks between them; what the code imports on first use (the Word, Excel and PDF renderers) stays in chunks of its
 * own. Node then reads a few large files at start instead of some 1,400 small ones, which is most of the start-up
 * time (BENCHMARKS.md). The packages below are left in node_modules. Then every file of src/ that is not TypeScript
 * (views, report templates and stylesheet, Sass, the common-password list) is copied to the same place under dist/,
 * and demo/ to dist/demo/: src/resources.ts finds them there.
 */
import { build } from 'esbuild'
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { URL, fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))

/** Loaded from node_modules at run time rather than bundled, each for the reason given. */
const EXTERNAL = [
  // Native add-ons: each finds the compiled .node file for this platform beside its own code.
  'better-sqlite3',
  '@node-rs/argon2',
  '@resvg/resvg-js',
  'pg-native',
  // The Sass compiler runs in a process of its own, from its own files (src/web/views.ts).
  'sass',
  // Drives Chromium for the PDF, reading its own files and scripts beside its code.
  'playwright-core',
  // Reads its own package.json from beside its code.
  '@fastify/swagger',
]

/** Bundled CommonJS packages call require(); an ES module has none, so each output file makes one. */
const BANNER = `import { createRequire as createRequireForBundle } from 'node:module'
const require = createRequireForBundle(import.meta.url)`

rmSync(`${ROOT}dist`, { recursive: true, force: true })

const { metafile } = await build({
  absWorkingDir: ROOT,
  entryPoints: { cli: 'src/cli/index.ts', server: 'src/web/server.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  banner: { js: BANNER },
  // Linked source maps, for `node --enable-source-maps dist/cli.js` when a stack trace should name the TypeScript.
  sourcemap: 'linked',
  minifyWhitespace: true,
  logLevel: 'warning',
  metafile: true,
})

/**
 * dist/bundle-contents.json: for each file of the bundle, the packages and src/ modules it holds (from esbuild's
 * metafile), so a test can tell from the files a command loads which packages it loaded.
 */
/** @type {Record<string, { packages: string[], sources: string[] }>} */
const contents = {}
for (const [file, output] of Object.entries(metafile.outputs)) {
  if (!file.endsWith('.js')) continue
  const inputs = Object.keys(output.inputs)
  const packages = new Set(
    inputs.map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1]).filter((name) => name !== undefined),
  )
  contents[file.replace(/^dist\//, '')] = {
    packages: [...packages].sort(),
    sources: inputs.filter((input) => input.startsWith('src/')).sort(),
  }
}
writeFileSync(`${ROOT}dist/bundle-contents.json`, `${JSON.stringify(contents, null, 1)}\n`)

/** Copies every file under src/ that is not TypeScript to the same path under dist/. */
/** @param {string} folder a folder under src/, empty or ending in a slash */
function copyRunTimeFiles(folder) {
  for (const entry of readdirSync(`${ROOT}src/${folder}`, { withFileTypes: true })) {
    const path = `${folder}${entry.name}`
    if (entry.isDirectory()) copyRunTimeFiles(`${path}/`)
    else if (!entry.name.endsWith('.ts') && !entry.name.endsWith('.md'))
      cpSync(`${ROOT}src/${path}`, `${ROOT}dist/${path}`)
  }
}
copyRunTimeFiles('')
cpSync(`${ROOT}demo`, `${ROOT}dist/demo`, { recursive: true })
