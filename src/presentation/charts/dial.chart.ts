import type { EChartsOption, GaugeSeriesOption } from 'echarts'
import {
  type Chart,
  type ChartRag,
  PALETTE,
  RAG_NAME,
  formatAxisNumber,
  formatValue,
  htmlId,
  renderChartSvg,
} from './chart.ts'

export interface DialInput {
  title: string
  actual: number
  target: number
  /** The worst figure that is still Amber; null when there is no amber band. */
  amberLimit: number | null
  polarity: 'higher' | 'lower' | 'none'
  unit: string
  rag: ChartRag | null
}

export interface DialRange {
  min: number
  max: number
  splitNumber: number
}

const WIDTH = 400
const HEIGHT = 300
const RING_WIDTH = 24
/** Both gauges (bands and needle, target marker) share this geometry so they line up. */
const GEOMETRY = { startAngle: 210, endAngle: -30, radius: '72%', center: ['50%', '58%'] } satisfies GaugeSeriesOption

const POLARITY_TEXT = { higher: 'higher is better', lower: 'lower is better', none: 'no preferred direction' } as const

/** Drops binary noise (0.30000000000000004) while keeping the scale of tiny and huge numbers. */
function clean(value: number): number {
  const result = Number(value.toPrecision(12))
  return Object.is(result, -0) ? 0 : result
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw))
  const fraction = raw / power
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
  return nice * power
}

/**
 * A scale that holds every value with a margin, rounded out to about five nice steps. It starts at zero rather
 * than going negative for data that is all zero or more (or ends at zero for negative data up to zero).
 */
export function dialRange(values: readonly number[]): DialRange {
  if (values.length === 0 || !values.every(Number.isFinite)) throw new RangeError('A dial needs finite values')
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const span = hi - lo
  const margin = span > 0 ? span * 0.25 : Math.abs(hi) * 0.5 || 1
  let min = lo - margin
  let max = hi + margin
  if (lo >= 0 && min < 0) min = 0
  else if (hi <= 0 && max > 0) max = 0
  const step = niceStep((max - min) / 5)
  min = clean(Math.floor(min / step) * step)
  max = clean(Math.ceil(max / step) * step)
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(max > min)) {
    throw new RangeError('Values too large for a dial')
  }
  return { min, max, splitNumber: Math.max(1, Math.round((max - min) / step)) }
}

type Stop = [number, string]

/** The coloured ring as [fraction of the scale where the colour ends, colour], in the domain's RAG rules. */
function bands(input: DialInput, range: DialRange): Stop[] {
  const at = (value: number) => clean(Math.min(1, Math.max(0, (value - range.min) / (range.max - range.min))))
  const { target, amberLimit } = input
  switch (input.polarity) {
    case 'higher':
      return amberLimit !== null && amberLimit < target
        ? [
            [at(amberLimit), PALETTE.red],
            [at(target), PALETTE.amber],
            [1, PALETTE.green],
          ]
        : [
            [at(target), PALETTE.red],
            [1, PALETTE.green],
          ]
    case 'lower':
      return amberLimit !== null && amberLimit > target
        ? [
            [at(target), PALETTE.green],
            [at(amberLimit), PALETTE.amber],
            [1, PALETTE.red],
          ]
        : [
            [at(target), PALETTE.green],
            [1, PALETTE.red],
          ]
    case 'none': {
      // With no polarity, the target itself is Green and any departure within tolerance Amber (see domain/judgement/rag.ts).
      const tolerance = amberLimit === null ? 0 : Math.abs(target - amberLimit)
      return tolerance > 0
        ? [
            [at(target - tolerance), PALETTE.red],
            [at(target + tolerance), PALETTE.amber],
            [1, PALETTE.red],
          ]
        : [[1, PALETTE.notReported]]
    }
  }
}

function statusText(rag: ChartRag | null): string {
  return rag === null ? 'Not rated' : RAG_NAME[rag]
}

function describe(input: DialInput): string {
  const amber = input.amberLimit === null ? '' : `, amber limit ${formatValue(input.amberLimit, input.unit)}`
  return (
    `${input.title}: actual ${formatValue(input.actual, input.unit)} against a target of ` +
    `${formatValue(input.target, input.unit)} (${POLARITY_TEXT[input.polarity]}${amber}). ` +
    `Status: ${statusText(input.rag).toLowerCase()}.`
  )
}

/** The second gauge, on the same scale as the first: nothing but a blue mark at the target. */
function targetMarker(scale: GaugeSeriesOption, target: number): GaugeSeriesOption {
  const hidden = { show: false }
  return {
    type: 'gauge',
    name: 'Target',
    ...scale,
    axisLine: hidden,
    axisTick: hidden,
    splitLine: hidden,
    axisLabel: hidden,
    detail: hidden,
    title: hidden,
    anchor: hidden,
    pointer: {
      icon: 'rect',
      length: RING_WIDTH + 12,
      width: 4,
      offsetCenter: [0, '-76%'],
      itemStyle: { color: PALETTE.target },
    },
    data: [{ value: target }],
  }
}

/** A gauge with red, amber and green bands, the needle at the actual and a blue mark at the target. */
export function dialChart(id: string, input: DialInput): Chart {
  const { actual, target, amberLimit, unit } = input
  if (![actual, target, amberLimit ?? 0].every(Number.isFinite)) throw new RangeError('A dial needs finite values')
  const chartId = htmlId(id)
  const description = describe(input)
  const extra =
    amberLimit === null ? [] : input.polarity === 'none' ? [2 * target - amberLimit, amberLimit] : [amberLimit]
  const range = dialRange([actual, target, ...extra])
  const scale = { ...GEOMETRY, min: range.min, max: range.max, splitNumber: range.splitNumber }
  const hidden = { show: false }
  const option: EChartsOption = {
    series: [
      {
        type: 'gauge',
        name: 'Actual',
        ...scale,
        axisLine: { lineStyle: { width: RING_WIDTH, color: bands(input, range) } },
        axisTick: hidden,
        splitLine: { length: RING_WIDTH, distance: -RING_WIDTH, lineStyle: { color: PALETTE.white, width: 2 } },
        axisLabel: { distance: -RING_WIDTH - 14, color: PALETTE.text, fontSize: 13, formatter: formatAxisNumber },
        pointer: { length: '70%', width: 8, itemStyle: { color: PALETTE.text } },
        anchor: { show: true, size: 16, itemStyle: { color: PALETTE.text } },
        detail: {
          offsetCenter: [0, '46%'],
          fontSize: 28,
          fontWeight: 'bold',
          color: PALETTE.text,
          formatter: () => formatValue(actual, unit),
        },
        title: { offsetCenter: [0, '82%'], fontSize: 14, lineHeight: 18, color: PALETTE.text },
        data: [
          {
            value: actual,
            name: `Target ${formatValue(target, unit)}\nStatus: ${statusText(input.rag).toLowerCase()}`,
          },
        ],
      },
      targetMarker(scale, target),
    ],
  }
  const rows = [
    ['Actual', formatValue(actual, unit)],
    ['Target', formatValue(target, unit)],
    ...(amberLimit === null ? [] : [['Amber limit', formatValue(amberLimit, unit)]]),
    ['Status', statusText(input.rag)],
  ]
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
      madeFrom: { kind: 'dial', input },
    }),
    table: { caption: `${input.title}: actual against target`, head: ['Measure', 'Value'], rows },
  }
}
