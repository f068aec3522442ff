import type { EChartsOption } from 'echarts'
import { type Chart, PALETTE, htmlId, renderChartSvg } from './chart.ts'

export interface DirectionCounts {
  improved: number
  same: number
  worse: number
  none: number
}

const BARS: readonly { key: keyof DirectionCounts; name: string; colour: string }[] = [
  { key: 'improved', name: 'Improved', colour: PALETTE.green },
  { key: 'same', name: 'Same', colour: PALETTE.noTarget },
  { key: 'worse', name: 'Worse', colour: PALETTE.red },
  { key: 'none', name: 'No direction', colour: PALETTE.notReported },
]

const TITLE = 'Direction of travel'
const WIDTH = 560
const HEIGHT = 320

function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0
}

function describe(counts: DirectionCounts): string {
  const total = BARS.reduce((sum, bar) => sum + count(counts[bar.key]), 0)
  if (total === 0) return 'No indicators to show a direction of travel for.'
  return (
    `Compared with the previous period, ${count(counts.improved)} improved, ${count(counts.same)} stayed the same ` +
    `and ${count(counts.worse)} got worse; ${count(counts.none)} had no direction of travel.`
  )
}

/** Four bars (Improved, Same, Worse, No direction), each with its count on top. */
export function directionChart(id: string, counts: DirectionCounts): Chart {
  const chartId = htmlId(id)
  const description = describe(counts)
  const option: EChartsOption = {
    grid: { top: 32, bottom: 16, left: 16, right: 16, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'category',
      data: BARS.map((bar) => bar.name),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: PALETTE.text } },
      axisLabel: { color: PALETTE.text, fontSize: 14, interval: 0 },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: PALETTE.text, fontSize: 14 },
      splitLine: { lineStyle: { color: PALETTE.border } },
    },
    series: [
      {
        type: 'bar',
        name: 'Indicators',
        barWidth: '50%',
        label: { show: true, position: 'top', color: PALETTE.text, fontSize: 14, fontWeight: 'bold' },
        data: BARS.map((bar) => ({ value: count(counts[bar.key]), itemStyle: { color: bar.colour } })),
      },
    ],
  }
  return {
    id: chartId,
    title: TITLE,
    description,
    svg: renderChartSvg({ id: chartId, title: TITLE, description, width: WIDTH, height: HEIGHT, option }),
    table: {
      caption: 'Number of indicators by direction of travel',
      head: ['Direction of travel', 'Indicators'],
      rows: BARS.map((bar) => [bar.name, String(count(counts[bar.key]))]),
    },
  }
}
