import { readFileSync } from 'node:fs'
import nunjucks from 'nunjucks'
import { REPORT_TEMPLATES_DIR } from '../resources.ts'
import type { ReportModel } from './report.model.ts'
import { APPENDIX, hasAppendix, hasThemeTables, onExceptionPage, runningFooter } from './report.paper.ts'

/**
 * The committee report as a paper, in HTML for Chromium to print to the PDF (report.pdf.ts): the Word report's
 * layout (report-print.njk, report-print.css), not the web page's. Its charts are the SVGs themselves.
 */

const environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(REPORT_TEMPLATES_DIR), {
  autoescape: true,
})
let css: string | undefined

/** Text as a CSS string's contents: quotes, backslashes and line ends escaped, and no "<" to end the style element. */
export function cssString(value: string): string {
  return value.replace(/[\\"<>\n\r]/g, (c) => `\\${(c.codePointAt(0) ?? 0).toString(16)} `)
}

/** The print layout of the report, one self-contained HTML file. */
export function renderReportPrintHtml(report: ReportModel): string {
  css ??= readFileSync(`${REPORT_TEMPLATES_DIR}report-print.css`, 'utf8')
  const appendix = hasAppendix(report)
  return environment.render('report-print.njk', {
    report,
    css,
    footer: cssString(runningFooter(report)),
    contents: [...report.contents, ...(appendix ? [{ number: APPENDIX.number, title: APPENDIX.title, level: 1 }] : [])],
    appendix: appendix ? APPENDIX : null,
    themeTables: hasThemeTables(report),
    exceptions: report.exceptions.map((x) => ({
      ...x,
      pageCharts: x.charts.filter(onExceptionPage),
      appendixCharts: x.charts.filter((c) => !onExceptionPage(c)),
    })),
  })
}
