import { Paragraph, type Table } from 'docx'
import type { Chart } from '../presentation/charts/index.ts'
import { chartBlock, chartTable, heading, para, text } from './report.docx-blocks.ts'
import type { ReportModel } from './report.model.ts'
import { APPENDIX, hasAppendix, onExceptionPage } from './report.paper.ts'

/**
 * The technical appendix at the end of the Word report: the data behind every chart, as tables, so that the report's
 * own pages carry the charts without them, and each exception's statistical control chart with its limits.
 */

function dataOf(chart: Chart): (Paragraph | Table)[] {
  return [
    new Paragraph({
      children: [text(chart.table.caption || chart.title, { bold: true, size: 18 })],
      keepNext: true,
      spacing: { before: 200, after: 80 },
    }),
    chartTable(chart),
  ]
}

/** The appendix: the summary charts' data, then each exception report's charts' (the control chart drawn too). */
export function appendixBlocks(report: ReportModel, images: ReadonlyMap<string, Buffer>): (Paragraph | Table)[] {
  if (!hasAppendix(report)) return []
  return [
    heading(APPENDIX.heading, 1, { pageBreakBefore: true }),
    para(
      'The figures each chart in this report is drawn from. For an exception report, the control chart shows the ' +
        'indicator’s usual range of variation (its process limits) and any signal that performance has changed.',
    ),
    ...(report.charts.length > 0 ? [heading('Performance results (section 3.2)', 2)] : []),
    ...report.charts.flatMap(dataOf),
    ...report.exceptions
      .filter((x) => x.charts.length > 0)
      .flatMap((x) => [
        heading(`Exception report ${x.number} ${x.ref}`, 2),
        ...x.charts.flatMap((c) => [...(onExceptionPage(c) ? [] : chartBlock(c, images, 520)), ...dataOf(c)]),
      ]),
  ]
}
