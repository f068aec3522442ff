import type { EChartsOption } from 'echarts'
import { type Chart, PALETTE, htmlId, labelColourOn, plural, renderChartSvg, wrapLabel } from './chart.ts'

export interface ThemeRagCounts {
  theme: string
  G: number
  A: number
  R: number
  none: number
  notReported: number
}

type CountKey = Exclude<keyof ThemeRagCounts, 'theme'>

const SERIES: readonly { key: CountKey; name: string; colour: string }[] = [
  { key: 'G', name: 'Green', colour: PALETTE.green },
  { key: 'A', name: 'Amber', colour: PALETTE.amber },
  { key: 'R', name: 'Red', colour: PALETTE.red },
  { key: 'none', name: 'No target', colour: PALETTE.noTarget },
  { key: 'notReported', name: 'Not reported', colour: PALETTE.notReported },
]

const TITLE = 'RAG status by theme'
const WIDTH = 640
const ROW_HEIGHT = 56
/** Room for the legend above the bars and the value axis below them. */
const FRAME_HEIGHT = 110

/** A count as a whole number of at least zero: charts never show NaN or negative bars. */
function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0
}

function describe(rows: readonly ThemeRagCounts[]): string {
  if (rows.length === 0) return 'No themes to show.'
  const total = (key: CountKey) => rows.reduce((sum, row) => sum + count(row[key]), 0)
  const none = total('none')
  const notReported = total('notReported')
  return (
    `${total('G')} green, ${total('A')} amber and ${total('R')} red indicators across ${plural(rows.length, 'theme')}` +
    (none > 0 ? `; ${none} with no target` : '') +
    (notReported > 0 ? `; ${notReported} not reported` : '') +
    '.'
  )
}

/** Horizontal stacked bars: one bar per theme, split by RAG status, each segment labelled with its count. */
export function ragByThemeChart(id: string, rows: readonly ThemeRagCounts[]): Chart {
  const chartId = htmlId(id)
  const description = describe(rows)
  const height = FRAME_HEIGHT + Math.max(rows.length, 1) * ROW_HEIGHT
  const option: EChartsOption = {
    legend: {
      top: 8,
      left: 'center',
      itemGap: 20,
      textStyle: { color: PALETTE.text, fontSize: 14 },
      data: SERIES.map((series) => series.name),
    },
    grid: { top: 56, bottom: 40, left: 24, right: 24, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: PALETTE.text, fontSize: 14 },
      splitLine: { lineStyle: { color: PALETTE.border } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((row) => wrapLabel(row.theme)),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: PALETTE.text } },
      axisLabel: { color: PALETTE.text, fontSize: 14, lineHeight: 18, interval: 0 },
    },
    series: SERIES.map((series) => ({
      type: 'bar',
      name: series.name,
      stack: 'indicators',
      barWidth: 32,
      itemStyle: { color: series.colour, borderColor: PALETTE.white, borderWidth: 1 },
      data: rows.map((row) => {
        const value = count(row[series.key])
        return {
          value,
          label: {
            show: value > 0,
            position: 'inside',
            color: labelColourOn(series.colour),
            fontSize: 14,
            fontWeight: 'bold',
          },
        }
      }),
    })),
  }
  return {
    id: chartId,
    title: TITLE,
    description,
    svg: renderChartSvg({ id: chartId, title: TITLE, description, width: WIDTH, height, option }),
    table: {
      caption: 'Number of indicators by RAG status and theme',
      head: ['Theme', ...SERIES.map((series) => series.name)],
      rows: rows.map((row) => [row.theme, ...SERIES.map((series) => String(count(row[series.key])))]),
    },
  }
}
