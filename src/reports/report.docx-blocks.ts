import {
  BorderStyle,
  HeadingLevel,
  ImageRun,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { type Chart, svgSize } from '../presentation/charts/index.ts'
import { svgToPng } from '../presentation/charts/png.ts'
import type { RagView } from '../presentation/format.ts'
import type { IndicatorLine } from './report.model.ts'

/** The Word report's building blocks: text, headings, bordered cells and tables, RAG cells, charts as pictures. */

/** A4 with 2 cm margins leaves 9,638 twentieths of a point for the text. */
export const TEXT_WIDTH = 9638
export const FONT = 'Arial'
export const RAG_FILL: Readonly<Record<string, string>> = { G: '00703C', A: 'F47738', R: 'D4351C', none: 'FFFFFF' }
export const RAG_TEXT: Readonly<Record<string, string>> = { G: 'FFFFFF', A: '0B0C0C', R: 'FFFFFF', none: '0B0C0C' }
export const HEADER_FILL = 'F3F2F1'
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6' }
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER }

/** A run of text in the report's font. */
export function text(
  value: string,
  options: { bold?: boolean; size?: number; color?: string; italics?: boolean } = {},
): TextRun {
  return new TextRun({ text: value, font: FONT, ...options })
}

/** A paragraph of text, spaced as the report's body. */
export function para(
  value: string,
  options: { bold?: boolean; size?: number; italics?: boolean; color?: string } = {},
): Paragraph {
  return new Paragraph({ children: [text(value, options)], spacing: { after: 120 } })
}

/** A numbered section's heading, as a Word heading so it is in the navigation pane. */
export function heading(value: string, level: 1 | 2): Paragraph {
  return new Paragraph({
    text: value,
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 120 },
  })
}

interface CellOptions {
  readonly fill?: string
  readonly color?: string
  readonly bold?: boolean
  readonly span?: number
  readonly size?: number
  readonly width?: number
}

/** A bordered table cell of text (a line a paragraph) or of paragraphs given. */
export function cell(value: string | Paragraph[], options: CellOptions = {}): TableCell {
  const size = options.size ?? 16
  const children =
    typeof value === 'string'
      ? value.split('\n').map(
          (line) =>
            new Paragraph({
              children: [
                text(line, { size, bold: options.bold ?? false, ...(options.color ? { color: options.color } : {}) }),
              ],
            }),
        )
      : value
  return new TableCell({
    children,
    borders: BORDERS,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(options.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } } : {}),
    ...(options.span ? { columnSpan: options.span } : {}),
    ...(options.width ? { width: { size: options.width, type: WidthType.DXA } } : {}),
  })
}

/** A status cell: RAG-coloured, with the letter (and DoT arrow) so colour is never the only signal. */
export function ragCell(rag: RagView, arrow = ''): TableCell {
  return cell(`${rag.letter}${arrow ? ` ${arrow}` : ''}`, {
    fill: RAG_FILL[rag.modifier] ?? 'FFFFFF',
    color: RAG_TEXT[rag.modifier] ?? '0B0C0C',
    bold: true,
  })
}

/** A full-width table with a header row that repeats on each page. */
export function table(head: readonly string[], rows: readonly TableRow[], widths: readonly number[]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [...widths],
    rows: [
      new TableRow({
        tableHeader: true,
        children: head.map((h, i) => cell(h, { fill: HEADER_FILL, bold: true, width: widths[i] ?? 1000 })),
      }),
      ...rows,
    ],
  })
}

/** Every chart the document shows, as PNGs at 1.5× their size for print, converted in parallel. */
export async function chartImages(charts: readonly Chart[]): Promise<Map<string, Buffer>> {
  const images = await Promise.all(
    charts.map(
      async (chart) => [chart.id, await svgToPng(chart.svg, Math.round(svgSize(chart.svg).width * 1.5))] as const,
    ),
  )
  return new Map(images)
}

