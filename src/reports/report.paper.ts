import type { ReportModel } from './report.model.ts'

/** What the paper formats (Word and the PDF) share: the running footer and the appendix's place in the contents. */

/** The running footer's words, before the page number: the report's title and its status, "(Final)" or "(Draft)". */
export function runningFooter(report: Pick<ReportModel, 'front' | 'planName' | 'periodLabel'>): string {
  const { front } = report
  // A title set for the period names it ("…: Quarter 2 Performance Report"); the plan's default one does not.
  const period = front.title === `${report.planName}: performance report` ? `, ${report.periodLabel}` : ''
  return `${front.title}${period} ${front.statusMark}`
}

/** The appendix the paper formats end with, where the data behind every chart is. */
export const APPENDIX = {
  number: 'Appendix',
  title: 'Data behind the charts',
  heading: 'Appendix: data behind the charts',
}

/** Whether the report has any indicator and chart, and so the appendix. */
export function hasAppendix(report: Pick<ReportModel, 'charts' | 'exceptions' | 'dashboard'>): boolean {
  return report.dashboard.length > 0 && (report.charts.length > 0 || report.exceptions.some((x) => x.charts.length > 0))
}

/** Whether section 4 has a table to print (and so landscape pages): a plan of priorities alone has none. */
export function hasThemeTables(report: Pick<ReportModel, 'themes'>): boolean {
  return report.themes.some((t) => t.lines.length > 0)
}

/** Whether a chart is one an exception report shows on its page (its trend and dial); the rest go to the appendix. */
export function onExceptionPage(chart: { readonly id: string }): boolean {
  return chart.id.endsWith('-trend') || chart.id.endsWith('-dial')
}
