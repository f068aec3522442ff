import type { EChartsOption } from 'echarts'
import { type Chart, PALETTE, htmlId, renderChartSvg, wrapLabel } from './chart.ts'

/** One line of a statement with its variance to date: positive under budget, negative (adverse) over. */
export interface VarianceBar {
  readonly label: string
  readonly variance: number
  /** The variance as printed: "(164)" for an overspend. */
  readonly printed: string
}

const WIDTH = 640

function describe(statement: string, unit: string, bars: readonly VarianceBar[]): string {
  const over = bars.filter((b) => b.variance < 0).sort((a, b) => a.variance - b.variance)
  const under = bars.filter((b) => b.variance > 0).sort((a, b) => b.variance - a.variance)
  const name = (b: VarianceBar | undefined, word: string) =>
    b ? `${b.label} (${b.printed.replace(/^\((.*)\)$/, '$1')} ${word})` : ''
  const parts = [
    `${statement}: variance to date of each line in ${unit}, under budget to the right and overspend to the left.`,
    over.length === 0
      ? 'No line is over its budget to date.'
      : `${over.length} over budget, the most ${name(over[0], 'over')}.`,
    under.length === 0
      ? 'No line is under its budget to date.'
      : `${under.length} under budget, the most ${name(under[0], 'under')}.`,
  ]
  return parts.join(' ')
}

/** A bar for each line's variance to date, overspends red to the left, underspends green to the right. */
export function varianceChart(id: string, statement: string, unit: string, bars: readonly VarianceBar[]): Chart {
  const chartId = htmlId(id)
  const title = `Variance to date by line: ${statement}`
  const description = describe(statement, unit, bars)
  const height = Math.max(200, 60 + bars.length * 26)
  const option: EChartsOption = {
    grid: { top: 16, bottom: 32, left: 16, right: 48, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => wrapLabel(b.label, 34, 2)),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: PALETTE.text } },
      axisLabel: { color: PALETTE.text, fontSize: 12, interval: 0 },
    },
    xAxis: {
      type: 'value',
      axisLabel: { color: PALETTE.text, fontSize: 12 },
      splitLine: { lineStyle: { color: PALETTE.border } },
    },
    series: [
      {
        type: 'bar',
        name: `Variance to date (${unit})`,
        barWidth: '60%',
        label: {
          show: true,
          position: 'right',
          color: PALETTE.text,
          fontSize: 12,
          formatter: (p) => bars[p.dataIndex]?.printed ?? '',
        },
        data: bars.map((b) => ({
          value: b.variance,
          itemStyle: { color: b.variance < 0 ? PALETTE.red : PALETTE.green },
        })),
      },
    ],
  }
  return {
    id: chartId,
    title,
    description,
    svg: renderChartSvg({ id: chartId, title, description, width: WIDTH, height, option }),
    table: {
      caption: `Variance to date of each line of ${statement} (${unit}); brackets are overspends`,
      head: ['Line', `Variance to date (overspend) ${unit}`],
      rows: bars.map((b) => [b.label, b.printed]),
    },
  }
}
