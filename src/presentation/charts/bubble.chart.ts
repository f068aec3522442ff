import type { EChartsOption, ScatterSeriesOption } from 'echarts'
import {
  type Chart,
  type ChartRag,
  PALETTE,
  RAG_COLOUR,
  RAG_NAME,
  htmlId,
  labelColourOn,
  plural,
  renderChartSvg,
} from './chart.ts'

export type ChartDot = 'improved' | 'same' | 'worse' | 'none'

export interface DotRagPoint {
  rag: ChartRag
  dot: ChartDot
  count: number
}

const TITLE = 'Direction of travel and RAG status'
const WIDTH = 560
const HEIGHT = 380
const MAX_SYMBOL = 72

/** Bottom to top on the y axis; the table lists Green first. */
const RAG_AXIS: readonly ChartRag[] = ['R', 'A', 'G']
const TABLE_RAGS: readonly ChartRag[] = ['G', 'A', 'R']
/** Left to right on the x axis. No direction shares the Same column. */
const DOT_AXIS = ['Worse', 'Same', 'Improved'] as const
const DOT_COLUMN: Readonly<Record<ChartDot, number>> = { worse: 0, same: 1, none: 1, improved: 2 }
const TABLE_DOTS: readonly ChartDot[] = ['improved', 'same', 'worse', 'none']
const DOT_NAME: Readonly<Record<ChartDot, string>> = {
  improved: 'Improved',
  same: 'Same',
  worse: 'Worse',
  none: 'No direction',
}

interface Group {
  rag: ChartRag
  dot: ChartDot
  count: number
}

function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0
}

/** Sums duplicates and drops empty groups, in table order (Green, Amber, Red; Improved, Same, Worse, none). */
function groups(points: readonly DotRagPoint[]): Group[] {
  const result: Group[] = []
  for (const rag of TABLE_RAGS) {
    for (const dot of TABLE_DOTS) {
      const total = points
        .filter((point) => point.rag === rag && point.dot === dot)
        .reduce((sum, point) => sum + count(point.count), 0)
      if (total > 0) result.push({ rag, dot, count: total })
    }
  }
  return result
}

function groupText(group: Group): string {
  const direction = group.dot === 'none' ? 'with no direction of travel' : `and ${DOT_NAME[group.dot].toLowerCase()}`
  return `${group.count} ${RAG_NAME[group.rag].toLowerCase()} ${direction}`
}

function describe(all: readonly Group[]): string {
  if (all.length === 0) return 'No indicators with both a RAG status and a direction of travel to show.'
  const total = all.reduce((sum, group) => sum + group.count, 0)
  const largest = [...all].sort((a, b) => b.count - a.count).slice(0, 3)
  return `${plural(total, 'indicator')} in ${plural(all.length, 'group')}. Largest: ${largest.map(groupText).join('; ')}.`
}

function symbolSize(value: number): number {
  return Math.min(MAX_SYMBOL, Math.round(18 + 10 * Math.sqrt(value)))
}

/** Bubbles at RAG status (y) by direction of travel (x), sized and labelled by the number of indicators. */
export function dotRagBubbleChart(id: string, points: readonly DotRagPoint[]): Chart {
  const chartId = htmlId(id)
  const all = groups(points)
  const description = describe(all)
  const cells = new Map<string, { x: number; y: number; rag: ChartRag; count: number }>()
  for (const group of all) {
    const x = DOT_COLUMN[group.dot]
    const y = RAG_AXIS.indexOf(group.rag)
    const key = `${x},${y}`
    const cell = cells.get(key)
    if (cell) cell.count += group.count
    else cells.set(key, { x, y, rag: group.rag, count: group.count })
  }
  const data: ScatterSeriesOption['data'] = [...cells.values()].map((cell) => ({
    value: [cell.x, cell.y, cell.count],
    symbolSize: symbolSize(cell.count),
    itemStyle: { color: RAG_COLOUR[cell.rag], opacity: 1, borderColor: PALETTE.white, borderWidth: 1 },
    label: { color: labelColourOn(RAG_COLOUR[cell.rag]), formatter: String(cell.count) },
  }))
  const categoryAxis = {
    type: 'category' as const,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: PALETTE.text } },
    axisLabel: { color: PALETTE.text, fontSize: 14, interval: 0 },
    splitLine: { show: true, lineStyle: { color: PALETTE.border } },
  }
  const option: EChartsOption = {
    grid: { top: 24, bottom: 24, left: 16, right: 24, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    xAxis: { ...categoryAxis, data: [...DOT_AXIS], name: 'Direction of travel', nameLocation: 'middle', nameGap: 32 },
    yAxis: { ...categoryAxis, data: RAG_AXIS.map((rag) => RAG_NAME[rag]) },
    series: [
      {
        type: 'scatter',
        name: 'Indicators',
        label: { show: true, position: 'inside', fontSize: 14, fontWeight: 'bold' },
        data,
      },
    ],
  }
  return {
    id: chartId,
    title: TITLE,
    description,
    svg: renderChartSvg({ id: chartId, title: TITLE, description, width: WIDTH, height: HEIGHT, option }),
    table: {
      caption: 'Number of indicators by RAG status and direction of travel',
      head: ['RAG status', 'Direction of travel', 'Indicators'],
      rows: all.map((group) => [RAG_NAME[group.rag], DOT_NAME[group.dot], String(group.count)]),
    },
  }
}
