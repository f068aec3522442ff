import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Where the files the product reads at run time are: its page templates, the report's templates and stylesheet, the
 * Sass it compiles, the common-password list and the demo plans. Every path is resolved here and nowhere else, so
 * moving code never breaks one.
 *
 * The code runs from one of two folders: `src/` under tsx (development and the tests), or `dist/` once built, where
 * the bundles sit at the top of the folder and the build copies every file of `src/` that is not TypeScript to the
 * same place under `dist/` (and `demo/` to `dist/demo/`). So a run-time file has the same path under either folder.
 */
const CODE = new URL('./', import.meta.url)
const BUILT = !import.meta.url.endsWith('.ts')

function path(relative: string): string {
  return fileURLToPath(new URL(relative, CODE))
}

/** The web app's Nunjucks views. */
export const VIEWS_DIR = path('web/views/')
/** The committee report's Nunjucks templates and its stylesheet (report.css). */
export const REPORT_TEMPLATES_DIR = path('reports/templates/')
/** The web app's Sass, compiled with GOV.UK Frontend's when the stylesheet is first asked for. */
export const STYLES_FILE = path('web/styles/outturn.scss')
/** The passwords refused as too common, one a line. */
export const COMMON_PASSWORDS_FILE = path('services/access/common-passwords.txt')
/** The demo plans' exchange files, one folder a council. */
export const DEMO_DIR = path(BUILT ? 'demo/' : '../demo/')

const resolvePackage = createRequire(import.meta.url).resolve
/** GOV.UK Frontend's built files (its Nunjucks macros, Sass and script), wherever npm installed the package. */
export const GOVUK_DIST = `${dirname(resolvePackage('govuk-frontend/package.json'))}/dist/`
/** The Sass compiler's entry, run in a process of its own. */
export const SASS_ENTRY = resolvePackage('sass')
