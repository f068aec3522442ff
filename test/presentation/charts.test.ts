import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { accessibleSvg, htmlId, wrapLabel } from '../../src/presentation/charts/chart.ts'
import { dialRange } from '../../src/presentation/charts/dial.chart.ts'
import {
  type Chart,
  type DialInput,
  type DotRagPoint,
  type ThemeRagCounts,
  type TrendInput,
  dialChart,
  directionChart,
  dotRagBubbleChart,
  ragByThemeChart,
  trendChart,
} from '../../src/presentation/charts/index.ts'
import { svgToPng } from '../../src/presentation/charts/png.ts'

const TRAFFORD_THEMES: ThemeRagCounts[] = [
  { theme: 'Low Council Tax and Value For Money', G: 4, A: 0, R: 0, none: 0, notReported: 1 },
  { theme: 'Economic Growth and Development', G: 4, A: 0, R: 0, none: 0, notReported: 1 },
  { theme: 'Safe Place to Live – Fighting Crime', G: 2, A: 0, R: 1, none: 0, notReported: 0 },
  { theme: 'Services Focused on the Most Vulnerable People', G: 5, A: 0, R: 0, none: 0, notReported: 0 },
  { theme: 'Excellence in Education', G: 1, A: 0, R: 1, none: 0, notReported: 2 },
  { theme: 'Reshaping Trafford Council', G: 2, A: 0, R: 0, none: 0, notReported: 1 },
]

const BUBBLES: DotRagPoint[] = [
  { rag: 'G', dot: 'improved', count: 9 },
  { rag: 'G', dot: 'same', count: 5 },
  { rag: 'G', dot: 'none', count: 3 },
  { rag: 'A', dot: 'worse', count: 1 },
  { rag: 'R', dot: 'worse', count: 2 },
  { rag: 'R', dot: 'improved', count: 0 },
]

const NEGATIVE_DIAL: DialInput = {
  title: 'Change in serious acquisitive crime',
  actual: -5.06,
  target: -15.5,
  amberLimit: -17.05,
  polarity: 'higher',
  unit: '%',
  rag: 'G',
}

const RECYCLING: TrendInput = {
  title: 'Household waste recycled',
  unit: '%',
  points: [
    { period: '2012/13 Q3', actual: 41.2, target: 45, rag: 'A' },
    { period: '2012/13 Q4', actual: 44.9, target: 45, rag: 'A' },
    { period: '2013/14 Q1', actual: null, target: 47, rag: null },
    { period: '2013/14 Q2', actual: 48.3, target: 47, rag: 'G' },
  ],
}

interface Case {
  name: string
  render: () => Chart
  title: string
  description: string
  head: string[]
  rows: string[][]
}

