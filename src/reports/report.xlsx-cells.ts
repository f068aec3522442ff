import type ExcelJS from 'exceljs'

/**
 * The workbook's cells: text that a spreadsheet can never run, and figures as numbers with a number format that
 * shows their unit, so an analyst can sort, sum, pivot and chart them.
 */

/**
 * A text cell value that a spreadsheet can never run. Text beginning =, +, - or @ could be taken for a formula
 * (CSV injection); such cells are stored as text with the Text number format, never as formulas.
 */
export function isFormulaLike(value: string): boolean {
  return /^[=+\-@]/.test(value)
}

/** Sets a text cell, protected against formula injection. */
export function setText(cell: ExcelJS.Cell, value: string): void {
  cell.value = value
  if (isFormulaLike(value)) cell.numFmt = '@'
}

/**
 * The number format that shows a figure's unit at the indicator's precision. Figures are held as published: 52 for
 * 52% and 18.5 for £18.5m, so the unit is a literal (`0"%"`, `"£"#,##0.0"m"`), never Excel's own %, which would
 * multiply by 100, nor its thousands scaling.
 */
export function numberFormat(unit: string, decimals: number): string {
  const places = decimals > 0 ? `.${'0'.repeat(decimals)}` : ''
  const literal = unit.replace(/["\\]/g, '')
  switch (unit) {
    case '%':
      return `0${places}"%"`
    case '£':
      return `"£"#,##0${places}`
    case '£m':
    case '£k':
      return `"£"#,##0${places}"${unit.slice(1)}"`
    case '':
    case 'count':
      return `#,##0${places}`
    case 'rank':
      return '0'
    default:
      return `#,##0${places}" ${literal}"`
  }
}

/**
 * Sets a figure's cell: a number with its unit's format, a text figure ("Top quartile") as protected text, or empty
 * where there is none.
 */
export function setFigure(cell: ExcelJS.Cell, value: number | string | null, unit: string, decimals: number): void {
  if (value === null) return
  if (typeof value === 'string') {
    setText(cell, value)
    return
  }
  cell.value = value
  cell.numFmt = numberFormat(unit, decimals)
}

const RAG_FILL: Readonly<Record<string, string>> = { G: 'FF00703C', A: 'FFF47738', R: 'FFD4351C' }
const RAG_FONT: Readonly<Record<string, string>> = { G: 'FFFFFFFF', A: 'FF0B0C0C', R: 'FFFFFFFF' }
const HEADER_FILL = 'FFF3F2F1'

/** A figure for a cell: its number (or text, for a text figure), unit and the indicator's precision. */
export interface FigureValue {
  readonly figure: number | string | null
  readonly unit: string
  readonly decimals: number
}

/** What a row's cell holds: protected text, a figure with its unit's format, or a date. */
export type CellValue = string | FigureValue | Date

/** A sheet with a bold, shaded, frozen header row and filters on every column. */
export function sheet(
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

/** Adds a row (texts protected against formula injection, figures as numbers), and colours its status cell. */
export function addRow(
  worksheet: ExcelJS.Worksheet,
  values: readonly CellValue[],
  status?: { readonly column: number; readonly modifier: string },
): void {
  const row = worksheet.addRow([])
  values.forEach((value, i) => {
    const cell = row.getCell(i + 1)
    // A blank is an empty cell, so a filter or pivot counts it as blank, not as text.
    if (typeof value === 'string') {
      if (value !== '') setText(cell, value)
    } else if (value instanceof Date) {
      cell.value = value
      cell.numFmt = 'dd/mm/yyyy'
    } else setFigure(cell, value.figure, value.unit, value.decimals)
  })
  row.alignment = { vertical: 'top', wrapText: true }
  if (status && status.modifier !== 'none') {
    const cell = row.getCell(status.column)
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: RAG_FILL[status.modifier] ?? 'FFFFFFFF' } }
    cell.font = { bold: true, color: { argb: RAG_FONT[status.modifier] ?? 'FF0B0C0C' } }
  }
}
