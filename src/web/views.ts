import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'
import * as sass from 'sass'
import { REPORT_TEMPLATES } from '../reports/report.html.ts'

const VIEWS = fileURLToPath(new URL('./views/', import.meta.url))
export const GOVUK_DIST = fileURLToPath(new URL('../../node_modules/govuk-frontend/dist/', import.meta.url))
const STYLES = fileURLToPath(new URL('./styles/outturn.scss', import.meta.url))

/** The template engine: our views first, then GOV.UK Frontend's components. Autoescaping is on. */
export function createViews(): nunjucks.Environment {
  return new nunjucks.Environment(
    new nunjucks.FileSystemLoader([VIEWS, REPORT_TEMPLATES, GOVUK_DIST], { noCache: false }),
    {
      autoescape: true,
      throwOnUndefined: false,
    },
  )
}

let compiled: string | undefined

/** The stylesheet, compiled once per process from GOV.UK Frontend's Sass with the council font. */
export function stylesheet(): string {
  compiled ??= sass.compile(STYLES, { loadPaths: [GOVUK_DIST], style: 'compressed', quietDeps: true }).css
  return compiled
}
