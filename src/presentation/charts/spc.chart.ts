import { roundedText } from '../../domain/figures/precision.ts'
import type { EChartsOption, LineSeriesOption } from 'echarts'
import { type Chart, PALETTE, formatValue, htmlId, plural, renderChartSvg } from './chart.ts'

/** One point of an SPC chart, with its period's limits (null where they cannot be computed). */
export interface SpcChartPoint {
  period: string
  value: number
  mean: number
  lpl: number | null
  upl: number | null
  target: number | null
  type: 'improvement' | 'concern' | 'neutral' | 'common'
  rule: 'outside' | 'trend' | 'twoOfThree' | 'run' | null
}

export interface SpcChartInput {
  title: string
  unit: string
  /** The variation and assurance icons in words. */
  variationText: string
  assuranceText: string
  points: SpcChartPoint[]
  /**
   * The indicator's own precision: the mean and limits in the data table are rounded to it (50.31%, never
   * 50.3133333333333%). Without it every value is printed in full.
   */
  decimals?: number
}

const WIDTH = 640
const HEIGHT = 360
/** Making Data Count's colours: blue for improvement, orange for concern, purple for neither, grey for common cause. */
const TYPE_COLOUR = {
  improvement: '#1d70b8',
  concern: '#f47738',
  neutral: '#912b88',
  common: PALETTE.noTarget,
} as const
/** Shapes as well as colours, so a signal does not rest on colour alone. */
const TYPE_SYMBOL = { improvement: 'triangle', concern: 'diamond', neutral: 'rect', common: 'circle' } as const
const TYPE_TEXT = {
  improvement: 'Special cause improvement',
  concern: 'Special cause concern',
  neutral: 'Special cause variation',
  common: 'Common cause',
} as const
const RULE_TEXT = {
  outside: 'outside the process limits',
  trend: 'a trend of seven',
  twoOfThree: 'two of three near a limit',
  run: 'a run of seven on one side of the mean',
} as const
const TARGET_COLOUR = '#0b0c0c'

/** A point's signal in words: "Special cause concern (outside the process limits)". */
export function spcSignalText(point: Pick<SpcChartPoint, 'type' | 'rule'>): string {
  return point.rule === null ? TYPE_TEXT.common : `${TYPE_TEXT[point.type]} (${RULE_TEXT[point.rule]})`
}

/** A line of the chart besides the figures: the mean, a process limit or the target. */
const line = (name: string, values: (number | null)[], colour: string, type: 'solid' | 'dashed' | 'dotted') =>
  ({
    type: 'line',
    name,
    symbol: 'none',
    connectNulls: false,
    lineStyle: { color: colour, width: 2, type },
    itemStyle: { color: colour },
    data: values.map((v) => v ?? '-'),
    z: 1,
  }) satisfies LineSeriesOption

/** The ECharts option of an XmR chart: the figures, the mean, the process limits and the target. */
function spcOption(points: readonly SpcChartPoint[], unit: string): EChartsOption {
  return {
    legend: {
      top: 8,
      left: 'center',
      itemGap: 18,
      textStyle: { color: PALETTE.text, fontSize: 13 },
      data: ['Value', 'Mean', 'Process limits', 'Target'],
    },
    grid: { top: 56, bottom: 16, left: 16, right: 32, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: {
      type: 'category',
      data: points.map((p) => p.period),
      axisTick: { alignWithLabel: true },
      axisLine: { lineStyle: { color: PALETTE.text } },
      axisLabel: { color: PALETTE.text, fontSize: 12, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      scale: true,
      boundaryGap: ['10%', '10%'],
      axisLabel: { color: PALETTE.text, fontSize: 12, formatter: (value: number) => formatValue(value, unit) },
      splitLine: { lineStyle: { color: PALETTE.border } },
    },
    series: [
      {
        type: 'line',
        name: 'Value',
        symbolSize: 11,
        lineStyle: { color: PALETTE.noTarget, width: 2 },
        itemStyle: { color: PALETTE.noTarget },
        data: points.map((p) => ({
          value: p.value,
          symbol: TYPE_SYMBOL[p.type === 'common' || p.rule === null ? 'common' : p.type],
          itemStyle: { color: TYPE_COLOUR[p.rule === null ? 'common' : p.type], borderColor: PALETTE.white },
        })),
        z: 3,
      },
      line(
        'Mean',
        points.map((p) => p.mean),
        PALETTE.text,
        'solid',
      ),
      line(
        'Process limits',
        points.map((p) => p.upl),
        PALETTE.secondaryText,
        'dashed',
      ),
      {
        ...line(
          'Process limits',
          points.map((p) => p.lpl),
          PALETTE.secondaryText,
          'dashed',
        ),
      },
      line(
        'Target',
        points.map((p) => p.target),
        TARGET_COLOUR,
        'dotted',
      ),
    ],
  }
}

/**
 * An XmR chart as Making Data Count draws it: the figures joined by a line, special cause points marked by colour
 * and shape, the mean, the process limits (dashed) and the target (dotted), with a data table giving every value.
 */
export function spcChart(id: string, input: SpcChartInput): Chart {
  const chartId = htmlId(id)
  const { unit, points } = input
  const signals = points.filter((p) => p.rule !== null).length
  const description = `${input.title}: ${input.variationText}. ${input.assuranceText}. ${plural(points.length, 'point')}, ${plural(signals, 'special cause point')}.`
  const option = spcOption(points, unit)
  const { decimals } = input
  const cell = (value: number | null) =>
    value === null ? '—' : decimals === undefined ? formatValue(value, unit) : roundedText(value, unit, decimals)
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
      madeFrom: { kind: 'spc', input },
    }),
    table: {
      caption: `${input.title}: each point with its mean, process limits and signal`,
      head: ['Period', 'Value', 'Mean', 'Lower limit', 'Upper limit', 'Target', 'Signal'],
      rows: points.map((p) => [
        p.period,
        cell(p.value),
        cell(p.mean),
        cell(p.lpl),
        cell(p.upl),
        cell(p.target),
        spcSignalText(p),
      ]),
    },
  }
}
