import type { DeliverySummary } from '../domain/delivery/delivery-plan.ts'
import type { HighRisk } from '../domain/delivery/risk.ts'
import type { ExceptionReport } from '../domain/judgement/exception-report.ts'
import type { Observation } from '../domain/judgement/observation.ts'
import type { PlanEvaluation } from '../domain/judgement/plan.ts'
import { renderReportHtml } from './report.html.ts'
import { reportJson, withSignOff } from './report.json.ts'
import type { SignOffInput } from './report.sign-off.ts'
import { buildReportModel } from './report.model.ts'
import { reportText } from './report.text.ts'
import { signOffText } from './report.sign-off.ts'

export const REPORT_FORMATS = ['json', 'text', 'html', 'docx', 'pdf', 'xlsx'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export interface RenderRequest {
  readonly evaluation: PlanEvaluation
  readonly observations: ReadonlyMap<string, readonly Observation[]>
  readonly exceptionReports: ReadonlyMap<string, ExceptionReport>
  readonly producedOn: string
  readonly themes?: readonly string[]
  readonly chromiumPath?: string
  /** The plan's milestones, actions and priorities for the period, when it has any. */
  readonly delivery?: DeliverySummary
  /** The high-risk list for the period, when the plan has a risk register. */
  readonly highRisks?: readonly HighRisk[]
  /** The period's sign-off and the revisions since, when it has been signed off. */
  readonly signOff?: SignOffInput
  /** The report JSON as signed off, for a signed-off period's JSON: it is given out as stored, with the sign-off. */
  readonly snapshot?: string
}

/**
 * Renders the committee report in any format, from the same data. Word, Excel and PDF load their libraries (docx,
 * exceljs, playwright-core: 130 MB of a server's memory) the first time one is asked for, not when the app starts.
 */
export async function renderReport(format: ReportFormat, request: RenderRequest): Promise<Buffer> {
  if (format === 'json') {
    if (!request.signOff)
      return Buffer.from(
        `${JSON.stringify(reportJson(request.evaluation, request.themes, request.delivery, request.highRisks), null, 2)}\n`,
      )
    // A signed-off period's report is the stored one (a themed one is made again from the data as signed off).
    const json =
      request.snapshot !== undefined && request.themes === undefined
        ? request.snapshot
        : JSON.stringify(reportJson(request.evaluation, request.themes, request.delivery, request.highRisks))
    return Buffer.from(`${JSON.stringify(JSON.parse(withSignOff(json, request.signOff)), null, 2)}\n`)
  }
  if (format === 'text')
    return Buffer.from(`${reportText(request.evaluation)}\n${request.signOff ? signOffText(request.signOff) : ''}`)
  switch (format) {
    case 'html':
      return Buffer.from(renderReportHtml(buildReportModel(request)))
    case 'docx': {
      const { renderReportDocx } = await import('./report.docx.ts')
      return renderReportDocx(buildReportModel({ ...request, indicatorCharts: 'exceptions' }))
    }
    case 'xlsx': {
      const { renderReportXlsx } = await import('./report.xlsx.ts')
      return renderReportXlsx(buildReportModel({ ...request, indicatorCharts: 'none' }))
    }
    case 'pdf': {
      const { renderReportPdf } = await import('./report.pdf.ts')
      const model = buildReportModel(request)
      return renderReportPdf(renderReportHtml(model), {
        footer: `${model.planName}, ${model.periodLabel}`,
        ...(request.chromiumPath ? { chromiumPath: request.chromiumPath } : {}),
      })
    }
  }
}

/** A file name for a report: trafford-adp-2013-14-2013-14-q2.docx */
export function reportFileName(plan: string, period: string, format: ReportFormat): string {
  const slug = `${plan}-${period}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return `${slug}.${format === 'text' ? 'txt' : format}`
}
