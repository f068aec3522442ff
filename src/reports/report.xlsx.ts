import ExcelJS from 'exceljs'
import { svgSize } from '../presentation/charts/index.ts'
import { svgToPng } from '../presentation/charts/png.ts'
import { frontFacts } from './report.xlsx-front.ts'
import type { ReportModel } from './report.model.ts'
import type { RagView } from '../presentation/format.ts'
import { financeSheet } from './report.xlsx-finance.ts'
import { type FigureValue, addRow, setText, sheet } from './report.xlsx-cells.ts'
import { dataSheet } from './report.xlsx-data.ts'
import type { FigureCells } from './report.figures.ts'

function ragLabel(rag: RagView): string {
  if (rag.letter === 'i') return rag.label
  return rag.modifier === 'none' ? '' : `${rag.letter} (${rag.label})`
}

/** A line's actual and target as figure cells, at the indicator's precision. */
function figures(cells: FigureCells): { actual: FigureValue; target: FigureValue } {
  return {
    actual: { figure: cells.actual, unit: cells.unit, decimals: cells.decimals },
    target: { figure: cells.target, unit: cells.unit, decimals: cells.decimals },
  }
}

/**
 * The Summary sheet: every indicator of the report in the committee's columns, figures as numbers in their units,
 * estimates and the reasons for no figure in columns of their own, status cells coloured.
 */
function summarySheet(workbook: ExcelJS.Workbook, report: ReportModel): void {
  const summary = sheet(workbook, 'Summary', [
    { header: 'Ref', key: 'ref', width: 16 },
    { header: 'Theme', key: 'theme', width: 30 },
    { header: 'Definition', key: 'title', width: 60 },
    { header: 'Target', key: 'target', width: 14 },
    { header: 'Actual', key: 'actual', width: 14 },
    { header: 'Estimate', key: 'estimate', width: 10 },
    { header: 'Not reported because', key: 'notReported', width: 28 },
    { header: 'Figure for', key: 'figureFor', width: 12 },
    { header: 'Status', key: 'status', width: 26 },
    { header: 'Direction of travel', key: 'dot', width: 18 },
    ...(report.rules.longTerm
      ? [{ header: 'Direction against the same period last year', key: 'dotLongTerm', width: 22 }]
      : []),
    { header: 'Exception report', key: 'exception', width: 16 },
    { header: 'Commentary', key: 'commentary', width: 80 },
    { header: 'What the statistics say', key: 'statistics', width: 60 },
    { header: 'The statistics in full', key: 'technical', width: 80 },
    { header: 'Rule that decided the status', key: 'rule', width: 80 },
    { header: 'Judged by rules of its own', key: 'ownRules', width: 80 },
  ])
  const technical = new Map(
    report.technical.map((n) => [n.ref, [n.method, n.limits, n.interval].filter((t) => t !== null).join(' ')]),
  )
  for (const line of report.dashboard) {
    const exception =
      line.exception === 'submitted'
        ? 'Attached'
        : line.exception === 'draft'
          ? 'Draft'
          : line.exception === 'missing'
            ? 'Needed'
            : ''
    const { actual, target } = figures(line.cells)
    addRow(
      summary,
      [
        line.ref,
        line.theme,
        line.title,
        target,
        actual,
        line.estimated ? 'Yes' : '',
        line.cells.notReported ?? '',
        line.cells.figureFor ?? '',
        ragLabel(line.rag),
        line.dot?.label ?? '',
        ...(report.rules.longTerm ? [line.dotLongTerm?.label ?? ''] : []),
        exception,
        line.commentary ?? '',
        line.statistics ?? '',
        technical.get(line.ref) ?? '',
        line.ruleText ?? '',
        line.ownRules ?? '',
      ],
      { column: 9, modifier: line.rag.modifier },
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
    { header: 'Actual', key: 'actual', width: 14 },
    { header: 'Target', key: 'target', width: 14 },
    { header: 'Estimate', key: 'estimate', width: 10 },
    { header: 'Not reported because', key: 'notReported', width: 28 },
    { header: 'Figure for', key: 'figureFor', width: 12 },
    { header: 'Status', key: 'status', width: 26 },
    { header: 'Status from', key: 'source', width: 14 },
    { header: 'Direction of travel', key: 'dot', width: 18 },
    { header: 'Commentary', key: 'commentary', width: 80 },
  ])
  for (const h of report.history) {
    const { actual, target } = figures(h.cells)
    addRow(
      indicators,
      [
        h.ref,
        h.theme,
        h.title,
        h.period,
        actual,
        target,
        h.estimated ? 'Yes' : '',
        h.cells.notReported ?? '',
        h.cells.figureFor ?? '',
        ragLabel(h.rag),
        h.ragSource,
        h.dot?.label ?? '',
        h.commentary ?? '',
      ],
      { column: 10, modifier: h.rag.modifier },
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
  dataSheet(workbook, report)
  historySheet(workbook, report)
  exceptionsSheet(workbook, report)
  financeSheet(workbook, report.finance, setText)
  await chartsSheet(workbook, report)
  revisionsSheet(workbook, report)
  aboutSheet(workbook, report)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
