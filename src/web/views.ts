import { execFile } from 'node:child_process'
import nunjucks from 'nunjucks'
import { GOVUK_DIST, REPORT_TEMPLATES_DIR, SASS_ENTRY, STYLES_FILE, VIEWS_DIR } from '../resources.ts'

/** The template engine: our views first, then GOV.UK Frontend's components. Autoescaping is on. */
export function createViews(): nunjucks.Environment {
  return new nunjucks.Environment(
    new nunjucks.FileSystemLoader([VIEWS_DIR, REPORT_TEMPLATES_DIR, GOVUK_DIST], { noCache: false }),
    {
      autoescape: true,
      throwOnUndefined: false,
    },
  )
}

const COMPILE = `process.stdout.write(require(process.argv[1]).compile(process.argv[2], { loadPaths: [process.argv[3]], style: 'compressed', quietDeps: true }).css)`

let compiled: Promise<string> | undefined

/**
 * The stylesheet, compiled once per process from GOV.UK Frontend's Sass with the council font, when first asked
 * for. The compiler runs in a process of its own: loaded, it would hold some 50 MB of the server's memory for good.
 */
export function stylesheet(): Promise<string> {
  compiled ??= new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', COMPILE, SASS_ENTRY, STYLES_FILE, GOVUK_DIST],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`The stylesheet did not compile: ${stderr || error.message}`))
        else resolve(stdout)
      },
    )
  }).catch((error: unknown) => {
    compiled = undefined
    throw error
  })
  return compiled
}