/** A chart as a PNG with its title as alt text, a caption, and its data as a small table. */
export function chartBlock(chart: Chart, images: ReadonlyMap<string, Buffer>, widthPx = 600): (Paragraph | Table)[] {
  const { width, height } = svgSize(chart.svg)
  const png = images.get(chart.id)
  if (!png) throw new Error(`The chart ${chart.id} was not converted`)
  const image = new ImageRun({
    type: 'png',
    data: png,
    transformation: { width: widthPx, height: Math.round((widthPx * height) / width) },
    altText: { title: chart.title, description: chart.description, name: chart.id },
  })
  const columns = chart.table.head.length
  const widths = chart.table.head.map(() => Math.floor(TEXT_WIDTH / columns))
  return [
    new Paragraph({
      children: [text(chart.title, { bold: true, size: 20 })],
      keepNext: true,
      spacing: { before: 200 },
    }),
    new Paragraph({ children: [image], keepNext: true }),
    para(chart.description, { size: 18, italics: true }),
    table(
      chart.table.head,
      chart.table.rows.map(
        (row) => new TableRow({ children: row.map((value, i) => cell(value, { bold: i === 0, size: 14 })) }),
      ),
      widths,
    ),
  ]
}

/** A row of the summary dashboard: the indicator, its target, actual, status and exception report. */
export function dashboardRow(line: IndicatorLine): TableRow {
  const tick =
    line.exception === 'submitted'
      ? '✓'
      : line.exception === 'draft'
        ? 'Draft'
        : line.exception === 'missing'
          ? 'Needed'
          : ''
  return new TableRow({
    cantSplit: true,
    children: [
      cell(line.ownRules ? `${line.ref} †` : line.ref, { bold: true }),
      cell(line.title),
      cell(line.target),
      cell(line.actual, line.estimated ? { fill: 'E8F1F8' } : {}),
      ragCell(line.rag, `${line.dot?.symbol ?? ''}${line.dotLongTerm ? ` ${line.dotLongTerm.symbol}` : ''}`.trim()),
      cell(tick),
    ],
  })
}

/** A theme table's row for an indicator in the committee columns, with its commentary beneath. */
export function themeRows(line: IndicatorLine, longTerm = false): TableRow[] {
  const span = longTerm ? 11 : 10
  const rows = [
    new TableRow({
      cantSplit: true,
      children: [
        cell(line.ownRules ? `${line.ref} †` : line.ref, { bold: true }),
        cell(line.title),
        cell(line.frequency),
        pastCell(line.lastYear, line.lastYearRag),
        cell(line.annualTarget),
        pastCell(line.previous, line.previousRag),
        cell(line.actual, line.estimated ? { fill: 'E8F1F8' } : {}),
        cell(line.target),
        cell(line.dot?.symbol ?? ''),
        ...(longTerm ? [cell(line.dotLongTerm?.symbol ?? '')] : []),
        ragCell(line.rag),
      ],
    }),
  ]
  if (line.ownRules)
    rows.push(new TableRow({ children: [cell(`† Rules of its own: ${line.ownRules}`, { span, size: 15 })] }))
  if (line.commentary) rows.push(new TableRow({ children: [cell(line.commentary, { span, size: 15 })] }))
  if (line.statistics)
    rows.push(new TableRow({ children: [cell(`What the statistics say: ${line.statistics}`, { span, size: 15 })] }))
  return rows
}

/** A past period's figure with its status letter beside it, coloured as the status cells are ("48.6% G"). */
export function pastCell(value: string, rag: RagView | null): TableCell {
  if (rag === null || rag.modifier === 'none') return cell(value)
  const style = { size: 16, bold: true, color: RAG_TEXT[rag.modifier] ?? '0B0C0C' }
  const letter = new TextRun({
    text: ` ${rag.letter} `,
    font: FONT,
    ...style,
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: RAG_FILL[rag.modifier] ?? 'FFFFFF' },
  })
  return new TableCell({
    children: [new Paragraph({ children: [text(`${value} `, { size: 16 }), letter] })],
    borders: BORDERS,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  })
}
