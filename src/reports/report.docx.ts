import {
  AlignmentType,
  Bookmark,
  Document,
  HeadingLevel,
  Footer,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import type { ReportModel } from './report.model.ts'
import {
  FONT,
  HEADER_FILL,
  RAG_FILL,
  RAG_TEXT,
  TEXT_WIDTH,
  cell,
  chartBlock,
  chartImages,
  dashboardRow,
  heading,
  para,
  ragCell,
  table,
  text,
  themeRows,
} from './report.docx-blocks.ts'
import { frontDetails, frontHead, themeSectionBlocks } from './report.docx-front.ts'
import { bookmarkFor, performanceExceptionBlocks } from './report.docx-exceptions.ts'
import { financeBlocks } from './report.docx-finance.ts'
import { technicalBlocks } from './report.docx-technical.ts'

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
    heading(`10 ${title}`, 1),
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

/** The title page: the plan, the period, when it was produced, the sign-off, and the contents. */
function titlePage(report: ReportModel): Paragraph[] {
  return [
    ...frontHead(report),
    new Paragraph({ children: [text(report.periodLabel, { size: 44, bold: true })], spacing: { after: 120 } }),
    ...frontDetails(report),
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
}

/** Sections 1 and 2: the purpose and scope, and the key to the symbols. */
function purposeAndKey(report: ReportModel): (Paragraph | Table)[] {
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
  return [
    heading('1 Purpose and scope of the report', 1),
    ...report.purpose.map((p) => para(p)),
    heading('2 Performance key', 1),
    key,
    ...report.key.other.map((o) => para(o, { size: 18 })),
  ]
}

/** Section 3: the summary in numbers and words, the charts, and the summary dashboard. */
function results(report: ReportModel, images: ReadonlyMap<string, Buffer>): (Paragraph | Table)[] {
  return [
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
    ...performanceExceptionBlocks(report),
  ]
}

/** Section 4: a table per theme in the committee columns, commentary beneath each row. */
function themes(report: ReportModel): (Paragraph | Table)[] {
  return [
    heading('4 Performance by theme', 1),
    ...report.themes.flatMap((t) => [
      heading(`${t.number} ${t.name}`, 2),
      ...themeSectionBlocks(t.sections),
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
          ...(report.rules.longTerm ? ['DoT (year)'] : []),
          'Status',
        ],
        t.lines.flatMap((line) => themeRows(line, report.rules.longTerm)),
        report.rules.longTerm
          ? [900, 1900, 600, 800, 800, 900, 1038, 800, 500, 700, 700]
          : [900, 2500, 600, 800, 800, 900, 1038, 800, 500, 800],
      ),
    ]),
  ]
}

/** One exception report in its two-column form: the facts, then each question with its prompts and answer. */
function exceptionTable(x: ReportModel['exceptions'][number]): Table {
  return new Table({
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
                  (p) => new Paragraph({ children: [text(p, { size: 15, color: '505A5F' })], bullet: { level: 0 } }),
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
  })
}

/** Sections 5 and 6: the exception reports with their charts, and the indicators not reported. */
function exceptionsAndNotReported(report: ReportModel, images: ReadonlyMap<string, Buffer>): (Paragraph | Table)[] {
  return [
    heading('5 Exception reports', 1),
    ...(report.exceptions.length === 0
      ? [para('No indicator is Red or Amber, so there are no exception reports.')]
      : []),
    ...report.exceptions.flatMap((x) => [
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        pageBreakBefore: true,
        keepNext: true,
        spacing: { before: 240, after: 120 },
        children: [
          new Bookmark({
            id: bookmarkFor(x.id),
            children: [
              new TextRun(
                `${x.number} ${x.ref}${x.state === 'draft' ? ' (draft)' : x.state === 'missing' ? ' (not yet provided)' : ''}`,
              ),
            ],
          }),
        ],
      }),
      exceptionTable(x),
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
  ]
}

/** The page footer: the plan, the period and "Page 3 of 12". */
function footer(report: ReportModel): Footer {
  return new Footer({
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
}

/** The committee report as a Word document: title page, contents, numbered sections, tables, charts, page numbers. */
export async function renderReportDocx(report: ReportModel): Promise<Buffer> {
  const images = await chartImages([
    ...report.charts,
    ...report.exceptions.flatMap((x) => x.charts),
    ...report.technical.flatMap((n) => (n.chart ? [n.chart] : [])),
  ])
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
        footers: { default: footer(report) },
        children: [
          ...titlePage(report),
          ...purposeAndKey(report),
          ...results(report, images),
          ...themes(report),
          ...exceptionsAndNotReported(report, images),
          ...deliveryBlocks(report),
          ...highRiskBlocks(report),
          ...financeBlocks(report),
          ...revisionBlocks(report),
          ...technicalBlocks(report, images),
        ],
      },
    ],
  })
  return Packer.toBuffer(document)
}