const cases: Case[] = [
  {
    name: 'RAG by theme: Trafford 2013/14 Q2',
    render: () => ragByThemeChart('rag-by-theme', TRAFFORD_THEMES),
    title: 'RAG status by theme',
    description: '18 green, 0 amber and 2 red indicators across 6 themes; 5 not reported.',
    head: ['Theme', 'Green', 'Amber', 'Red', 'No target', 'Not reported'],
    rows: TRAFFORD_THEMES.map((t) => [t.theme, ...[t.G, t.A, t.R, t.none, t.notReported].map(String)]),
  },
  {
    name: 'RAG by theme: a name needing escaping',
    render: () =>
      ragByThemeChart('escaping', [{ theme: 'Fish & Chips <Ltd>', G: 1, A: 2, R: 0, none: 3, notReported: 0 }]),
    title: 'RAG status by theme',
    description: '1 green, 2 amber and 0 red indicators across 1 theme; 3 with no target.',
    head: ['Theme', 'Green', 'Amber', 'Red', 'No target', 'Not reported'],
    rows: [['Fish & Chips <Ltd>', '1', '2', '0', '3', '0']],
  },
  {
    name: 'RAG by theme: all counts zero',
    render: () => ragByThemeChart('zeros', [{ theme: 'Empty', G: 0, A: 0, R: 0, none: 0, notReported: 0 }]),
    title: 'RAG status by theme',
    description: '0 green, 0 amber and 0 red indicators across 1 theme.',
    head: ['Theme', 'Green', 'Amber', 'Red', 'No target', 'Not reported'],
    rows: [['Empty', '0', '0', '0', '0', '0']],
  },
  {
    name: 'RAG by theme: no themes',
    render: () => ragByThemeChart('none', []),
    title: 'RAG status by theme',
    description: 'No themes to show.',
    head: ['Theme', 'Green', 'Amber', 'Red', 'No target', 'Not reported'],
    rows: [],
  },
  {
    name: 'direction of travel',
    render: () => directionChart('dot', { improved: 9, same: 5, worse: 4, none: 2 }),
    title: 'Direction of travel',
    description:
      'Compared with the previous period, 9 improved, 5 stayed the same and 4 got worse; 2 had no direction of travel.',
    head: ['Direction of travel', 'Indicators'],
    rows: [
      ['Improved', '9'],
      ['Same', '5'],
      ['Worse', '4'],
      ['No direction', '2'],
    ],
  },
  {
    name: 'direction of travel: all zero',
    render: () => directionChart('dot-zero', { improved: 0, same: 0, worse: 0, none: 0 }),
    title: 'Direction of travel',
    description: 'No indicators to show a direction of travel for.',
    head: ['Direction of travel', 'Indicators'],
    rows: [
      ['Improved', '0'],
      ['Same', '0'],
      ['Worse', '0'],
      ['No direction', '0'],
    ],
  },
  {
    name: 'bubble: direction by RAG, no direction kept apart in the table, zero counts dropped',
    render: () => dotRagBubbleChart('bubble', BUBBLES),
    title: 'Direction of travel and RAG status',
    description:
      '20 indicators in 5 groups. Largest: 9 green and improved; 5 green and same; 3 green with no direction of travel.',
    head: ['RAG status', 'Direction of travel', 'Indicators'],
    rows: [
      ['Green', 'Improved', '9'],
      ['Green', 'Same', '5'],
      ['Green', 'No direction', '3'],
      ['Amber', 'Worse', '1'],
      ['Red', 'Worse', '2'],
    ],
  },
  {
    name: 'bubble: nothing to plot',
    render: () => dotRagBubbleChart('bubble-empty', [{ rag: 'R', dot: 'worse', count: 0 }]),
    title: 'Direction of travel and RAG status',
    description: 'No indicators with both a RAG status and a direction of travel to show.',
    head: ['RAG status', 'Direction of travel', 'Indicators'],
    rows: [],
  },
  {
    name: 'dial: negative target, higher is better',
    render: () => dialChart('dial-negative', NEGATIVE_DIAL),
    title: 'Change in serious acquisitive crime',
    description:
      'Change in serious acquisitive crime: actual -5.06% against a target of -15.5% ' +
      '(higher is better, amber limit -17.05%). Status: green.',
    head: ['Measure', 'Value'],
    rows: [
      ['Actual', '-5.06%'],
      ['Target', '-15.5%'],
      ['Amber limit', '-17.05%'],
      ['Status', 'Green'],
    ],
  },
  {
    name: 'dial: actual and target both zero, no amber band',
    render: () =>
      dialChart('dial-zero', {
        title: 'Missed bins',
        actual: 0,
        target: 0,
        amberLimit: null,
        polarity: 'lower',
        unit: '',
        rag: 'G',
      }),
    title: 'Missed bins',
    description: 'Missed bins: actual 0 against a target of 0 (lower is better). Status: green.',
    head: ['Measure', 'Value'],
    rows: [
      ['Actual', '0'],
      ['Target', '0'],
      ['Status', 'Green'],
    ],
  },
  {
    name: 'dial: no polarity, money, not rated',
    render: () =>
      dialChart('dial-none', {
        title: 'Budget <forecast> & outturn',
        actual: 18.5,
        target: 18,
        amberLimit: 17.1,
        polarity: 'none',
        unit: '£m',
        rag: null,
      }),
    title: 'Budget <forecast> & outturn',
    description:
      'Budget <forecast> & outturn: actual £18.5m against a target of £18m ' +
      '(no preferred direction, amber limit £17.1m). Status: not rated.',
    head: ['Measure', 'Value'],
    rows: [
      ['Actual', '£18.5m'],
      ['Target', '£18m'],
      ['Amber limit', '£17.1m'],
      ['Status', 'Not rated'],
    ],
  },
  {
    name: 'trend: a gap and a target per period',
    render: () => trendChart('trend', RECYCLING),
    title: 'Household waste recycled',
    description:
      'Household waste recycled: latest actual 48.3% in 2013/14 Q2 against a target of 47%, status green; ' +
      '41.2% in 2012/13 Q3. 3 periods of 4 reported.',
    head: ['Period', 'Actual', 'Target', 'Status'],
    rows: [
      ['2012/13 Q3', '41.2%', '45%', 'Amber'],
      ['2012/13 Q4', '44.9%', '45%', 'Amber'],
      ['2013/14 Q1', '—', '47%', '—'],
      ['2013/14 Q2', '48.3%', '47%', 'Green'],
    ],
  },
  {
    name: 'trend: every actual missing',
    render: () =>
      trendChart('trend-empty', {
        title: 'Average days lost to sickness',
        unit: 'days',
        points: [
          { period: '2013/14 Q1', actual: null, target: 8.5, rag: null },
          { period: '2013/14 Q2', actual: null, target: null, rag: null },
        ],
      }),
    title: 'Average days lost to sickness',
    description: 'Average days lost to sickness: no actual figures reported for the 2 periods shown.',
    head: ['Period', 'Actual', 'Target', 'Status'],
    rows: [
      ['2013/14 Q1', '—', '8.5 days', '—'],
      ['2013/14 Q2', '—', '—', '—'],
    ],
  },
]

