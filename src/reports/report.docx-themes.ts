import type { Paragraph, Table, TableRow } from 'docx'
import { LANDSCAPE_WIDTH, TEXT_WIDTH, cell, heading, pastCell, ragCell, row, table } from './report.docx-blocks.ts'
import { type ColumnText, fitColumns } from './report.docx-fit.ts'
import { themeSectionBlocks } from './report.docx-front.ts'
import type { IndicatorLine, ReportModel } from './report.model.ts'

/**
 * The summary dashboard (3.3) and the theme tables (section 4), their columns sized to what they hold: the ref on one
 * line and every figure's words whole. The theme tables are printed on landscape pages (report.docx.ts).
 */

/** The theme tables' text size (9 pt), their commentary's (8 pt) and their headings' (8 pt). */
export const THEME_SIZE = 18
export const COMMENTARY_SIZE = 16
const HEAD_SIZE = 16
/** The dashboard's text size (8 pt), as the rest of the portrait tables. */
const DASHBOARD_SIZE = 16
/** How wide a figure column may grow to keep "57.59% (Est)" on one line. */
const FIGURE_UP_TO = 1900

function refOf(line: IndicatorLine): string {
  return line.ownRules ? `${line.ref} †` : line.ref
}

function tick(line: IndicatorLine): string {
  return line.exception === 'submitted'
    ? '✓'
    : line.exception === 'draft'
      ? 'Draft'
      : line.exception === 'missing'
        ? 'Needed'
        : ''
}

function statusText(line: IndicatorLine, withArrows: boolean): string {
  const arrows = withArrows ? `${line.dot?.symbol ?? ''}${line.dotLongTerm ? ` ${line.dotLongTerm.symbol}` : ''}` : ''
  return `${line.rag.letter}${arrows.trim() ? ` ${arrows.trim()}` : ''}`
}

/** Section 3.3: every indicator, its target, actual, status and whether its exception report is in. */
export function dashboardTable(report: ReportModel): Table {
  const lines = report.dashboard
  const head = ['Ref', 'Definition', 'Target', 'Actual', 'Status', 'Exception report']
  const texts: ColumnText[] = [
    { texts: lines.map(refOf), size: DASHBOARD_SIZE, bold: true, whole: true },
    { texts: lines.map((l) => l.title), size: DASHBOARD_SIZE, flex: 1, atLeast: 3800 },
    { texts: lines.map((l) => l.target), size: DASHBOARD_SIZE, upTo: FIGURE_UP_TO },
    { texts: lines.map((l) => l.actual), size: DASHBOARD_SIZE, upTo: FIGURE_UP_TO },
    { texts: lines.map((l) => statusText(l, true)), size: DASHBOARD_SIZE, bold: true, whole: true },
    { texts: lines.map(tick), size: DASHBOARD_SIZE },
  ].map((c, i) => ({ ...c, head: { text: head[i] ?? '', size: DASHBOARD_SIZE } }))
  return table(
    head,
    lines.map((line) =>
      row([
        cell(refOf(line), { bold: true }),
        cell(line.title),
        cell(line.target),
        cell(line.actual, line.estimated ? { fill: 'E8F1F8' } : {}),
        ragCell(line.rag, `${line.dot?.symbol ?? ''}${line.dotLongTerm ? ` ${line.dotLongTerm.symbol}` : ''}`.trim()),
        cell(tick(line)),
      ]),
    ),
    fitColumns(TEXT_WIDTH, texts),
  )
}

/** The theme tables' headings, in the committee columns. */
function themeHead(report: ReportModel): string[] {
  return [
    'Ref',
    'Definition',
    'Freq',
    'Last year',
    'Annual target',
    report.previousLabel,
    'Actual',
    'Target',
    'DoT',
    ...(report.rules.longTerm ? ['DoT (year)'] : []),
    'Status',
  ]
}

