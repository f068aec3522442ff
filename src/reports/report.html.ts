import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'
import type { ReportModel } from './report.model.ts'

/** Where the report templates live: the web app adds this folder to its own template path. */
export const REPORT_TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url))

const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(REPORT_TEMPLATES), { autoescape: true })
let css: string | undefined

/** The report's own stylesheet (screen and print), embedded in the standalone file. */
export function reportCss(): string {
  css ??= readFileSync(`${REPORT_TEMPLATES}report.css`, 'utf8')
  return css
}

/** The report as one self-contained, accessible HTML file: no scripts, no external files, print-ready. */
export function renderReportHtml(report: ReportModel): string {
  return environment.render('report-standalone.njk', { report, css: reportCss() })
}