function escaped(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

describe('charts', () => {
  for (const c of cases) {
    describe(c.name, () => {
      const chart = c.render()
      const { id } = chart

      it('is an accessible, scalable SVG', () => {
        assert.ok(chart.svg.startsWith('<svg '), chart.svg.slice(0, 40))
        assert.ok(chart.svg.trimEnd().endsWith('</svg>'))
        const root = /^<svg[^>]*>/.exec(chart.svg)?.[0] ?? ''
        assert.match(root, /\srole="img"/)
        assert.match(root, new RegExp(`\\saria-labelledby="${id}-title ${id}-desc"`))
        assert.match(root, /\sviewBox="0 0 \d+ \d+"/)
        assert.match(root, /\swidth="\d+"/)
        const head = `<title id="${id}-title">${escaped(c.title)}</title><desc id="${id}-desc">${escaped(c.description)}</desc>`
        assert.ok(chart.svg.startsWith(`${root}${head}`), chart.svg.slice(root.length, root.length + 300))
      })

      it('has the expected title, description and data table', () => {
        assert.equal(chart.title, c.title)
        assert.equal(chart.description, c.description)
        assert.deepEqual(chart.table.head, c.head)
        assert.deepEqual(chart.table.rows, c.rows)
        assert.ok(chart.table.caption.length > 0)
      })

      it('has no NaN, Infinity, undefined or leftover interactive markup', () => {
        for (const bad of ['NaN', 'Infinity', 'undefined', 'null', '<style', ' style="', 'ecmeta_', 'class="zr']) {
          assert.ok(!chart.svg.includes(bad), `found ${bad}`)
        }
      })

      it('renders byte for byte the same every time', () => {
        assert.equal(c.render().svg, chart.svg)
      })

      it('names every id after the chart, so several charts can share a page', () => {
        const ids = [...chart.svg.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1] ?? '')
        assert.ok(ids.length >= 2)
        for (const each of ids) assert.ok(each.startsWith(`${id}-`), each)
        assert.equal(new Set(ids).size, ids.length)
      })
    })
  }
})

describe('chart content', () => {
  it('escapes a theme name in the axis label and never prints it raw', () => {
    const { svg } = ragByThemeChart('escaping', [
      { theme: 'Fish & Chips <Ltd>', G: 1, A: 0, R: 0, none: 0, notReported: 0 },
    ])
    assert.ok(svg.includes('Fish &amp; Chips &lt;Ltd&gt;'))
    assert.ok(!svg.includes('<Ltd>'))
  })

  it('labels each non-zero segment of the theme bars with its count', () => {
    const { svg } = ragByThemeChart('labels', [{ theme: 'Only', G: 7, A: 0, R: 3, none: 0, notReported: 0 }])
    const labels = [...svg.matchAll(/<text[^>]*>(\d+)<\/text>/g)].map((m) => m[1])
    assert.ok(labels.includes('7') && labels.includes('3'), String(labels))
  })

  it('draws one bubble per plotted cell: no direction joins Same, zero counts are left out', () => {
    const { svg } = dotRagBubbleChart('bubbles', BUBBLES)
    const labels = [...svg.matchAll(/<text[^>]*>(\d+)<\/text>/g)].map((m) => m[1])
    // Green: improved 9, same 5 + none 3 = 8; Amber worse 1; Red worse 2. Red improved (0) is not drawn.
    assert.deepEqual([...labels].sort(), ['1', '2', '8', '9'])
  })

  it('shows the actual with its unit in the dial', () => {
    const { svg } = dialChart('dial', NEGATIVE_DIAL)
    assert.ok(svg.includes('>-5.06%</text>'))
    assert.ok(svg.includes('>Target -15.5%</text>'))
  })

  it('labels the trend points with their values and leaves the missing one out', () => {
    const { svg } = trendChart('trend', RECYCLING)
    for (const label of ['41.2%', '44.9%', '48.3%']) assert.ok(svg.includes(`>${label}</text>`), label)
    assert.ok(svg.includes('stroke-dasharray'), 'the target is dashed')
  })

  it('remembers a chart with label formatters by its input, and draws it afresh for any other input', () => {
    const again = trendChart('trend', structuredClone(RECYCLING)).svg
    assert.equal(again, trendChart('trend', RECYCLING).svg, 'the same input, the same drawing')
    const inPounds = trendChart('trend', { ...RECYCLING, unit: '£' }).svg
    assert.ok(inPounds.includes('>£41.2</text>'), 'the formatter sees the new unit')
    assert.notEqual(inPounds, again)
    const moved = { ...NEGATIVE_DIAL, actual: NEGATIVE_DIAL.actual - 1 }
    assert.notEqual(dialChart('dial', moved).svg, dialChart('dial', NEGATIVE_DIAL).svg)
    assert.ok(dialChart('dial', moved).svg.includes('>-6.06%</text>'), 'the needle’s label is the new actual')
  })

  it('gives charts with different ids different element ids', () => {
    const a = directionChart('first', { improved: 1, same: 1, worse: 1, none: 1 }).svg
    const b = directionChart('second', { improved: 1, same: 1, worse: 1, none: 1 }).svg
    assert.notEqual(a, b)
    assert.equal(a.replaceAll('first-', 'second-'), b)
  })
})

