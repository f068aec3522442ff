import ExcelJS from 'exceljs'
import { svgSize } from '../presentation/charts/index.ts'
import { svgToPng } from '../presentation/charts/png.ts'
import { frontFacts } from './report.xlsx-front.ts'
import type { ReportModel } from './report.model.ts'
import type { RagView } from '../presentation/format.ts'
import { financeSheet } from './report.xlsx-finance.ts'

const RAG_FILL: Readonly<Record<string, string>> = { G: 'FF00703C', A: 'FFF47738', R: 'FFD4351C' }
const RAG_FONT: Readonly<Record<string, string>> = { G: 'FFFFFFFF', A: 'FF0B0C0C', R: 'FFFFFFFF' }
const HEADER_FILL = 'FFF3F2F1'

/**
 * A text cell value that a spreadsheet can never run. Text beginning =, +, - or @ could be taken for a formula
 * (CSV injection); such cells are stored as text with the Text number format, never as formulas.
 */
function isFormulaLike(value: string): boolean {
  return /^[=+\-@]/.test(value)
}

function setText(cell: ExcelJS.Cell, value: string): void {
  cell.value = value
  if (isFormulaLike(value)) cell.numFmt = '@'
}

function ragLabel(rag: RagView): string {
  if (rag.letter === 'i') return rag.label
  return rag.modifier === 'none' ? '' : `${rag.letter} (${rag.label})`
}

/** A sheet with a bold, shaded, frozen header row and filters on every column. */
function sheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: { header: string; key: string; width: number }[],
): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  worksheet.columns = columns
  const header = worksheet.getRow(1)
  header.font = { bold: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  return worksheet
}

/** Adds a row of texts (each protected against formula injection), and colours its status cell. */
function addRow(worksheet: ExcelJS.Worksheet, values: readonly string[], statusColumn?: number, rag?: RagView): void {
  const row = worksheet.addRow([])
  values.forEach((value, i) => {
    setText(row.getCell(i + 1), value)
  })
  row.alignment = { vertical: 'top', wrapText: true }
  if (statusColumn !== undefined && rag && rag.modifier !== 'none') {
    const status = row.getCell(statusColumn)
    status.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: RAG_FILL[rag.modifier] ?? 'FFFFFFFF' } }
    status.font = { bold: true, color: { argb: RAG_FONT[rag.modifier] ?? 'FF0B0C0C' } }
  }
}

/** The Summary sheet: every indicator of the report in the committee's columns, status cells coloured. */
function summarySheet(workbook: ExcelJS.Workbook, report: ReportModel): void {
  const summary = sheet(workbook, 'Summary', [
    { header: 'Ref', key: 'ref', width: 16 },
    { header: 'Theme', key: 'theme', width: 30 },
    { header: 'Definition', key: 'title', width: 60 },
    { header: 'Target', key: 'target', width: 14 },
    { header: 'Actual', key: 'actual', width: 22 },
    { header: 'Estimated', key: 'estimated', width: 10 },
    { header: 'Status', key: 'status', width: 26 },
    { header: 'Direction of travel', key: 'dot', width: 18 },
    ...(report.rules.longTerm
      ? [{ header: 'Direction against the same period last year', key: 'dotLongTerm', width: 22 }]
      : []),
    { header: 'Exception report', key: 'exception', width: 16 },
    { header: 'Commentary', key: 'commentary', width: 80 },
    { header: 'What the statistics say', key: 'statistics', width: 80 },
    { header: 'Rule that decided the status', key: 'rule', width: 80 },
    { header: 'Judged by rules of its own', key: 'ownRules', width: 80 },
  ])
  for (const line of report.dashboard) {
    const exception =
      line.exception === 'submitted'
        ? 'Attached'
        : line.exception === 'draft'
          ? 'Draft'
          : line.exception === 'missing'
            ? 'Needed'
            : ''
    addRow(
      summary,
      [
        line.ref,
        line.theme,
        line.title,
        line.target,
        line.actual,
        line.estimated ? 'Yes' : 'No',
        ragLabel(line.rag),
        line.dot?.label ?? '',
        ...(report.rules.longTerm ? [line.dotLongTerm?.label ?? ''] : []),
        exception,
        line.commentary ?? '',
        line.statistics ?? '',
        line.ruleText ?? '',
        line.ownRules ?? '',
      ],
      7,
      line.rag,
    )
  }
}

/** Every indicator in every period up to the report's: its history, as the report service judged it. */
function historySheet(workbook: ExcelJS.Workbook, report: ReportModel): void {
  const indicators = sheet(workbook, 'Indicators by period', [
    { header: 'Ref', key: 'ref', width: 16 },
    { header: 'Theme', key: 'theme', width: 30 },
    { header: 'Definition', key: 'title', width: 50 },
    { header: 'Period', key: 'period', width: 12 },
    { header: 'Actual', key: 'actual', width: 22 },
    { header: 'Target', key: 'target', width: 14 },
    { header: 'Estimated', key: 'estimated', width: 10 },
    { header: 'Data period', key: 'dataPeriod', width: 12 },
    { header: 'Status', key: 'status', width: 26 },
    { header: 'Status from', key: 'source', width: 14 },
    { header: 'Direction of travel', key: 'dot', width: 18 },
    { header: 'Commentary', key: 'commentary', width: 80 },
  ])
  for (const h of report.history) {
    addRow(
      indicators,
      [
        h.ref,
        h.theme,
        h.title,
        h.period,
        h.actual,
        h.target,
        h.estimated ? 'Yes' : 'No',
        h.dataPeriod,
        ragLabel(h.rag),
        h.ragSource,
        h.dot?.label ?? '',
        h.commentary ?? '',
      ],
      9,
      h.rag,
    )
  }
}

