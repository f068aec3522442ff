import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { type Chart, svgSize, svgToPng } from '../presentation/charts/index.ts'
import type { IndicatorLine, ReportModel } from './report.model.ts'
import type { RagView } from '../presentation/format.ts'

/** A4 with 2 cm margins leaves 9,638 twentieths of a point for the text. */
const TEXT_WIDTH = 9638
const FONT = 'Arial'
const RAG_FILL: Readonly<Record<string, string>> = { G: '00703C', A: 'F47738', R: 'D4351C', none: 'FFFFFF' }
const RAG_TEXT: Readonly<Record<string, string>> = { G: 'FFFFFF', A: '0B0C0C', R: 'FFFFFF', none: '0B0C0C' }
const HEADER_FILL = 'F3F2F1'
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6' }
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER }

function text(
  value: string,
  options: { bold?: boolean; size?: number; color?: string; italics?: boolean } = {},
): TextRun {
  return new TextRun({ text: value, font: FONT, ...options })
}

function para(
  value: string,
  options: { bold?: boolean; size?: number; italics?: boolean; color?: string } = {},
): Paragraph {
  return new Paragraph({ children: [text(value, options)], spacing: { after: 120 } })
}

function heading(value: string, level: 1 | 2): Paragraph {
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

function cell(value: string | Paragraph[], options: CellOptions = {}): TableCell {
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
function ragCell(rag: RagView, arrow = ''): TableCell {
  return cell(`${rag.letter}${arrow ? ` ${arrow}` : ''}`, {
    fill: RAG_FILL[rag.modifier] ?? 'FFFFFF',
    color: RAG_TEXT[rag.modifier] ?? '0B0C0C',
    bold: true,
  })
}

function table(head: readonly string[], rows: readonly TableRow[], widths: readonly number[]): Table {
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
async function chartImages(charts: readonly Chart[]): Promise<Map<string, Buffer>> {
  const images = await Promise.all(
    charts.map(
      async (chart) => [chart.id, await svgToPng(chart.svg, Math.round(svgSize(chart.svg).width * 1.5))] as const,
    ),
  )
  return new Map(images)
}

/** A chart as a PNG with its title as alt text, a caption, and its data as a small table. */
function chartBlock(chart: Chart, images: ReadonlyMap<string, Buffer>, widthPx = 600): (Paragraph | Table)[] {
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

function dashboardRow(line: IndicatorLine): TableRow {
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
      cell(line.ref, { bold: true }),
      cell(line.title),
      cell(line.target),
      cell(line.actual, line.estimated ? { fill: 'E8F1F8' } : {}),
      ragCell(line.rag, line.dot?.symbol ?? ''),
      cell(tick),
    ],
  })
}

function themeRows(line: IndicatorLine): TableRow[] {
  const rows = [
    new TableRow({
      cantSplit: true,
      children: [
        cell(line.ref, { bold: true }),
        cell(line.title),
        cell(line.frequency),
        cell(line.lastYear),
        cell(line.annualTarget),
        cell(line.previous),
        cell(line.actual, line.estimated ? { fill: 'E8F1F8' } : {}),
        cell(line.target),
        cell(line.dot?.symbol ?? ''),
        ragCell(line.rag),
      ],
    }),
  ]
  if (line.commentary) rows.push(new TableRow({ children: [cell(line.commentary, { span: 10, size: 15 })] }))
  if (line.statistics)
    rows.push(new TableRow({ children: [cell(`What the statistics say: ${line.statistics}`, { span: 10, size: 15 })] }))
  return rows
}

/** Section 7: priority tables as Chorley prints them (priority, status, performance), and milestones. */
function deliveryBlocks(report: ReportModel): (Paragraph | Table)[] {
  const delivery = report.delivery
  if (!delivery) return []
  const status = (label: string, modifier: string): TableCell =>
    cell(label, { fill: RAG_FILL[modifier] ?? 'FFFFFF', color: RAG_TEXT[modifier] ?? '0B0C0C', bold: true })
  return [
    heading('7 Priorities and milestones', 1),
    ...(delivery.sentence ? [para(delivery.sentence)] : []),
    ...delivery.groups.flatMap((g) => [
      new Paragraph({ children: [text(g.name, { bold: true })], keepNext: true, spacing: { before: 200, after: 80 } }),
      table(
        ['Priority', 'Status', 'Performance'],
        g.rows.map(
          (r) =>
            new TableRow({
              cantSplit: true,
              children: [
                cell(`${r.title} (${r.ref})`, { bold: true }),
                status(r.status.label, r.status.modifier),
                cell(r.narrative),
              ],
            }),
        ),
        [3000, 1300, TEXT_WIDTH - 4300],
      ),
    ]),
    ...(delivery.milestones.length > 0
      ? [
          new Paragraph({
            children: [text('Milestones', { bold: true })],
            keepNext: true,
            spacing: { before: 200, after: 80 },
          }),
          table(
            ['Ref', 'Milestone', 'Due', 'Progress', 'Commentary'],
            delivery.milestones.map(
              (r) =>
                new TableRow({
                  cantSplit: true,
                  children: [
                    cell(r.ref, { bold: true }),
                    cell(r.title),
                    cell(`${r.due}${r.overdue ? ' (overdue)' : ''}`),
                    status(r.status.label, r.status.modifier),
                    cell(r.narrative),
                  ],
                }),
            ),
            [900, 3300, 1300, 1300, TEXT_WIDTH - 6800],
          ),
        ]
      : []),
  ]
}

/** Section 8: each high risk, with its ratings and its treatment measures' progress this period. */
function highRiskBlocks(report: ReportModel): (Paragraph | Table)[] {
  if (report.highRisks.length === 0) return []
  return [
    heading('8 High risks', 1),
    ...report.highRisks.flatMap((r) => [
      new Paragraph({
        children: [text(`${r.ref}: ${r.description}`, { bold: true })],
        keepNext: true,
        spacing: { before: 200 },
      }),
      para(`Initial risk ${r.initial}; residual risk ${r.residual}.`, { size: 18 }),
      table(
        ['Treatment measure', 'Owner', 'Due', 'Progress this period'],
        r.treatments.map(
          (t) =>
            new TableRow({
              cantSplit: true,
              children: [cell(`${t.ref} ${t.description}`), cell(t.owner), cell(t.due), cell(t.progress)],
            }),
        ),
        [3800, 2000, 1300, TEXT_WIDTH - 7100],
      ),
    ]),
  ]
}

/** Section 9, for a signed-off period: the changes made since sign-off. */
function revisionBlocks(report: ReportModel): (Paragraph | Table)[] {
  if (!report.signOff) return []
  const { heading: title, revisions } = report.signOff
  return [
    heading(`9 ${title}`, 1),
    revisions.length === 0
      ? para('Nothing has been revised since sign-off.')
      : table(
          ['Indicator', 'What changed', 'Was', 'Now', 'By, when', 'Reason'],
          revisions.map(
            (r) =>
              new TableRow({
                cantSplit: true,
                children: [
                  cell(`${r.indicator} ${r.period}`, { bold: true }),
                  cell(r.field),
                  cell(r.oldValue),
                  cell(r.newValue),
                  cell(`${r.by}, ${r.when}`),
                  cell(r.reason),
                ],
              }),
          ),
          [1500, 1700, 1300, 1300, 1900, TEXT_WIDTH - 7700],
        ),
  ]
}

/** The committee report as a Word document: title page, contents, numbered sections, tables, charts, page numbers. */
export async function renderReportDocx(report: ReportModel): Promise<Buffer> {
  const images = await chartImages([...report.charts, ...report.exceptions.flatMap((x) => x.charts)])
  const titlePage = [
    new Paragraph({
      children: [text(report.planName, { size: 32, color: '505A5F' })],
      spacing: { before: 2400, after: 240 },
    }),
    new Paragraph({ children: [text('Performance report', { size: 56, bold: true })] }),
    new Paragraph({ children: [text(report.periodLabel, { size: 44, bold: true })], spacing: { after: 480 } }),
    para(
      `Produced on ${report.producedOn}${report.limitedToThemes ? `, for the themes: ${report.themesCovered.join('; ')}` : ''}`,
    ),
    ...(report.signOff ? [para(`${report.signOff.tag}. ${report.signOff.statement}`, { bold: true })] : []),
    new Paragraph({ children: [text('Contents', { bold: true, size: 28 })], spacing: { before: 480, after: 120 } }),
    ...report.contents.map(
      (s) =>
        new Paragraph({
          children: [text(`${s.number}  ${s.title}`, { size: 22 })],
          indent: { left: s.level === 2 ? 480 : 0 },
          spacing: { after: 40 },
        }),
    ),
    new Paragraph({ children: [new PageBreak()] }),
  ]

  const key = table(
    ['Symbol', 'Meaning'],
    [
      ...report.key.rag.map((k) => new TableRow({ children: [ragCell(k.rag), cell(`${k.rag.label}: ${k.meaning}`)] })),
      ...report.key.dot.map(
        (k) => new TableRow({ children: [cell(k.dot.symbol, { bold: true }), cell(`${k.dot.label}: ${k.meaning}`)] }),
      ),
    ],
    [1400, TEXT_WIDTH - 1400],
  )

  const body: (Paragraph | Table)[] = [
    heading('1 Purpose and scope of the report', 1),
    ...report.purpose.map((p) => para(p)),
    heading('2 Performance key', 1),
    key,
    ...report.key.other.map((o) => para(o, { size: 18 })),
    heading('3 Performance results', 1),
    heading('3.1 Performance summary', 2),
    table(
      report.figures.map((f) => f.label),
      [
        new TableRow({
          children: report.figures.map((f) =>
            cell(f.value, {
              bold: true,
              size: 28,
              ...(f.modifier ? { fill: RAG_FILL[f.modifier], color: RAG_TEXT[f.modifier] } : {}),
            }),
          ),
        }),
      ],
      report.figures.map(() => Math.floor(TEXT_WIDTH / report.figures.length)),
    ),
    para(report.summaryText),
    heading('3.2 Charts', 2),
    ...report.charts.flatMap((c) => chartBlock(c, images)),
    heading('3.3 Summary dashboard', 2),
    table(
      ['Ref', 'Definition', 'Target', 'Actual', 'Status', 'Exception report'],
      report.dashboard.map(dashboardRow),
      [1100, 4200, 1000, 1400, 900, 1038],
    ),
    heading('4 Performance by theme', 1),
    ...report.themes.flatMap((t) => [
      heading(`${t.number} ${t.name}`, 2),
      table(
        [
          'Ref',
          'Definition',
          'Freq',
          'Last year',
          'Annual target',
          report.previousLabel,
          'Actual',
          'Target',
          'DoT',
          'Status',
        ],
        t.lines.flatMap(themeRows),
        [900, 2500, 600, 800, 800, 900, 1038, 800, 500, 800],
      ),
    ]),
    heading('5 Exception reports', 1),
    ...(report.exceptions.length === 0
      ? [para('No indicator is Red or Amber, so there are no exception reports.')]
      : []),
    ...report.exceptions.flatMap((x) => [
      heading(
        `${x.number} ${x.ref}${x.state === 'draft' ? ' (draft)' : x.state === 'missing' ? ' (not yet provided)' : ''}`,
        2,
      ),
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: [2900, TEXT_WIDTH - 2900],
        rows: [
          ...x.facts.map(
            (f) =>
              new TableRow({
                cantSplit: true,
                children: [cell(f.label, { bold: true, fill: HEADER_FILL, size: 18 }), cell(f.value, { size: 18 })],
              }),
          ),
          ...x.questions.flatMap((q) => [
            new TableRow({
              cantSplit: true,
              children: [cell(q.question, { bold: true, fill: 'DBE7F3', span: 2, size: 18 })],
            }),
            new TableRow({
              children: [
                cell(
                  [
                    ...q.prompts.map(
                      (p) =>
                        new Paragraph({ children: [text(p, { size: 15, color: '505A5F' })], bullet: { level: 0 } }),
                    ),
                    ...q.answer
                      .split('\n')
                      .map((a) => new Paragraph({ children: [text(a, { size: 18 })], spacing: { before: 80 } })),
                  ],
                  { span: 2 },
                ),
              ],
            }),
          ]),
        ],
      }),
      ...x.charts.flatMap((c) => chartBlock(c, images, 520)),
    ]),
    heading('6 Indicators not reported', 1),
    report.notReported.length === 0
      ? para('Every indicator was reported.')
      : table(
          ['Ref', 'Definition', 'Theme', 'Reason'],
          report.notReported.map(
            (n) =>
              new TableRow({ children: [cell(n.ref, { bold: true }), cell(n.title), cell(n.theme), cell(n.reason)] }),
          ),
          [1200, 4000, 2438, 2000],
        ),
    ...deliveryBlocks(report),
    ...highRiskBlocks(report),
    ...revisionBlocks(report),
  ]

  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            font: FONT,
            size: 16,
            children: [
              `${report.planName}, ${report.periodLabel} · Page `,
              PageNumber.CURRENT,
              ' of ',
              PageNumber.TOTAL_PAGES,
            ],
          }),
        ],
      }),
    ],
  })

  const document = new Document({
    creator: 'Outturn',
    title: `${report.title}, ${report.periodLabel}`,
    description: report.summaryText,
    styles: {
      default: {
        document: { run: { font: FONT, size: 21 } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: '0B0C0C' } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: '0B0C0C' } },
      },
    },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        footers: { default: footer },
        children: [...titlePage, ...body],
      },
    ],
  })
  return Packer.toBuffer(document)
}