describe('dial scale', () => {
  const ranges: [number[], number, number][] = [
    [[-5.06, -15.5, -17.05], -25, 0],
    [[0, 0], 0, 1],
    [[82, 78.5, 79], 76, 84],
    [[5, 5, 5], 2, 8],
    [[-3, -3], -5, -1],
    [[0.0001, 0.0002], 0.00005, 0.00025],
    [[3802, 4100, 3900], 3700, 4200],
  ]
  for (const [values, min, max] of ranges) {
    it(`holds ${values.join(', ')} within ${min} to ${max}`, () => {
      const range = dialRange(values)
      assert.deepEqual([range.min, range.max], [min, max])
      for (const value of values) assert.ok(value >= range.min && value <= range.max)
      assert.ok(Number.isInteger(range.splitNumber) && range.splitNumber >= 1)
    })
  }

  it('refuses values that are not finite', () => {
    assert.throws(() => dialRange([1, Number.NaN]), RangeError)
    assert.throws(() => dialChart('bad', { ...NEGATIVE_DIAL, actual: Number.POSITIVE_INFINITY }), RangeError)
  })
})

describe('accessible SVG', () => {
  it('adds a viewBox when the SVG has only a size', () => {
    const svg = accessibleSvg('<svg width="10" height="20"><rect/></svg>', 'x', 'T', 'D')
    assert.equal(
      svg,
      '<svg width="10" height="20" viewBox="0 0 10 20" role="img" aria-labelledby="x-title x-desc">' +
        '<title id="x-title">T</title><desc id="x-desc">D</desc><rect/></svg>',
    )
  })

  it('rewrites clip-path ids and their references', () => {
    const svg = accessibleSvg(
      '<svg width="1" height="1" viewBox="0 0 1 1"><g clip-path="url(#zr7-c0)"></g><defs><clipPath id="zr7-c0"></clipPath></defs></svg>',
      'c',
      't',
      'd',
    )
    assert.ok(svg.includes('clip-path="url(#c-def-0)"') && svg.includes('<clipPath id="c-def-0">'), svg)
  })

  const ids: [string, string][] = [
    ['rag-by-theme', 'rag-by-theme'],
    ['2013/14 Q2 dial', 'chart-2013-14-Q2-dial'],
    ['a"b<c', 'a-b-c'],
    ['', 'chart'],
  ]
  for (const [raw, id] of ids) {
    it(`makes "${raw}" the HTML id "${id}"`, () => {
      assert.equal(htmlId(raw), id)
    })
  }

  const wraps: [string, string][] = [
    ['Excellence in Education', 'Excellence in Education'],
    ['Services Focused on the Most Vulnerable People', 'Services Focused on the Most\nVulnerable People'],
    ['Supercalifragilisticexpialidocious-and-more', 'Supercalifragilisticexpiali…'],
  ]
  for (const [text, wrapped] of wraps) {
    it(`wraps "${text}" for the axis`, () => {
      assert.equal(wrapLabel(text), wrapped)
    })
  }
})

describe('PNG for Word and Excel', () => {
  it('converts a chart to a PNG of the requested width', async () => {
    const png = await svgToPng(ragByThemeChart('png', TRAFFORD_THEMES).svg, 1280)
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    assert.equal(png.toString('ascii', 12, 16), 'IHDR')
    assert.equal(png.readUInt32BE(16), 1280)
    assert.ok(png.readUInt32BE(20) > 0)
  })
})
