import type ExcelJS from 'exceljs'
import type { ReportModel } from './report.model.ts'
import { addRow, sheet } from './report.xlsx-cells.ts'

/** The Data sheet's columns, in order: one row per indicator per period with an entry, ready to pivot and chart. */
export const DATA_COLUMNS = [
  'Indicator ref',
  'Indicator',
  'Theme',
  'Period',
  'Period ends',
  'Actual',
  'Target',
  'Unit',
  'Status',
  'Direction',
  'Estimate',
] as const

/**
 * The Data sheet, in long format for analysts: one row per indicator per period with an entry, the actual and target
 * as numbers in the indicator's unit, the period's last day as a date for a time axis, the status as its letter
 * (G, A or R) and the direction in a word, under a frozen header with filters.
 */
export function dataSheet(workbook: ExcelJS.Workbook, report: ReportModel): void {
  const widths = [16, 50, 30, 12, 12, 12, 12, 10, 8, 12, 10]
  const data = sheet(
    workbook,
    'Data',
    DATA_COLUMNS.map((header, i) => ({ header, key: `c${i}`, width: widths[i] ?? 12 })),
  )
  for (const h of report.history) {
    const { cells } = h
    const figure = (value: number | string | null) => ({ figure: value, unit: cells.unit, decimals: cells.decimals })
    addRow(
      data,
      [
        h.ref,
        h.title,
        h.theme,
        h.period,
        new Date(`${cells.periodEnds}T00:00:00Z`),
        figure(cells.actual),
        figure(cells.target),
        cells.unit,
        h.rag.letter === 'i' ? 'For information' : h.rag.modifier === 'none' ? '' : h.rag.letter,
        h.dot?.label ?? '',
        h.estimated ? 'Yes' : '',
      ],
      { column: 9, modifier: h.rag.modifier },
    )
  }
}
