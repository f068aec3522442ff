import type { EChartsOption } from 'echarts'
// Only the charts and components Outturn draws, each module on its own: the whole of ECharts (every chart type,
// map, 3D helper and theme) costs the server about 45 MB more memory than these. A new chart type or component
// needs its line here; the chart tests fail without it.
import 'echarts/lib/chart/bar'
import 'echarts/lib/chart/gauge'
import 'echarts/lib/chart/line'
import 'echarts/lib/chart/scatter'
import 'echarts/lib/component/grid'
import 'echarts/lib/component/legend'
import { init, use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { decimalFromNumber, decimalToString } from '../../domain/figures/decimal.ts'
import { formatFigure } from '../../domain/figures/format.ts'

/** The data behind a chart, for an HTML table (or a Word/Excel table) beside the image. */
export interface ChartTable {
  caption: string
  head: string[]
  rows: string[][]
}

/** A rendered chart: an accessible SVG, its text alternative and its data table. */
export interface Chart {
  id: string
  title: string
  description: string
  svg: string
  table: ChartTable
}

export type ChartRag = 'G' | 'A' | 'R'

/** GOV.UK Design System colours. */
export const PALETTE = {
  red: '#d4351c',
  amber: '#f47738',
  green: '#00703c',
  noTarget: '#505a5f',
  notReported: '#b1b4b6',
  text: '#0b0c0c',
  secondaryText: '#505a5f',
  target: '#1d70b8',
  border: '#b1b4b6',
  white: '#ffffff',
} as const

export const FONT_FAMILY = 'arial, sans-serif'

export const RAG_COLOUR: Readonly<Record<ChartRag, string>> = { G: PALETTE.green, A: PALETTE.amber, R: PALETTE.red }
export const RAG_NAME: Readonly<Record<ChartRag, string>> = { G: 'Green', A: 'Amber', R: 'Red' }

/** Text colour with at least 4.5:1 contrast on each fill (amber and light grey need black text). */
export function labelColourOn(fill: string): string {
  return fill === PALETTE.amber || fill === PALETTE.notReported ? PALETTE.text : PALETTE.white
}

/** A number with its unit as reports print it (57.59%, £18.5m, 8.69 days); never NaN or Infinity. */
export function formatValue(value: number, unit: string): string {
  const decimal = decimalFromNumber(value)
  return formatFigure({ kind: 'number', text: decimalToString(decimal), value: decimal }, unit)
}

/** Plain number for axis labels: up to two decimals, no binary noise, no "-0". */
export function formatAxisNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100
  return Object.is(rounded, -0) ? '0' : String(rounded)
}

/** "1 theme", "6 themes". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}

/**
 * Breaks a long category name at spaces into lines of at most `width` characters, keeping at most `maxLines`
 * lines; anything left over is cut with an ellipsis. The data table always carries the full name.
 */
export function wrapLabel(text: string, width = 28, maxLines = 3): string {
  const lines: string[] = []
  let current = ''
  for (const word of text.trim().split(/\s+/)) {
    const candidate = current === '' ? word : `${current} ${word}`
    if (candidate.length <= width || current === '') {
      current = candidate
    } else {
      lines.push(current)
      current = word
    }
  }
  if (current !== '') lines.push(current)
  const shown = lines.slice(0, maxLines).map((line) => (line.length > width ? `${line.slice(0, width - 1)}…` : line))
  const last = shown.at(-1)
  if (lines.length > maxLines && last !== undefined) {
    shown[shown.length - 1] = `${last.slice(0, width - 1).trimEnd()}…`
  }
  return shown.join('\n')
}

/** A valid, CSS-friendly HTML id: letters, digits, hyphens and underscores, starting with a letter. */
export function htmlId(raw: string): string {
  const cleaned = raw
    .trim()
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (cleaned === '') return 'chart'
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `chart-${cleaned}`
}

/** Escapes text for XML content and attributes, dropping characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '') // eslint-disable-line no-control-regex
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

const ROOT_TAG = /^(\s*(?:<\?xml[^>]*>\s*)?)<svg\b([^>]*)>/

/**
 * Makes a rendered SVG fit to embed in a page and to be read by a screen reader:
 * - the root gets role="img", aria-labelledby and a viewBox (so CSS `max-width:100%; height:auto` scales it);
 * - <title> and <desc> become its first children;
 * - ECharts' hover <style>, its class and ecmeta_* attributes go (they are for interactive charts, and their
 *   names come from a process-wide counter, so two renders of the same chart would differ);
 * - internal ids (clip paths) are renamed after the chart id, so several charts can share one HTML page;
 * - inline style attributes become SVG presentation attributes (font-size="14px"), because the app's Content
 *   Security Policy blocks style attributes and would otherwise drop the chart's fonts.
 */
