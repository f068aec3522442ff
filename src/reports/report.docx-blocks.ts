import {
  BorderStyle,
  HeadingLevel,
  ImageRun,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { type Chart, svgSize } from '../presentation/charts/index.ts'
import { svgToPng } from '../presentation/charts/png.ts'
import type { RagView } from '../presentation/format.ts'

/** The Word report's building blocks: text, headings, bordered cells and tables, RAG cells, charts as pictures. */

/** A4 with 2 cm margins leaves 9,638 twentieths of a point for the text, and 14,570 on a landscape page. */
export const TEXT_WIDTH = 9638
export const LANDSCAPE_WIDTH = 14570
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
export function heading(value: string, level: 1 | 2, options: { pageBreakBefore?: boolean } = {}): Paragraph {
  return new Paragraph({
    text: value,
    pageBreakBefore: options.pageBreakBefore ?? false,
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    keepNext: true,
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
  /** Keep this row on the page with the next (an indicator's row with its commentary beneath). */
  readonly keepNext?: boolean
}

/** A bordered table cell of text (a line a paragraph) or of paragraphs given. */
export function cell(value: string | Paragraph[], options: CellOptions = {}): TableCell {
  const size = options.size ?? 16
  const children =
    typeof value === 'string'
      ? value.split('\n').map(
          (line) =>
            new Paragraph({
              keepNext: options.keepNext ?? false,
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
export function ragCell(rag: RagView, arrow = '', options: Pick<CellOptions, 'size' | 'keepNext'> = {}): TableCell {
  return cell(`${rag.letter}${arrow ? ` ${arrow}` : ''}`, {
    fill: RAG_FILL[rag.modifier] ?? 'FFFFFF',
    color: RAG_TEXT[rag.modifier] ?? '0B0C0C',
    bold: true,
    ...options,
  })
}

/** A table row that is never split across two pages. */
export function row(children: TableCell[]): TableRow {
  return new TableRow({ cantSplit: true, children })
}

/**
 * A table as wide as its columns, laid out at exactly those widths (so Word and LibreOffice never re-flow a column
 * narrower than its words), with a header row that repeats on each page. Every row it is given is `row()`'s.
 */
export function table(
  head: readonly string[],
  rows: readonly TableRow[],
  widths: readonly number[],
  options: { size?: number } = {},
): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: head.map((h, i) =>
          cell(h, {
            fill: HEADER_FILL,
            bold: true,
            width: widths[i] ?? 1000,
            ...(options.size ? { size: options.size } : {}),
          }),
        ),
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

/** A chart as a picture `widthPx` wide, its title as alt text. */
export function chartImage(chart: Chart, images: ReadonlyMap<string, Buffer>, widthPx: number): ImageRun {
  const { width, height } = svgSize(chart.svg)
  const png = images.get(chart.id)
  if (!png) throw new Error(`The chart ${chart.id} was not converted`)
  return new ImageRun({
    type: 'png',
    data: png,
    transformation: { width: widthPx, height: Math.round((widthPx * height) / width) },
    altText: { title: chart.title, description: chart.description, name: chart.id },
  })
}

/**
 * A chart with its title and caption, kept together on one page. Its data is not beneath it: the data behind every
 * chart is in the appendix (report.docx-appendix.ts), where it does not break up the report.
 */
export function chartBlock(chart: Chart, images: ReadonlyMap<string, Buffer>, widthPx = 600): Paragraph[] {
  return [
    new Paragraph({
      children: [text(chart.title, { bold: true, size: 20 })],
      keepNext: true,
      spacing: { before: 200 },
    }),
    new Paragraph({ children: [chartImage(chart, images, widthPx)], keepNext: true }),
    para(chart.description, { size: 18, italics: true }),
  ]
}

/** A chart's data as a table, for the appendix. */
export function chartTable(chart: Chart, total = TEXT_WIDTH): Table {
  const columns = chart.table.head.length
  const widths = chart.table.head.map(() => Math.floor(total / columns))
  return table(
    chart.table.head,
    chart.table.rows.map((r) => row(r.map((value, i) => cell(value, { bold: i === 0, size: 14 })))),
    widths,
    { size: 14 },
  )
}

export const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER }

/** Two charts side by side (an exception's trend and dial), each with its title above and its caption beneath, in a borderless table. */
export function chartsSideBySide(
  charts: readonly Chart[],
  images: ReadonlyMap<string, Buffer>,
  widthPx = 300,
): Table | null {
  if (charts.length === 0) return null
  const half = Math.floor(TEXT_WIDTH / 2)
  const widths = [half, TEXT_WIDTH - half]
  const chartCell = (c: Chart | undefined, width: number): TableCell =>
    new TableCell({
      borders: NO_BORDERS,
      width: { size: width, type: WidthType.DXA },
      margins: { top: 80, bottom: 80, left: 80, right: 80 },
      children: c
        ? [
            new Paragraph({ children: [text(c.title, { bold: true, size: 18 })] }),
            new Paragraph({ children: [chartImage(c, images, widthPx)] }),
            new Paragraph({ children: [text(c.description, { size: 14, italics: true, color: '505A5F' })] }),
          ]
        : [new Paragraph({})],
    })
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { ...NO_BORDERS, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [chartCell(charts[0], half), chartCell(charts[1], widths[1] ?? half)],
      }),
    ],
  })
}

/** A past period's figure with its status letter beside it, coloured as the status cells are ("48.6% G"). */
export function pastCell(
  value: string,
  rag: RagView | null,
  options: { readonly size?: number; readonly keepNext?: boolean } = {},
): TableCell {
  if (rag === null || rag.modifier === 'none') return cell(value, options)
  const size = options.size ?? 16
  const style = { size, bold: true, color: RAG_TEXT[rag.modifier] ?? '0B0C0C' }
  const letter = new TextRun({
    text: ` ${rag.letter} `,
    font: FONT,
    ...style,
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: RAG_FILL[rag.modifier] ?? 'FFFFFF' },
  })
  return new TableCell({
    children: [new Paragraph({ keepNext: options.keepNext ?? false, children: [text(`${value} `, { size }), letter] })],
    borders: BORDERS,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  })
}