/** A past figure as its cell prints it, with its status letter beside it (for sizing the column). */
const withLetter = (value: string, rag: IndicatorLine['previousRag']): string =>
  rag === null || rag.modifier === 'none' ? value : `${value}  ${rag.letter} `

/** One set of column widths for every theme table, so that they line up from page to page. */
export function themeWidths(report: ReportModel): number[] {
  const lines = report.themes.flatMap((t) => t.lines)
  const figure = (pick: (l: IndicatorLine) => string): ColumnText => ({
    texts: lines.map(pick),
    size: THEME_SIZE,
    upTo: FIGURE_UP_TO,
  })
  const columns: ColumnText[] = [
    { texts: lines.map(refOf), size: THEME_SIZE, bold: true, whole: true },
    { texts: lines.map((l) => l.title), size: THEME_SIZE, flex: 1, atLeast: 4200 },
    { texts: lines.map((l) => l.frequency), size: THEME_SIZE },
    figure((l) => withLetter(l.lastYear, l.lastYearRag)),
    figure((l) => l.annualTarget),
    figure((l) => withLetter(l.previous, l.previousRag)),
    figure((l) => l.actual),
    figure((l) => l.target),
    { texts: lines.map((l) => l.dot?.symbol ?? ''), size: THEME_SIZE },
    ...(report.rules.longTerm ? [{ texts: lines.map((l) => l.dotLongTerm?.symbol ?? ''), size: THEME_SIZE }] : []),
    { texts: lines.map((l) => l.rag.letter), size: THEME_SIZE, bold: true, whole: true },
  ]
  const head = themeHead(report)
  return fitColumns(
    LANDSCAPE_WIDTH,
    columns.map((c, i) => ({ ...c, head: { text: head[i] ?? '', size: HEAD_SIZE } })),
  )
}

/** An indicator's row in the committee columns, kept on the page with the commentary rows beneath it. */
export function themeRows(line: IndicatorLine, longTerm = false, first = false): TableRow[] {
  const span = longTerm ? 11 : 10
  const notes = [
    ...(line.ownRules ? [`† Rules of its own: ${line.ownRules}`] : []),
    ...(line.commentary ? [line.commentary] : []),
    ...(line.statistics ? [`What the statistics say: ${line.statistics}`] : []),
  ]
  const size = THEME_SIZE
  const keepNext = notes.length > 0 && !first
  return [
    row([
      cell(refOf(line), { bold: true, size, keepNext }),
      cell(line.title, { size, keepNext }),
      cell(line.frequency, { size, keepNext }),
      pastCell(line.lastYear, line.lastYearRag, { size, keepNext }),
      cell(line.annualTarget, { size, keepNext }),
      pastCell(line.previous, line.previousRag, { size, keepNext }),
      cell(line.actual, { size, keepNext, ...(line.estimated ? { fill: 'E8F1F8' } : {}) }),
      cell(line.target, { size, keepNext }),
      cell(line.dot?.symbol ?? '', { size, keepNext }),
      ...(longTerm ? [cell(line.dotLongTerm?.symbol ?? '', { size, keepNext })] : []),
      ragCell(line.rag, '', { size, keepNext }),
    ]),
    ...notes.map((note, i) =>
      row([cell(note, { span, size: COMMENTARY_SIZE, keepNext: !first && i < notes.length - 1 })]),
    ),
  ]
}

/** Section 4: each theme's own sections, then its table with commentary beneath each row. */
export function themeBlocks(report: ReportModel): (Paragraph | Table)[] {
  const widths = themeWidths(report)
  return [
    heading('4 Performance by theme', 1),
    ...report.themes.flatMap((t) => [
      heading(`${t.number} ${t.name}`, 2),
      ...themeSectionBlocks(t.sections),
      table(
        themeHead(report),
        t.lines.flatMap((line, i) => themeRows(line, report.rules.longTerm, i === 0)),
        widths,
        { size: HEAD_SIZE },
      ),
    ]),
  ]
}
