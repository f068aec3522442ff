import { readFileSync } from 'node:fs'
import nunjucks from 'nunjucks'
import { REPORT_TEMPLATES_DIR } from '../resources.ts'
import type { ReportModel } from './report.model.ts'

const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(REPORT_TEMPLATES_DIR), {
  autoescape: true,
})
let css: string | undefined

/** The report's own stylesheet (screen and print), embedded in the standalone file. */
export function reportCss(): string {
  css ??= readFileSync(`${REPORT_TEMPLATES_DIR}report.css`, 'utf8')
  return css
}

/** The report as one self-contained, accessible HTML file: no scripts, no external files, print-ready. */
export function renderReportHtml(report: ReportModel): string {
  return environment.render('report-standalone.njk', { report, css: reportCss() })
}
