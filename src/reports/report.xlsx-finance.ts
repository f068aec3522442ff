import type ExcelJS from 'exceljs'
import { toNumber } from '../domain/figures/decimal.ts'
import type { BudgetFigures, CapitalFigures } from '../domain/finance/index.ts'
import type { FinanceSection } from './report.finance.ts'

/** Thousands separators, negatives in brackets, as the papers print £'000. */
export const AMOUNT_FORMAT = '#,##0;(#,##0)'
const HEADER_FILL = 'FFF3F2F1'

type Writer = (cell: ExcelJS.Cell, value: string) => void

function budgetNumbers(f: BudgetFigures, projected: boolean): (number | null)[] {
  const or = (d: BudgetFigures['projectedOutturn']) => (d === null ? null : toNumber(d))
  return [
    toNumber(f.annualBudget),
    toNumber(f.budgetToDate),
    toNumber(f.actualToDate),
    toNumber(f.varianceToDate),
    ...(projected ? [or(f.projectedOutturn), or(f.projectedVariance)] : []),
  ]
}

function capitalNumbers(f: CapitalFigures): number[] {
  return [f.allocation, f.allocationToDate, f.actualToDate, f.allocationRemaining].map(toNumber)
}

/** A row: a label in column A (through the sheet's text writer), then numeric cells in the amount format. */
function figureRow(
  sheet: ExcelJS.Worksheet,
  setText: Writer,
  label: string,
  numbers: readonly (number | null)[],
  bold = false,
): ExcelJS.Row {
  const row = sheet.addRow([])
  setText(row.getCell(1), label)
  numbers.forEach((n, i) => {
    const c = row.getCell(i + 2)
    if (n !== null) c.value = n
    c.numFmt = AMOUNT_FORMAT
  })
  if (bold) row.font = { bold: true }
  return row
}

function headRow(sheet: ExcelJS.Worksheet, setText: Writer, title: string, heads: readonly string[]): void {
  const row = sheet.addRow([])
  ;[title, ...heads].forEach((h, i) => {
    setText(row.getCell(i + 1), h)
  })
  row.font = { bold: true }
  row.alignment = { wrapText: true, vertical: 'top' }
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }
  })
}

/**
 * The Finance sheet: each revenue statement in the seed's columns (numbers as numbers, in #,##0;(#,##0)), its status
 * and comments, then each capital programme. Texts go through the workbook's formula-injection guard.
 */
export function financeSheet(workbook: ExcelJS.Workbook, finance: FinanceSection | null, setText: Writer): void {
  if (!finance) return
  const sheet = workbook.addWorksheet('Finance')
  sheet.columns = [{ width: 44 }, ...Array.from({ length: 6 }, () => ({ width: 16 }))]
  for (const s of finance.statements) {
    headRow(sheet, setText, s.name, s.heads)
    for (const row of s.rows) {
      if (!('cells' in row)) {
        const heading = sheet.addRow([])
        setText(heading.getCell(1), row.label)
        heading.font = { bold: row.kind === 'heading', italic: row.kind === 'subheading' }
        continue
      }
      const label = row.indented ? `  ${row.label}` : row.label
      figureRow(sheet, setText, label, budgetNumbers(row.figures, s.projected), row.kind === 'total')
    }
    const status = sheet.addRow([])
    setText(status.getCell(1), 'Budget status')
    setText(status.getCell(2), `${s.status.view.label}. ${s.status.reason} The rule: ${s.status.ruleText}`)
    status.getCell(1).font = { bold: true }
    const comments = sheet.addRow([])
    setText(comments.getCell(1), 'Comments on the above figures')
    setText(comments.getCell(2), s.comments.join('\n\n'))
    comments.getCell(1).font = { bold: true }
    comments.alignment = { vertical: 'top', wrapText: true }
    sheet.addRow([])
  }
  for (const c of finance.capital) {
    headRow(sheet, setText, `Capital Projects: ${c.name}`, c.heads)
    for (const scheme of c.schemes) figureRow(sheet, setText, scheme.name, capitalNumbers(scheme.figures))
    figureRow(sheet, setText, 'Total Spending', capitalNumbers(c.totals), true)
    sheet.addRow([])
  }
}
