import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compareWithBenchmark } from '../../../src/domain/statistics/comparison.ts'
import { dsrInterval, rateInterval, wilsonInterval } from '../../../src/domain/statistics/intervals.ts'
import { quintileCategory, rankQuantiles } from '../../../src/domain/statistics/quantiles.ts'
import { type SpcOptions, type SpcResult, analyseSpc } from '../../../src/domain/statistics/spc.ts'

/** A small seeded generator (mulberry32), so every run tries the same cases and a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const RUNS = 300
const CONFIDENCES = [0.9, 0.95, 95, 0.998, 99.8, 99.9]

function whole(random: () => number, below: number): number {
  return Math.floor(random() * below)
}

/** A series as councils' figures come: a level, noise, sometimes a step, a drift, a spike or a flat stretch. */
function series(random: () => number): number[] {
  const length = whole(random, 40)
  const level = (random() - 0.5) * 200
  const noise = random() * 20
  const shape = whole(random, 5)
  return Array.from({ length }, (_, i) => {
    if (shape === 0) return Math.round(level)
    const step = shape === 1 && i > length / 2 ? noise * 3 : 0
    const drift = shape === 2 ? i * noise * 0.2 : 0
    const spike = shape === 3 && i === Math.floor(length / 3) ? noise * 10 : 0
    return level + step + drift + spike + (random() - 0.5) * noise
  })
}

function everyNumberFinite(value: unknown, where: string): void {
  if (typeof value === 'number') assert.ok(Number.isFinite(value), `${where} is ${value}`)
  else if (Array.isArray(value)) {
    for (const [i, each] of value.entries()) everyNumberFinite(each, `${where}[${i}]`)
  } else if (value !== null && typeof value === 'object') {
    for (const [key, each] of Object.entries(value)) everyNumberFinite(each, `${where}.${key}`)
  }
}

describe('intervals contain their estimate', () => {
  it('Wilson: lower ≤ p ≤ upper, within a rounding error at x = 0 and x = n', () => {
    const random = seeded(1)
    for (let run = 0; run < RUNS; run++) {
      const n = 1 + whole(random, 5000)
      const x = run % 10 === 0 ? n : run % 10 === 1 ? 0 : whole(random, n + 1)
      const confidence = CONFIDENCES[run % CONFIDENCES.length] ?? 0.95
      const { value, lower, upper } = wilsonInterval(x, n, { confidence })
      assert.ok(lower <= value + 1e-15 && value <= upper + 1e-15, `${x}/${n} at ${confidence}: ${lower} ${upper}`)
      assert.ok(lower >= 0 && upper <= 1 + 1e-15, `${x}/${n}`)
    }
  })

  it('crude rates: lower ≤ rate ≤ upper, exact and Byar’s alike', () => {
    const random = seeded(2)
    for (let run = 0; run < RUNS; run++) {
      const x = run % 3 === 0 ? whole(random, 10) : whole(random, 5000)
      const n = 1 + whole(random, 100000)
      const confidence = CONFIDENCES[run % CONFIDENCES.length] ?? 0.95
      const rate = rateInterval(x, n, { confidence })
      assert.ok(rate.lower <= rate.value && rate.value <= rate.upper, `${x}/${n} at ${confidence}`)
      assert.equal(rate.ciMethod, x < 10 ? 'exact' : 'byars')
    }
  })

  it('DSRs: lower ≤ DSR ≤ upper whenever one is published', () => {
    const random = seeded(3)
    for (let run = 0; run < RUNS; run++) {
      const bands = 1 + whole(random, 19)
      const counts = Array.from({ length: bands }, () => (random() < 0.1 ? null : whole(random, 40)))
      const populations = Array.from({ length: bands }, () => 1 + whole(random, 50000))
      const standard = Array.from({ length: bands }, () => 1 + whole(random, 7000))
      const dsr = dsrInterval(counts, populations, { standard, confidence: CONFIDENCES[run % 6] ?? 0.95 })
      if (dsr.totalCount < 10) {
        assert.deepEqual([dsr.value, dsr.lower, dsr.upper], [null, null, null])
        continue
      }
      assert.ok(dsr.value !== null && dsr.lower !== null && dsr.upper !== null)
      assert.ok(dsr.lower <= dsr.value && dsr.value <= dsr.upper)
    }
  })

  it('a wider confidence level gives a wider interval', () => {
    const random = seeded(4)
    for (let run = 0; run < RUNS; run++) {
      const n = 1 + whole(random, 1000)
      const x = whole(random, n + 1)
      const narrow = wilsonInterval(x, n, { confidence: 0.95 })
      const wide = wilsonInterval(x, n, { confidence: 0.998 })
      assert.ok(wide.lower <= narrow.lower + 1e-15 && narrow.upper <= wide.upper + 1e-15)
      const rate95 = rateInterval(x, n)
      const rate998 = rateInterval(x, n, { confidence: 99.8 })
      assert.ok(rate998.lower <= rate95.lower && rate95.upper <= rate998.upper)
    }
  })

  it('a benchmark inside an interval is always similar, and outside it never is', () => {
    const random = seeded(5)
    for (let run = 0; run < RUNS; run++) {
      const value = random() * 100
      const lower = value - random() * 10
      const upper = value + random() * 10
      const inside = lower + random() * (upper - lower)
      const outside = random() < 0.5 ? lower - 1 - random() : upper + 1 + random()
      for (const polarity of ['higher', 'lower', 'none'] as const) {
        assert.equal(compareWithBenchmark({ value, lower, upper }, inside, polarity), 'similar')
        assert.notEqual(compareWithBenchmark({ value, lower, upper }, outside, polarity), 'similar')
      }
    }
  })

  it('quintiles and rank quantiles stay in range and keep the order of the values', () => {
    const random = seeded(6)
    for (let run = 0; run < 100; run++) {
      const values = Array.from({ length: 5 + whole(random, 60) }, () => Math.round(random() * 1000) / 10)
      const sorted = [...values].sort((a, b) => a - b)
      const categories = sorted.map((value) => quintileCategory(value, values, 'lower'))
      assert.ok(categories.every((c, i) => c >= 1 && c <= 5 && (i === 0 || c >= (categories[i - 1] ?? 0))))
      const deciles = rankQuantiles(sorted, 5, false)
      assert.ok(deciles.every((d, i) => d !== null && d >= 1 && d <= 5 && (i === 0 || d >= (deciles[i - 1] ?? 0))))
    }
  })
})

