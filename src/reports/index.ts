import { renderReportHtml } from './report.html.ts'
import { renderReportJson } from './report.json.ts'
import { type ReportInput, buildReportModel } from './report.model.ts'
import { renderReportText } from './report.text.ts'

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

/** What a report is rendered from: the report service's data, with the day and where to find Chromium. */
export interface RenderRequest extends Omit<ReportInput, 'indicatorCharts'> {
  readonly chromiumPath?: string
}

/** Which indicators get their own trend and dial in each format (each chart is a picture in Word). */
const INDICATOR_CHARTS: Readonly<Record<ReportFormat, NonNullable<ReportInput['indicatorCharts']>>> = {
  json: 'none',
  text: 'none',
  html: 'all',
  pdf: 'all',
  docx: 'exceptions',
  xlsx: 'none',
}

/** Whether a format shows each indicator's history (trend charts, the spreadsheet's every-period sheet). */
export function showsHistory(format: ReportFormat): boolean {
  return format !== 'json' && format !== 'text'
}

/**
 * Renders the committee report in any format, each from the one report model. Word, Excel and PDF load their
 * libraries (docx, exceljs, playwright-core: 130 MB of a server's memory) the first time one is asked for, not when
 * the app starts.
 */
export async function renderReport(format: ReportFormat, request: RenderRequest): Promise<Buffer> {
  const model = buildReportModel({ ...request, indicatorCharts: INDICATOR_CHARTS[format] })
  switch (format) {
    case 'json':
      return Buffer.from(renderReportJson(model))
    case 'text':
      return Buffer.from(renderReportText(model))
    case 'html':
      return Buffer.from(renderReportHtml(model))
    case 'docx': {
      const { renderReportDocx } = await import('./report.docx.ts')
      return renderReportDocx(model)
    }
    case 'xlsx': {
      const { renderReportXlsx } = await import('./report.xlsx.ts')
      return renderReportXlsx(model)
    }
    case 'pdf': {
      const { renderReportPdf } = await import('./report.pdf.ts')
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
