import { PageReference, Paragraph, type Table, type TableCell, TableRow } from 'docx'
import { cell, heading, para, ragCell, table, text } from './report.docx-blocks.ts'
import type { ReportModel } from './report.model.ts'

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
      list.map(
        (p) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell(p.theme),
              cell(p.ref, { bold: true }),
              cell(p.title),
              ragCell(p.rag, p.dot?.symbol ?? ''),
              where(p),
            ],
          }),
      ),
      [2200, 1100, 3838, 900, 1600],
    ),
  ]
}

/** A Word bookmark name for a section id: letters, digits and underscores, starting with a letter. */
export function bookmarkFor(id: string): string {
  return `s_${id.replace(/[^A-Za-z0-9]/g, '_')}`.slice(0, 40)
}
