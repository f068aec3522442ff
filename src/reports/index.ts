import { type ReportFormat, showsCharts } from './formats.ts'
import { renderReportJson } from './report.json.ts'
import { type ReportInput, buildReportModel } from './report.model.ts'
import { renderReportText } from './report.text.ts'

export { CONTENT_TYPES, REPORT_FORMATS, type ReportFormat, reportFileName, showsHistory } from './formats.ts'

/** What a report is rendered from: the report service's data, with the day and where to find Chromium. */
export interface RenderRequest extends Omit<ReportInput, 'indicatorCharts' | 'charts'> {
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

/**
 * Renders the committee report in any format, each from the one report model. Each format loads what it needs the
 * first time it is asked for, not when the app or the command starts: the charts (ECharts) for HTML, Word, Excel and
 * PDF; the templates (Nunjucks) for HTML and PDF; docx, exceljs and resvg, and playwright-core for PDF (130 MB of a
 * server's memory). JSON and text load none of them.
 */
export async function renderReport(format: ReportFormat, request: RenderRequest): Promise<Buffer> {
  const charts = showsCharts(format) ? await import('../presentation/charts/plan-charts.ts') : undefined
  const model = buildReportModel({
    ...request,
    indicatorCharts: INDICATOR_CHARTS[format],
    ...(charts === undefined ? {} : { charts }),
  })
  switch (format) {
    case 'json':
      return Buffer.from(renderReportJson(model))
    case 'text':
      return Buffer.from(renderReportText(model))
    case 'html': {
      const { renderReportHtml } = await import('./report.html.ts')
      return Buffer.from(renderReportHtml(model))
    }
    case 'docx': {
      const { renderReportDocx } = await import('./report.docx.ts')
      return renderReportDocx(model)
    }
    case 'xlsx': {
      const { renderReportXlsx } = await import('./report.xlsx.ts')
      return renderReportXlsx(model)
    }
    case 'pdf': {
      const [{ renderReportPdf }, { renderReportPrintHtml }] = await Promise.all([
        import('./report.pdf.ts'),
        import('./report.print.ts'),
      ])
      return renderReportPdf(
        renderReportPrintHtml(model),
        request.chromiumPath ? { chromiumPath: request.chromiumPath } : {},
      )
    }
  }
}
