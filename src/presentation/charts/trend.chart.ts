import type { EChartsOption, LineSeriesOption } from 'echarts'
import {
  type Chart,
  type ChartRag,
  PALETTE,
  RAG_COLOUR,
  RAG_NAME,
  formatValue,
  htmlId,
  plural,
  renderChartSvg,
} from './chart.ts'

export interface TrendPoint {
  period: string
  actual: number | null
  target: number | null
  rag: ChartRag | null
}

export interface TrendInput {
  title: string
  unit: string
  points: TrendPoint[]
}

const WIDTH = 640
const HEIGHT = 340
const EMPTY = '—'
/** Beyond this many periods the value labels would collide; the table still has every value. */
const MAX_LABELLED_POINTS = 12
/** Marker shapes as well as colours, so the status does not rest on colour alone. */
const RAG_SYMBOL: Readonly<Record<ChartRag, string>> = { G: 'circle', A: 'triangle', R: 'diamond' }

function finite(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null
}

function describe(input: TrendInput): string {
  const reported = input.points.filter((point) => finite(point.actual) !== null)
  const first = reported[0]
  const last = reported.at(-1)
  if (first === undefined || last === undefined) {
    return `${input.title}: no actual figures reported for the ${plural(input.points.length, 'period')} shown.`
  }
  const value = (n: number | null) => (n === null ? EMPTY : formatValue(n, input.unit))
  const target = finite(last.target)
  const latest =
    `latest actual ${value(finite(last.actual))} in ${last.period}` +
    (target === null ? '' : ` against a target of ${value(target)}`) +
    (last.rag === null ? '' : `, status ${RAG_NAME[last.rag].toLowerCase()}`)
  const from = first === last ? '' : `; ${value(finite(first.actual))} in ${first.period}`
  return `${input.title}: ${latest}${from}. ${plural(reported.length, 'period')} of ${input.points.length} reported.`
}

/** Each period's actual as a marker in its RAG colour and shape (an empty circle where it has no status). */
function actualMarkers(points: readonly TrendPoint[]): NonNullable<LineSeriesOption['data']> {
  return points.map((point) => {
    const value = finite(point.actual)
    if (value === null) return { value: '-' }
    const colour = point.rag === null ? PALETTE.noTarget : RAG_COLOUR[point.rag]
    return {
      value,
      symbol: point.rag === null ? 'emptyCircle' : RAG_SYMBOL[point.rag],
      itemStyle: { color: colour, borderColor: point.rag === null ? PALETTE.noTarget : PALETTE.white },
    }
  })
}

/** The actual's line, its markers labelled with their values while they fit, and the target's dashed line. */
function trendSeries(points: readonly TrendPoint[], unit: string, labelled: boolean): LineSeriesOption[] {
  return [
    {
      type: 'line',
      name: 'Actual',
      connectNulls: false,
      symbolSize: 12,
      lineStyle: { color: PALETTE.text, width: 2, type: 'solid' },
      itemStyle: { color: PALETTE.text },
      label: {
        show: labelled,
        position: 'top',
        color: PALETTE.text,
        fontSize: 13,
        formatter: (params) => (typeof params.value === 'number' ? formatValue(params.value, unit) : ''),
      },
      data: actualMarkers(points),
      z: 3,
    },
    {
      type: 'line',
      name: 'Target',
      connectNulls: false,
      symbol: 'emptyCircle',
      symbolSize: 6,
      lineStyle: { color: PALETTE.target, width: 2, type: 'dashed' },
      itemStyle: { color: PALETTE.target },
      data: points.map((point) => finite(point.target) ?? '-'),
      z: 2,
    },
  ]
}

/** The actual as a solid line with RAG-coloured markers, and the target as a dashed blue line. */
export function trendChart(id: string, input: TrendInput): Chart {
  const chartId = htmlId(id)
  const description = describe(input)
  const { unit, points } = input
  const labelled = points.length <= MAX_LABELLED_POINTS
  const option: EChartsOption = {
    legend: {
      top: 8,
      left: 'center',
      itemGap: 24,
      textStyle: { color: PALETTE.text, fontSize: 14 },
      data: ['Actual', 'Target'],
    },
    grid: { top: 56, bottom: 16, left: 16, right: 32, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'category',
      data: points.map((point) => point.period),
      boundaryGap: true,
      axisTick: { alignWithLabel: true },
      axisLine: { lineStyle: { color: PALETTE.text } },
      axisLabel: { color: PALETTE.text, fontSize: 13, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      scale: true,
      boundaryGap: ['10%', '10%'],
      axisLabel: { color: PALETTE.text, fontSize: 13, formatter: (value: number) => formatValue(value, unit) },
      splitLine: { lineStyle: { color: PALETTE.border } },
    },
    series: trendSeries(points, unit, labelled),
  }
  const cell = (value: number | null) => {
    const figure = finite(value)
    return figure === null ? EMPTY : formatValue(figure, unit)
  }
  return {
    id: chartId,
    title: input.title,
    description,
    svg: renderChartSvg({
      id: chartId,
      title: input.title,
      description,
      width: WIDTH,
      height: HEIGHT,
      option,
      madeFrom: { kind: 'trend', input },
    }),
    table: {
      caption: `${input.title} by period`,
      head: ['Period', 'Actual', 'Target', 'Status'],
      rows: points.map((point) => [
        point.period,
        cell(point.actual),
        cell(point.target),
        point.rag === null ? EMPTY : RAG_NAME[point.rag],
      ]),
    },
  }
}
