import { type Paragraph, type Table, TableRow } from 'docx'
import { cell, chartBlock, heading, para, table } from './report.docx-blocks.ts'
import type { ReportModel } from './report.model.ts'

/**
 * The technical appendix in Word: each indicator's statistics in the methods' own terms (the SPC reading, the mean
 * and process limits, the confidence interval), which the committee's tables give in plain words.
 */
export function technicalBlocks(report: ReportModel, images: ReadonlyMap<string, Buffer>): (Paragraph | Table)[] {
  if (report.technical.length === 0) return []
  return [
    heading('A Technical appendix: the statistics', 1),
    para(
      "The tables above say in plain words what each indicator's statistics show. This appendix gives them in the methods' own terms: the statistical process control reading (Making Data Count), the latest mean and process limits at the indicator's own precision, and each confidence interval with how it was computed.",
    ),
    table(
      ['Ref', 'Process control', 'Mean and limits', 'Confidence interval'],
      report.technical.map(
        (n) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell(n.ref, { bold: true }),
              cell(n.method ?? '–', { size: 15 }),
              cell(n.limits ?? '–', { size: 15 }),
              cell(n.interval ?? '–', { size: 15 }),
            ],
          }),
      ),
      [1200, 3400, 2600, 2438],
    ),
    ...report.technical.flatMap((n) => (n.chart ? chartBlock(n.chart, images, 520) : [])),
  ]
}