export function accessibleSvg(svg: string, id: string, title: string, description: string): string {
  const safeId = htmlId(id)
  const root = ROOT_TAG.exec(svg)
  if (!root) throw new Error('Not an SVG document: expected it to start with <svg')
  const [rootTag, prolog = '', rawAttributes = ''] = root
  let body = svg
    .slice(rootTag.length)
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>\s*/g, '')
    .replace(/\s(?:class|ecmeta_[A-Za-z_]+)="[^"]*"/g, '')
  body = body.replace(/\sstyle="([^"]*)"/g, (_match, declarations: string) =>
    declarations
      .split(';')
      .map((declaration) => declaration.split(':'))
      .filter((pair): pair is [string, string, ...string[]] => pair.length >= 2 && (pair[0] ?? '').trim() !== '')
      .map(([property, ...value]) => ` ${property.trim()}="${value.join(':').trim()}"`)
      .join(''),
  )
  const renamed = new Map<string, string>()
  body = body.replace(/(\sid=")([^"]*)"/g, (_match, before: string, old: string) => {
    const next = `${safeId}-def-${renamed.size}`
    renamed.set(old, next)
    return `${before}${next}"`
  })
  body = body.replace(/(url\(#|href="#)([^)"]+)/g, (match, before: string, old: string) => {
    const next = renamed.get(old)
    return next === undefined ? match : `${before}${next}`
  })
  let attributes = rawAttributes.replace(/\s(?:role|aria-labelledby|aria-label)="[^"]*"/g, '').replace(/\s*\/?$/, '')
  if (!/\sviewBox="/.test(attributes)) {
    const width = /\swidth="([\d.]+)"/.exec(attributes)?.[1]
    const height = /\sheight="([\d.]+)"/.exec(attributes)?.[1]
    if (width === undefined || height === undefined) throw new Error('The SVG has neither a viewBox nor a size')
    attributes += ` viewBox="0 0 ${width} ${height}"`
  }
  attributes += ` role="img" aria-labelledby="${safeId}-title ${safeId}-desc"`
  const selfClosing = rootTag.endsWith('/>')
  const head =
    `${prolog}<svg${attributes}>` +
    `<title id="${safeId}-title">${escapeXml(title)}</title>` +
    `<desc id="${safeId}-desc">${escapeXml(description)}</desc>`
  return selfClosing ? `${head}</svg>` : `${head}${body}`
}

export interface SvgRequest {
  id: string
  title: string
  description: string
  width: number
  height: number
  option: EChartsOption
  /**
   * What the option was made from, for a chart whose option holds functions (label formatters), which a key
   * cannot see: the chart's kind and its input, when the option is a pure function of them. The chart is then
   * remembered by these instead of by its option.
   */
  madeFrom?: { readonly kind: string; readonly input: unknown }
}

use([SVGRenderer])

/** Options every chart shares: static, white background, GOV.UK text. */
const BASE_OPTION: EChartsOption = {
  animation: false,
  backgroundColor: PALETTE.white,
  textStyle: { fontFamily: FONT_FAMILY, color: PALETTE.text, fontSize: 14 },
}

/** Charts drawn lately, by their request: the dashboard draws the same three for every visitor until data change. */
const drawn = new Map<string, string>()
const DRAWN_KEPT = 200

/**
 * The request as a cache key: by what its option was made from where the request says, else by the option itself,
 * or null when that holds a function (whose closure JSON cannot see).
 */
function drawingKey(request: SvgRequest): string | null {
  const { madeFrom, option, ...rest } = request
  if (madeFrom !== undefined) return JSON.stringify({ ...rest, madeFrom })
  const functions: unknown[] = []
  const key = JSON.stringify({ ...rest, option }, (_name, value: unknown) => {
    if (typeof value === 'function') functions.push(value)
    return value
  })
  return functions.length === 0 ? key : null
}

/**
 * Renders an ECharts option server-side to an accessible SVG string. ECharts takes tens of milliseconds a chart, so
 * a chart whose request is all data, or says what data it was made from, is remembered by that: the same request
 * always draws the same SVG.
 */
export function renderChartSvg(request: SvgRequest): string {
  const key = drawingKey(request)
  const remembered = key === null ? undefined : drawn.get(key)
  if (remembered !== undefined) return remembered
  const svg = drawChartSvg(request)
  if (key !== null) {
    if (drawn.size >= DRAWN_KEPT) drawn.delete(drawn.keys().next().value ?? '')
    drawn.set(key, svg)
  }
  return svg
}

function drawChartSvg(request: SvgRequest): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: request.width, height: request.height })
  let raw: string
  try {
    chart.setOption({ ...BASE_OPTION, ...request.option })
    raw = chart.renderToSVGString({ useViewBox: true })
  } finally {
    chart.dispose()
  }
  return accessibleSvg(raw, request.id, request.title, request.description)
}

/** A rendered chart's size, from its viewBox. */
export function svgSize(svg: string): { width: number; height: number } {
  const box = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/.exec(svg)
  return { width: Number(box?.[1] ?? 640), height: Number(box?.[2] ?? 360) }
}
