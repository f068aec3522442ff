import {
  AlignmentType,
  Document,
  Footer,
  type ISectionOptions,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  type Table,
  type TableCell,
  TextRun,
} from 'docx'
import type { ReportModel } from './report.model.ts'
import {
  FONT,
  RAG_FILL,
  RAG_TEXT,
  TEXT_WIDTH,
  cell,
  chartBlock,
  chartImages,
  chartsSideBySide,
  heading,
  para,
  ragCell,
  row,
  table,
  text,
} from './report.docx-blocks.ts'
import { appendixBlocks } from './report.docx-appendix.ts'
import { frontDetails, frontHead } from './report.docx-front.ts'
import { exceptionBlocks, performanceExceptionBlocks } from './report.docx-exceptions.ts'
import { financeBlocks } from './report.docx-finance.ts'
import { technicalBlocks } from './report.docx-technical.ts'
import { fitColumns } from './report.docx-fit.ts'
import { dashboardTable, themeBlocks } from './report.docx-themes.ts'
import { APPENDIX, hasAppendix, hasThemeTables, runningFooter } from './report.paper.ts'

/** Section 7: priority tables as Chorley prints them (priority, status, performance), and milestones. */
function deliveryBlocks(report: ReportModel): (Paragraph | Table)[] {
  const delivery = report.delivery
  if (!delivery) return []
  const status = (label: string, modifier: string): TableCell =>
    cell(label, { fill: RAG_FILL[modifier] ?? 'FFFFFF', color: RAG_TEXT[modifier] ?? '0B0C0C', bold: true })
  const milestones = delivery.milestones
  return [
    heading('7 Priorities and milestones', 1),
    ...(delivery.sentence ? [para(delivery.sentence)] : []),
    ...delivery.groups.flatMap((g) => [
      new Paragraph({ children: [text(g.name, { bold: true })], keepNext: true, spacing: { before: 200, after: 80 } }),
      table(
        ['Priority', 'Status', 'Performance'],
        g.rows.map((r) =>
          row([
            cell(`${r.title} (${r.ref})`, { bold: true }),
            status(r.status.label, r.status.modifier),
            cell(r.narrative),
          ]),
        ),
        fitColumns(TEXT_WIDTH, [
          { texts: g.rows.map((r) => `${r.title} (${r.ref})`), size: 16, bold: true, flex: 3 },
          {
            texts: g.rows.map((r) => r.status.label),
            size: 16,
            bold: true,
            upTo: 1600,
            head: { text: 'Status', size: 16 },
          },
          { texts: g.rows.map((r) => r.narrative), size: 16, flex: 5 },
        ]),
      ),
    ]),
    ...(milestones.length > 0
      ? [
          new Paragraph({
            children: [text('Milestones', { bold: true })],
            keepNext: true,
            spacing: { before: 200, after: 80 },
          }),
          table(
            ['Ref', 'Milestone', 'Due', 'Progress', 'Commentary'],
            milestones.map((r) =>
              row([
                cell(r.ref, { bold: true }),
                cell(r.title),
                cell(`${r.due}${r.overdue ? ' (overdue)' : ''}`),
                status(r.status.label, r.status.modifier),
                cell(r.narrative),
              ]),
            ),
            fitColumns(TEXT_WIDTH, [
              {
                texts: milestones.map((r) => r.ref),
                size: 16,
                bold: true,
                whole: true,
                head: { text: 'Ref', size: 16 },
              },
              { texts: milestones.map((r) => r.title), size: 16, flex: 3 },
              { texts: milestones.map((r) => `${r.due}${r.overdue ? ' (overdue)' : ''}`), size: 16, upTo: 1300 },
              {
                texts: milestones.map((r) => r.status.label),
                size: 16,
                bold: true,
                upTo: 1600,
                head: { text: 'Progress', size: 16 },
              },
              { texts: milestones.map((r) => r.narrative), size: 16, flex: 4 },
            ]),
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
      new Paragraph({
        children: [text(`Initial risk ${r.initial}; residual risk ${r.residual}.`, { size: 18 })],
        keepNext: true,
        spacing: { after: 120 },
      }),
      table(
        ['Treatment measure', 'Owner', 'Due', 'Progress this period'],
        r.treatments.map((t) => row([cell(`${t.ref} ${t.description}`), cell(t.owner), cell(t.due), cell(t.progress)])),
        fitColumns(TEXT_WIDTH, [
          { texts: r.treatments.map((t) => `${t.ref} ${t.description}`), size: 16, flex: 3 },
          { texts: r.treatments.map((t) => t.owner), size: 16, flex: 1, head: { text: 'Owner', size: 16 } },
          { texts: r.treatments.map((t) => t.due), size: 16, upTo: 1300, head: { text: 'Due', size: 16 } },
          { texts: r.treatments.map((t) => t.progress), size: 16, flex: 3 },
        ]),
      ),
    ]),
  ]
}

/** Section 10, for a signed-off period: the changes made since sign-off. */
function revisionBlocks(report: ReportModel): (Paragraph | Table)[] {
  if (!report.signOff) return []
  const { heading: title, revisions } = report.signOff
  return [
    heading(`10 ${title}`, 1),
    revisions.length === 0
      ? para('Nothing has been revised since sign-off.')
      : table(
          ['Indicator', 'What changed', 'Was', 'Now', 'By, when', 'Reason'],
          revisions.map((r) =>
            row([
              cell(`${r.indicator} ${r.period}`, { bold: true }),
              cell(r.field),
              cell(r.oldValue),
              cell(r.newValue),
              cell(`${r.by}, ${r.when}`),
              cell(r.reason),
            ]),
          ),
          [1500, 1700, 1300, 1300, 1900, TEXT_WIDTH - 7700],
        ),
  ]
}

/** The title page: the plan, the period, when it was produced, the sign-off, and the contents with the appendix. */
function titlePage(report: ReportModel): Paragraph[] {
  const contents = [
    ...report.contents,
    ...(hasAppendix(report) ? [{ number: APPENDIX.number, title: APPENDIX.title, level: 1 }] : []),
  ]
  return [
    ...frontHead(report),
    new Paragraph({ children: [text(report.periodLabel, { size: 44, bold: true })], spacing: { after: 120 } }),
    ...frontDetails(report),
    para(
      `Produced on ${report.producedOn}${report.limitedToThemes ? `, for the themes: ${report.themesCovered.join('; ')}` : ''}`,
    ),
    ...(report.signOff ? [para(`${report.signOff.tag}. ${report.signOff.statement}`, { bold: true })] : []),
    new Paragraph({
      children: [text('Contents', { bold: true, size: 28 })],
      keepNext: true,
      spacing: { before: 480, after: 120 },
    }),
    ...contents.map(
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
      ...report.key.rag.map((k) => row([ragCell(k.rag), cell(`${k.rag.label}: ${k.meaning}`)])),
      ...report.key.dot.map((k) => row([cell(k.dot.symbol, { bold: true }), cell(`${k.dot.label}: ${k.meaning}`)])),
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

/** Section 3: the summary in numbers and words, the charts (their data in the appendix), the dashboard and list. */
function results(report: ReportModel, images: ReadonlyMap<string, Buffer>): (Paragraph | Table)[] {
  return [
    heading('3 Performance results', 1),
    heading('3.1 Performance summary', 2),
    table(
      report.figures.map((f) => f.label),
      [
        row(
          report.figures.map((f) =>
            cell(f.value, {
              bold: true,
              size: 28,
              ...(f.modifier ? { fill: RAG_FILL[f.modifier], color: RAG_TEXT[f.modifier] } : {}),
            }),
          ),
        ),
      ],
      fitColumns(
        TEXT_WIDTH,
        report.figures.map((f) => ({
          texts: [f.value],
          size: 28,
          bold: true,
          flex: 1,
          head: { text: f.label, size: 16 },
        })),
      ),
    ),
    para(report.summaryText),
    heading('3.2 Charts', 2),
    // The first (RAG by theme) across the page, the two direction charts side by side beneath it.
    ...report.charts.slice(0, 1).flatMap((c) => chartBlock(c, images, 480)),
    ...[chartsSideBySide(report.charts.slice(1, 3), images, 300)].filter((t) => t !== null),
    ...report.charts.slice(3).flatMap((c) => chartBlock(c, images, 480)),
    heading('3.3 Summary dashboard', 2),
    dashboardTable(report),
    ...performanceExceptionBlocks(report),
  ]
}

/** Section 5: the exception reports, each on a page of its own. */
function exceptionReports(report: ReportModel, images: ReadonlyMap<string, Buffer>): (Paragraph | Table)[] {
  return [
    heading('5 Exception reports', 1),
    ...(report.exceptions.length === 0
      ? [para('No indicator is Red or Amber, so there are no exception reports.')]
      : []),
    ...report.exceptions.flatMap((x, i) => exceptionBlocks(x, images, i > 0)),
  ]
}

/** Section 6: the indicators not reported, and why. */
function notReported(report: ReportModel): (Paragraph | Table)[] {
  const list = report.notReported
  return [
    heading('6 Indicators not reported', 1),
    list.length === 0
      ? para('Every indicator was reported.')
      : table(
          ['Ref', 'Definition', 'Theme', 'Reason'],
          list.map((n) => row([cell(n.ref, { bold: true }), cell(n.title), cell(n.theme), cell(n.reason)])),
          fitColumns(TEXT_WIDTH, [
            { texts: list.map((n) => n.ref), size: 16, bold: true, whole: true, head: { text: 'Ref', size: 16 } },
            { texts: list.map((n) => n.title), size: 16, flex: 4 },
            { texts: list.map((n) => n.theme), size: 16, flex: 2 },
            { texts: list.map((n) => n.reason), size: 16, flex: 2 },
          ]),
        ),
  ]
}

/** The running footer on every page: the report's title and status, and "Page 3 of 12". */
function footer(report: ReportModel): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            font: FONT,
            size: 16,
            children: [`${runningFooter(report)} · Page `, PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  })
}

/** A4 with 2 cm margins, portrait or landscape (docx turns the page for a landscape section). */
function page(orientation: 'portrait' | 'landscape'): NonNullable<ISectionOptions['properties']> {
  return {
    page: {
      size: {
        width: 11906,
        height: 16838,
        orientation: orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
      },
      margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
    },
  }
}

/**
 * The committee report as a Word document: a portrait section (title page, contents, sections 1 to 3), a landscape
 * one for the theme tables (section 4), and a portrait one for the exception reports, each on its own page, the rest
 * and the appendix of the data behind the charts. The running footer and page numbers run through all three.
 */
export async function renderReportDocx(report: ReportModel): Promise<Buffer> {
  const images = await chartImages([
    ...report.charts,
    ...report.exceptions.flatMap((x) => x.charts),
    ...report.technical.flatMap((n) => (n.chart ? [n.chart] : [])),
  ])
  const footers = { default: footer(report) }
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
        properties: page('portrait'),
        footers,
        children: [...titlePage(report), ...purposeAndKey(report), ...results(report, images)],
      },
      ...(hasThemeTables(report) ? [{ properties: page('landscape'), footers, children: themeBlocks(report) }] : []),
      {
        properties: page('portrait'),
        footers,
        children: [
          ...(hasThemeTables(report)
            ? []
            : [heading('4 Performance by theme', 1), para('The plan has no indicators to report by theme.')]),
          ...exceptionReports(report, images),
          ...notReported(report),
          ...deliveryBlocks(report),
          ...highRiskBlocks(report),
          ...financeBlocks(report),
          ...revisionBlocks(report),
          ...technicalBlocks(report, images),
          ...appendixBlocks(report, images),
        ],
      },
    ],
  })
  return Packer.toBuffer(document)
}