/** The exception reports, one a row: the facts, then the three answers. */
function exceptionsSheet(workbook: ExcelJS.Workbook, report: ReportModel): void {
  const exceptions = sheet(workbook, 'Exception reports', [
    { header: 'Ref', key: 'ref', width: 16 },
    { header: 'State', key: 'state', width: 14 },
    ...[0, 1, 2, 3, 4, 5, 6].map((i) => ({
      header: report.exceptions[0]?.facts[i]?.label ?? `Fact ${i + 1}`,
      key: `fact${i}`,
      width: 24,
    })),
    { header: 'Why is performance at the current level?', key: 'why', width: 60 },
    { header: 'What difference does this make?', key: 'implications', width: 60 },
    { header: 'How can we make sure things get better?', key: 'improvement', width: 60 },
  ])
  for (const x of report.exceptions) {
    addRow(exceptions, [
      x.ref,
      x.state === 'missing' ? 'Not yet provided' : x.state,
      ...x.facts.map((f) => f.value),
      ...x.questions.map((q) => q.answer),
    ])
  }
}

/** The summary charts as pictures, each with its title above and its data beside it in the sheets above. */
async function chartsSheet(workbook: ExcelJS.Workbook, report: ReportModel): Promise<void> {
  const charts = workbook.addWorksheet('Charts')
  charts.getColumn(1).width = 100
  let top = 0
  for (const chart of report.charts) {
    const { width, height } = svgSize(chart.svg)
    setText(charts.getCell(top + 1, 1), `${chart.title}: ${chart.description}`)
    charts.getCell(top + 1, 1).font = { bold: true }
    const image = workbook.addImage({
      buffer: (await svgToPng(chart.svg, Math.round(width * 1.5))) as unknown as ExcelJS.Buffer,
      extension: 'png',
    })
    charts.addImage(image, { tl: { col: 0, row: top + 1 }, ext: { width, height } })
    top += Math.ceil(height / 20) + 3
  }
}

/** For a signed-off period: each revision made since sign-off. */
function revisionsSheet(workbook: ExcelJS.Workbook, report: ReportModel): void {
  if (report.signOff) {
    const revisions = sheet(workbook, 'Revisions since sign-off', [
      { header: 'Indicator', key: 'indicator', width: 12 },
      { header: 'Period', key: 'period', width: 12 },
      { header: 'What changed', key: 'field', width: 24 },
      { header: 'Was', key: 'old', width: 20 },
      { header: 'Now', key: 'new', width: 20 },
      { header: 'By', key: 'by', width: 28 },
      { header: 'When', key: 'when', width: 18 },
      { header: 'Reason', key: 'reason', width: 50 },
    ])
    for (const r of report.signOff.revisions)
      addRow(revisions, [r.indicator, r.period, r.field, r.oldValue, r.newValue, r.by, r.when, r.reason])
  }
}

/** What the workbook is: the plan, the period, when produced, the sign-off and the summary. */
function aboutSheet(workbook: ExcelJS.Workbook, report: ReportModel): void {
  const about = workbook.addWorksheet('About')
  about.columns = [{ width: 30 }, { width: 100 }]
  const facts: [string, string][] = [
    ...frontFacts(report),
    ['Plan', report.planName],
    ['Period', report.periodLabel],
    ['Produced on', report.producedOn],
    ...(report.signOff ? [['Sign-off', `${report.signOff.tag}. ${report.signOff.statement}`] as [string, string]] : []),
    ...(report.signOff ? [['Revisions', report.signOff.heading] as [string, string]] : []),
    ['Summary', report.summaryText],
    ...report.rules.lines.map((line, i): [string, string] => [i === 0 ? 'Rules in force' : '', `${line}.`]),
    ...report.figures.map((f): [string, string] => [f.label, f.value]),
  ]
  for (const [label, value] of facts) {
    const row = about.addRow([])
    setText(row.getCell(1), label)
    setText(row.getCell(2), value)
    row.getCell(1).font = { bold: true }
    row.alignment = { vertical: 'top', wrapText: true }
  }
}

/** The report as an Excel workbook for officers: summary, every indicator in every period, exception reports. */
export async function renderReportXlsx(report: ReportModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Outturn'
  workbook.title = `${report.title}, ${report.periodLabel}`
  summarySheet(workbook, report)
  historySheet(workbook, report)
  exceptionsSheet(workbook, report)
  financeSheet(workbook, report.finance, setText)
  await chartsSheet(workbook, report)
  revisionsSheet(workbook, report)
  aboutSheet(workbook, report)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
