import {
  BorderStyle,
  Bookmark,
  HeadingLevel,
  PageReference,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import {
  HEADER_FILL,
  TEXT_WIDTH,
  NO_BORDER,
  cell,
  chartsSideBySide,
  heading,
  para,
  ragCell,
  row,
  table,
  text,
} from './report.docx-blocks.ts'
import { fitColumns } from './report.docx-fit.ts'
import type { ReportModel } from './report.model.ts'
import { onExceptionPage } from './report.paper.ts'

type Exception = ReportModel['exceptions'][number]

/** Section 3.4: every Red and Amber indicator, with the page of its exception report (a field Word fills in). */
export function performanceExceptionBlocks(report: ReportModel): (Paragraph | Table)[] {
  const list = report.performanceExceptions
  if (list.length === 0)
    return [heading('3.4 Performance exceptions', 2), para(`No indicator is Red or Amber at ${report.periodLabel}.`)]
  const where = (p: (typeof list)[number]): TableCell =>
    p.report
      ? cell([
          new Paragraph({
            // A page-number field is a Run, as docx types it; the rule expects a TextRun where a paragraph's children go.
            // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
            children: [text(`${p.report.number}, page `, { size: 16 }), new PageReference(bookmarkFor(p.report.id))],
          }),
        ])
      : cell('None')
  return [
    heading('3.4 Performance exceptions', 2),
    table(
      ['Theme', 'Ref', 'Definition', 'Status', 'Exception report'],
      list.map((p) =>
        row([cell(p.theme), cell(p.ref, { bold: true }), cell(p.title), ragCell(p.rag, p.dot?.symbol ?? ''), where(p)]),
      ),
      fitColumns(TEXT_WIDTH, [
        { texts: list.map((p) => p.theme), size: 16, flex: 2, head: { text: 'Theme', size: 16 } },
        { texts: list.map((p) => p.ref), size: 16, bold: true, whole: true, head: { text: 'Ref', size: 16 } },
        { texts: list.map((p) => p.title), size: 16, flex: 3, head: { text: 'Definition', size: 16 } },
        {
          texts: list.map((p) => `${p.rag.letter} ${p.dot?.symbol ?? ''}`),
          size: 16,
          bold: true,
          whole: true,
          head: { text: 'Status', size: 16 },
        },
        // "5.12, page 123" at most.
        { texts: ['5.12, page 123'], size: 16, whole: true, head: { text: 'Exception report', size: 16 } },
      ]),
    ),
  ]
}

/** A Word bookmark name for a section id: letters, digits and underscores, starting with a letter. */
export function bookmarkFor(id: string): string {
  return `s_${id.replace(/[^A-Za-z0-9]/g, '_')}`.slice(0, 40)
}

/** The form's facts (theme, indicator, target, actual): two columns, the labels shaded. */
function factsTable(x: Exception): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [2900, TEXT_WIDTH - 2900],
    layout: TableLayoutType.FIXED,
    rows: x.facts.map((f) =>
      row([cell(f.label, { bold: true, fill: HEADER_FILL, size: 18 }), cell(f.value, { size: 18 })]),
    ),
  })
}

/**
 * The form's three questions. Each is a row that never splits (the question, its prompts and the first paragraph of
 * the answer, so the question is never left alone at the foot of a page), then a row with the rest of the answer
 * that may run over the page; no rule between the two.
 */
function questionsTable(x: Exception): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'B1B4B6' }
  const edge = (top: boolean, bottom: boolean) => ({
    top: top ? border : NO_BORDER,
    bottom: bottom ? border : NO_BORDER,
    left: border,
    right: border,
  })
  const answer = (a: string): Paragraph => new Paragraph({ children: [text(a, { size: 18 })], spacing: { before: 80 } })
  const margins = { top: 40, bottom: 40, left: 80, right: 80 }
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    layout: TableLayoutType.FIXED,
    rows: x.questions.flatMap((q) => {
      const [first = '', ...rest] = q.answer.split('\n')
      const more = rest.length > 0
      return [
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              borders: edge(true, !more),
              margins,
              children: [
                new Paragraph({
                  shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'DBE7F3' },
                  spacing: { after: 60 },
                  children: [text(q.question, { bold: true, size: 18 })],
                }),
                ...q.prompts.map(
                  (p) => new Paragraph({ children: [text(p, { size: 15, color: '505A5F' })], bullet: { level: 0 } }),
                ),
                answer(first),
              ],
            }),
          ],
        }),
        ...(more
          ? [
              new TableRow({
                children: [new TableCell({ borders: edge(false, true), margins, children: rest.map(answer) })],
              }),
            ]
          : []),
      ]
    }),
  })
}

/**
 * One exception report on a new page (the first follows section 5's heading at the top of a page): its heading (a bookmark the exceptions list's page number points to), the
 * facts, the trend and dial side by side, then the three questions. Its data and control chart are in the appendix.
 */
export function exceptionBlocks(
  x: Exception,
  images: ReadonlyMap<string, Buffer>,
  breakBefore: boolean,
): (Paragraph | Table)[] {
  const charts = chartsSideBySide(x.charts.filter(onExceptionPage), images)
  const elsewhere = x.charts.some((c) => !onExceptionPage(c))
  return [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      pageBreakBefore: breakBefore,
      keepNext: true,
      spacing: { before: 0, after: 120 },
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
    factsTable(x),
    ...(charts ? [charts] : []),
    ...(x.charts.length > 0
      ? [
          para(
            `The figures behind ${elsewhere ? 'these charts, and the statistical control chart,' : 'these charts'} are in the appendix.`,
            { size: 16, color: '505A5F' },
          ),
        ]
      : []),
    questionsTable(x),
  ]
}
