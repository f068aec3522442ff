/**
 * The report's formats and what each needs, on their own so that the command line's options and the server's
 * routes can name them without loading any renderer.
 */
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

/** Whether a format shows each indicator's history (trend charts, the spreadsheet's every-period sheet). */
export function showsHistory(format: ReportFormat): boolean {
  return format !== 'json' && format !== 'text'
}

/** Whether a format draws charts (the web page, PDF and Word show them; Excel has a sheet of them). */
export function showsCharts(format: ReportFormat): boolean {
  return format !== 'json' && format !== 'text'
}

/** A file name for a report: trafford-adp-2013-14-2013-14-q2.docx */
export function reportFileName(plan: string, period: string, format: ReportFormat): string {
  const slug = `${plan}-${period}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return `${slug}.${format === 'text' ? 'txt' : format}`
}