describe('SPC charts', () => {
  const charts: { values: number[]; options: SpcOptions; result: SpcResult }[] = []
  const random = seeded(7)
  for (let run = 0; run < RUNS; run++) {
    const values = series(random)
    const options: SpcOptions = {
      improvement: (['increase', 'decrease', 'neutral'] as const)[run % 3] ?? 'increase',
      target: random() < 0.5 ? null : (random() - 0.5) * 300,
      screenOutliers: random() < 0.8,
      twoOfThreeVariant: random() < 0.5 ? 'nhsr' : 'mdc-2023',
      ...(values.length > 4 && random() < 0.4 ? { rebaseAt: [1 + whole(random, values.length - 1)] } : {}),
    }
    charts.push({ values, options, result: analyseSpc(values, options) })
  }

  it('never gives NaN or Infinity', () => {
    for (const { result } of charts) everyNumberFinite(result, 'result')
  })

  it('puts the limits symmetrically about the mean, the near limits inside them', () => {
    for (const { result } of charts) {
      for (const group of result.groups) {
        if (group.lpl === null || group.upl === null || group.nlpl === null || group.nupl === null) continue
        const scale = Math.max(1, Math.abs(group.mean))
        assert.ok(Math.abs(group.mean - group.lpl - (group.upl - group.mean)) <= 1e-12 * scale)
        assert.ok(group.lpl <= group.nlpl && group.nlpl <= group.mean && group.nupl <= group.upl)
      }
    }
  })

  it('labels consistently: outside means the outside rule; close is never outside; common cause has no rule', () => {
    for (const { result } of charts) {
      for (const point of result.points) {
        if (point.outside) assert.equal(point.rule, 'outside')
        assert.ok(!(point.outside && point.close))
        assert.equal(point.rule === null, point.type === 'common')
        assert.equal(point.side === null, point.type === 'common')
      }
    }
  })

  it('keeps rebased periods independent: changing one period never changes another’s limits or flags', () => {
    const random = seeded(8)
    for (let run = 0; run < RUNS; run++) {
      const first = series(random)
      const second = series(random)
      if (first.length === 0 || second.length === 0) continue
      const options: SpcOptions = { rebaseAt: [first.length], twoOfThreeVariant: run % 2 === 0 ? 'nhsr' : 'mdc-2023' }
      const before = analyseSpc([...first, ...second], options)
      const changed = second.map((value) => value * (1 + random()) + (random() - 0.5) * 50)
      const after = analyseSpc([...first, ...changed], options)
      assert.deepEqual(after.groups[0], before.groups[0])
      assert.deepEqual(after.points.slice(0, first.length), before.points.slice(0, first.length))
      const changedFirst = first.map((value) => value - random() * 30)
      const again = analyseSpc([...changedFirst, ...second], options)
      assert.deepEqual(again.groups[1], before.groups[1])
      assert.deepEqual(again.points.slice(first.length), before.points.slice(first.length))
    }
  })

  it('does not depend on where the series sits: shifting every value moves the limits and keeps the flags', () => {
    const random = seeded(9)
    for (let run = 0; run < 100; run++) {
      const values = series(random).map((value) => Math.round(value))
      const shift = 1024
      const before = analyseSpc(values)
      const after = analyseSpc(values.map((value) => value + shift))
      assert.deepEqual(
        after.points.map((p) => [p.rule, p.type]),
        before.points.map((p) => [p.rule, p.type]),
      )
    }
  })
})
